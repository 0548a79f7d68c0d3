import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { notificationApi, notificationKeys, urgingApi, urgingKeys } from '../../api/urging';
import type { CloseRuleBody, CreateRuleBody, NotificationCount, Preferences, ReminderRule, UpdatePreferencesBody, UpdateRuleBody, UrgingMessageBody } from '../../api/urging';

/** Reading changes the bell and every list of the notification centre. */
function afterRead(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: notificationKeys.count() });
  void queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => notificationApi.markRead(id),
    onMutate: async (id: number) => {
      // The bell goes down at once; the server's count follows.
      await queryClient.cancelQueries({ queryKey: notificationKeys.count() });
      queryClient.setQueryData<NotificationCount>(notificationKeys.count(), (count) => (count ? { unread: Math.max(0, count.unread - 1) } : count));
      return { id };
    },
    onSuccess: (count) => queryClient.setQueryData(notificationKeys.count(), count),
    onSettled: () => afterRead(queryClient),
  });
}

export function useReadAll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notificationApi.readAll(),
    onSuccess: () => queryClient.setQueryData<NotificationCount>(notificationKeys.count(), { unread: 0 }),
    onSettled: () => afterRead(queryClient),
  });
}

export function useSavePreferences(version: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<UpdatePreferencesBody, 'version'>) => notificationApi.savePreferences({ ...body, version }),
    onSuccess: (saved: Preferences) => queryClient.setQueryData(notificationKeys.preferences(), saved),
    onError: (error) => {
      if (isApiError(error, 'conflict')) void queryClient.invalidateQueries({ queryKey: notificationKeys.preferences() });
    },
  });
}

function afterRuleChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: urgingKeys.ruleLists() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

/** Someone else saved first (409) or the rule left the caller's reach (404): reload the list. */
function onRuleStale(queryClient: QueryClient) {
  return (error: unknown) => {
    if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: urgingKeys.ruleLists() });
  };
}

export function useCreateRule() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: CreateRuleBody) => urgingApi.createRule(body), onSuccess: () => afterRuleChange(queryClient) });
}

export function useUpdateRule(rule: Pick<ReminderRule, 'id' | 'version'> | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateRuleBody, 'version'>) => {
      if (!rule) throw new Error('No rule to update');
      return urgingApi.updateRule(rule.id, { ...changes, version: rule.version });
    },
    onSuccess: () => afterRuleChange(queryClient),
    onError: onRuleStale(queryClient),
  });
}

export function useCloseRule(rule: Pick<ReminderRule, 'id' | 'version'> | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CloseRuleBody, 'version'>) => {
      if (!rule) throw new Error('No rule to close');
      return urgingApi.closeRule(rule.id, { ...body, version: rule.version });
    },
    onSuccess: () => afterRuleChange(queryClient),
    onError: onRuleStale(queryClient),
  });
}

export function useSendUrging() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UrgingMessageBody) => urgingApi.send(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: urgingKeys.sentLists() });
      void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}
