import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CascadeNode, CascadeView, Obligation, UpcomingItem, UpcomingList } from '../../shared/schemas/cascade';
import { http, withQuery } from './client';

export type { CascadeNode, CascadeView, Obligation, UpcomingItem, UpcomingList };

export interface CascadeParams {
  documentId: number;
  unitId?: number | undefined;
  overdueOnly: boolean;
}

export interface UpcomingParams {
  unitId?: number | undefined;
  days: number;
}

export const cascadeKeys = {
  all: ['cascade'] as const,
  views: () => [...cascadeKeys.all, 'view'] as const,
  view: (params: CascadeParams) => [...cascadeKeys.views(), params] as const,
  upcoming: (params: UpcomingParams) => [...cascadeKeys.all, 'upcoming', params] as const,
};

export const cascadeQueries = {
  view: (params: CascadeParams) =>
    queryOptions({
      queryKey: cascadeKeys.view(params),
      queryFn: ({ signal }) => http.get<CascadeView>(withQuery('/api/cascade', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
  upcoming: (params: UpcomingParams) =>
    queryOptions({
      queryKey: cascadeKeys.upcoming(params),
      queryFn: ({ signal }) => http.get<UpcomingList>(withQuery('/api/cascade/upcoming', { ...params }), signal),
    }),
};

export function cascadeExportUrl(params: { documentId: number; unitId?: number | undefined }): string {
  return withQuery('/api/cascade/export', { ...params });
}
