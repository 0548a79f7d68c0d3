import { useQuery } from '@tanstack/react-query';
import { Switch, Table } from 'antd';
import { useState } from 'react';
import { formatNumber } from '../../../shared/domain/text';
import { commitmentQueries } from '../../api/commitments';
import type { Unregistered } from '../../api/commitments';
import { EmptyState } from '../../components/states';
import { TimelinessTag } from '../cascade/TimelinessTag';
import { LeaderTag, TooBigOrError } from './CommitmentParts';
import styles from './Commitments.module.css';

type Row = Unregistered['items'][number];

/** Who under a unit has not registered yet, leaders first if asked, paged on the server. */
export function UnregisteredPanel({ unitId, roundId }: { unitId: number; roundId: number }) {
  const [leadersOnly, setLeadersOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const list = useQuery(commitmentQueries.unregistered({ unitId, roundId, leadersOnly, page, pageSize }));

  return (
    <div>
      <div className={styles.toolbarRow}>
        <label className={styles.switchRow}>
          <Switch
            checked={leadersOnly}
            onChange={(checked) => {
              setLeadersOnly(checked);
              setPage(1);
            }}
          />
          <span>Chỉ cán bộ lãnh đạo chủ chốt, người đứng đầu</span>
        </label>
        {list.data ? <span className={styles.muted}>{formatNumber(list.data.total)} người chưa đăng ký</span> : null}
      </div>
      {list.isError && !list.data ? (
        <TooBigOrError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <div className={styles.tableBox}>
          <Table<Row>
            rowKey={(row) => row.member.id}
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: 'Đảng viên',
                key: 'name',
                render: (_value, row) => (
                  <span className={styles.nameCell}>
                    {row.member.fullName} {row.isLeader ? <LeaderTag /> : null}
                  </span>
                ),
              },
              { title: 'Chi bộ', key: 'cell', render: (_value, row) => row.cell.name },
              { title: 'Tình trạng', key: 'state', render: (_value, row) => <TimelinessTag state={row.state} long /> },
            ]}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              onChange: (next, size) => {
                setPage(size === pageSize ? next : 1);
                setPageSize(size);
              },
            }}
            locale={{ emptyText: <EmptyState description={list.isPending ? 'Đang tải…' : 'Mọi người đã đăng ký.'} /> }}
          />
        </div>
      )}
    </div>
  );
}
