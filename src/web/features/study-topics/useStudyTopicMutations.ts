import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { AddMaterialBody, CreateStudyTopicBody, UpdateStudyTopicBody } from '../../../shared/schemas/meetings';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { meetingKeys, studyTopicApi, studyTopicKeys } from '../../api/meetings';
import type { StudyTopic } from '../../api/meetings';

/** A topic shows on its page, in every cell's year and (through its rule) in the matrices. */
function afterChange(queryClient: QueryClient, saved?: StudyTopic) {
  if (saved) queryClient.setQueryData(studyTopicKeys.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: studyTopicKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.all });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

export function useCreateStudyTopic() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStudyTopicBody) => studyTopicApi.create(body),
    onSuccess: (saved) => afterChange(queryClient, saved),
  });
}

export function useUpdateStudyTopic(topic: StudyTopic | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateStudyTopicBody, 'version'>) => {
      if (!topic) throw new Error('no topic to update');
      return studyTopicApi.update(topic.id, { version: topic.version, ...changes });
    },
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: (error) => {
      if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: studyTopicKeys.lists() });
    },
  });
}

export function useAddMaterial(topicId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMaterialBody) => studyTopicApi.addMaterial(topicId, body),
    onSuccess: (saved) => afterChange(queryClient, saved),
  });
}

export function useRemoveMaterial(topicId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (materialId: number) => studyTopicApi.removeMaterial(topicId, materialId),
    onSuccess: () => afterChange(queryClient),
  });
}
