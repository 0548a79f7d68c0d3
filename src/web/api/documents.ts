import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DocumentType } from '../../shared/domain/documents';
import type {
  CreateDocumentBody,
  CreateRequirementBody,
  DocumentDetail,
  DocumentList,
  DocumentSummary,
  NextNumber,
  Requirement,
  UpdateDocumentBody,
  UpdateRequirementBody,
} from '../../shared/schemas/documents';
import type { StoredFile } from '../../shared/schemas/files';
import { http, httpDelete, uploadFile, withQuery } from './client';

export type { DocumentDetail, DocumentList, DocumentSummary, NextNumber, Requirement, StoredFile };

export interface DocumentListParams {
  unitId?: number | undefined;
  includeAbove?: boolean | undefined;
  campaignId?: number | undefined;
  docType?: DocumentType | undefined;
  withRequirements?: boolean | undefined;
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface NextNumberParams {
  issuerUnitId?: number | undefined;
  issuerCode?: string | undefined;
  docType: DocumentType;
  issuedOn: string;
}

export const documentKeys = {
  all: ['documents'] as const,
  lists: () => [...documentKeys.all, 'list'] as const,
  list: (params: DocumentListParams) => [...documentKeys.lists(), params] as const,
  details: () => [...documentKeys.all, 'detail'] as const,
  detail: (id: number) => [...documentKeys.details(), id] as const,
  nextNumber: (params: NextNumberParams) => [...documentKeys.all, 'next-number', params] as const,
};

export const documentQueries = {
  list: (params: DocumentListParams) =>
    queryOptions({
      queryKey: documentKeys.list(params),
      queryFn: ({ signal }) => http.get<DocumentList>(withQuery('/api/documents', { ...params, q: params.q?.trim() || undefined }), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: documentKeys.detail(id),
      queryFn: ({ signal }) => http.get<DocumentDetail>(`/api/documents/${id}`, signal),
    }),
  /** The next free number of a type in the issuer's term, as a suggestion for the symbol field. */
  nextNumber: (params: NextNumberParams) =>
    queryOptions({
      queryKey: documentKeys.nextNumber(params),
      queryFn: ({ signal }) => http.get<NextNumber>(withQuery('/api/documents/next-number', { ...params }), signal),
      staleTime: 0,
      retry: false,
    }),
};

/** The attached file, served by the server with its original name. */
export function documentFileUrl(id: number): string {
  return `/api/documents/${id}/file`;
}




export const documentApi = {
  create: (body: CreateDocumentBody) => http.post<DocumentDetail>('/api/documents', body),
  update: (id: number, body: UpdateDocumentBody) => http.patch<DocumentDetail>(`/api/documents/${id}`, body),
  remove: (id: number, version: number) => httpDelete(withQuery(`/api/documents/${id}`, { version })),
  addRequirement: (documentId: number, body: CreateRequirementBody) => http.post<Requirement>(`/api/documents/${documentId}/requirements`, body),
  updateRequirement: (id: number, body: UpdateRequirementBody) => http.patch<Requirement>(`/api/requirements/${id}`, body),
  removeRequirement: (id: number, version: number) => httpDelete(withQuery(`/api/requirements/${id}`, { version })),

  /** Upload the raw bytes first; the document then refers to the stored file by id. */
  uploadFile: (unitId: number, file: File) => uploadFile<StoredFile>(unitId, file),
};
