import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type {
  ConferenceCoverage,
  ConferenceDetail,
  ConferenceDocumentOption,
  ConferenceList,
  ConferenceSummary,
  CoverageRow,
  CreateConferenceBody,
  UpdateConferenceBody,
} from '../../shared/schemas/conferences';
import type { StoredFile } from '../../shared/schemas/files';
import { http, httpDelete, uploadFile, withQuery } from './client';

export type { ConferenceCoverage, ConferenceDetail, ConferenceDocumentOption, ConferenceList, ConferenceSummary, CoverageRow, StoredFile };

export interface ConferenceListParams {
  unitId: number;
  subtree: boolean;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export interface CoverageParams {
  unitId: number;
  year?: number | undefined;
}

export const conferenceKeys = {
  all: ['conferences'] as const,
  lists: () => [...conferenceKeys.all, 'list'] as const,
  list: (params: ConferenceListParams) => [...conferenceKeys.lists(), params] as const,
  details: () => [...conferenceKeys.all, 'detail'] as const,
  detail: (id: number) => [...conferenceKeys.details(), id] as const,
  coverages: () => [...conferenceKeys.all, 'coverage'] as const,
  coverage: (params: CoverageParams) => [...conferenceKeys.coverages(), params] as const,
  documentOptions: (unitId: number, q: string) => [...conferenceKeys.all, 'document-options', unitId, q] as const,
};

export const conferenceQueries = {
  list: (params: ConferenceListParams) =>
    queryOptions({
      queryKey: conferenceKeys.list(params),
      queryFn: ({ signal }) => http.get<ConferenceList>(withQuery('/api/conferences', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: conferenceKeys.detail(id),
      queryFn: ({ signal }) => http.get<ConferenceDetail>(`/api/conferences/${id}`, signal),
    }),
  coverage: (params: CoverageParams) =>
    queryOptions({
      queryKey: conferenceKeys.coverage(params),
      queryFn: ({ signal }) => http.get<ConferenceCoverage>(withQuery('/api/conferences/coverage', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
  /** What a conference of the unit may disseminate: the unit's own documents and its ancestors'. */
  documentOptions: (unitId: number, q: string) =>
    queryOptions({
      queryKey: conferenceKeys.documentOptions(unitId, q),
      queryFn: ({ signal }) =>
        http.get<{ items: ConferenceDocumentOption[] }>(withQuery('/api/conferences/document-options', { unitId, q: q.trim() || undefined }), signal),
      staleTime: 30_000,
      placeholderData: keepPreviousData,
    }),
};

/** The minutes, served with their original name. */
export function minutesUrl(id: number): string {
  return `/api/conferences/${id}/minutes`;
}




export const conferenceApi = {
  create: (body: CreateConferenceBody) => http.post<ConferenceDetail>('/api/conferences', body),
  update: (id: number, body: UpdateConferenceBody) => http.patch<ConferenceDetail>(`/api/conferences/${id}`, body),
  remove: (id: number, version: number) => httpDelete(withQuery(`/api/conferences/${id}`, { version })),
  /** Upload the minutes for a unit; the server checks the content (PDF, DOCX, PNG, JPEG; 20 MB). */
  uploadMinutes: (unitId: number, file: File) => uploadFile<StoredFile>(unitId, file),
};
