import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ACTIVITY_STATES, OVERSIGHT_KINDS, OVERSIGHT_KIND_LABELS } from '../../../shared/domain/oversight';
import type { ActivityState, OversightKind } from '../../../shared/domain/oversight';
import { formatDate, formatNumber, viCollator } from '../../../shared/domain/text';
import { oversightQueries } from '../../api/oversight';
import type { ActivityRelation, ActivitySummary } from '../../api/oversight';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt, yearOptions, yearParam } from '../meetings/meetingFormat';
import { CreateActivityModal } from './ActivityFormModal';
import { ACTIVITY_STATE_OPTIONS, ActivityStateTag, KIND_OPTIONS, KindTag } from './oversightFormat';
import styles from './Oversight.module.css';

const PAGE_SIZE = 20;
const TITLE = 'Kiểm tra, giám sát, giao ban, sơ kết';

/** "Kiểm tra, giám sát, giao ban, sơ kết": the calendar of a unit's year. Officers and cell secretaries. */
export function OversightPage() {
  const me = useMe();
  useDocumentTitle(TITLE);
  if (me.role === 'member') return <ForbiddenPage />;
  return <OversightScreen />;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** The units concerned, in Vietnamese order. */
function unitNames(activity: ActivitySummary): string {
  return activity.units
    .map((unit) => unit.name)
    .sort(viCollator.compare)
    .join('; ');
}

function OversightScreen() {
  const me = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const kind = oneOf(OVERSIGHT_KINDS, params.get('kind'));
  const state = oneOf(ACTIVITY_STATES, params.get('state'));
  // A cell organises nothing: its secretary starts from the activities that concern the cell.
  const defaultRelation: ActivityRelation = me.role === 'cell_secretary' ? 'concerning' : 'organised';
  const relParam = params.get('rel');
  const relation: ActivityRelation = relParam === 'concerning' || relParam === 'organised' ? relParam : defaultRelation;
  const page = positiveInt(params.get('page')) ?? 1;
  const [creating, setCreating] = useState(false);

  const list = useQuery(oversightQueries.list({ unitId: unitParam, year, kind, state, relation, page, pageSize: PAGE_SIZE }));
  const unitId = list.data?.unit.id ?? unitParam ?? me.scopeUnit.id;
  const unitName = list.data?.unit.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');

  const update = (changes: Record<string, string | undefined>, resetPage = true) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      if (resetPage) next.delete('page');
      return next;
    });

  const dateCell = (activity: ActivitySummary) =>
    activity.heldOn ? (
      <span className={styles.nowrap}>{formatDate(activity.heldOn)}</span>
    ) : (
      <span className={styles.dateCell}>
        <span className={styles.nowrap}>{formatDate(activity.plannedOn)}</span>
        <span className={styles.small}>dự kiến</span>
      </span>
    );
  const titleLink = (activity: ActivitySummary) => (
    <Link to={`/giam-sat/${activity.id}`} className={styles.titleLink}>
      {activity.title}
    </Link>
  );
  const overdue = (activity: ActivitySummary) =>
    activity.counts.overdueFollowUps > 0 ? (
      <strong className={styles.overdue} data-testid="overdue">
        {formatNumber(activity.counts.overdueFollowUps)}
      </strong>
    ) : (
      <span className={styles.zero} data-testid="overdue">
        0
      </span>
    );

  const columns: TableColumnsType<ActivitySummary> = [
    { title: 'Ngày', key: 'date', render: (_v, a) => dateCell(a) },
    { title: 'Loại', key: 'kind', render: (_v, a) => <KindTag kind={a.kind} /> },
    { title: 'Nội dung', key: 'title', render: (_v, a) => <div className={styles.titleCell}>{titleLink(a)}</div> },
    { title: <span className={styles.headWrap}>Đơn vị tổ chức</span>, key: 'organiser', render: (_v, a) => <div className={styles.unitsCell}>{a.organiser.name}</div> },
    { title: <span className={styles.headWrap}>Đơn vị được kiểm tra</span>, key: 'units', render: (_v, a) => <div className={styles.unitsCell}>{unitNames(a) || '—'}</div> },
    { title: 'Trạng thái', key: 'state', render: (_v, a) => <ActivityStateTag state={a.state} /> },
    { title: <span className={styles.numberHead}>Phát hiện</span>, key: 'findings', align: 'right', render: (_v, a) => <span data-testid="findings">{formatNumber(a.counts.findings)}</span> },
    { title: <span className={styles.numberHead} title="Việc khắc phục quá hạn">Khắc phục quá hạn</span>, key: 'overdue', align: 'right', render: (_v, a) => overdue(a) },
  ];
  const phoneColumns: TableColumnsType<ActivitySummary> = [
    {
      title: 'Hoạt động',
      key: 'activity',
      render: (_v, a) => (
        <div className={styles.stacked}>
          <Flex wrap align="center" gap={4}>
            {dateCell(a)}
            <KindTag kind={a.kind} />
            <ActivityStateTag state={a.state} />
          </Flex>
          <div className={styles.stackedTitle}>{titleLink(a)}</div>
          <div className={styles.small}>
            {a.organiser.name}
            {a.units.length > 0 ? ` → ${unitNames(a)}` : ''}
          </div>
          <div className={styles.small}>
            Phát hiện: <span data-testid="findings">{formatNumber(a.counts.findings)}</span> · Khắc phục quá hạn: {overdue(a)}
          </div>
        </div>
      ),
    },
  ];

  const canCreate = list.data?.can.create ?? false;
  const items = list.data?.items ?? [];
  const kindLabel = kind ? OVERSIGHT_KIND_LABELS[kind].toLowerCase() : 'kiểm tra, giám sát';
  const filtered = kind !== undefined || state !== undefined;
  const emptyText = filtered ? `Không có hoạt động ${kindLabel} nào khớp bộ lọc trong năm ${year}.` : `Chưa có hoạt động kiểm tra, giám sát nào trong năm ${year}.`;

  return (
    <div className={styles.page}>
      <Flex wrap justify="space-between" align="flex-start" gap={8}>
        <Typography.Title level={1} className="page-title">
          {TITLE}
        </Typography.Title>
        {canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Lập kế hoạch
          </Button>
        ) : null}
      </Flex>

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
          <Select aria-label="Năm" className={styles.yearBox} value={year} options={yearOptions(year)} onChange={(value: number) => update({ year: String(value) })} />
          <Select<OversightKind | 'all'>
            aria-label="Loại hoạt động"
            className={`${styles.filterBox} ${styles.wideFilter}`}
            value={kind ?? 'all'}
            options={[{ value: 'all', label: 'Mọi loại hoạt động' }, ...KIND_OPTIONS]}
            onChange={(value) => update({ kind: value === 'all' ? undefined : value })}
          />
          <Select<ActivityState | 'all'>
            aria-label="Trạng thái"
            className={styles.filterBox}
            value={state ?? 'all'}
            options={[{ value: 'all', label: 'Mọi trạng thái' }, ...ACTIVITY_STATE_OPTIONS]}
            onChange={(value) => update({ state: value === 'all' ? undefined : value })}
          />
        </div>
        <Segmented<ActivityRelation>
          block={isMobile}
          className={styles.relation}
          aria-label="Xem theo"
          value={relation}
          onChange={(value) => update({ rel: value === defaultRelation ? undefined : value })}
          options={[
            { value: 'organised', label: 'Do đơn vị tổ chức' },
            { value: 'concerning', label: isMobile ? 'Được kiểm tra' : 'Đơn vị được kiểm tra, giám sát' },
          ]}
        />
      </Card>

      <section aria-label="Danh sách hoạt động" className={styles.block}>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Card size="small" className={styles.tableCard}>
            <Table<ActivitySummary>
              rowKey="id"
              size="small"
              columns={isMobile ? phoneColumns : columns}
              dataSource={items}
              loading={list.isFetching}
              scroll={isMobile ? undefined : { x: 'max-content' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: list.data?.total ?? 0,
                showSizeChanger: false,
                size: isMobile ? 'small' : undefined,
                hideOnSinglePage: true,
                showTotal: (count) => `${formatNumber(count)} hoạt động`,
                onChange: (next) => update({ page: next > 1 ? String(next) : undefined }, false),
              }}
              locale={{ emptyText: list.isPending ? ' ' : <EmptyState description={emptyText} /> }}
            />
          </Card>
        )}
      </section>

      {canCreate ? (
        <CreateActivityModal
          open={creating}
          scopeRootId={me.scopeUnit.id}
          defaultOrganiser={list.data ? { id: list.data.unit.id, name: list.data.unit.name } : null}
          year={year}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            void navigate(`/giam-sat/${created.id}`);
          }}
        />
      ) : null}
    </div>
  );
}
