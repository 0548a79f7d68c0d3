import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ExemplarState } from '../../shared/domain/exemplars';
import type {
  AddPublicityInput,
  CommendExemplarInput,
  CreateExemplarInput,
  ExemplarDetail,
  ExemplarList,
  ExemplarListItem,
  PublicityChannelList,
  PublicitySummary,
  UpdateExemplarInput,
} from '../../shared/schemas/exemplars';
import type { StoredFile } from '../../shared/schemas/files';
import type { UnitRef } from '../../shared/schemas/units';
import { http, httpDelete, rawFetch, uploadFile, withQuery } from './client';

export type {
  AddPublicityInput,
  CommendExemplarInput,
  CreateExemplarInput,
  ExemplarDetail,
  ExemplarList,
  ExemplarListItem,
  PublicityChannelList,
  PublicitySummary,
  StoredFile,
  UpdateExemplarInput,
};

export interface ExemplarListParams {
  /** Nominations in this unit's subtree (null: the caller's scope). */
  unitId: number | null;
  year: number | null;
  state?: ExemplarState | undefined;
  /** Only those waiting at a level the caller acts for. */
  awaiting?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export const exemplarKeys = {
  all: ['exemplars'] as const,
  lists: () => [...exemplarKeys.all, 'list'] as const,
  list: (params: ExemplarListParams) => [...exemplarKeys.lists(), params] as const,
  details: () => [...exemplarKeys.all, 'detail'] as const,
  detail: (id: number) => [...exemplarKeys.details(), id] as const,
  decidingUnits: (unitId: number) => [...exemplarKeys.all, 'deciding-units', unitId] as const,
};

export const publicityKeys = {
  all: ['publicity'] as const,
  channels: () => [...publicityKeys.all, 'channels'] as const,
  summaries: () => [...publicityKeys.all, 'summary'] as const,
  summary: (unitId: number | null, year: number) => [...publicityKeys.summaries(), unitId, year] as const,
};

export const exemplarQueries = {
  list: (params: ExemplarListParams) =>
    queryOptions({
      queryKey: exemplarKeys.list(params),
      queryFn: ({ signal }) =>
        http.get<ExemplarList>(
          withQuery('/api/exemplars', {
            unitId: params.unitId,
            year: params.year,
            state: params.awaiting ? undefined : params.state,
            awaiting: params.awaiting ? true : undefined,
            q: params.q?.trim() || undefined,
            page: params.page,
            pageSize: params.pageSize,
          }),
          signal,
        ),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: exemplarKeys.detail(id),
      queryFn: ({ signal }) => http.get<ExemplarDetail>(`/api/exemplars/${id}`, signal),
    }),
  /** The nominating unit itself (when a committee) and its committee ancestors, nearest first. */
  decidingUnits: (unitId: number) =>
    queryOptions({
      queryKey: exemplarKeys.decidingUnits(unitId),
      queryFn: ({ signal }) => http.get<{ items: UnitRef[] }>(withQuery('/api/exemplars/deciding-units', { unitId }), signal),
      staleTime: 5 * 60_000,
    }),
};

export const publicityQueries = {
  channels: () =>
    queryOptions({
      queryKey: publicityKeys.channels(),
      queryFn: ({ signal }) => http.get<PublicityChannelList>('/api/publicity-channels', signal),
      staleTime: 5 * 60_000,
    }),
  summary: (unitId: number | null, year: number) =>
    queryOptions({
      queryKey: publicityKeys.summary(unitId, year),
      queryFn: ({ signal }) => http.get<PublicitySummary>(withQuery('/api/publicity/summary', { unitId, year }), signal),
      placeholderData: keepPreviousData,
    }),
};

async function put<T>(path: string, body: unknown): Promise<T> {
  const response = await rawFetch(path, {
    method: 'PUT',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

export type ExemplarStepAction = 'submit' | 'verify' | 'return' | 'reject';

/** Addresses of an exemplar's files (served to signed-in officers in scope). */
export const exemplarFileUrls = {
  photo: (id: number, fileId: number) => `/api/exemplars/${id}/photos/${fileId}`,
  evidence: (id: number, fileId: number) => `/api/exemplars/${id}/evidence/${fileId}`,
  publicityFile: (entryId: number) => `/api/publicity/${entryId}/file`,
};

export const exemplarApi = {
  create: (body: CreateExemplarInput) => http.post<ExemplarDetail>('/api/exemplars', body),
  update: (id: number, body: UpdateExemplarInput) => http.patch<ExemplarDetail>(`/api/exemplars/${id}`, body),
  /** submit / verify (optional comment), return / reject (comment required). */
  step: (id: number, action: ExemplarStepAction, version: number, comment: string | null) =>
    http.post<ExemplarDetail>(`/api/exemplars/${id}/${action}`, comment === null ? { version } : { version, comment }),
  commend: (id: number, body: CommendExemplarInput) => http.post<ExemplarDetail>(`/api/exemplars/${id}/commend`, body),
  setPublic: (id: number, makePublic: boolean, version: number) => put<ExemplarDetail>(`/api/exemplars/${id}/publication`, { public: makePublic, version }),
  /** The server resizes the photo and strips its metadata; it checks the type by content (JPEG, PNG, WebP; ≤ 10 MB). */
  async addPhoto(id: number, file: File, caption?: string): Promise<ExemplarDetail> {
    const response = await rawFetch(withQuery(`/api/exemplars/${id}/photos`, { caption: caption?.trim() || undefined }), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
      body: file,
    });
    return (await response.json()) as ExemplarDetail;
  },
  removePhoto: (id: number, fileId: number) => httpDelete(`/api/exemplars/${id}/photos/${fileId}`),
  /** Evidence is uploaded for the nominating unit first (/api/files), then attached. */
  async addEvidence(id: number, nominatingUnitId: number, file: File): Promise<ExemplarDetail> {
    const stored = await uploadFile<StoredFile>(nominatingUnitId, file);
    return http.post<ExemplarDetail>(`/api/exemplars/${id}/evidence`, { fileId: stored.id });
  },
  removeEvidence: (id: number, fileId: number) => httpDelete(`/api/exemplars/${id}/evidence/${fileId}`),
  /** A publicity entry, with an optional scan uploaded for the nominating unit first. */
  async addPublicity(id: number, nominatingUnitId: number, body: Omit<AddPublicityInput, 'fileId'>, file: File | null): Promise<ExemplarDetail> {
    const stored = file ? await uploadFile<StoredFile>(nominatingUnitId, file) : null;
    return http.post<ExemplarDetail>(`/api/exemplars/${id}/publicity`, { ...body, ...(stored ? { fileId: stored.id } : {}) });
  },
  removePublicity: (entryId: number) => httpDelete(`/api/publicity/${entryId}`),
};
