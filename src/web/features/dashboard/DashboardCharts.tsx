import { useMemo } from 'react';
import type { ReactNode } from 'react';
import type { BreakdownEntry, IndicatorKey } from '../../../shared/domain/indicators';
import { formatNumber } from '../../../shared/domain/text';
import type { Dashboard, DashboardCard } from '../../api/dashboard';
import { EChart } from '../../components/EChart';
import type { EChartOption } from '../../components/EChart';
import { useIsMobile } from '../../components/useIsMobile';
import styles from './Dashboard.module.css';

const PALETTE = ['#8c1a14', '#d4380d', '#faad14', '#389e0d', '#1677ff', '#722ed1', '#8c8c8c', '#13c2c2'];

function cardOf(dashboard: Dashboard, key: IndicatorKey): DashboardCard | undefined {
  return dashboard.cards.find((card) => card.key === key);
}

/** "Hoàn thành tốt: 760 (63,3%)" in the tooltip, "63,3%" beside the slice. */
function pieText(item: unknown, full: boolean): string {
  const { name, value, percent } = item as { name?: string; value?: number; percent?: number };
  const share = `${(percent ?? 0).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
  return full ? `${name ?? ''}: ${formatNumber(value ?? 0)} (${share})` : share;
}

/** Axis numbers in Vietnamese style (1.800, not 1,800). */
const axisNumber = (value: number) => formatNumber(value);

const total = (entries: readonly BreakdownEntry[]) => entries.reduce((sum, entry) => sum + entry.value, 0);

/** The entries of an earlier period of the same length, month by month (their labels name other years). */
function aligned(count: number, earlier: readonly BreakdownEntry[] | undefined): number[] {
  return Array.from({ length: count }, (_value, index) => earlier?.[index]?.value ?? 0);
}

/** "Tháng 6/2012" → "T6" when every month is in one year, "6/12" otherwise. */
function monthAxis(labels: readonly string[]): string[] {
  const parsed = labels.map((label) => /(\d{1,2})\/(\d{4})/u.exec(label));
  const years = new Set(parsed.map((match) => match?.[2]));
  return labels.map((label, index) => {
    const match = parsed[index];
    if (!match) return label;
    return years.size === 1 ? `T${match[1]}` : `${match[1]}/${(match[2] ?? '').slice(2)}`;
  });
}

function ChartBox({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className={styles.chartBox} aria-labelledby={id}>
      <h3 className={styles.chartTitle} id={id}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Cell-months with a topic meeting, month by month, against the same months a year earlier. */
function MeetingsChart({ dashboard, card }: { dashboard: Dashboard; card: DashboardCard }) {
  const current = card.current.breakdown;
  const earlier = card.previousYear.breakdown;
  const periodLabel = dashboard.period.label;
  const earlierLabel = dashboard.previousYear.label;
  const option = useMemo<EChartOption>(() => {
    const entries = current ?? [];
    const labels = entries.map((entry) => entry.label);
    return {
      color: ['#8c1a14', '#bfbfbf'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => formatNumber(Number(value)) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: monthAxis(labels) },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: axisNumber } },
      series: [
        { name: periodLabel, type: 'bar', data: entries.map((entry) => entry.value) },
        { name: earlierLabel, type: 'bar', data: aligned(labels.length, earlier) },
      ],
    };
  }, [current, earlier, periodLabel, earlierLabel]);
  const label = `Số chi bộ sinh hoạt có chuyên đề theo tháng, ${dashboard.period.label}: tổng ${formatNumber(total(current ?? []))} lượt chi bộ-tháng; ${dashboard.previousYear.label}: ${formatNumber(total(card.previousYear.breakdown ?? []))}.`;
  return (
    <ChartBox id="chart-meetings" title="Sinh hoạt chi bộ có chuyên đề theo tháng">
      <EChart option={option} height={300} ariaLabel={label} caption={label} />
    </ChartBox>
  );
}

/** The year-end assessment levels of the members whose review was decided. */
function AssessmentChart({ dashboard, card }: { dashboard: Dashboard; card: DashboardCard }) {
  const isMobile = useIsMobile();
  const breakdown = card.current.breakdown;
  const entries = (breakdown ?? []).filter((entry) => entry.value > 0);
  const option = useMemo<EChartOption>(() => {
    const slices = (breakdown ?? []).filter((entry) => entry.value > 0);
    return {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: (item) => pieText(item, true) },
      legend: { bottom: 0 },
      series: [
        {
          name: 'Xếp loại',
          type: 'pie',
          radius: isMobile ? ['32%', '56%'] : ['36%', '62%'],
          center: ['50%', '44%'],
          label: { formatter: (item) => pieText(item, false) },
          data: slices.map((entry) => ({ name: entry.label, value: entry.value })),
        },
      ],
    };
  }, [breakdown, isMobile]);
  const sum = total(entries);
  const label = `Kết quả xếp loại ${dashboard.period.label}: ${entries.map((entry) => `${entry.label} ${formatNumber(entry.value)}`).join(', ')} (tổng ${formatNumber(sum)} đảng viên).`;
  return (
    <ChartBox id="chart-assessment" title="Phân bố xếp loại cuối năm">
      <EChart option={option} height={isMobile ? 320 : 300} ariaLabel={label} caption={label} />
    </ChartBox>
  );
}

/** Publicity entries by channel. */
function ChannelChart({ dashboard, card }: { dashboard: Dashboard; card: DashboardCard }) {
  const isMobile = useIsMobile();
  const breakdown = card.current.breakdown;
  const periodLabel = dashboard.period.label;
  const entries = [...(breakdown ?? [])].filter((entry) => entry.value > 0).reverse();
  const option = useMemo<EChartOption>(() => {
    const bars = [...(breakdown ?? [])].filter((entry) => entry.value > 0).reverse();
    return {
      color: ['#8c1a14'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => formatNumber(Number(value)) },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: axisNumber } },
      yAxis: { type: 'category', data: bars.map((entry) => entry.label), axisLabel: { width: isMobile ? 110 : 180, overflow: 'truncate' } },
      series: [{ name: periodLabel, type: 'bar', data: bars.map((entry) => entry.value), label: { show: true, position: 'right' } }],
    };
  }, [breakdown, periodLabel, isMobile]);
  const label = `Tin, bài tuyên truyền điển hình theo kênh, ${dashboard.period.label}: ${[...entries]
    .reverse()
    .map((entry) => `${entry.label} ${formatNumber(entry.value)}`)
    .join(', ')}.`;
  return (
    <ChartBox id="chart-channels" title="Tuyên truyền điển hình theo kênh">
      <EChart option={option} height={Math.max(180, 36 * entries.length + 40)} ariaLabel={label} caption={label} />
    </ChartBox>
  );
}

/** The charts of the dashboard; a chart with nothing to draw says so instead of drawing empty axes. */
export function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const meetings = cardOf(dashboard, 'meetings_valid');
  const reviews = cardOf(dashboard, 'reviews_decided');
  const published = cardOf(dashboard, 'exemplars_published');
  const hasMeetings = meetings !== undefined && total(meetings.current.breakdown ?? []) + total(meetings.previousYear.breakdown ?? []) > 0;
  const hasReviews = reviews !== undefined && total(reviews.current.breakdown ?? []) > 0;
  const hasChannels = published !== undefined && total(published.current.breakdown ?? []) > 0;
  return (
    <div className={styles.charts}>
      {meetings && hasMeetings ? (
        <MeetingsChart dashboard={dashboard} card={meetings} />
      ) : (
        <ChartBox id="chart-meetings" title="Sinh hoạt chi bộ có chuyên đề theo tháng">
          <p className={styles.chartEmpty}>Chưa có tháng nào kết thúc trong kỳ có số liệu sinh hoạt chi bộ.</p>
        </ChartBox>
      )}
      {reviews && hasReviews ? (
        <AssessmentChart dashboard={dashboard} card={reviews} />
      ) : (
        <ChartBox id="chart-assessment" title="Phân bố xếp loại cuối năm">
          <p className={styles.chartEmpty}>
            Chưa có đảng viên nào được quyết định xếp loại của năm {dashboard.period.year} (xếp loại được quyết định sau kiểm điểm cuối năm).
          </p>
        </ChartBox>
      )}
      {published && hasChannels ? <ChannelChart dashboard={dashboard} card={published} /> : null}
    </div>
  );
}
