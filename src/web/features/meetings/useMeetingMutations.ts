import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { PlanMeetingBody, RecordMeetingBody, UpdateMeetingBody } from '../../../shared/schemas/meetings';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { meetingApi, meetingKeys, uploadAttachment } from '../../api/meetings';
import type { MeetingDetail } from '../../api/meetings';

/** A meeting shows in its cell's year, every matrix above it and its members' histories. */
function afterChange(queryClient: QueryClient, saved?: MeetingDetail) {
  if (saved) queryClient.setQueryData(meetingKeys.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: meetingKeys.cellYears() });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.matrices() });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.mine() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

export function usePlanMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanMeetingBody) => meetingApi.plan(body),
    onSuccess: (saved) => afterChange(queryClient, saved),
  });
}

export function useRecordMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordMeetingBody) => meetingApi.record(body),
    onSuccess: (saved) => afterChange(queryClient, saved),
  });
}

export function useUpdateMeeting(meeting: MeetingDetail | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateMeetingBody, 'version'>) => {
      if (!meeting) throw new Error('no meeting to update');
      return meetingApi.update(meeting.id, { version: meeting.version, ...changes });
    },
    onSuccess: (saved) => afterChange(queryClient, saved),
    // Someone else saved first (409) or removed it (404): reload so the next attempt starts fresh.
    onError: (error) => {
      if (meeting && (isApiError(error, 'conflict') || isApiError(error, 'not_found'))) {
        void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
        void queryClient.invalidateQueries({ queryKey: meetingKeys.cellYears() });
      }
    },
  });
}

export function useDeleteMeeting(meeting: MeetingDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => meetingApi.remove(meeting.id, meeting.version),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: meetingKeys.detail(meeting.id) });
      afterChange(queryClient);
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meeting.id) });
    },
  });
}

export function useUploadFile() {
  return useMutation({ mutationFn: ({ unitId, file }: { unitId: number; file: File }) => uploadAttachment(unitId, file) });
}
