import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { FOLLOW_UP_STATES } from '../../../shared/domain/oversight';
import type { FollowUpState } from '../../../shared/domain/oversight';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { TIMELINESS_LABELS, TIMELINESS_SHORT_LABELS, TIMELINESS_STATES } from '../../../shared/domain/timeliness';
import type { TimelinessState } from '../../../shared/domain/timeliness';
import { oversightQueries } from '../../api/oversight';
import type { FindingItem, FollowUpItem, FollowUpList } from '../../api/oversight';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { TIMELINESS_LOOK, TimelinessTag } from '../cascade/TimelinessTag';
import { positiveInt, yearOptions, yearParam } from '../meetings/meetingFormat';
import { FollowUpActions, FollowUpBlock } from './FollowUpDialogs';
import { FOLLOW_UP_STATE_OPTIONS, FindingKindTag, FollowUpStateTag, KindTag } from './oversightFormat';
import styles from './Oversight.module.css';

const PAGE_SIZE = 50;
const TITLE = 'Việc khắc phục sau kiểm tra';

/** "Việc khắc phục sau kiểm tra": follow-ups owned by the unit's subtree and the findings addressed to the unit. */
export function FollowUpsPage() {
  const me = useMe();
  useDocumentTitle(TITLE);
  if (me.role === 'member') return <ForbiddenPage />;
  return <FollowUpsScreen />;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

function FollowUpsScreen() {
  const me = useMe();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const allYears = params.get('year') === 'all';
  const year = allYears ? undefined : yearParam(params.get('year'));
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const state = oneOf(FOLLOW_UP_STATES, params.get('state'));
  const timeliness = oneOf(TIMELINESS_STATES, params.get('timeliness'));
  const page = positiveInt(params.get('page')) ?? 1;

  const list = useQuery(oversightQueries.followUps({ unitId: unitParam, year, state, timeliness, page, pageSize: PAGE_SIZE }));
  const unitId = list.data?.unit.id ?? unitParam ?? me.scopeUnit.id;
  const unitName = list.data?.unit.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');
  const addressed = useQuery(oversightQueries.unitFindings(unitId, year));

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

  const taskCell = (item: FollowUpItem) => (
    <div className={styles.taskCell}>
      <div className={styles.taskText}>{item.task}</div>
      <div className={styles.small}>
        Phát hiện số {item.finding.number} tại {item.finding.unit.name}:{' '}
        <Link to={`/giam-sat/${item.activity.id}`}>
          {item.activity.title}
        </Link>{' '}
        ({item.activity.organiser.name}
        {item.activity.heldOn ? `, ${formatDate(item.activity.heldOn)}` : ''})
      </div>
    </div>
  );
  const stateCell = (item: FollowUpItem) => (
    <Flex wrap gap={4}>
      <FollowUpStateTag state={item.state} />
      {item.timeliness ? <TimelinessTag state={item.timeliness} /> : null}
    </Flex>
  );

  const columns: TableColumnsType<FollowUpItem> = [
    { title: 'Việc khắc phục', key: 'task', render: (_v, item) => taskCell(item) },
    { title: 'Đơn vị thực hiện', key: 'owner', render: (_v, item) => <div className={styles.unitsCell}>{item.owner.name}</div> },
    { title: 'Hạn', key: 'due', render: (_v, item) => <span className={styles.nowrap}>{formatDate(item.dueOn)}</span> },
    {
      title: 'Tình trạng',
      key: 'state',
      render: (_v, item) => (
        <div className={styles.stacked}>
          {stateCell(item)}
          {item.doneOn ? <span className={styles.small}>Hoàn thành ngày {formatDate(item.doneOn)}</span> : null}
          <FollowUpActions followUp={item} heldOn={item.activity.heldOn} />
        </div>
      ),
    },
  ];
  const phoneColumns: TableColumnsType<FollowUpItem> = [
    {
      title: 'Việc khắc phục',
      key: 'item',
      render: (_v, item) => (
        <div className={styles.stacked}>
          {stateCell(item)}
          {taskCell(item)}
          <div className={styles.small}>
            {item.owner.name} · Hạn <strong>{formatDate(item.dueOn)}</strong>
            {item.doneOn ? ` · Xong ${formatDate(item.doneOn)}` : ''}
          </div>
          <FollowUpActions followUp={item} heldOn={item.activity.heldOn} />
        </div>
      ),
    },
  ];

  const items = list.data?.items ?? [];
  const yearText = year === undefined ? '' : ` trong năm ${year}`;
  const filtered = state !== undefined || timeliness !== undefined;

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        {TITLE}
      </Typography.Title>

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
          <Select<FollowUpState | 'all'>
            aria-label="Trạng thái"
            className={styles.filterBox}
            value={state ?? 'all'}
            options={[{ value: 'all', label: 'Mọi trạng thái' }, ...FOLLOW_UP_STATE_OPTIONS]}
            onChange={(value) => update({ state: value === 'all' ? undefined : value })}
          />
          <Select<TimelinessState | 'all'>
            aria-label="Thời hạn"
            className={`${styles.filterBox} ${styles.wideFilter}`}
            value={timeliness ?? 'all'}
            options={[{ value: 'all', label: 'Mọi thời hạn' }, ...TIMELINESS_STATES.map((value) => ({ value, label: TIMELINESS_LABELS[value] }))]}
            onChange={(value) => update({ timeliness: value === 'all' ? undefined : value })}
          />
        </div>
      </Card>

      {list.data ? <TimelinessCards list={list.data} selected={timeliness} onSelect={(value) => update({ timeliness: value })} /> : null}

      <section aria-labelledby="follow-ups-title" className={styles.block}>
        <h2 id="follow-ups-title" className={styles.sectionTitle}>
          Việc khắc phục của {unitName}
          {list.data?.unit.kind === 'cell' ? '' : ' và đơn vị trực thuộc'}
          {list.data ? ` (${formatNumber(list.data.total)})` : ''}
        </h2>
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Card size="small" className={styles.tableCard}>
            <Table<FollowUpItem>
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
                showTotal: (count) => `${formatNumber(count)} việc`,
                onChange: (next) => update({ page: next > 1 ? String(next) : undefined }, false),
              }}
              locale={{
                emptyText: list.isPending ? ' ' : <EmptyState description={filtered ? `Không có việc khắc phục nào khớp bộ lọc${yearText}.` : `Chưa có việc khắc phục nào${yearText}.`} />,
              }}
            />
          </Card>
        )}
      </section>

      <section aria-labelledby="addressed-title" className={styles.block}>
        <h2 id="addressed-title" className={styles.sectionTitle}>
          Phát hiện gửi đơn vị{addressed.data ? ` (${formatNumber(addressed.data.items.length)})` : ''}
        </h2>
        <p className={styles.muted}>Các nhận xét của đoàn kiểm tra, giám sát, giao ban, sơ kết gửi tới {unitName}.</p>
        {!addressed.data ? (
          addressed.isError ? (
            <ErrorState error={addressed.error} onRetry={() => void addressed.refetch()} />
          ) : (
            <LoadingBlock rows={3} />
          )
        ) : addressed.data.items.length === 0 ? (
          <Card size="small">
            <EmptyState description={`Chưa có phát hiện nào gửi tới ${addressed.data.unit.name}${yearText}.`} />
          </Card>
        ) : (
          <ul className={styles.plainList}>
            {addressed.data.items.map((finding) => (
              <AddressedFinding key={finding.id} finding={finding} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The four timeliness counts as small cards; a card filters the list by its state (again: every state). */
function TimelinessCards({ list, selected, onSelect }: { list: FollowUpList; selected: TimelinessState | undefined; onSelect: (value: string | undefined) => void }) {
  return (
    <div className={styles.statsBox}>
      <div className={styles.stats} role="group" aria-label="Tình hình thời hạn">
        {TIMELINESS_STATES.map((state) => {
          const look = TIMELINESS_LOOK[state];
          const active = selected === state;
          return (
            <button
              key={state}
              type="button"
              className={`${styles.stat} ${active ? styles.statActive : ''}`}
              style={{ borderColor: active ? look.fill : look.border, background: look.background, color: look.text }}
              aria-pressed={active}
              title={TIMELINESS_LABELS[state]}
              data-state={state}
              onClick={() => onSelect(active ? undefined : state)}
            >
              <span className={styles.statLabel}>
                {look.icon} {TIMELINESS_SHORT_LABELS[state]}
              </span>
              <span className={styles.statValue} data-testid={`count-${state}`}>
                {formatNumber(list.counts[state])}
              </span>
            </button>
          );
        })}
      </div>
      {list.counts.cancelled > 0 ? <div className={styles.small}>Đã hủy: {formatNumber(list.counts.cancelled)} việc (không tính thời hạn).</div> : null}
    </div>
  );
}

function AddressedFinding({ finding }: { finding: FindingItem }) {
  const { activity } = finding;
  return (
    <li className={styles.addressed} data-testid="addressed-finding">
      <Flex wrap align="center" gap={4} className={styles.findingHead}>
        <KindTag kind={activity.kind} />
        <Link to={`/giam-sat/${activity.id}`} className={styles.titleLink}>
          {activity.title}
        </Link>
      </Flex>
      <div className={styles.small}>
        {activity.organiser.name}
        {activity.heldOn ? ` · ${formatDate(activity.heldOn)}` : ''}
      </div>
      <Flex wrap align="center" gap={6} className={styles.findingHead}>
        <span className={styles.findingNumber}>Số {finding.number}</span>
        <FindingKindTag kind={finding.kind} />
      </Flex>
      <p className={styles.paragraph}>{finding.content}</p>
      {finding.followUp ? <FollowUpBlock followUp={finding.followUp} heldOn={activity.heldOn} /> : null}
    </li>
  );
}
