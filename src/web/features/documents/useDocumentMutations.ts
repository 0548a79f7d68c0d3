import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { CreateDocumentBody, CreateRequirementBody, UpdateDocumentBody } from '../../../shared/schemas/documents';
import { auditKeys } from '../../api/audit';
import { campaignKeys } from '../../api/campaigns';
import { cascadeKeys } from '../../api/cascade';
import { isApiError } from '../../api/client';
import { documentApi, documentKeys } from '../../api/documents';
import type { DocumentDetail, Requirement } from '../../api/documents';

/**
 * A document or requirement changed: lists, other documents' "implemented by", the cascade states,
 * campaign counts and the audit log may all show it.
 */
function afterChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: documentKeys.all });
  void queryClient.invalidateQueries({ queryKey: cascadeKeys.all });
  void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

/** 409 or 404: reload the document so the next attempt starts from what is stored now. */
function onStale(queryClient: QueryClient, documentId: number, error: unknown) {
  if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) {
    void queryClient.invalidateQueries({ queryKey: documentKeys.detail(documentId) });
  }
}

export function useCreateDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDocumentBody) => documentApi.create(body),
    onSuccess: (created) => {
      afterChange(queryClient);
      queryClient.setQueryData(documentKeys.detail(created.id), created);
    },
  });
}

export function useUpdateDocument(document: DocumentDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateDocumentBody, 'version'>) => documentApi.update(document.id, { version: document.version, ...changes }),
    onSuccess: (updated) => {
      queryClient.setQueryData(documentKeys.detail(updated.id), updated);
      afterChange(queryClient);
    },
    onError: (error) => onStale(queryClient, document.id, error),
  });
}

export function useDeleteDocument(document: DocumentDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => documentApi.remove(document.id, document.version),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: documentKeys.detail(document.id) });
      afterChange(queryClient);
    },
    onError: (error) => onStale(queryClient, document.id, error),
  });
}

export function useSaveRequirement(documentId: number, requirement: Requirement | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRequirementBody) =>
      requirement ? documentApi.updateRequirement(requirement.id, { ...body, version: requirement.version }) : documentApi.addRequirement(documentId, body),
    onSuccess: () => afterChange(queryClient),
    onError: (error) => onStale(queryClient, documentId, error),
  });
}

export function useDeleteRequirement(documentId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requirement: Requirement) => documentApi.removeRequirement(requirement.id, requirement.version),
    onSuccess: () => afterChange(queryClient),
    onError: (error) => onStale(queryClient, documentId, error),
  });
}
