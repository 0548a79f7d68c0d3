import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { HelperUnitState } from '../../shared/domain/direction';
import type { DocumentType } from '../../shared/domain/documents';
import type { DocumentList } from '../../shared/schemas/documents';
import type {
  AddHelperActivityBody,
  AddHelperMemberBody,
  CreateHelperUnitBody,
  HelperCoverage,
  HelperCoverageRow,
  HelperUnitByUnit,
  HelperUnitDetail,
  HelperUnitMember,
  UpdateHelperUnitBody,
} from '../../shared/schemas/helper-units';
import type { MemberSummary } from '../../shared/schemas/members';
import { http, httpDelete, withQuery } from './client';

export type { HelperCoverage, HelperCoverageRow, HelperUnitByUnit, HelperUnitDetail, HelperUnitMember };

export interface HelperCoverageParams {
  unitId: number;
  state?: HelperUnitState | undefined;
}

export const helperUnitKeys = {
  all: ['helper-units'] as const,
  coverages: () => [...helperUnitKeys.all, 'coverage'] as const,
  coverage: (params: HelperCoverageParams) => [...helperUnitKeys.coverages(), params] as const,
  byUnits: () => [...helperUnitKeys.all, 'by-unit'] as const,
  byUnit: (unitId: number) => [...helperUnitKeys.byUnits(), unitId] as const,
  documents: (unitId: number, docType: DocumentType) => [...helperUnitKeys.all, 'documents', unitId, docType] as const,
  memberSearch: (unitId: number, q: string) => [...helperUnitKeys.all, 'member-search', unitId, q] as const,
};

export const helperUnitQueries = {
  coverage: (params: HelperCoverageParams) =>
    queryOptions({
      queryKey: helperUnitKeys.coverage(params),
      queryFn: ({ signal }) => http.get<HelperCoverage>(withQuery('/api/helper-units/coverage', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
  byUnit: (unitId: number) =>
    queryOptions({
      queryKey: helperUnitKeys.byUnit(unitId),
      queryFn: ({ signal }) => http.get<HelperUnitByUnit>(`/api/helper-units/by-unit/${unitId}`, signal),
    }),
  /** The committee's own documents of a type (founding decisions, regulations), newest first. */
  documents: (unitId: number, docType: DocumentType) =>
    queryOptions({
      queryKey: helperUnitKeys.documents(unitId, docType),
      queryFn: async ({ signal }) => {
        const list = await http.get<DocumentList>(withQuery('/api/documents', { unitId, includeAbove: false, docType, pageSize: 200 }), signal);
        return list.items.filter((document) => document.issuer.unitId === unitId);
      },
      staleTime: 30_000,
    }),
  /** Active members of the committee's cells whose name matches. */
  memberSearch: (unitId: number, q: string) =>
    queryOptions({
      queryKey: helperUnitKeys.memberSearch(unitId, q),
      queryFn: ({ signal }) =>
        http.get<{ items: MemberSummary[]; total: number }>(withQuery('/api/members', { unitId, subtree: true, q: q.trim() || undefined, pageSize: 20 }), signal),
      staleTime: 30_000,
      placeholderData: keepPreviousData,
    }),
};

export const helperUnitApi = {
  create: (body: CreateHelperUnitBody) => http.post<HelperUnitDetail>('/api/helper-units', body),
  update: (id: number, body: UpdateHelperUnitBody) => http.patch<HelperUnitDetail>(`/api/helper-units/${id}`, body),
  addMember: (id: number, body: AddHelperMemberBody) => http.post<HelperUnitDetail>(`/api/helper-units/${id}/members`, body),
  removeMember: (id: number, memberId: number) => httpDelete(`/api/helper-units/${id}/members/${memberId}`),
  addActivity: (id: number, body: AddHelperActivityBody) => http.post<HelperUnitDetail>(`/api/helper-units/${id}/activities`, body),
};
