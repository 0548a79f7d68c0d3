import { EditOutlined, FileSearchOutlined, HistoryOutlined, PieChartOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Drawer, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { STANDARD_KINDS, STANDARD_KIND_LABELS } from '../../../shared/domain/standards';
import type { StandardKind } from '../../../shared/domain/standards';
import { formatDate, viCollator } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS, sectorLabel } from '../../../shared/domain/units';
import { standardQueries } from '../../api/standards';
import type { StandardSeries, StandardVersion, UnitStandards } from '../../api/standards';
import { unitQueries } from '../../api/units';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt } from '../meetings/meetingFormat';
import { MyStandardsView } from './MyStandardsPage';
import { StandardActions } from './StandardActions';
import { LengthWarnings, StandardEditor } from './StandardEditor';
import { CriteriaList, StandardStateTag, standardsLink } from './standardsFormat';
import styles from './Standards.module.css';

/** "Chuẩn mực đạo đức": a unit's moral and professional-ethics standards, drafted, approved above, issued, revised. */
export function StandardsPage() {
  const me = useMe();
  useDocumentTitle(me.role === 'member' ? 'Chuẩn mực của đơn vị tôi' : 'Chuẩn mực đạo đức');
  if (me.role === 'member') return <MyStandardsView />;
  return <UnitStandardsScreen />;
}

function UnitStandardsScreen() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const standards = useQuery(standardQueries.unit(unitParam));
  const unitId = standards.data?.unit.id ?? unitParam ?? me.scopeUnit.id;
  const detail = useQuery(unitQueries.detail(unitId));
  const go = (id: number | undefined) => setParams(id && id !== me.scopeUnit.id ? { unit: String(id) } : {});

  const unitName = standards.data?.unit.name ?? detail.data?.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');
  const children = [...(detail.data?.children ?? [])].filter((child) => child.closedOn === null).sort((a, b) => viCollator.compare(a.name, b.name));
  const breadcrumb = [
    ...(detail.data?.ancestors ?? []).map((ancestor) => ({ key: ancestor.id, title: <Link to={standardsLink(ancestor.id)}>{ancestor.name}</Link> })),
    { key: unitId, title: <span aria-current="page">{unitName}</span> },
  ];

  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Chuẩn mực đạo đức
      </Typography.Title>
      <div className={styles.toolbar}>
        <div className={styles.unitBox}>
          <UnitPicker aria-label="Đơn vị" within={me.scopeUnit.id} value={unitId} initial={{ id: unitId, name: unitName }} onChange={(id) => go(id)} />
        </div>
        {children.length > 0 ? (
          <div className={styles.childBox}>
            <Select<number>
              aria-label="Đơn vị trực thuộc"
              placeholder="Xem đơn vị trực thuộc"
              style={{ width: '100%' }}
              value={null}
              showSearch={{ optionFilterProp: 'label' }}
              options={children.map((child) => ({ value: child.id, label: child.name }))}
              onChange={(id) => go(id)}
            />
          </div>
        ) : null}
        <Link to={`/chuan-muc/bao-phu${unitId === me.scopeUnit.id ? '' : `?unit=${unitId}`}`}>
          <PieChartOutlined aria-hidden /> Tình hình ban hành chuẩn mực
        </Link>
      </div>
      <Breadcrumb className={styles.breadcrumb} items={breadcrumb} />
      {standards.isPending ? (
        <LoadingBlock rows={10} />
      ) : standards.isError && !standards.data ? (
        <ErrorState error={standards.error} onRetry={() => void standards.refetch()} />
      ) : standards.data ? (
        <UnitStandardsBody data={standards.data} />
      ) : null}
    </div>
  );
}

function UnitStandardsBody({ data }: { data: UnitStandards }) {
  const me = useMe();
  const { unit } = data;
  return (
    <>
      <p className={styles.muted}>
        {UNIT_KIND_LABELS[unit.kind]}
        {unit.sector ? ` · lĩnh vực ${sectorLabel(unit.sector)}` : ''}
      </p>
      {/* The caller's own list (units below them), shown on their own unit's page. */}
      {data.awaitingApproval.length > 0 && unit.id === me.scopeUnit.id ? <AwaitingPanel items={data.awaitingApproval} /> : null}
      {STANDARD_KINDS.map((kind) => (
        <SeriesPanel key={`${unit.id}-${kind}`} unitId={unit.id} unitName={unit.name} kind={kind} series={data.series.find((series) => series.kind === kind) ?? null} canCreate={data.can.create} />
      ))}
    </>
  );
}

function AwaitingPanel({ items }: { items: UnitStandards['awaitingApproval'] }) {
  return (
    <section className={styles.series} aria-labelledby="awaiting-title">
      <div className={styles.seriesHead}>
        <h2 className={styles.seriesTitle} id="awaiting-title">
          Chờ duyệt ({items.length})
        </h2>
      </div>
      <div className={styles.seriesBody}>
        <ul className={styles.awaiting}>
          {items.map((item) => (
            <li key={item.id}>
              <Link to={standardsLink(item.unit.id)}>
                <strong>{item.unit.name}</strong>
              </Link>
              {item.unit.parentName ? ` (${item.unit.parentName})` : ''}{' '}
              — {STANDARD_KIND_LABELS[item.kind]} (bản {item.versionNo}): {item.title}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

type Editing = null | 'create' | 'revise' | 'edit';

function SeriesPanel({ unitId, unitName, kind, series, canCreate }: { unitId: number; unitName: string; kind: StandardKind; series: StandardSeries | null; canCreate: boolean }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [viewing, setViewing] = useState<number | null>(null);
  const titleId = `series-${kind}`;
  const current = series?.current ?? null;
  const open = series?.open ?? null;
  const done = () => setEditing(null);

  let body;
  if (editing === 'create') body = <StandardEditor mode="create" unitId={unitId} unitName={unitName} kind={kind} onDone={done} />;
  else if (!series || (!current && !open)) {
    body = (
      <EmptyState description={`Đơn vị chưa có ${STANDARD_KIND_LABELS[kind].toLowerCase()}.`}>
        {canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('create')}>
            Soạn {STANDARD_KIND_LABELS[kind].toLowerCase()}
          </Button>
        ) : null}
      </EmptyState>
    );
  } else {
    body = (
      <>
        {current ? (
          <CurrentVersion
            version={current}
            onRevise={current.can.revise && !open && editing === null ? () => setEditing('revise') : undefined}
          />
        ) : null}
        {editing === 'revise' && current ? (
          <div className={`${styles.versionBox} ${styles.versionOpen}`}>
            <div className={styles.versionLabel}>Dự thảo sửa đổi, bổ sung</div>
            <StandardEditor mode="revise" unitId={unitId} kind={kind} from={current} onDone={done} />
          </div>
        ) : null}
        {open ? <OpenVersion version={open} editing={editing === 'edit'} onEdit={() => setEditing('edit')} onDone={done} /> : null}
        {series.history.length > 1 || (series.history.length === 1 && !current && !open) ? <History series={series} onView={setViewing} /> : null}
      </>
    );
  }

  return (
    <section className={styles.series} aria-labelledby={titleId}>
      <div className={styles.seriesHead}>
        <h2 className={styles.seriesTitle} id={titleId}>
          {STANDARD_KIND_LABELS[kind]}
        </h2>
      </div>
      <div className={styles.seriesBody}>{body}</div>
      <VersionDrawer id={viewing} onClose={() => setViewing(null)} />
    </section>
  );
}

function IssuedLine({ version }: { version: StandardVersion }) {
  return (
    <p className={styles.small}>
      Bản {version.versionNo}
      {version.documentSymbol ? (
        <>
          {' '}
          · ban hành theo <strong>{version.documentSymbol}</strong>
        </>
      ) : null}
      {version.issuedOn ? ` ngày ${formatDate(version.issuedOn)}` : ''}
      {version.supersededOn ? ` · thay thế ngày ${formatDate(version.supersededOn)}` : ''}
    </p>
  );
}

function CurrentVersion({ version, onRevise }: { version: StandardVersion; onRevise: (() => void) | undefined }) {
  return (
    <div className={styles.versionBox} data-testid="current-version">
      <div className={styles.versionHead}>
        <span className={styles.versionLabel}>Bản đang áp dụng</span>
        <StandardStateTag state={version.state} />
      </div>
      <h3 className={styles.versionTitle}>{version.title}</h3>
      <IssuedLine version={version} />
      <CriteriaList criteria={version.criteria} />
      {onRevise ? (
        <div className={styles.actions}>
          <Button icon={<EditOutlined />} onClick={onRevise}>
            Sửa đổi, bổ sung
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function OpenVersion({ version, editing, onEdit, onDone }: { version: StandardVersion; editing: boolean; onEdit: () => void; onDone: () => void }) {
  return (
    <div className={`${styles.versionBox} ${styles.versionOpen}`} data-testid="open-version">
      <div className={styles.versionHead}>
        <span className={styles.versionLabel}>{version.versionNo > 1 ? `Dự thảo sửa đổi (bản ${version.versionNo})` : 'Dự thảo'}</span>
        <StandardStateTag state={version.state} />
      </div>
      {version.returnComment && version.state === 'draft' ? (
        <Alert type="info" showIcon className={styles.warnings} title="Cấp trên trả lại để sửa" description={version.returnComment} />
      ) : null}
      {editing ? (
        <StandardEditor mode="edit" version={version} onDone={onDone} />
      ) : (
        <>
          <h3 className={styles.versionTitle}>{version.title}</h3>
          <CriteriaList criteria={version.criteria} />
          <div style={{ marginTop: 12 }}>
            <LengthWarnings warnings={version.warnings} />
          </div>
          <div className={styles.actions}>
            {version.can.edit ? (
              <Button icon={<EditOutlined />} onClick={onEdit}>
                Sửa dự thảo
              </Button>
            ) : null}
          </div>
          <StandardActions version={version} />
        </>
      )}
    </div>
  );
}

function History({ series, onView }: { series: StandardSeries; onView: (id: number) => void }) {
  const versions = [...series.history].sort((a, b) => b.versionNo - a.versionNo);
  return (
    <details>
      <summary className={styles.small}>
        <HistoryOutlined aria-hidden /> Các bản đã có ({versions.length})
      </summary>
      <ul className={styles.history}>
        {versions.map((item) => (
          <li key={item.id} className={styles.historyItem}>
            <span>Bản {item.versionNo}</span>
            <StandardStateTag state={item.state} />
            {item.documentSymbol ? <span className={styles.small}>{item.documentSymbol}</span> : null}
            {item.issuedOn ? <span className={styles.small}>ngày {formatDate(item.issuedOn)}</span> : null}
            <Button size="small" type="link" icon={<FileSearchOutlined />} onClick={() => onView(item.id)}>
              Xem
            </Button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function VersionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const version = useQuery({ ...standardQueries.version(id ?? 0), enabled: id !== null });
  let body;
  if (id === null) body = null;
  else if (version.isPending) body = <LoadingBlock rows={6} />;
  else if (version.isError) body = <ErrorState error={version.error} onRetry={() => void version.refetch()} />;
  else {
    body = (
      <>
        <StandardStateTag state={version.data.state} />
        <h3 className={styles.versionTitle} style={{ marginTop: 8 }}>
          {version.data.title}
        </h3>
        <IssuedLine version={version.data} />
        <CriteriaList criteria={version.data.criteria} />
      </>
    );
  }
  return (
    <Drawer open={id !== null} onClose={onClose} size={isMobile ? '100%' : 560} title={version.data ? `${STANDARD_KIND_LABELS[version.data.kind]} — bản ${version.data.versionNo}` : 'Bản chuẩn mực'} destroyOnHidden>
      {body}
    </Drawer>
  );
}
