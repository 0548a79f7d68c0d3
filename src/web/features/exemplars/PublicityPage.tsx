import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatNumber, viCollator } from '../../../shared/domain/text';
import { publicityQueries } from '../../api/exemplars';
import type { PublicitySummary } from '../../api/exemplars';
import { unitQueries } from '../../api/units';
import { EChart } from '../../components/EChart';
import type { EChartOption } from '../../components/EChart';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { UnitPicker } from '../../components/UnitPicker';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useIsMobile } from '../../components/useIsMobile';
import { useMe } from '../auth/useMe';
import { positiveInt, yearOptions, yearParam } from '../meetings/meetingFormat';
import styles from './Exemplars.module.css';

type Totals = PublicitySummary['totals']['current'];
type Metric = keyof Totals;

const METRICS: { key: Metric; label: string; short: string }[] = [
  { key: 'nominated', label: 'Điển hình được đề cử', short: 'Đề cử' },
  { key: 'approved', label: 'Đã xác minh', short: 'Đã xác minh' },
  { key: 'commended', label: 'Đã khen thưởng', short: 'Khen thưởng' },
  { key: 'publicityEntries', label: 'Tin, bài tuyên truyền', short: 'Tin, bài' },
  { key: 'publicStories', label: 'Công khai trên trang công khai', short: 'Công khai' },
];

const CURRENT_COLOR = '#c41d1d';
const PREVIOUS_COLOR = '#b8b8b8';

/** "Tuyên truyền điển hình": the publicity ledger's counts for a unit and year against the year before. */
export function PublicityPage() {
  const me = useMe();
  useDocumentTitle('Tuyên truyền điển hình');
  if (me.role === 'member') return <ForbiddenPage />;
  return <PublicityScreen />;
}

function PublicityScreen() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get('year'));
  const unitParam = positiveInt(params.get('unit')) ?? null;
  const summary = useQuery(publicityQueries.summary(unitParam, year));
  const unitId = summary.data?.unit.id ?? unitParam ?? me.scopeUnit.id;
  const unitDetail = useQuery({ ...unitQueries.detail(unitId), enabled: unitId !== me.scopeUnit.id && !summary.data });
  const unitName = summary.data?.unit.name ?? (unitId === me.scopeUnit.id ? me.scopeUnit.name : (unitDetail.data?.name ?? 'Đang tải…'));

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
        Tuyên truyền điển hình
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
        <Link to={`/dien-hinh?year=${year}${unitId === me.scopeUnit.id ? '' : `&unit=${unitId}`}`} className={styles.toolbarEnd}>
          <TrophyOutlined aria-hidden /> Danh sách điển hình
        </Link>
      </div>
      {summary.isPending ? (
        <LoadingBlock rows={12} />
      ) : summary.isError && !summary.data ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : summary.data ? (
        <SummaryBody data={summary.data} onUnit={(id) => update({ unit: id === me.scopeUnit.id ? undefined : String(id) })} />
      ) : null}
    </div>
  );
}

function Difference({ current, previous }: { current: number; previous: number }) {
  const diff = current - previous;
  if (diff === 0) {
    return (
      <span className={styles.same}>
        <MinusOutlined aria-hidden /> bằng năm trước
      </span>
    );
  }
  const up = diff > 0;
  return (
    <span className={up ? styles.up : styles.down}>
      {up ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />} {up ? 'tăng' : 'giảm'} {formatNumber(Math.abs(diff))}
    </span>
  );
}

function SummaryBody({ data, onUnit }: { data: PublicitySummary; onUnit: (id: number) => void }) {
  const { current, previous } = data.totals;
  const empty = METRICS.every((metric) => current[metric.key] === 0 && previous[metric.key] === 0);
  return (
    <>
      <p className={styles.muted}>
        {data.unit.name}: điển hình năm {data.year} so với năm {data.previousYear}. Tin, bài tính theo ngày đăng, phát trong năm.
      </p>
      <div className={styles.cards} role="list" aria-label="Tổng hợp">
        {METRICS.map((metric) => (
          <div key={metric.key} className={styles.card} role="listitem" data-testid={`total-${metric.key}`}>
            <div className={styles.cardLabel}>{metric.label}</div>
            <div className={styles.cardValue} data-value={current[metric.key]}>
              {formatNumber(current[metric.key])}
            </div>
            <div className={styles.cardCompare}>
              Năm {data.previousYear}: {formatNumber(previous[metric.key])}
              <br />
              <Difference current={current[metric.key]} previous={previous[metric.key]} />
            </div>
          </div>
        ))}
      </div>
      {empty ? (
        <section className={styles.section}>
          <div className={styles.sectionBody}>
            <EmptyState description={`Chưa có điển hình hay tin, bài tuyên truyền nào trong năm ${data.year} và ${data.previousYear}.`} />
          </div>
        </section>
      ) : (
        <div className={styles.charts}>
          <MonthChart data={data} />
          <ChannelChart data={data} />
        </div>
      )}
      <ChildrenTable data={data} onUnit={onUnit} />
    </>
  );
}

function seriesPair(data: PublicitySummary, current: number[], previous: number[]) {
  return [
    { name: `Năm ${data.year}`, type: 'bar' as const, data: current, itemStyle: { color: CURRENT_COLOR }, barMaxWidth: 18 },
    { name: `Năm ${data.previousYear}`, type: 'bar' as const, data: previous, itemStyle: { color: PREVIOUS_COLOR }, barMaxWidth: 18 },
  ];
}

function NumbersTable({ caption, rows, data }: { caption: string; rows: { label: string; current: number; previous: number }[]; data: PublicitySummary }) {
  return (
    <details className={styles.small} style={{ marginTop: 8 }}>
      <summary>Xem số liệu</summary>
      <table style={{ borderCollapse: 'collapse', marginTop: 6, width: '100%' }}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left' }}></th>
            <th scope="col" style={{ textAlign: 'right' }}>{data.year}</th>
            <th scope="col" style={{ textAlign: 'right' }}>{data.previousYear}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row" style={{ textAlign: 'left', fontWeight: 400 }}>
                {row.label}
              </th>
              <td className={styles.numCell} style={{ textAlign: 'right' }}>
                {formatNumber(row.current)}
              </td>
              <td className={styles.numCell} style={{ textAlign: 'right' }}>
                {formatNumber(row.previous)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function MonthChart({ data }: { data: PublicitySummary }) {
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.months.map((month) => `T${month.month}`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: seriesPair(
        data,
        data.months.map((month) => month.current),
        data.months.map((month) => month.previous),
      ),
    }),
    [data],
  );
  const current = data.totals.current.publicityEntries;
  const previous = data.totals.previous.publicityEntries;
  const label = `Tin, bài tuyên truyền theo tháng: năm ${data.year} có ${formatNumber(current)}, năm ${data.previousYear} có ${formatNumber(previous)}.`;
  return (
    <section className={styles.section} aria-labelledby="chart-months">
      <div className={styles.sectionHead}>
        <h2 className={styles.sectionTitle} id="chart-months">
          Tin, bài theo tháng
        </h2>
      </div>
      <div className={styles.sectionBody}>
        <EChart option={option} height={300} ariaLabel={label} caption={label} />
        <NumbersTable caption="Tin, bài theo tháng" data={data} rows={data.months.map((month) => ({ label: `Tháng ${month.month}`, current: month.current, previous: month.previous }))} />
      </div>
    </section>
  );
}

function ChannelChart({ data }: { data: PublicitySummary }) {
  const isMobile = useIsMobile();
  // Horizontal bars: channel names are long. The first channel on top.
  const channels = useMemo(() => [...data.channels].reverse(), [data.channels]);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: channels.map((row) => row.channel.name),
        axisLabel: { width: isMobile ? 110 : 200, overflow: 'truncate' },
      },
      series: seriesPair(
        data,
        channels.map((row) => row.current),
        channels.map((row) => row.previous),
      ),
    }),
    [data, channels, isMobile],
  );
  const top = [...data.channels].sort((a, b) => b.current - a.current)[0];
  const label = `Tin, bài tuyên truyền theo kênh, năm ${data.year} so với năm ${data.previousYear}${top && top.current > 0 ? `; nhiều nhất: ${top.channel.name} (${formatNumber(top.current)})` : ''}.`;
  return (
    <section className={styles.section} aria-labelledby="chart-channels">
      <div className={styles.sectionHead}>
        <h2 className={styles.sectionTitle} id="chart-channels">
          Tin, bài theo kênh
        </h2>
      </div>
      <div className={styles.sectionBody}>
        <EChart option={option} height={Math.max(260, 44 * data.channels.length + 60)} ariaLabel={label} caption={label} />
        <NumbersTable caption="Tin, bài theo kênh" data={data} rows={data.channels.map((row) => ({ label: row.channel.name, current: row.current, previous: row.previous }))} />
      </div>
    </section>
  );
}

type ChildRow = PublicitySummary['children'][number];

function MetricCell({ row, metric }: { row: ChildRow; metric: Metric }) {
  const current = row.totals.current[metric];
  const previous = row.totals.previous[metric];
  const diff = current - previous;
  if (current === 0 && previous === 0) {
    return (
      <span className={`${styles.numCell} ${styles.small}`} aria-label="0 / 0">
        0 / 0
      </span>
    );
  }
  return (
    <span className={styles.numCell}>
      <strong>{formatNumber(current)}</strong>
      <span className={styles.small}>
        {' '}
        / {formatNumber(previous)}
        {diff !== 0 ? <span className={diff > 0 ? styles.up : styles.down}> ({diff > 0 ? '+' : '−'}{formatNumber(Math.abs(diff))})</span> : null}
      </span>
    </span>
  );
}

function ChildrenTable({ data, onUnit }: { data: PublicitySummary; onUnit: (id: number) => void }) {
  const isMobile = useIsMobile();
  const own = data.own;
  const ownHasData = METRICS.some((metric) => own.current[metric.key] > 0 || own.previous[metric.key] > 0);
  const columns: TableColumnsType<ChildRow> = [
    {
      title: 'Đơn vị',
      key: 'unit',
      fixed: isMobile ? undefined : 'left',
      width: isMobile ? 150 : 260,
      sorter: (a, b) => viCollator.compare(a.unit.name, b.unit.name),
      defaultSortOrder: 'ascend',
      render: (_v, row) => (
        <Typography.Link onClick={() => onUnit(row.unit.id)} style={{ overflowWrap: 'anywhere' }}>
          {row.unit.name}
        </Typography.Link>
      ),
    },
    ...METRICS.map((metric) => ({
      title: metric.short,
      key: metric.key,
      align: 'right' as const,
      width: 120,
      sorter: (a: ChildRow, b: ChildRow) => a.totals.current[metric.key] - b.totals.current[metric.key] || viCollator.compare(a.unit.name, b.unit.name),
      render: (_v: unknown, row: ChildRow) => <MetricCell row={row} metric={metric.key} />,
    })),
  ];
  return (
    <section className={styles.section} aria-labelledby="children-title" style={{ marginTop: 16 }}>
      <div className={styles.sectionHead}>
        <h2 className={styles.sectionTitle} id="children-title">
          Theo đơn vị trực thuộc ({data.children.length})
        </h2>
        <span className={styles.small}>
          Mỗi ô: năm {data.year} / năm {data.previousYear}
        </span>
      </div>
      <div className={styles.sectionBody}>
        <Table<ChildRow>
          rowKey={(row) => row.unit.id}
          size="small"
          pagination={data.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          dataSource={data.children}
          columns={columns}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={false}
          locale={{ emptyText: <EmptyState description="Đơn vị không có đơn vị trực thuộc." /> }}
        />
        {ownHasData ? (
          <p className={styles.small} style={{ margin: '8px 0 0' }}>
            Do chính {data.unit.name} đề cử: {METRICS.map((metric) => `${metric.short.toLowerCase()} ${formatNumber(own.current[metric.key])} / ${formatNumber(own.previous[metric.key])}`).join(' · ')}.
          </p>
        ) : null}
      </div>
    </section>
  );
}
