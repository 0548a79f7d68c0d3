import { CAMPAIGN_FIRST_YEAR, PERIOD_KINDS } from '../../../shared/domain/indicators';
import type { PeriodKind } from '../../../shared/domain/indicators';
import type { DashboardParams, PeriodParams } from '../../api/dashboard';
import { positiveInt } from '../meetings/meetingFormat';

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  year: 'Năm',
  quarter: 'Quý',
  month: 'Tháng',
  range: 'Khoảng ngày',
};

export const QUARTER_LABELS = ['Quý I', 'Quý II', 'Quý III', 'Quý IV'] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** The year shown by default: this year by the browser's clock, never before the campaign. */
export function defaultYear(now = new Date()): number {
  return Math.max(CAMPAIGN_FIRST_YEAR, now.getFullYear());
}

/** Years to choose from: next year down to the campaign's first year (2011). */
export function periodYearOptions(selected: number, now = new Date()) {
  const years: { value: number; label: string }[] = [];
  for (let year = Math.max(now.getFullYear() + 1, selected); year >= Math.min(CAMPAIGN_FIRST_YEAR, selected); year--) years.push({ value: year, label: `Năm ${year}` });
  return years;
}

function inRange(value: number | undefined, min: number, max: number): number | undefined {
  return value !== undefined && value >= min && value <= max ? value : undefined;
}

/**
 * The period in the page's address (`?period=quarter&year=2012&quarter=2`), completed with defaults so
 * the page always asks for a whole period; what the server refuses (a year before 2011) it says in Vietnamese.
 */
export function periodFromSearch(params: URLSearchParams, now = new Date()): PeriodParams {
  const kind = (PERIOD_KINDS as readonly string[]).includes(params.get('period') ?? '') ? (params.get('period') as PeriodKind) : 'year';
  const year = positiveInt(params.get('year')) ?? defaultYear(now);
  const month = now.getMonth() + 1;
  switch (kind) {
    case 'year':
      return { period: 'year', year };
    case 'quarter':
      return { period: 'quarter', year, quarter: inRange(positiveInt(params.get('quarter')), 1, 4) ?? Math.floor((month - 1) / 3) + 1 };
    case 'month':
      return { period: 'month', year, month: inRange(positiveInt(params.get('month')), 1, 12) ?? month };
    case 'range': {
      const from = params.get('from') ?? '';
      const to = params.get('to') ?? '';
      return {
        period: 'range',
        from: ISO_DATE.test(from) ? from : `${year}-01-01`,
        to: ISO_DATE.test(to) ? to : `${year}-12-31`,
      };
    }
  }
}

/** The address parameters of a period (only those its kind uses). */
export function periodToSearch(period: PeriodParams): Record<string, string> {
  switch (period.period) {
    case 'year':
      return { period: 'year', year: String(period.year) };
    case 'quarter':
      return { period: 'quarter', year: String(period.year), quarter: String(period.quarter) };
    case 'month':
      return { period: 'month', year: String(period.year), month: String(period.month) };
    case 'range':
      return { period: 'range', from: period.from ?? '', to: period.to ?? '' };
  }
}

/** `?unit=…&period=…` for links between the dashboard, the report editor and other units. */
export function dashboardHref(path: '/bang-dieu-khien' | '/bao-cao', params: DashboardParams): string {
  const search = new URLSearchParams({ unit: String(params.unitId), ...periodToSearch(params) });
  return `${path}?${search.toString()}`;
}

/** Changing the kind keeps the year and picks a sensible part of it. */
export function switchKind(current: PeriodParams, kind: PeriodKind, now = new Date()): PeriodParams {
  const year = current.year ?? Number((current.to ?? '').slice(0, 4));
  const safeYear = Number.isInteger(year) && year > 0 ? year : defaultYear(now);
  const sameYear = safeYear === now.getFullYear();
  const month = sameYear ? now.getMonth() + 1 : 12;
  switch (kind) {
    case 'year':
      return { period: 'year', year: safeYear };
    case 'quarter':
      return { period: 'quarter', year: safeYear, quarter: Math.floor((month - 1) / 3) + 1 };
    case 'month':
      return { period: 'month', year: safeYear, month };
    case 'range':
      return { period: 'range', from: `${safeYear}-01-01`, to: `${safeYear}-12-31` };
  }
}
