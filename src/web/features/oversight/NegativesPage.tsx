import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { oversightQueries } from '../../api/oversight';
import type { NegativeItem } from '../../api/oversight';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt, yearOptions, yearParam } from '../meetings/meetingFormat';
import { NegativeModal } from './FindingDialogs';
import { FindingKindTag, KindTag } from './oversightFormat';
import styles from './Oversight.module.css';

const TITLE = 'Hiện tượng tiêu cực';

/** "Hiện tượng tiêu cực": what oversight criticised, for officers in scope only (never members, never public). */
export function NegativesPage() {
  const me = useMe();
  useDocumentTitle(TITLE);
  // The same rule as the server's refusal (403): officers only. The menu hides the entry from the others.
  if (!me.permissions.editTree) return <ForbiddenPage />;
  return <NegativesScreen />;
}

function NegativesScreen() {
  const me = useMe();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const allYears = params.get('year') === 'all';
  const year = allYears ? undefined : yearParam(params.get('year'));
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const [editing, setEditing] = useState<NegativeItem | null>(null);

  const list = useQuery(oversightQueries.negatives({ unitId: unitParam, year }));
  const unitId = list.data?.unit.id ?? unitParam ?? me.scopeUnit.id;
  const unitName = list.data?.unit.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  const source = (item: NegativeItem) => (
    <div className={styles.small}>
      <KindTag kind={item.activity.kind} />
      <Link to={`/giam-sat/${item.activity.id}`}>{item.activity.title}</Link> · {item.activity.organiser.name}
      {item.activity.heldOn ? ` · ${formatDate(item.activity.heldOn)}` : ''}
    </div>
  );
  const finding = (item: NegativeItem) => (
    <div className={styles.small}>
      <FindingKindTag kind={item.finding.kind} /> Nhận xét số {item.finding.number}: {item.finding.content}
    </div>
  );
  const edit = (item: NegativeItem) =>
    item.can.edit ? (
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(item)}>
        Sửa
      </Button>
    ) : null;

  const columns: TableColumnsType<NegativeItem> = [
    { title: 'Đơn vị', key: 'unit', render: (_v, item) => <div className={styles.unitsCell}>{item.unit.name}</div> },
    {
      title: 'Hiện tượng tiêu cực',
      key: 'description',
      render: (_v, item) => (
        <div className={styles.taskCell}>
          <div className={styles.taskText}>{item.description}</div>
          {finding(item)}
        </div>
      ),
    },
    { title: 'Xử lý, phê phán', key: 'handling', render: (_v, item) => (
        <div className={`${styles.narrowCell} ${styles.stacked}`}>
          <span>{item.handling ?? '—'}</span>
          <span>{edit(item)}</span>
        </div>
      ),
    },
    { title: 'Phát hiện qua', key: 'activity', render: (_v, item) => <div className={styles.narrowCell}>{source(item)}</div> },
  ];
  const phoneColumns: TableColumnsType<NegativeItem> = [
    {
      title: 'Hiện tượng tiêu cực',
      key: 'item',
      render: (_v, item) => (
        <div className={styles.stacked}>
          <strong>{item.unit.name}</strong>
          <div className={styles.taskText}>{item.description}</div>
          {item.handling ? <div className={styles.small}>Xử lý: {item.handling}</div> : null}
          {source(item)}
          {edit(item)}
        </div>
      ),
    },
  ];

  const yearText = year === undefined ? '' : ` trong năm ${year}`;

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        {TITLE}
      </Typography.Title>
      <p className={styles.muted}>
        Các hiện tượng tiêu cực bị phê phán qua kiểm tra, giám sát; chỉ cán bộ giúp việc của cấp ủy trong phạm vi được xem. Ghi mới từ một nhận xét trên trang của hoạt động kiểm tra, giám sát.
      </p>
      <Card size="small" className={styles.block}>
        <div className={styles.toolbar}>
          <div className={styles.unitBox}>
            <UnitPicker
              aria-label="Đơn vị"
              within={me.scopeUnit.id}
              value={unitId}
              initial={{ id: unitId, name: unitName }}
              onChange={(id) => update({ unit: id && id !== me.scopeUnit.id ? String(id) : undefined })}
            />
          </div>
          <Select<number>
            aria-label="Năm"
            className={styles.yearBox}
            value={year ?? 0}
            options={[{ value: 0, label: 'Mọi năm' }, ...yearOptions(year ?? new Date().getFullYear())]}
            onChange={(value) => update({ year: value === 0 ? 'all' : String(value) })}
          />
        </div>
      </Card>
      <section aria-label="Danh sách hiện tượng tiêu cực" className={styles.block}>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Card size="small" className={styles.tableCard}>
            <Table<NegativeItem>
              rowKey="id"
              size="small"
              columns={isMobile ? phoneColumns : columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              scroll={isMobile ? undefined : { x: 'max-content' }}
              pagination={(list.data?.items.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (count) => `${formatNumber(count)} hiện tượng` } : false}
              locale={{ emptyText: list.isPending ? ' ' : <EmptyState description={`Chưa ghi hiện tượng tiêu cực nào ở ${unitName}${yearText}.`} /> }}
            />
          </Card>
        )}
      </section>
      {editing ? <NegativeModal open findingId={editing.finding.id} findingUnit={editing.finding.unit} negative={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
