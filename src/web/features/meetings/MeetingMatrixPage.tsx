import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Select, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { SQUARE_STATES } from '../../../shared/domain/meetings';
import type { SquareState } from '../../../shared/domain/meetings';
import { formatDate, formatNumber, viCollator } from '../../../shared/domain/text';
import { holdsMembers } from '../../../shared/domain/units';
import { errorMessage } from '../../api/client';
import { matrixExportUrl, meetingQueries } from '../../api/meetings';
import type { MatrixRow, MeetingMatrix, SquareCounts } from '../../api/meetings';
import { downloadFile } from '../../api/members';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { MatrixUrgeButton } from '../urging/UrgeButtons';
import { formatShare, positiveInt, yearOptions, yearParam } from './meetingFormat';
import { CellSquare, CountSquare, SQUARE_LOOK, SquareLegend } from './SquareState';
import styles from './Meetings.module.css';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** "Ma trận sinh hoạt": a unit's children (or cells) × the 12 months, with totals and indicators. */
export function MeetingMatrixPage() {
  const me = useMe();
  useDocumentTitle('Ma trận sinh hoạt chi bộ');
  if (me.role === 'member') return <ForbiddenPage />;
  return <MatrixScreen />;
}

function MatrixScreen() {
  const [params, setParams] = useSearchParams();
  const unitId = positiveInt(params.get('unit'));
  const year = yearParam(params.get('year'));
  const matrix = useQuery(meetingQueries.matrix(unitId, year));

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  return (
    <div className={styles.pageWide}>
      <Typography.Title level={1} className="page-title">
        Ma trận sinh hoạt chi bộ
      </Typography.Title>
      <div className={styles.toolbarRow}>
        <label className={styles.inlineLabel}>
          <span>Năm</span>
          <Select className={styles.yearBox} size="large" value={year} options={yearOptions(year)} onChange={(value) => update({ year: String(value) })} aria-label="Năm" />
        </label>
        <ExportButton unitId={unitId} year={year} name={matrix.data?.unit.unit.name} />
        {matrix.data && !holdsMembers(matrix.data.unit.unit.kind) ? <MatrixUrgeButton matrix={matrix.data} /> : null}
      </div>
      {matrix.isPending ? (
        <LoadingBlock rows={10} />
      ) : matrix.isError && !matrix.data ? (
        <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : matrix.data ? (
        <MatrixBody matrix={matrix.data} loading={matrix.isFetching} />
      ) : null}
    </div>
  );
}

function ExportButton({ unitId, year, name }: { unitId: number | undefined; year: number; name: string | undefined }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    setBusy(true);
    try {
      await downloadFile(matrixExportUrl(unitId, year), `sinh-hoat-chi-bo-${year}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="large" icon={<DownloadOutlined />} loading={busy} disabled={!name} onClick={() => void onExport()}>
      Xuất Excel
    </Button>
  );
}

function matrixLink(unitId: number, year: number): string {
  return `/sinh-hoat/ma-tran?unit=${unitId}&year=${year}`;
}

function rowLink(row: MatrixRow, year: number): string {
  return holdsMembers(row.unit.kind) ? `/sinh-hoat/${row.unit.id}?year=${year}` : matrixLink(row.unit.id, year);
}

/** The one state of a cell's month (its counts are 0 or 1). */
function cellState(counts: SquareCounts): SquareState | null {
  return SQUARE_STATES.find((state) => counts[state] > 0) ?? null;
}

function MatrixBody({ matrix, loading }: { matrix: MeetingMatrix; loading: boolean }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { unit } = matrix;
  const cellView = holdsMembers(unit.unit.kind);
  const breadcrumb = [
    ...matrix.ancestors.map((ancestor) => ({ key: ancestor.id, title: <Link to={matrixLink(ancestor.id, matrix.year)}>{ancestor.name}</Link> })),
    { key: unit.unit.id, title: <span aria-current="page">{unit.unit.name}</span> },
  ];

  return (
    <>
      <Breadcrumb className={styles.breadcrumb} items={breadcrumb} />
      <p className={styles.muted}>
        Năm {matrix.year} · {formatNumber(unit.cells)} chi bộ · số liệu đến ngày {formatDate(matrix.today)}
      </p>
      <div className={styles.stats}>
        <div className={styles.stat}>
          <Statistic title="Chi bộ-tháng sinh hoạt có chuyên đề" value={formatShare(unit.validShare)} />
        </div>
        <div className={styles.stat}>
          <Statistic title="Tỷ lệ dự họp" value={formatShare(unit.attendanceRate)} />
        </div>
        <div className={styles.stat}>
          <Statistic title="Chi bộ bỏ họp 2 tháng liền" value={formatNumber(unit.cellsMissingTwoInRow)} />
        </div>
        <div className={styles.stat}>
          <Statistic title="Chi bộ-tháng không sinh hoạt" value={formatNumber(unit.totals.not_held)} />
        </div>
      </div>
      {cellView ? (
        <EmptyState description="Đây là một chi bộ.">
          <Link to={`/sinh-hoat/${unit.unit.id}?year=${matrix.year}`}>Xem sinh hoạt của chi bộ</Link>
        </EmptyState>
      ) : (
        <div className={styles.matrixBox}>
          <Table<MatrixRow>
            rowKey={(row) => row.unit.id}
            size="small"
            bordered
            loading={loading}
            columns={matrixColumns(matrix.year, isMobile)}
            dataSource={matrix.rows}
            pagination={matrix.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            rowClassName={styles.matrixRow}
            onRow={(row) => ({ onClick: (event) => {
              // Let the name link handle its own clicks (and ctrl-click for a new tab).
              if ((event.target as HTMLElement).closest('a')) return;
              void navigate(rowLink(row, matrix.year));
            } })}
            locale={{ emptyText: <EmptyState description="Không có đơn vị trực thuộc nào." /> }}
            summary={() => <SummaryRow matrix={matrix} />}
          />
        </div>
      )}
      <div className={styles.legendBox}>
        <SquareLegend />
      </div>
    </>
  );
}

function TotalsCells({ counts, share }: { counts: SquareCounts; share: number | null }) {
  return (
    <>
      <Table.Summary.Cell index={13} align="right">
        {formatNumber(counts.held)}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={14} align="right">
        {formatNumber(counts.held_without_topic)}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={15} align="right">
        {formatNumber(counts.not_held)}
      </Table.Summary.Cell>
      <Table.Summary.Cell index={16} align="right">
        {formatShare(share)}
      </Table.Summary.Cell>
    </>
  );
}

function SummaryRow({ matrix }: { matrix: MeetingMatrix }) {
  return (
    <Table.Summary.Row className={styles.summaryRow}>
      <Table.Summary.Cell index={0} className={styles.unitCellFixed}>
        <strong>Cộng</strong>
      </Table.Summary.Cell>
      {matrix.columns.map((counts, index) => (
        <Table.Summary.Cell key={index} index={index + 1} align="center">
          <CountSquare counts={counts} month={index + 1} />
        </Table.Summary.Cell>
      ))}
      <TotalsCells counts={matrix.unit.totals} share={matrix.unit.validShare} />
    </Table.Summary.Row>
  );
}

function totalColumn(state: SquareState, title: string) {
  return {
    title: <span style={{ color: SQUARE_LOOK[state].text }}>{title}</span>,
    key: `total-${state}`,
    align: 'right' as const,
    width: 70,
    sorter: (a: MatrixRow, b: MatrixRow) => a.totals[state] - b.totals[state],
    sortDirections: ['descend' as const, 'ascend' as const],
    render: (_value: unknown, row: MatrixRow) => <span className={row.totals[state] === 0 ? styles.zero : undefined}>{formatNumber(row.totals[state])}</span>,
  };
}

function matrixColumns(year: number, isMobile: boolean): TableColumnsType<MatrixRow> {
  return [
    {
      title: 'Đơn vị',
      key: 'unit',
      fixed: 'left',
      width: isMobile ? 132 : 190,
      className: styles.unitCell,
      sorter: (a, b) => viCollator.compare(a.unit.name, b.unit.name),
      render: (_value, row) => (
        <div>
          <Link to={rowLink(row, year)} className={styles.unitLink}>
            {row.unit.name}
            {holdsMembers(row.unit.kind) ? null : <RightOutlined aria-hidden className={styles.drillIcon} />}
          </Link>
          {holdsMembers(row.unit.kind) ? null : <span className={styles.unitMeta}>{formatNumber(row.cells)} chi bộ</span>}
          {row.cellsMissingTwoInRow > 0 ? (
            <span className={styles.unitWarn}>
              {holdsMembers(row.unit.kind) ? 'Bỏ họp 2 tháng liền' : `${formatNumber(row.cellsMissingTwoInRow)} chi bộ bỏ họp 2 tháng liền`}
            </span>
          ) : null}
        </div>
      ),
    },
    ...MONTHS.map((month) => ({
      title: (
        <>
          <span aria-hidden="true">T{month}</span>
          <span className="visually-hidden">Tháng {month}</span>
        </>
      ),
      key: `m${month}`,
      align: 'center' as const,
      width: 54,
      render: (_value: unknown, row: MatrixRow) => {
        const counts = row.squares[month - 1];
        if (!counts) return null;
        if (holdsMembers(row.unit.kind)) {
          const state = cellState(counts);
          return state ? <CellSquare state={state} month={month} /> : <span className={styles.zero}>—</span>;
        }
        return <CountSquare counts={counts} month={month} />;
      },
    })),
    totalColumn('held', 'Có CĐ'),
    totalColumn('held_without_topic', 'Không CĐ'),
    totalColumn('not_held', 'Không SH'),
    {
      title: 'Tỷ lệ có CĐ',
      key: 'share',
      align: 'right',
      width: 76,
      sorter: (a, b) => (a.validShare ?? -1) - (b.validShare ?? -1),
      render: (_value, row) => formatShare(row.validShare),
    },
  ];
}
