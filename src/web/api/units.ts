import { queryOptions } from '@tanstack/react-query';
import type {
  CloseUnitBody,
  CreateUnitBody,
  MoveUnitBody,
  UnitDetail,
  UnitSearchHit,
  UnitSummary,
  UpdateUnitBody,
} from '../../shared/schemas/units';
import { http, withQuery } from './client';

export interface UnitSearchParams {
  q: string;
  within?: number | undefined;
  includeClosed?: boolean | undefined;
  limit?: number | undefined;
}

export const unitKeys = {
  all: ['units'] as const,
  details: () => [...unitKeys.all, 'detail'] as const,
  detail: (id: number) => [...unitKeys.details(), id] as const,
  childLists: () => [...unitKeys.all, 'children'] as const,
  /** Prefix covering both the open-only and the with-closed list of one parent. */
  childrenOf: (parentId: number) => [...unitKeys.childLists(), parentId] as const,
  children: (parentId: number, includeClosed: boolean) => [...unitKeys.childrenOf(parentId), { includeClosed }] as const,
  searches: () => [...unitKeys.all, 'search'] as const,
  search: (params: UnitSearchParams) => [...unitKeys.searches(), params] as const,
};

export const unitQueries = {
  detail: (id: number) =>
    queryOptions({
      queryKey: unitKeys.detail(id),
      queryFn: ({ signal }) => http.get<UnitDetail>(`/api/units/${id}`, signal),
    }),
  children: (parentId: number, includeClosed: boolean) =>
    queryOptions({
      queryKey: unitKeys.children(parentId, includeClosed),
      queryFn: ({ signal }) =>
        http.get<UnitSummary[]>(withQuery(`/api/units/${parentId}/children`, { includeClosed }), signal),
      staleTime: 60_000,
    }),
  search: (params: UnitSearchParams) =>
    queryOptions({
      queryKey: unitKeys.search(params),
      queryFn: ({ signal }) =>
        http.get<UnitSearchHit[]>(
          withQuery('/api/units/search', {
            q: params.q,
            within: params.within,
            includeClosed: params.includeClosed ?? false,
            limit: params.limit ?? 20,
          }),
          signal,
        ),
      staleTime: 30_000,
    }),
};

export const unitApi = {
  create: (body: CreateUnitBody) => http.post<UnitDetail>('/api/units', body),
  update: (id: number, body: UpdateUnitBody) => http.patch<UnitDetail>(`/api/units/${id}`, body),
  move: (id: number, body: MoveUnitBody) => http.post<UnitDetail>(`/api/units/${id}/move`, body),
  close: (id: number, body: CloseUnitBody) => http.post<UnitDetail>(`/api/units/${id}/close`, body),
};
