import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AgeBand, LeftReason, MemberStatus } from '../../shared/domain/members';
import { XLSX_MIME } from '../../shared/domain/member-sheet';
import type { Position } from '../../shared/domain/roles';
import type { SectorCode } from '../../shared/domain/units';
import type { CreateMemberBody, ImportRow, MemberDetail, MemberImport, MemberSummary, UpdateMemberBody } from '../../shared/schemas/members';
import { http, rawFetch, withQuery } from './client';

export type { ImportRow, MemberDetail, MemberImport, MemberSummary };

/** The list filters; the same set (minus paging) drives the Excel export. */
export interface MemberFilters {
  unitId: number;
  subtree: boolean;
  q?: string | undefined;
  status?: MemberStatus | undefined;
  position?: Position | undefined;
  keyLeader?: boolean | undefined;
  head?: boolean | undefined;
  sector?: SectorCode | undefined;
  ageBand?: AgeBand | undefined;
  includeLeft: boolean;
}

export interface MemberListParams extends MemberFilters {
  page: number;
  pageSize: number;
}

export interface MemberList {
  items: MemberSummary[];
  total: number;
}

export interface TimelineEntry {
  at: string;
  action: string;
  label: string;
  actor: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ImportRowsParams {
  onlyErrors: boolean;
  page: number;
  pageSize: number;
}

export interface ImportRows {
  items: ImportRow[];
  total: number;
}

export const memberKeys = {
  all: ['members'] as const,
  lists: () => [...memberKeys.all, 'list'] as const,
  list: (params: MemberListParams) => [...memberKeys.lists(), params] as const,
  details: () => [...memberKeys.all, 'detail'] as const,
  detail: (id: number) => [...memberKeys.details(), id] as const,
  timeline: (id: number) => [...memberKeys.detail(id), 'timeline'] as const,
  imports: () => [...memberKeys.all, 'import'] as const,
  import: (id: number) => [...memberKeys.imports(), id] as const,
  importRowLists: (id: number) => [...memberKeys.import(id), 'rows'] as const,
  importRows: (id: number, params: ImportRowsParams) => [...memberKeys.importRowLists(id), params] as const,
};

/** Import jobs still working in the background; the page polls them. */
export function importIsRunning(job: MemberImport | undefined): boolean {
  return job?.status === 'validating' || job?.status === 'importing';
}

const IMPORT_POLL_MS = 700;

function filterQuery(filters: MemberFilters) {
  return {
    unitId: filters.unitId,
    subtree: filters.subtree,
    q: filters.q?.trim() || undefined,
    status: filters.status,
    position: filters.position,
    keyLeader: filters.keyLeader,
    head: filters.head,
    sector: filters.sector,
    ageBand: filters.ageBand,
    includeLeft: filters.includeLeft,
  };
}

export const memberQueries = {
  list: (params: MemberListParams) =>
    queryOptions({
      queryKey: memberKeys.list(params),
      queryFn: ({ signal }) =>
        http.get<MemberList>(withQuery('/api/members', { ...filterQuery(params), page: params.page, pageSize: params.pageSize }), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: memberKeys.detail(id),
      queryFn: ({ signal }) => http.get<MemberDetail>(`/api/members/${id}`, signal),
    }),
  timeline: (id: number) =>
    queryOptions({
      queryKey: memberKeys.timeline(id),
      queryFn: ({ signal }) => http.get<TimelineEntry[]>(`/api/members/${id}/timeline`, signal),
    }),
  /** One import job, polled every 700 ms while the server is still checking or writing. */
  import: (id: number) =>
    queryOptions({
      queryKey: memberKeys.import(id),
      queryFn: ({ signal }) => http.get<MemberImport>(`/api/member-imports/${id}`, signal),
      refetchInterval: (query) => (importIsRunning(query.state.data) ? IMPORT_POLL_MS : false),
    }),
  importRows: (id: number, params: ImportRowsParams) =>
    queryOptions({
      queryKey: memberKeys.importRows(id, params),
      queryFn: ({ signal }) => http.get<ImportRows>(withQuery(`/api/member-imports/${id}/rows`, { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
};

export const TEMPLATE_URL = '/api/member-imports/template';

export function exportUrl(filters: MemberFilters): string {
  return withQuery('/api/members/export', filterQuery(filters));
}



function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/iu.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed header: use the fallback
    }
  }
  return fallback;
}

/**
 * Download a file the server builds (the Excel export), showing the server's Vietnamese message
 * on failure instead of navigating to a JSON error page.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await rawFetch(path, { method: 'GET', headers: { accept: `${XLSX_MIME}, application/json` } });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const memberApi = {
  create: (body: CreateMemberBody) => http.post<MemberDetail>('/api/members', body),
  update: (id: number, body: UpdateMemberBody) => http.patch<MemberDetail>(`/api/members/${id}`, body),
  transfer: (id: number, body: { version: number; toUnitId: number; on: string }) => http.post<MemberDetail>(`/api/members/${id}/transfer`, body),
  leave: (id: number, body: { version: number; leftOn: string; reason: LeftReason }) => http.post<MemberDetail>(`/api/members/${id}/leave`, body),
  addPosition: (id: number, body: { version: number; position: Position; unitId: number; startedOn: string }) =>
    http.post<MemberDetail>(`/api/members/${id}/positions`, body),
  endPosition: (id: number, positionId: number, body: { version: number; endedOn: string }) =>
    http.post<MemberDetail>(`/api/members/${id}/positions/${positionId}/end`, body),
  updateMyPhone: (body: { version: number; phone: string | null }) => http.patch<MemberDetail>('/api/me/member', body),

  /** Send the workbook as the raw request body; the server answers 202 with the job (status `validating`). */
  startImport: async (unitId: number, file: File): Promise<MemberImport> => {
    const response = await rawFetch(withQuery('/api/member-imports', { unitId, fileName: file.name }), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': XLSX_MIME },
      body: file,
    });
    return (await response.json()) as MemberImport;
  },
  commitImport: (id: number) => http.post<MemberImport>(`/api/member-imports/${id}/commit`),
};
