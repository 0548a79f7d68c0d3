import { DownloadOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { DOCUMENT_TYPE_INFO } from '../../../shared/domain/documents';
import { foldForSearch, formatDate, formatNumber } from '../../../shared/domain/text';
import { TIMELINESS_SHORT_LABELS, TIMELINESS_STATES, daysBetween } from '../../../shared/domain/timeliness';
import type { TimelinessCounts, TimelinessState } from '../../../shared/domain/timeliness';
import { UNIT_KIND_LABELS } from '../../../shared/domain/units';
import { cascadeExportUrl, cascadeQueries } from '../../api/cascade';
import type { CascadeNode, CascadeView, Obligation, UpcomingItem } from '../../api/cascade';
import { errorMessage } from '../../api/client';
import { documentQueries } from '../../api/documents';
import { downloadFile } from '../../api/members';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { CascadeUrgeButton } from '../urging/UrgeButtons';
import styles from './Cascade.module.css';
import { CountTags, CountsBar, TIMELINESS_LOOK, TimelinessTag } from './TimelinessTag';

const UPCOMING_DAYS = 7;

interface RootOption {
  value: number;
  label: string;
  symbol: string;
}

/** Search by symbol or title, with or without diacritics. */
const rootSearch = {
  filterOption: (input: string, option?: RootOption) => foldForSearch(option?.label ?? '').includes(foldForSearch(input)),
};

function positiveInt(value: string | null): number | undefined {
  return value && /^[1-9]\d{0,15}$/u.test(value) ? Number(value) : undefined;
}

/** "Tiến độ triển khai": who under a unit has done what a document required, and who is late. */
export function CascadePage() {
  const me = useMe();
  useDocumentTitle('Tiến độ triển khai');
  if (me.role === 'member') return <ForbiddenPage />;
  return <CascadeScreen />;
}

type Changes = Record<string, string | undefined>;

function CascadeScreen() {
  const [params, setParams] = useSearchParams();
  const documentId = positiveInt(params.get('document'));
  const unitId = positiveInt(params.get('unit'));
  const overdueOnly = params.get('overdue') === 'true';

  const update = (changes: Changes, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );

  // Roots of cascade views: documents that carry a requirement, from this level and above.
  const roots = useQuery({ ...documentQueries.list({ withRequirements: true, includeAbove: true, pageSize: 200 }), placeholderData: undefined });
  // Without a choice yet: the newest such document of the caller's own committee, else the newest from above.
  const me = useMe();
  const firstRoot = (roots.data?.items.find((document) => document.issuer.unitId === me.scopeUnit.id) ?? roots.data?.items[0])?.id;
  useEffect(() => {
    if (documentId === undefined && firstRoot !== undefined) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('document', String(firstRoot));
          return next;
        },
        { replace: true },
      );
    }
  }, [documentId, firstRoot, setParams]);

  const view = useQuery({
    ...cascadeQueries.view({ documentId: documentId ?? 0, unitId, overdueOnly }),
    enabled: documentId !== undefined,
  });

  // Oldest first: the top of a cascade (03-KH/TW, then 08-KH/TU) before the plans that implement it.
  const rootOptions: RootOption[] = [...(roots.data?.items ?? [])].reverse().map((document) => ({
    value: document.id,
    label: `${document.symbol} — ${document.title}`,
    symbol: document.symbol,
  }));

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Tiến độ triển khai
      </Typography.Title>

      <Card size="small" className={styles.toolbar}>
        <div className={styles.toolbarGrid}>
          <div style={{ minWidth: 0 }}>
            <label className={styles.fieldLabel} htmlFor="cascade-document">
              Văn bản chỉ đạo
            </label>
            <Select<number, RootOption>
              id="cascade-document"
              style={{ width: '100%' }}
              value={documentId}
              placeholder={roots.isPending ? 'Đang tải…' : 'Chọn văn bản'}
              loading={roots.isPending}
              options={rootOptions}
              showSearch={rootSearch}
              onChange={(value) => update({ document: String(value), unit: undefined })}
              notFoundContent={roots.isError ? <Typography.Text type="danger">{errorMessage(roots.error)}</Typography.Text> : 'Không có văn bản phù hợp.'}
            />
          </div>
          <label className={styles.switchRow}>
            <Switch checked={overdueOnly} onChange={(checked) => update({ overdue: checked ? 'true' : undefined })} />
            <span>Chỉ đơn vị quá hạn</span>
          </label>
          <ExportButton documentId={documentId} unitId={unitId} symbol={view.data?.document.symbol} />
        </div>
      </Card>

      {roots.isError ? <ErrorState error={roots.error} onRetry={() => void roots.refetch()} /> : null}
      {roots.isSuccess && roots.data.items.length === 0 && documentId === undefined ? (
        <Card size="small">
          <EmptyState description="Chưa có văn bản nào đặt yêu cầu triển khai cho cấp dưới.">
            <Link to="/van-ban">Mở danh sách văn bản chỉ đạo</Link>
          </EmptyState>
        </Card>
      ) : null}

      {documentId === undefined ? (
        roots.isPending ? (
          <LoadingBlock rows={6} />
        ) : null
      ) : view.isPending ? (
        <LoadingBlock rows={8} />
      ) : view.isError && !view.data ? (
        <ErrorState error={view.error} onRetry={() => void view.refetch()} />
      ) : view.data ? (
        <CascadeBody view={view.data} loading={view.isFetching} overdueOnly={overdueOnly} unitParam={unitId} />
      ) : null}
    </div>
  );
}

function ExportButton({ documentId, unitId, symbol }: { documentId: number | undefined; unitId: number | undefined; symbol: string | undefined }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onExport = async () => {
    if (documentId === undefined) return;
    setBusy(true);
    try {
      await downloadFile(cascadeExportUrl({ documentId, unitId }), `tien-do-${(symbol ?? 'van-ban').replace(/\//gu, '-')}.xlsx`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} disabled={documentId === undefined} loading={busy} onClick={() => void onExport()}>
      Xuất Excel
    </Button>
  );
}

function drillLink(view: CascadeView, unitId: number, overdueOnly: boolean): string {
  const params = new URLSearchParams({ document: String(view.document.id), unit: String(unitId) });
  if (overdueOnly) params.set('overdue', 'true');
  return `/chi-dao?${params.toString()}`;
}

function CascadeBody({ view, loading, overdueOnly, unitParam }: { view: CascadeView; loading: boolean; overdueOnly: boolean; unitParam: number | undefined }) {
  const isMobile = useIsMobile();
  const { unit } = view;
  const breadcrumb = [
    ...view.ancestors.map((ancestor) => ({ key: ancestor.id, title: <Link to={drillLink(view, ancestor.id, overdueOnly)}>{ancestor.name}</Link> })),
    { key: unit.unitId, title: <span aria-current="page">{unit.name}</span> },
  ];
  const conferenceTotal = TIMELINESS_STATES.reduce((sum, state) => sum + unit.conferenceCounts[state], 0);

  return (
    <>
      {view.ancestors.length > 0 ? <Breadcrumb className={styles.breadcrumb} items={breadcrumb} /> : null}
      <div className={styles.layout}>
        <Card size="small" className={styles.block}>
          <section aria-labelledby="cascade-summary">
            <h2 id="cascade-summary" className={styles.summaryTitle}>
              {unit.name}
            </h2>
            <Typography.Text type="secondary">
              Thực hiện <Link to={`/van-ban/${view.document.id}`}>{DOCUMENT_TYPE_INFO[view.document.docType].label} {view.document.symbol}</Link> ngày{' '}
              {formatDate(view.document.issuedOn)} · số liệu đến ngày {formatDate(view.today)}
            </Typography.Text>
            {unit.own.length > 0 ? (
              <div className={styles.summaryRow}>
                <span className={styles.summaryLabel}>Đơn vị này</span>
                <Obligations obligations={unit.own} view={view} />
              </div>
            ) : null}
            <div className={styles.summaryRow}>
              <span className={styles.summaryLabel}>Ban hành văn bản (cả đơn vị và cấp dưới)</span>
              <CountsBar counts={unit.counts} />
              <CountTags counts={unit.counts} label="Số văn bản theo tình trạng" />
            </div>
            {conferenceTotal > 0 ? (
              <div className={styles.summaryRow}>
                <span className={styles.summaryLabel}>Hội nghị quán triệt</span>
                <CountsBar counts={unit.conferenceCounts} />
                <CountTags counts={unit.conferenceCounts} label="Số hội nghị theo tình trạng" />
              </div>
            ) : null}
          </section>
        </Card>
        <UpcomingPanel unitId={unitParam} />
      </div>
      <Card size="small" title="Đơn vị trực thuộc" extra={<CascadeUrgeButton view={view} />} className={styles.block} styles={{ body: { padding: 0 } }}>
        <Table<CascadeNode>
          rowKey="unitId"
          size="small"
          loading={loading}
          columns={isMobile ? phoneColumns(view, overdueOnly) : columns(view, overdueOnly, conferenceTotal > 0)}
          dataSource={view.children}
          pagination={view.children.length > 50 ? { pageSize: 50, showSizeChanger: false, size: isMobile ? 'small' : undefined } : false}
          // A fixed minimum width (not max-content) so long unit names wrap instead of pushing the counts off screen.
          scroll={isMobile ? undefined : { x: 960 }}
          locale={{
            emptyText: (
              <EmptyState
                description={overdueOnly ? 'Không có đơn vị trực thuộc nào quá hạn.' : 'Không có đơn vị trực thuộc nào phải thực hiện văn bản này.'}
              />
            ),
          }}
        />
      </Card>
    </>
  );
}

function obligationDetail(obligation: Obligation, today: string) {
  if (obligation.document) {
    return (
      <>
        Số <Link to={`/van-ban/${obligation.document.id}`}>{obligation.document.symbol}</Link> ngày {formatDate(obligation.document.issuedOn)}
        {obligation.daysLate ? ` · trễ ${obligation.daysLate} ngày` : ''}
      </>
    );
  }
  const left = daysBetween(today, obligation.dueOn);
  let tail: string;
  if (obligation.state === 'overdue') tail = ` · quá ${obligation.daysLate ?? -left} ngày`;
  else if (left === 0) tail = ' · hết hạn hôm nay';
  else tail = ` · còn ${left} ngày`;
  return `Hạn ${formatDate(obligation.dueOn)}${tail}`;
}

function conferenceDetail(obligation: Obligation, today: string): string | null {
  if (!obligation.conferenceState || !obligation.conferenceDueOn) return null;
  if (obligation.conference) return `Tổ chức ngày ${formatDate(obligation.conference.heldOn)}`;
  const left = daysBetween(today, obligation.conferenceDueOn);
  if (obligation.conferenceState === 'overdue') return `Hạn ${formatDate(obligation.conferenceDueOn)} · quá ${-left} ngày`;
  return `Hạn ${formatDate(obligation.conferenceDueOn)}${left === 0 ? ' · hết hạn hôm nay' : ` · còn ${left} ngày`}`;
}

/** What the unit itself owes: one entry per requirement (the viewed document's, and those of plans in between). */
function Obligations({ obligations, view, conference = 'inline' }: { obligations: Obligation[]; view: CascadeView; conference?: 'inline' | 'none' }) {
  if (obligations.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      {obligations.map((obligation) => (
        <div key={obligation.requirementId} className={styles.obligation}>
          {obligation.parentDocument.id !== view.document.id ? (
            <span className={styles.via}>
              Theo {obligation.parentDocument.symbol}: {DOCUMENT_TYPE_INFO[obligation.requiredType].label}
            </span>
          ) : null}
          <span role="group" aria-label="Ban hành văn bản">
            <TimelinessTag state={obligation.state} />
            <span className={styles.detail}>{obligationDetail(obligation, view.today)}</span>
          </span>
          {conference === 'inline' && obligation.conferenceState ? (
            <div className={styles.conference} role="group" aria-label="Hội nghị quán triệt">
              <span className={styles.detail}>Hội nghị: </span>
              <TimelinessTag state={obligation.conferenceState} />
              <span className={styles.detail}>{conferenceDetail(obligation, view.today)}</span>
            </div>
          ) : null}
        </div>
      ))}
    </>
  );
}

function UnitCell({ node, view, overdueOnly }: { node: CascadeNode; view: CascadeView; overdueOnly: boolean }) {
  return (
    <div>
      {node.childCount > 0 ? (
        <Link to={drillLink(view, node.unitId, overdueOnly)} className={`${styles.unitName} ${styles.drill}`} title="Xem các đơn vị trực thuộc">
          {node.name} <RightOutlined aria-hidden style={{ fontSize: 11 }} />
        </Link>
      ) : (
        <span className={styles.unitName}>{node.name}</span>
      )}
      <span className={styles.unitKind}>{UNIT_KIND_LABELS[node.kind]}</span>
    </div>
  );
}

function CountCell({ value }: { value: number }) {
  return <span className={value === 0 ? `${styles.count} ${styles.countZero}` : styles.count}>{formatNumber(value)}</span>;
}

function countColumn(state: TimelinessState, pick: (node: CascadeNode) => TimelinessCounts) {
  return {
    title: (
      <span style={{ whiteSpace: 'nowrap', color: TIMELINESS_LOOK[state].fill }}>
        {TIMELINESS_LOOK[state].icon} {TIMELINESS_SHORT_LABELS[state]}
      </span>
    ),
    key: state,
    align: 'right' as const,
    width: 104,
    sorter: (a: CascadeNode, b: CascadeNode) => pick(a)[state] - pick(b)[state],
    sortDirections: ['descend' as const, 'ascend' as const],
    render: (_value: unknown, node: CascadeNode) => <CountCell value={pick(node)[state]} />,
  };
}

function columns(view: CascadeView, overdueOnly: boolean, withConference: boolean): TableColumnsType<CascadeNode> {
  return [
    {
      title: 'Đơn vị',
      key: 'unit',
      width: 260,
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
      render: (_value, node) => <UnitCell node={node} view={view} overdueOnly={overdueOnly} />,
    },
    {
      title: withConference ? 'Văn bản, hội nghị của đơn vị' : 'Văn bản của đơn vị',
      key: 'own',
      render: (_value, node) => <Obligations obligations={node.own} view={view} conference={withConference ? 'inline' : 'none'} />,
    },
    {
      title: 'Số đơn vị (cả cấp dưới)',
      key: 'counts',
      children: TIMELINESS_STATES.map((state) => countColumn(state, (node) => node.counts)),
    },
  ];
}

function phoneColumns(view: CascadeView, overdueOnly: boolean): TableColumnsType<CascadeNode> {
  return [
    {
      title: 'Đơn vị',
      key: 'unit',
      render: (_value, node) => (
        <div className={styles.stacked}>
          <UnitCell node={node} view={view} overdueOnly={overdueOnly} />
          <Obligations obligations={node.own} view={view} />
          <div className={styles.stackedCounts}>
            Cả cấp dưới: {TIMELINESS_STATES.map((state) => `${TIMELINESS_SHORT_LABELS[state]} ${formatNumber(node.counts[state])}`).join(' · ')}
          </div>
        </div>
      ),
    },
  ];
}

function upcomingAction(item: UpcomingItem): string {
  if (item.action === 'conference') return `Tổ chức hội nghị quán triệt ${item.parentDocument.symbol}`;
  return `Ban hành ${DOCUMENT_TYPE_INFO[item.requiredType].label} thực hiện ${item.parentDocument.symbol}`;
}

function UpcomingPanel({ unitId }: { unitId: number | undefined }) {
  const upcoming = useQuery(cascadeQueries.upcoming({ unitId, days: UPCOMING_DAYS }));
  return (
    <Card size="small" title={`Sắp đến hạn trong ${UPCOMING_DAYS} ngày`} className={styles.block}>
      <section aria-label={`Sắp đến hạn trong ${UPCOMING_DAYS} ngày`}>
        {upcoming.isPending ? (
          <LoadingBlock rows={3} />
        ) : upcoming.isError ? (
          <ErrorState error={upcoming.error} onRetry={() => void upcoming.refetch()} />
        ) : upcoming.data.items.length === 0 ? (
          <EmptyState description={`Không có đơn vị nào phải hoàn thành việc gì trong ${UPCOMING_DAYS} ngày tới.`} />
        ) : (
          <ul className={styles.upcomingList}>
            {upcoming.data.items.map((item) => (
              <li key={`${item.unit.id}-${item.action}-${item.parentDocument.id}`}>
                <Tag color={item.daysLeft <= 2 ? 'orange' : 'blue'}>{item.daysLeft === 0 ? 'Hạn hôm nay' : `Còn ${item.daysLeft} ngày`}</Tag>
                <strong>{item.unit.name}</strong>
                <div className={styles.detail}>
                  {upcomingAction(item)} · hạn {formatDate(item.dueOn)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}
