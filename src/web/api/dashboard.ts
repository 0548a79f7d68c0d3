import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { PeriodKind } from '../../shared/domain/indicators';
import type {
  Dashboard,
  DashboardCard,
  DashboardChildRow,
  DashboardChildren,
  DashboardLagging,
  IndicatorList,
  LaggingRow,
} from '../../shared/schemas/dashboard';
import { http, withQuery } from './client';

export type { Dashboard, DashboardCard, DashboardChildRow, DashboardChildren, DashboardLagging, IndicatorList, LaggingRow };

/** The period part of every dashboard and report query (see dashboardQuerySchema). */
export interface PeriodParams {
  period: PeriodKind;
  year?: number | undefined;
  quarter?: number | undefined;
  month?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface DashboardParams extends PeriodParams {
  unitId: number;
}

/** Only the fields the period kind uses, so equal periods share one cache entry. */
export function periodQuery(params: DashboardParams): DashboardParams {
  switch (params.period) {
    case 'year':
      return { unitId: params.unitId, period: 'year', year: params.year };
    case 'quarter':
      return { unitId: params.unitId, period: 'quarter', year: params.year, quarter: params.quarter };
    case 'month':
      return { unitId: params.unitId, period: 'month', year: params.year, month: params.month };
    case 'range':
      return { unitId: params.unitId, period: 'range', from: params.from, to: params.to };
  }
}

function search(params: DashboardParams) {
  const query = periodQuery(params);
  return { unitId: query.unitId, period: query.period, year: query.year, quarter: query.quarter, month: query.month, from: query.from, to: query.to };
}

export const dashboardKeys = {
  all: ['dashboard'] as const,
  summaries: () => [...dashboardKeys.all, 'summary'] as const,
  summary: (params: DashboardParams) => [...dashboardKeys.summaries(), periodQuery(params)] as const,
  childLists: () => [...dashboardKeys.all, 'children'] as const,
  children: (params: DashboardParams) => [...dashboardKeys.childLists(), periodQuery(params)] as const,
  laggingLists: () => [...dashboardKeys.all, 'lagging'] as const,
  lagging: (params: DashboardParams) => [...dashboardKeys.laggingLists(), periodQuery(params)] as const,
  indicators: () => [...dashboardKeys.all, 'indicators'] as const,
};

/**
 * The numbers are live (computed by the server at each request): no stale time, so coming back to
 * the page or changing the period always asks again; the previous answer stays on screen meanwhile.
 */
export const dashboardQueries = {
  summary: (params: DashboardParams) =>
    queryOptions({
      queryKey: dashboardKeys.summary(params),
      queryFn: ({ signal }) => http.get<Dashboard>(withQuery('/api/dashboard', search(params)), signal),
      placeholderData: keepPreviousData,
      staleTime: 0,
    }),
  /** The direct children of a unit with the same indicators (one level of the tree table). */
  children: (params: DashboardParams) =>
    queryOptions({
      queryKey: dashboardKeys.children(params),
      queryFn: ({ signal }) => http.get<DashboardChildren>(withQuery('/api/dashboard/children', search(params)), signal),
      staleTime: 0,
    }),
  lagging: (params: DashboardParams) =>
    queryOptions({
      queryKey: dashboardKeys.lagging(params),
      queryFn: ({ signal }) => http.get<DashboardLagging>(withQuery('/api/dashboard/lagging', search(params)), signal),
      placeholderData: keepPreviousData,
      staleTime: 0,
    }),
  indicators: () =>
    queryOptions({
      queryKey: dashboardKeys.indicators(),
      queryFn: ({ signal }) => http.get<IndicatorList>('/api/dashboard/indicators', signal),
      staleTime: Infinity,
    }),
};

/** The dashboard query string (also the appendix's), e.g. `unitId=1&period=year&year=2012`. */
export function dashboardSearch(params: DashboardParams): Record<string, string | number | undefined> {
  return search(params);
}
