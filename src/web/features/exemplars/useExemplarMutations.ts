import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { exemplarApi, exemplarKeys, publicityKeys } from '../../api/exemplars';
import type { AddPublicityInput, CommendExemplarInput, CreateExemplarInput, ExemplarDetail, ExemplarStepAction, UpdateExemplarInput } from '../../api/exemplars';

/** An exemplar shows in lists, its detail and the publicity summary. */
function afterChange(queryClient: QueryClient, saved?: ExemplarDetail) {
  if (saved) queryClient.setQueryData(exemplarKeys.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: exemplarKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: publicityKeys.summaries() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

/** A stale version or a record gone out of reach: reload what the page shows. */
function onStale(queryClient: QueryClient, id: number) {
  return (error: unknown) => {
    if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) {
      void queryClient.invalidateQueries({ queryKey: exemplarKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: exemplarKeys.lists() });
    }
  };
}

export interface CreateWithFiles {
  body: CreateExemplarInput & { nominatingUnitId: number };
  photos: { file: File; caption: string }[];
  evidence: File[];
}

export interface UploadProblem {
  name: string;
  message: string;
}

/**
 * Create the draft, then upload the chosen photos and evidence files one by one (photos and evidence
 * belong to an existing nomination). A refused file does not undo the draft: its message is returned.
 */
export function useCreateExemplar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, photos, evidence }: CreateWithFiles): Promise<{ saved: ExemplarDetail; problems: UploadProblem[] }> => {
      let saved = await exemplarApi.create(body);
      const problems: UploadProblem[] = [];
      for (const photo of photos) {
        try {
          saved = await exemplarApi.addPhoto(saved.id, photo.file, photo.caption);
        } catch (error) {
          problems.push({ name: photo.file.name, message: error instanceof Error ? error.message : String(error) });
        }
      }
      for (const file of evidence) {
        try {
          saved = await exemplarApi.addEvidence(saved.id, body.nominatingUnitId, file);
        } catch (error) {
          problems.push({ name: file.name, message: error instanceof Error ? error.message : String(error) });
        }
      }
      return { saved, problems };
    },
    onSuccess: ({ saved }) => afterChange(queryClient, saved),
  });
}

export function useUpdateExemplar(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateExemplarInput, 'version'>) => exemplarApi.update(exemplar.id, { version: exemplar.version, ...changes }),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: onStale(queryClient, exemplar.id),
  });
}

export function useExemplarStep(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, comment }: { action: ExemplarStepAction; comment: string | null }) => exemplarApi.step(exemplar.id, action, exemplar.version, comment),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: onStale(queryClient, exemplar.id),
  });
}

export function useCommendExemplar(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CommendExemplarInput, 'version'>) => exemplarApi.commend(exemplar.id, { version: exemplar.version, ...body }),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: onStale(queryClient, exemplar.id),
  });
}

export function useSetPublic(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (makePublic: boolean) => exemplarApi.setPublic(exemplar.id, makePublic, exemplar.version),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: onStale(queryClient, exemplar.id),
  });
}

export function useAddPhoto(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, caption }: { file: File; caption?: string }) => exemplarApi.addPhoto(exemplar.id, file, caption),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: onStale(queryClient, exemplar.id),
  });
}

export function useAddEvidence(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => exemplarApi.addEvidence(exemplar.id, exemplar.nominatingUnit.id, file),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: onStale(queryClient, exemplar.id),
  });
}

/** Remove a photo, an evidence file or a publicity entry; the detail is fetched again (deletes answer 204). */
export function useRemoveExemplarPart(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (part: { kind: 'photo' | 'evidence'; fileId: number } | { kind: 'publicity'; entryId: number }) => {
      if (part.kind === 'publicity') await exemplarApi.removePublicity(part.entryId);
      else if (part.kind === 'photo') await exemplarApi.removePhoto(exemplar.id, part.fileId);
      else await exemplarApi.removeEvidence(exemplar.id, part.fileId);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: exemplarKeys.detail(exemplar.id) });
      afterChange(queryClient);
    },
    onError: onStale(queryClient, exemplar.id),
  });
}

export function useAddPublicity(exemplar: ExemplarDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, file }: { body: Omit<AddPublicityInput, 'fileId'>; file: File | null }) => exemplarApi.addPublicity(exemplar.id, exemplar.nominatingUnit.id, body, file),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: onStale(queryClient, exemplar.id),
  });
}
