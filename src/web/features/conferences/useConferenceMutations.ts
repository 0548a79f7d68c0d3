import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { CreateConferenceBody, UpdateConferenceBody } from '../../../shared/schemas/conferences';
import { auditKeys } from '../../api/audit';
import { cascadeKeys } from '../../api/cascade';
import { isApiError } from '../../api/client';
import { conferenceApi, conferenceKeys } from '../../api/conferences';
import type { ConferenceDetail } from '../../api/conferences';

/** Lists, coverage and the audit log show every conference; the cascade view shows them too. */
function afterChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: conferenceKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: conferenceKeys.coverages() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
  void queryClient.invalidateQueries({ queryKey: cascadeKeys.all });
}

export function useCreateConference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateConferenceBody) => conferenceApi.create(body),
    onSuccess: (created) => {
      queryClient.setQueryData(conferenceKeys.detail(created.id), created);
      afterChange(queryClient);
    },
  });
}

export function useUpdateConference(conference: ConferenceDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateConferenceBody, 'version'>) => conferenceApi.update(conference.id, { version: conference.version, ...changes }),
    onSuccess: (updated) => {
      queryClient.setQueryData(conferenceKeys.detail(updated.id), updated);
      afterChange(queryClient);
    },
    // Someone else saved first (409) or removed it (404): reload so the next attempt starts fresh.
    onError: (error) => {
      if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: conferenceKeys.detail(conference.id) });
    },
  });
}

export function useDeleteConference(conference: ConferenceDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => conferenceApi.remove(conference.id, conference.version),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: conferenceKeys.detail(conference.id) });
      afterChange(queryClient);
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) void queryClient.invalidateQueries({ queryKey: conferenceKeys.detail(conference.id) });
    },
  });
}

export function useUploadMinutes() {
  return useMutation({ mutationFn: ({ unitId, file }: { unitId: number; file: File }) => conferenceApi.uploadMinutes(unitId, file) });
}
