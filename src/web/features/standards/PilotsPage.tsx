import { CheckCircleOutlined, CloseCircleOutlined, FlagOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Progress, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PILOT_KIND_LABELS } from '../../../shared/domain/standards';
import { formatNumber, viCollator } from '../../../shared/domain/text';
import { pilotQueries } from '../../api/standards';
import type { CommitteeQuota, Pilot, PilotsOverview, YearRuleOut } from '../../api/standards';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { TimelinessTag } from '../cascade/TimelinessTag';
import { positiveInt, yearOptions, yearParam } from '../meetings/meetingFormat';
import { IssueDrawer } from './IssueDrawer';
import type { IssueTarget } from './IssueDrawer';
import { PilotDrawer } from './PilotDrawer';
import { PilotFormModal } from './PilotFormModal';
import { IssueStatusTag, PilotStateTag, formatProgress } from './standardsFormat';
import { YearRuleModal } from './YearRuleModal';
import styles from './Standards.module.css';

/** "Chỉ đạo điểm & vấn đề nổi cộm": each district-level and affiliated committee's pilots and pressing issue for a year. */
export function PilotsPage() {
  const me = useMe();
  useDocumentTitle('Chỉ đạo điểm & vấn đề nổi cộm');
  if (me.role === 'member') return <ForbiddenPage />;
  return <PilotsScreen />;
}

function ruleSentence(rule: YearRuleOut): string {
  return `Năm ${rule.year}: mỗi cấp ủy huyện và tương đương chọn ${rule.comprehensivePilots} đơn vị chỉ đạo điểm toàn diện, ${rule.fieldPilots} đơn vị chỉ đạo điểm theo lĩnh vực và ${rule.pressingIssues} vấn đề nổi cộm cần giải quyết.`;
}

function PilotsScreen() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const overview = useQuery(pilotQueries.overview(unitParam, year));
  const unitId = overview.data?.unit.id ?? unitParam ?? me.scopeUnit.id;
  const unitName = overview.data?.unit.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : 'Đang tải…');

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
        Chỉ đạo điểm & vấn đề nổi cộm
      </Typography.Title>
      <div className={styles.toolbar}>
        <label className={styles.inlineLabel}>
          <span>Năm</span>
          <Select className={styles.yearBox} value={year} options={yearOptions(year)} onChange={(value) => update({ year: String(value) })} aria-label="Năm" />
        </label>
        <div className={styles.unitBox}>
          <UnitPicker
            aria-label="Đơn vị"
            within={me.scopeUnit.id}
            value={unitId}
            initial={{ id: unitId, name: unitName }}
            onChange={(id) => update({ unit: id && id !== me.scopeUnit.id ? String(id) : undefined })}
          />
        </div>
      </div>
      {overview.isPending ? (
        <LoadingBlock rows={10} />
      ) : overview.isError && !overview.data ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.data ? (
        <OverviewBody key={`${overview.data.unit.id}-${overview.data.year}`} overview={overview.data} loading={overview.isFetching} />
      ) : null}
    </div>
  );
}

function OverviewBody({ overview, loading }: { overview: PilotsOverview; loading: boolean }) {
  const isMobile = useIsMobile();
  const [onlyShort, setOnlyShort] = useState(false);
  const [committeeFilter, setCommitteeFilter] = useState<number | null>(null);
  const [choosing, setChoosing] = useState<{ committeeId: number | null } | null>(null);
  const [pilotId, setPilotId] = useState<number | null>(null);
  const [issueTarget, setIssueTarget] = useState<IssueTarget | null>(null);
  const [editingRule, setEditingRule] = useState(false);
  const { rule } = overview;

  const committees = useMemo(() => [...overview.committees].sort((a, b) => viCollator.compare(a.committee.name, b.committee.name)), [overview.committees]);
  const shown = onlyShort ? committees.filter((row) => !row.met) : committees;
  const metCount = committees.filter((row) => row.met).length;
  const recordable = committees.filter((row) => row.can.record);
  const pilots = committeeFilter === null ? overview.pilots : overview.pilots.filter((pilot) => pilot.committee.id === committeeFilter);

  const committeeColumns: TableColumnsType<CommitteeQuota> = [
    {
      title: 'Cấp ủy',
      key: 'committee',
      fixed: isMobile ? undefined : 'left',
      width: isMobile ? 150 : 220,
      render: (_value, row) => <strong>{row.committee.name}</strong>,
    },
    {
      title: 'Điểm toàn diện',
      key: 'comprehensive',
      align: 'center',
      width: 90,
      render: (_value, row) => (
        <span className={`${styles.quotaCell} ${row.comprehensive < rule.comprehensivePilots ? styles.quotaShort : ''}`} data-testid="comprehensive">
          {row.comprehensive}/{rule.comprehensivePilots}
        </span>
      ),
    },
    {
      title: 'Điểm theo lĩnh vực',
      key: 'field',
      align: 'center',
      width: 90,
      render: (_value, row) => (
        <span className={`${styles.quotaCell} ${row.field < rule.fieldPilots ? styles.quotaShort : ''}`} data-testid="field">
          {row.field}/{rule.fieldPilots}
        </span>
      ),
    },
    {
      title: 'Chỉ tiêu',
      key: 'met',
      width: 110,
      render: (_value, row) =>
        row.met ? (
          <Tag color="green" icon={<CheckCircleOutlined aria-hidden />} data-testid="quota">
            Đủ chỉ tiêu
          </Tag>
        ) : (
          <Tag color="red" icon={<CloseCircleOutlined aria-hidden />} data-testid="quota">
            Chưa đủ
          </Tag>
        ),
    },
    {
      title: 'Vấn đề nổi cộm',
      key: 'issue',
      render: (_value, row) => (
        <div className={styles.issueCell}>
          {row.issue ? (
            <>
              <Button type="link" data-testid="issue-link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setIssueTarget({ id: row.issue?.id ?? 0, committee: row.committee, year: overview.year })}>
                <span className={styles.issueTitle}>{row.issue.title}</span>
              </Button>
              <Progress percent={row.issue.progress} size="small" format={(value) => formatProgress(value ?? 0)} aria-label={`Tiến độ ${formatProgress(row.issue.progress)}`} />
              <div className={styles.tags}>
                <IssueStatusTag status={row.issue.status} />
                <TimelinessTag state={row.issue.timeliness} />
              </div>
            </>
          ) : row.can.record ? (
            <Button size="small" icon={<FlagOutlined />} onClick={() => setIssueTarget({ id: null, committee: row.committee, year: overview.year })}>
              Nêu vấn đề nổi cộm
            </Button>
          ) : (
            <span className={styles.small}>Chưa nêu</span>
          )}
        </div>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 150,
      render: (_value, row) =>
        row.can.record && !row.met ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setChoosing({ committeeId: row.committee.id })}>
            Chọn đơn vị điểm
          </Button>
        ) : null,
    },
  ];

  const pilotColumns: TableColumnsType<Pilot> = [
    {
      title: 'Đơn vị điểm',
      key: 'target',
      render: (_value, row) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setPilotId(row.id)}>
          {row.target.name}
        </Button>
      ),
    },
    {
      title: 'Loại',
      key: 'kind',
      render: (_value, row) => (
        <div>
          {PILOT_KIND_LABELS[row.kind]}
          {row.field ? <div className={styles.small}>{row.field}</div> : null}
        </div>
      ),
    },
    { title: 'Cấp ủy chọn', key: 'committee', render: (_value, row) => row.committee.name },
    { title: 'Người phụ trách', key: 'responsible', render: (_value, row) => row.responsible },
    { title: 'Trạng thái', key: 'state', render: (_value, row) => <PilotStateTag state={row.state} /> },
    { title: 'Ghi chép', key: 'notes', align: 'right', width: 80, render: (_value, row) => formatNumber(row.notes.length) },
  ];

  return (
    <>
      <p className={styles.muted}>
        {ruleSentence(rule)} {rule.isDefault ? '(quy định mặc định)' : ''}{' '}
        {rule.can.edit ? (
          <Button size="small" icon={<SettingOutlined />} onClick={() => setEditingRule(true)}>
            Sửa quy định năm
          </Button>
        ) : null}
      </p>

      <section aria-labelledby="committees-title">
        <div className={styles.toolbar}>
          <h2 className={styles.sectionTitle} id="committees-title" style={{ margin: 0 }}>
            Cấp ủy ({formatNumber(metCount)}/{formatNumber(committees.length)} đủ chỉ tiêu)
          </h2>
          <label className={styles.inlineLabel}>
            <Switch size="small" checked={onlyShort} onChange={setOnlyShort} aria-label="Chỉ hiện cấp ủy chưa đủ chỉ tiêu" />
            <span>Chỉ hiện cấp ủy chưa đủ</span>
          </label>
          {recordable.length > 0 ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setChoosing({ committeeId: recordable.length === 1 ? (recordable[0]?.committee.id ?? null) : null })}>
              Chọn đơn vị điểm
            </Button>
          ) : null}
        </div>
        <div className={styles.tableBox}>
          <Table<CommitteeQuota>
            rowKey={(row) => row.committee.id}
            size="small"
            bordered
            loading={loading}
            columns={committeeColumns}
            dataSource={shown}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={onlyShort ? 'Mọi cấp ủy đã đủ chỉ tiêu.' : 'Trong phạm vi không có Huyện ủy hoặc Đảng ủy trực thuộc nào.'} /> }}
          />
        </div>
      </section>

      <section aria-labelledby="pilots-title">
        <div className={styles.toolbar}>
          <h2 className={styles.sectionTitle} id="pilots-title" style={{ margin: 0 }}>
            Đơn vị chỉ đạo điểm ({formatNumber(pilots.length)})
          </h2>
          {committees.length > 1 ? (
            <Select<number | null>
              aria-label="Lọc theo cấp ủy"
              style={{ minWidth: 240 }}
              value={committeeFilter}
              onChange={(value) => setCommitteeFilter(value ?? null)}
              options={[{ value: null, label: 'Tất cả cấp ủy' }, ...committees.map((row) => ({ value: row.committee.id, label: row.committee.name }))]}
              showSearch={{ optionFilterProp: 'label' }}
            />
          ) : null}
        </div>
        <div className={styles.tableBox}>
          <Table<Pilot>
            rowKey={(row) => row.id}
            size="small"
            bordered
            loading={loading}
            columns={pilotColumns}
            dataSource={pilots}
            pagination={pilots.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={`Chưa chọn đơn vị chỉ đạo điểm nào cho năm ${overview.year}.`} /> }}
          />
        </div>
      </section>

      {choosing ? (
        <PilotFormModal
          open
          year={overview.year}
          rule={rule}
          committees={recordable}
          committeeId={choosing.committeeId}
          onClose={() => setChoosing(null)}
        />
      ) : null}
      <PilotDrawer pilotId={pilotId} onClose={() => setPilotId(null)} />
      <IssueDrawer target={issueTarget} onClose={() => setIssueTarget(null)} />
      {rule.can.edit ? <YearRuleModal open={editingRule} rule={rule} onClose={() => setEditingRule(false)} /> : null}
    </>
  );
}
