import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { HELPER_UNIT_STATES, HELPER_UNIT_STATE_LABELS } from '../../../shared/domain/direction';
import type { HelperUnitState } from '../../../shared/domain/direction';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { helperUnitQueries } from '../../api/helper-units';
import type { HelperCoverageRow } from '../../api/helper-units';
import { unitQueries } from '../../api/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt } from '../conferences/conferenceFormat';
import { STATE_LOOK, StateTag } from './helperUnitOptions';
import styles from './HelperUnits.module.css';

const isState = (value: string | null): value is HelperUnitState => HELPER_UNIT_STATES.includes(value as HelperUnitState);

/** "Bộ phận giúp việc": which committees have set one up and adopted its regulation. */
export function HelperUnitsPage() {
  const me = useMe();
  useDocumentTitle('Bộ phận giúp việc');
  if (me.role === 'member') return <ForbiddenPage />;
  return <HelperUnitCoverage />;
}

function HelperUnitCoverage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const unitId = positiveInt(params.get('unit')) ?? me.scopeUnit.id;
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : undefined;
  const coverage = useQuery(helperUnitQueries.coverage({ unitId }));
  const unit = useQuery(unitQueries.detail(unitId));
  const unitName = unit.data?.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  const counts = coverage.data?.counts;
  const all = coverage.data?.items ?? [];
  // The whole list comes once; the state filter is applied here so the counts and the rows agree.
  const rows = state ? all.filter((row) => row.state === state) : all;
  const total = counts ? counts.missing + counts.no_regulation + counts.complete : 0;

  const nameLink = (row: HelperCoverageRow) => (
    <Link to={`/bo-phan-giup-viec/${row.unit.id}`} className={styles.nameLink}>
      {row.unit.name}
    </Link>
  );
  const columns: TableColumnsType<HelperCoverageRow> = [
    {
      title: 'Cấp ủy',
      key: 'unit',
      render: (_v, row) => (
        <div>
          {nameLink(row)}
          <div className={styles.muted}>{[UNIT_KIND_LABELS[row.unit.kind], row.parentName].filter(Boolean).join(' · ')}</div>
        </div>
      ),
    },
    { title: 'Tình trạng', key: 'state', render: (_v, row) => <StateTag state={row.state} /> },
    { title: 'Ngày thành lập', key: 'established', render: (_v, row) => formatDate(row.establishedOn) || '—' },
    { title: 'Thành viên', key: 'members', align: 'right', render: (_v, row) => (row.helperUnitId ? formatNumber(row.memberCount) : '—') },
    { title: 'Quy chế', key: 'regulation', render: (_v, row) => row.regulationDocument?.symbol ?? '—' },
    { title: 'Hoạt động gần nhất', key: 'activity', render: (_v, row) => formatDate(row.lastActivityOn) || '—' },
  ];
  const phoneColumns: TableColumnsType<HelperCoverageRow> = [
    {
      title: 'Cấp ủy',
      key: 'unit',
      render: (_v, row) => (
        <div className={styles.stacked}>
          <div className={styles.stackedName}>{nameLink(row)}</div>
          {row.parentName ? <div className={styles.muted}>{row.parentName}</div> : null}
          <div className={styles.stackedTags}>
            <StateTag state={row.state} />
          </div>
          {row.helperUnitId ? (
            <div className={styles.muted}>
              {[
                row.establishedOn ? `Thành lập ${formatDate(row.establishedOn)}` : null,
                `${formatNumber(row.memberCount)} thành viên`,
                row.regulationDocument ? `Quy chế ${row.regulationDocument.symbol}` : null,
                row.lastActivityOn ? `Hoạt động gần nhất ${formatDate(row.lastActivityOn)}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          ) : null}
        </div>
      ),
    },
  ];

  const filterButton = (value: HelperUnitState | undefined, label: string, count: number | undefined) => {
    const pressed = state === value;
    const look = value ? STATE_LOOK[value] : null;
    return (
      <button
        key={value ?? 'all'}
        type="button"
        aria-pressed={pressed}
        className={`${styles.stat} ${pressed ? styles.statPressed : ''} ${value ? styles[`stat_${value}`] : ''}`}
        onClick={() => update({ state: value })}
      >
        <span className={styles.statCount}>{count === undefined ? '…' : formatNumber(count)}</span>
        <span className={styles.statLabel}>
          {look ? look.icon : null} {label}
        </span>
      </button>
    );
  };

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Bộ phận giúp việc
      </Typography.Title>
      <Card size="small" className={styles.toolbar}>
        <div className={styles.unitBox}>
          <UnitPicker
            aria-label="Đơn vị"
            within={me.scopeUnit.id}
            value={unitId}
            initial={{ id: unitId, name: unitName }}
            onChange={(id) => update({ unit: id && id !== me.scopeUnit.id ? String(id) : undefined })}
          />
        </div>
        <div className={styles.stats} role="group" aria-label="Lọc theo tình trạng">
          {filterButton(undefined, 'Tất cả cấp ủy', counts ? total : undefined)}
          {HELPER_UNIT_STATES.map((value) => filterButton(value, HELPER_UNIT_STATE_LABELS[value], counts?.[value]))}
        </div>
      </Card>

      <Card size="small" styles={{ body: { padding: 0 } }}>
        {coverage.isError && !coverage.data ? (
          <div style={{ padding: 12 }}>
            <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />
          </div>
        ) : (
          <Table<HelperCoverageRow>
            rowKey={(row) => row.unit.id}
            size={isMobile ? 'small' : 'middle'}
            columns={isMobile ? phoneColumns : columns}
            dataSource={rows}
            loading={coverage.isFetching}
            scroll={isMobile ? undefined : { x: 'max-content' }}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, size: isMobile ? 'small' : undefined, showTotal: (count) => `${formatNumber(count)} cấp ủy` }}
            locale={{
              emptyText: coverage.isPending ? (
                ' '
              ) : (
                <EmptyState description={state ? 'Không có cấp ủy nào ở tình trạng này.' : 'Trong đơn vị này không có cấp ủy nào cần Bộ phận giúp việc.'} />
              ),
            }}
          />
        )}
      </Card>
      <Typography.Paragraph type="secondary" className={styles.hint}>
        Gồm Tỉnh ủy, các Huyện ủy (Thị ủy, Thành ủy) và Đảng ủy trực thuộc trong phạm vi; một Đảng ủy cơ sở thấy chính mình.
      </Typography.Paragraph>
    </div>
  );
}
