import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CONFERENCE_FORM_LABELS } from '../../../shared/domain/direction';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { conferenceQueries } from '../../api/conferences';
import type { ConferenceSummary } from '../../api/conferences';
import { unitQueries } from '../../api/units';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { ConferenceDetailModal } from './ConferenceDetailModal';
import { CreateConferenceModal } from './ConferenceFormModal';
import { formatAttendance, positiveInt, yearOptions } from './conferenceFormat';
import { CoverageTable } from './CoverageTable';
import styles from './Conferences.module.css';

const PAGE_SIZE = 20;

/** "Hội nghị quán triệt": officers and cell secretaries; members have no menu entry. */
export function ConferencesPage() {
  const me = useMe();
  useDocumentTitle('Hội nghị quán triệt');
  if (me.role === 'member') return <ForbiddenPage />;
  return <Conferences />;
}

function Conferences() {
  const me = useMe();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const unitId = positiveInt(params.get('unit')) ?? me.scopeUnit.id;
  const subtree = params.get('subtree') !== 'false';
  const year = positiveInt(params.get('year'));
  const page = positiveInt(params.get('page')) ?? 1;
  const view: 'coverage' | 'list' = params.get('xem') === 'danh-sach' ? 'list' : 'coverage';
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const unit = useQuery(unitQueries.detail(unitId));
  const list = useQuery(conferenceQueries.list({ unitId, subtree, year, page, pageSize: PAGE_SIZE }));
  const coverage = useQuery(conferenceQueries.coverage({ unitId, year }));
  const unitName = unit.data?.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) next.delete(key);
        else next.set(key, value);
      }
      if (resetPage) next.delete('page');
      return next;
    });
  };
  const chooseUnit = (id: number | undefined) => update({ unit: id && id !== me.scopeUnit.id ? String(id) : undefined });

  const attendance = (attended: number, expected: number) => <span className={styles.nowrap}>{formatAttendance(attended, expected)}</span>;
  const documents = (conference: ConferenceSummary) => (
    <Flex wrap gap={4}>
      {conference.documents.map((doc) => (
        <Tag key={doc.id} title={doc.title} className={styles.docTag}>
          {doc.symbol}
        </Tag>
      ))}
    </Flex>
  );
  const dateLink = (conference: ConferenceSummary) => (
    <Button type="link" className={styles.linkButton} onClick={() => setOpenId(conference.id)}>
      {formatDate(conference.heldOn)}
    </Button>
  );
  const minutesMark = (conference: ConferenceSummary) =>
    conference.hasMinutes ? (
      <span className={styles.nowrap}>
        <PaperClipOutlined aria-hidden /> Có
      </span>
    ) : (
      <span className={styles.muted}>Chưa có</span>
    );

  const columns: TableColumnsType<ConferenceSummary> = [
    { title: 'Ngày', key: 'heldOn', render: (_v, k) => dateLink(k) },
    { title: 'Đơn vị tổ chức', key: 'unit', render: (_v, k) => k.unit.name },
    { title: 'Văn bản quán triệt', key: 'documents', render: (_v, k) => documents(k) },
    { title: 'Hình thức', key: 'form', render: (_v, k) => CONFERENCE_FORM_LABELS[k.form] },
    { title: 'Cán bộ dự', key: 'cadres', align: 'right', render: (_v, k) => attendance(k.attendedCadres, k.expectedCadres) },
    { title: 'Đảng viên dự', key: 'members', align: 'right', render: (_v, k) => attendance(k.attendedMembers, k.expectedMembers) },
    { title: 'Biên bản', key: 'minutes', render: (_v, k) => minutesMark(k) },
  ];
  const phoneColumns: TableColumnsType<ConferenceSummary> = [
    {
      title: 'Hội nghị',
      key: 'conference',
      render: (_v, k) => (
        <div className={styles.stacked}>
          <div className={styles.stackedName}>
            {dateLink(k)} · {k.unit.name}
          </div>
          <div className={styles.stackedMeta}>
            {CONFERENCE_FORM_LABELS[k.form]} · Cán bộ {formatAttendance(k.attendedCadres, k.expectedCadres)} · Đảng viên {formatAttendance(k.attendedMembers, k.expectedMembers)}
          </div>
          <div className={styles.stackedMeta}>{documents(k)}</div>
        </div>
      ),
    },
  ];

  const canCreate = list.data?.can.create ?? false;
  const defaultUnit = canCreate && unit.data && unit.data.closedOn === null ? { id: unit.data.id, name: unit.data.name } : null;

  return (
    <div className={styles.page}>
      <Flex wrap justify="space-between" align="flex-start" gap={8} className={styles.header}>
        <Typography.Title level={1} className="page-title">
          Hội nghị quán triệt
        </Typography.Title>
        {canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Ghi nhận hội nghị
          </Button>
        ) : null}
      </Flex>

      <Card size="small" className={styles.toolbar}>
        <div className={styles.toolbarRow}>
          <div className={styles.unitBox}>
            <UnitPicker aria-label="Đơn vị" within={me.scopeUnit.id} value={unitId} initial={{ id: unitId, name: unitName }} onChange={chooseUnit} />
          </div>
          <Select
            aria-label="Năm"
            className={styles.yearBox}
            value={year ?? 0}
            options={[{ value: 0, label: 'Tất cả các năm' }, ...yearOptions()]}
            onChange={(value: number) => update({ year: value ? String(value) : undefined })}
          />
          <label className={styles.switchRow}>
            <Switch size="small" checked={subtree} onChange={(checked) => update({ subtree: checked ? undefined : 'false' })} />
            <span>Gồm cả đơn vị trực thuộc</span>
          </label>
        </div>
      </Card>

      <Segmented
        block={isMobile}
        className={styles.views}
        value={view}
        onChange={(value) => update({ xem: value === 'list' ? 'danh-sach' : undefined }, false)}
        options={[
          { value: 'coverage', label: isMobile ? 'Tỷ lệ' : 'Tỷ lệ quán triệt' },
          { value: 'list', label: `${isMobile ? 'Danh sách' : 'Danh sách hội nghị'}${list.data ? ` (${formatNumber(list.data.total)})` : ''}` },
        ]}
      />

      {view === 'coverage' ? (
        <Panel title={`Tỷ lệ quán triệt${year ? ` năm ${year}` : ''}: ${unitName}`} className={styles.block}>
          {coverage.isError && !coverage.data ? <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} /> : null}
          {coverage.isPending ? <LoadingBlock rows={4} /> : null}
          {coverage.data ? <CoverageTable coverage={coverage.data} loading={coverage.isFetching} onDrill={(id) => chooseUnit(id)} /> : null}
          <Typography.Paragraph type="secondary" className={styles.hint}>
            Tỷ lệ = số người dự / số người được triệu tập, cộng dồn mọi hội nghị của đơn vị và các đơn vị trực thuộc. Bấm tên một đơn vị để xem các đơn vị của nó.
          </Typography.Paragraph>
        </Panel>
      ) : (
        <Panel title="Danh sách hội nghị" className={styles.block}>
          {list.isError && !list.data ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <Table<ConferenceSummary>
              rowKey="id"
              size={isMobile ? 'small' : 'middle'}
              columns={isMobile ? phoneColumns : columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              scroll={isMobile ? undefined : { x: 'max-content' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: list.data?.total ?? 0,
                showSizeChanger: false,
                size: isMobile ? 'small' : undefined,
                hideOnSinglePage: true,
                showTotal: (count) => `${formatNumber(count)} hội nghị`,
                onChange: (next) => update({ page: next > 1 ? String(next) : undefined }, false),
              }}
              locale={{ emptyText: list.isPending ? ' ' : <EmptyState description="Chưa có hội nghị quán triệt nào được ghi nhận." /> }}
            />
          )}
        </Panel>
      )}

      <ConferenceDetailModal id={openId} scopeRootId={me.scopeUnit.id} onClose={() => setOpenId(null)} />
      {canCreate ? (
        <CreateConferenceModal
          open={creating}
          scopeRootId={me.scopeUnit.id}
          defaultUnit={defaultUnit}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            setOpenId(created.id);
          }}
        />
      ) : null}
    </div>
  );
}
