import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { oversightApi, oversightKeys } from '../../api/oversight';
import type {
  ActivityDetail,
  CreateActivityInput,
  CreateFindingInput,
  CreateNegativeInput,
  FollowUp,
  FollowUpInput,
  HoldActivityInput,
  UpdateActivityInput,
  UpdateFindingInput,
  UpdateNegativeInput,
} from '../../api/oversight';

/**
 * Every write may change the calendar's counts, an activity's findings, the follow-up lists and their
 * timeliness counts, the addressed findings and the negative phenomena: refresh the whole capability.
 */
function afterChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: oversightKeys.all });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

/** Someone else saved first (409) or the record left the caller's reach (404): reload what is shown. */
function onStale(queryClient: QueryClient) {
  return (error: unknown) => {
    if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: oversightKeys.all });
  };
}

function useActivityWrite<T>(write: (input: T) => Promise<ActivityDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (detail) => {
      queryClient.setQueryData(oversightKeys.detail(detail.id), detail);
      afterChange(queryClient);
    },
    onError: onStale(queryClient),
  });
}

export function useCreateActivity() {
  return useActivityWrite((body: CreateActivityInput) => oversightApi.create(body));
}

export function useUpdateActivity(activity: Pick<ActivityDetail, 'id' | 'version'>) {
  return useActivityWrite((changes: Omit<UpdateActivityInput, 'version'>) => oversightApi.update(activity.id, { ...changes, version: activity.version }));
}

export function useHoldActivity(activity: Pick<ActivityDetail, 'id' | 'version'>) {
  return useActivityWrite((body: Omit<HoldActivityInput, 'version'>) => oversightApi.hold(activity.id, { ...body, version: activity.version }));
}

export function useCancelActivity(activity: Pick<ActivityDetail, 'id' | 'version'>) {
  return useActivityWrite((reason: string) => oversightApi.cancel(activity.id, { version: activity.version, reason }));
}

function useWrite<T, R>(write: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => afterChange(queryClient), onError: onStale(queryClient) });
}

export function useAddFinding(activityId: number) {
  return useWrite((body: CreateFindingInput) => oversightApi.addFinding(activityId, body));
}

export function useUpdateFinding(finding: { id: number; version: number }) {
  return useWrite((changes: Omit<UpdateFindingInput, 'version'>) => oversightApi.updateFinding(finding.id, { ...changes, version: finding.version }));
}

export function useAddFollowUp(findingId: number) {
  return useWrite((body: FollowUpInput) => oversightApi.addFollowUp(findingId, body));
}

export function useCompleteFollowUp(followUp: Pick<FollowUp, 'id' | 'version'>) {
  return useWrite((body: { doneOn: string; result: string; evidenceFileId: number | null }) => oversightApi.completeFollowUp(followUp.id, { ...body, version: followUp.version }));
}

export function useReopenFollowUp(followUp: Pick<FollowUp, 'id' | 'version'>) {
  return useWrite((comment: string) => oversightApi.reopenFollowUp(followUp.id, { version: followUp.version, comment }));
}

export function useCancelFollowUp(followUp: Pick<FollowUp, 'id' | 'version'>) {
  return useWrite((reason: string) => oversightApi.cancelFollowUp(followUp.id, { version: followUp.version, reason }));
}

export function useAddNegative(findingId: number) {
  return useWrite((body: CreateNegativeInput) => oversightApi.addNegative(findingId, body));
}

export function useUpdateNegative(negative: { id: number; version: number }) {
  return useWrite((changes: Omit<UpdateNegativeInput, 'version'>) => oversightApi.updateNegative(negative.id, { ...changes, version: negative.version }));
}

export function useUploadOversightFile() {
  return useMutation({ mutationFn: ({ unitId, file }: { unitId: number; file: File }) => oversightApi.uploadFile(unitId, file) });
}
