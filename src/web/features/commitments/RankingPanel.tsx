import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Table } from 'antd';
import { useState } from 'react';
import { formatNumber } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { commitmentQueries, rankingExportUrl } from '../../api/commitments';
import type { Ranking } from '../../api/commitments';
import { downloadFile } from '../../api/members';
import { Panel } from '../../components/Panel';
import { EmptyState, LoadingBlock } from '../../components/states';
import { TooBigOrError } from './CommitmentParts';
import { formatShare } from './commitmentFormat';
import { NOT_ASSESSED } from './CoverageView';
import styles from './Commitments.module.css';

type MemberRow = Ranking['members'][number];
type UnitRow = Ranking['units'][number];

/** "Bình xét thi đua": members and sub-units ordered by outcome, exportable to Excel. */
export function RankingPanel({ unitId, roundId }: { unitId: number; roundId: number }) {
  const ranking = useQuery(commitmentQueries.ranking(unitId, roundId));
  if (ranking.isPending) return <LoadingBlock rows={8} />;
  if (ranking.isError && !ranking.data) return <TooBigOrError error={ranking.error} onRetry={() => void ranking.refetch()} />;
  return <RankingBody ranking={ranking.data} loading={ranking.isFetching} />;
}

function ExportRanking({ ranking }: { ranking: Ranking }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      await downloadFile(rankingExportUrl(ranking.unit.id, ranking.round.id), `binh-xet-thi-dua-${ranking.round.year}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onExport()}>
      Xuất Excel
    </Button>
  );
}

function RankingBody({ ranking, loading }: { ranking: Ranking; loading: boolean }) {
  const levels = [...ranking.levels].sort((a, b) => a.rank - b.rank);
  const levelColumns = [...levels.map((level) => ({ code: level.code, label: level.label })), { code: NOT_ASSESSED, label: 'Chưa đánh giá' }];
  return (
    <div>
      <div className={styles.toolbarRow}>
        <span className={styles.muted}>
          {ranking.unit.name} · năm {ranking.round.year}
        </span>
        <ExportRanking ranking={ranking} />
      </div>
      {ranking.units.length > 0 ? (
        <Panel title="Các đơn vị trực thuộc" className={styles.block}>
          <div className={styles.tableBox}>
            <Table<UnitRow>
              rowKey={(row) => row.unit.id}
              size="small"
              loading={loading}
              dataSource={ranking.units}
              pagination={ranking.units.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: 'Thứ tự', key: 'position', width: 64, align: 'right', render: (_value, row) => row.position },
                { title: 'Đơn vị', key: 'unit', width: 200, render: (_value, row) => row.unit.name },
                { title: 'Đảng viên', key: 'members', align: 'right', width: 80, render: (_value, row) => formatNumber(row.members) },
                { title: 'Đã xếp loại', key: 'decided', align: 'right', width: 80, render: (_value, row) => formatNumber(row.decided) },
                ...levelColumns.map((level) => ({
                  title: level.label,
                  key: `level-${level.code}`,
                  align: 'right' as const,
                  width: 110,
                  render: (_value: unknown, row: UnitRow) => formatNumber(row.levels[level.code] ?? 0),
                })),
                { title: 'Tỷ lệ mức cao nhất', key: 'top', align: 'right', width: 90, render: (_value, row) => formatShare(row.topShare) },
              ]}
            />
          </div>
        </Panel>
      ) : null}
      <Panel title="Đảng viên" className={styles.block}>
        <div className={styles.tableBox}>
          <Table<MemberRow>
            rowKey={(row) => row.member.id}
            size="small"
            loading={loading}
            dataSource={ranking.members}
            pagination={ranking.members.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description="Chưa có đảng viên nào được xếp loại." /> }}
            columns={[
              { title: 'Thứ tự', key: 'position', width: 64, align: 'right', render: (_value, row) => row.position },
              { title: 'Đảng viên', key: 'name', width: 180, render: (_value, row) => row.member.fullName },
              { title: 'Chi bộ', key: 'cell', width: 180, render: (_value, row) => row.cell },
              { title: 'Xếp loại', key: 'level', width: 200, render: (_value, row) => row.level?.label ?? 'Chưa xếp loại' },
              { title: 'Số việc', key: 'items', align: 'right', width: 70, render: (_value, row) => formatNumber(row.items) },
              { title: 'Làm được', key: 'done', align: 'right', width: 80, render: (_value, row) => formatShare(row.doneShare) },
            ]}
          />
        </div>
      </Panel>
    </div>
  );
}
