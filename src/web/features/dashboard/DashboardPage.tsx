import { FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { INDICATORS, INDICATOR_GROUPS, INDICATOR_GROUP_LABELS } from '../../../shared/domain/indicators';
import { formatDate } from '../../../shared/domain/text';
import { dashboardQueries } from '../../api/dashboard';
import type { Dashboard, DashboardParams } from '../../api/dashboard';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from '../auth/useMe';
import { ChildrenTable } from './ChildrenTable';
import { DashboardCharts } from './DashboardCharts';
import { isEmptyValue } from './dashboardFormat';
import { IndicatorCard } from './IndicatorCard';
import type { ComparisonLabels } from './IndicatorCard';
import { LaggingList } from './LaggingList';
import { dashboardHref } from './period';
import { PeriodPicker } from './PeriodPicker';
import { useDashboardParams } from './useDashboardParams';
import styles from './Dashboard.module.css';

/** "Bảng điều khiển": every indicator of a unit for a period, live, with trends, charts and the units behind. */
export function DashboardPage() {
  const me = useMe();
  useDocumentTitle('Bảng điều khiển');
  if (me.role === 'member') return <ForbiddenPage />;
  return <DashboardScreen />;
}

function DashboardScreen() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useDashboardParams();
  const dashboard = useQuery(dashboardQueries.summary(params));
  const unitName = dashboard.data?.unit.id === params.unitId ? dashboard.data.unit.name : params.unitId === me.scopeUnit.id ? me.scopeUnit.name : dashboard.isError ? 'Chọn đơn vị khác' : 'Đang tải…';

  return (
    <div className={`${styles.page} ${styles.printRoot}`}>
      <div className={styles.titleRow}>
        <Typography.Title level={1} className="page-title">
          Bảng điều khiển
        </Typography.Title>
        <div className={`${styles.titleActions} no-print`}>
          <Button icon={<FileTextOutlined />} onClick={() => void navigate(dashboardHref('/bao-cao', params))}>
            Lập báo cáo
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!dashboard.data}>
            In
          </Button>
        </div>
      </div>
      <div className={`${styles.toolbar} no-print`}>
        <div className={styles.unitBox}>
          <UnitPicker
            aria-label="Đơn vị"
            within={me.scopeUnit.id}
            value={params.unitId}
            initial={{ id: params.unitId, name: unitName }}
            onChange={(unitId) => {
              if (unitId) setParams({ ...params, unitId });
            }}
          />
        </div>
        <PeriodPicker value={params} onChange={(period) => setParams({ unitId: params.unitId, ...period })} />
      </div>
      {dashboard.isPending ? (
        <LoadingBlock rows={12} />
      ) : dashboard.isError && !dashboard.data ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : dashboard.data ? (
        <>
          {dashboard.isError ? <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} /> : null}
          <DashboardBody dashboard={dashboard.data} params={{ ...params, unitId: dashboard.data.unit.id }} loading={dashboard.isFetching} />
        </>
      ) : null}
    </div>
  );
}

function comparisonLabels(dashboard: Dashboard): ComparisonLabels {
  const same = dashboard.previousPeriod.from === dashboard.previousYear.from && dashboard.previousPeriod.to === dashboard.previousYear.to;
  return { previousPeriod: dashboard.previousPeriod.label, previousYear: same ? null : `cùng kỳ ${dashboard.previousYear.label}` };
}

function DashboardBody({ dashboard, params, loading }: { dashboard: Dashboard; params: DashboardParams; loading: boolean }) {
  const navigate = useNavigate();
  const { unit, period } = dashboard;
  const labels = comparisonLabels(dashboard);
  const breadcrumb = [
    ...dashboard.ancestors.map((ancestor) => ({ key: ancestor.id, title: <Link to={dashboardHref('/bang-dieu-khien', { ...params, unitId: ancestor.id })}>{ancestor.name}</Link> })),
    { key: unit.id, title: <span aria-current="page">{unit.name}</span> },
  ];
  const empty = dashboard.cards.every((card) => isEmptyValue(card.current));
  const cardsByGroup = INDICATOR_GROUPS.map((group) => ({
    group,
    cards: INDICATORS.filter((definition) => definition.group === group)
      .map((definition) => dashboard.cards.find((card) => card.key === definition.key))
      .filter((card) => card !== undefined),
  })).filter((entry) => entry.cards.length > 0);

  return (
    <div aria-busy={loading}>
      {dashboard.ancestors.length > 0 ? <Breadcrumb className={`${styles.breadcrumb} no-print`} items={breadcrumb} /> : null}
      <div className={styles.subject}>
        <h2 className={styles.unitTitle} data-testid="dashboard-unit">
          {unit.name}
        </h2>
        <p className={styles.muted}>
          <strong data-testid="dashboard-period">{period.label}</strong>
          {period.kind === 'range' ? '' : ` (${formatDate(period.from)} – ${formatDate(period.to)})`} · so sánh với {labels.previousPeriod}
          {labels.previousYear ? ` và ${labels.previousYear}` : ''} · số liệu tính trực tiếp đến ngày {formatDate(dashboard.today)}
        </p>
      </div>

      {empty ? (
        <div className={styles.emptyBox}>
          <EmptyState
            description={
              <>
                <strong>Chưa có số liệu nào trong {period.label}.</strong>
                <br />
                {unit.name} chưa có kế hoạch, hội nghị, sinh hoạt chi bộ, đăng ký làm theo, kiểm tra hay điển hình nào được ghi nhận cho kỳ này.
              </>
            }
          >
            <Button onClick={() => void navigate(dashboardHref('/bang-dieu-khien', { unitId: unit.id, period: 'year', year: dashboard.previousYear.year }))}>
              Xem năm {dashboard.previousYear.year}
            </Button>
          </EmptyState>
        </div>
      ) : (
        <>
          {cardsByGroup.map(({ group, cards }) => (
            <section key={group} className={styles.group} aria-labelledby={`group-${group}`}>
              <h2 className={styles.groupTitle} id={`group-${group}`}>
                {INDICATOR_GROUP_LABELS[group]}
              </h2>
              <div className={styles.cards}>
                {cards.map((card) => (
                  <IndicatorCard key={card.key} card={card} unitId={unit.id} year={period.year} labels={labels} />
                ))}
              </div>
            </section>
          ))}

          <section className={styles.group} aria-labelledby="group-charts">
            <h2 className={styles.groupTitle} id="group-charts">
              Biểu đồ
            </h2>
            <DashboardCharts dashboard={dashboard} />
          </section>
        </>
      )}

      {unit.childCount > 0 ? (
        <>
          <section className={`${styles.group} ${styles.pageBreak}`} aria-labelledby="group-lagging">
            <h2 className={styles.groupTitle} id="group-lagging">
              Đơn vị chậm
            </h2>
            <LaggingList params={params} />
          </section>
          <section className={`${styles.group} ${styles.childrenSection}`} aria-labelledby="group-children">
            <h2 className={styles.groupTitle} id="group-children">
              Đơn vị trực thuộc
            </h2>
            <ChildrenTable key={JSON.stringify(params)} params={params} />
          </section>
        </>
      ) : null}
    </div>
  );
}
