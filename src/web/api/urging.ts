import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { NotificationKind } from '../../shared/domain/urging';
import type {
  CloseRuleBody,
  CreateRuleBody,
  Notification,
  NotificationCount,
  NotificationList,
  Preferences,
  ReminderRule,
  RuleList,
  SentItem,
  SentList,
  UpdatePreferencesBody,
  UpdateRuleBody,
  UrgingMessageBody,
  UrgingResult,
} from '../../shared/schemas/urging';
import { http, withQuery } from './client';

export type {
  CloseRuleBody,
  CreateRuleBody,
  Notification,
  NotificationCount,
  NotificationList,
  Preferences,
  ReminderRule,
  RuleList,
  SentItem,
  SentList,
  UpdatePreferencesBody,
  UpdateRuleBody,
  UrgingMessageBody,
  UrgingResult,
};

/** How often the bell asks for the unread count (and again whenever the window gets focus). */
export const COUNT_POLL_MS = 60_000;

export interface NotificationListParams {
  unreadOnly: boolean;
  page: number;
  pageSize: number;
}

export interface SentParams {
  unitId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  kind?: NotificationKind | undefined;
  page: number;
  pageSize: number;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  count: () => [...notificationKeys.all, 'count'] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  list: (params: NotificationListParams) => [...notificationKeys.lists(), params] as const,
  preferences: () => [...notificationKeys.all, 'preferences'] as const,
};

export const urgingKeys = {
  all: ['urging'] as const,
  ruleLists: () => [...urgingKeys.all, 'rules'] as const,
  rules: (year: number) => [...urgingKeys.ruleLists(), year] as const,
  sentLists: () => [...urgingKeys.all, 'sent'] as const,
  sent: (params: SentParams) => [...urgingKeys.sentLists(), params] as const,
};

export const notificationQueries = {
  /** The bell: asked every minute while the page is visible, and at once when the user comes back to it. */
  count: () =>
    queryOptions({
      queryKey: notificationKeys.count(),
      queryFn: ({ signal }) => http.get<NotificationCount>('/api/notifications/count', signal),
      staleTime: 0,
      refetchInterval: COUNT_POLL_MS,
      refetchOnWindowFocus: true,
    }),
  list: (params: NotificationListParams) =>
    queryOptions({
      queryKey: notificationKeys.list(params),
      queryFn: ({ signal }) =>
        http.get<NotificationList>(withQuery('/api/notifications', { unread: params.unreadOnly ? 1 : undefined, page: params.page, pageSize: params.pageSize }), signal),
      placeholderData: keepPreviousData,
      staleTime: 0,
      refetchOnWindowFocus: true,
    }),
  preferences: () =>
    queryOptions({
      queryKey: notificationKeys.preferences(),
      queryFn: ({ signal }) => http.get<Preferences>('/api/me/notification-preferences', signal),
    }),
};

export const urgingQueries = {
  rules: (year: number) =>
    queryOptions({
      queryKey: urgingKeys.rules(year),
      queryFn: ({ signal }) => http.get<RuleList>(withQuery('/api/urging/rules', { year }), signal),
      placeholderData: keepPreviousData,
    }),
  sent: (params: SentParams) =>
    queryOptions({
      queryKey: urgingKeys.sent(params),
      queryFn: ({ signal }) => http.get<SentList>(withQuery('/api/urging/sent', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
};

export const notificationApi = {
  /** Answers the new unread count. */
  markRead: (id: number) => http.post<NotificationCount>(`/api/notifications/${id}/read`),
  readAll: () => http.post<{ updated: number }>('/api/notifications/read-all'),
  savePreferences: (body: UpdatePreferencesBody) => http.put<Preferences>('/api/me/notification-preferences', body),
};

export const urgingApi = {
  createRule: (body: CreateRuleBody) => http.post<ReminderRule>('/api/urging/rules', body),
  updateRule: (id: number, body: UpdateRuleBody) => http.patch<ReminderRule>(`/api/urging/rules/${id}`, body),
  closeRule: (id: number, body: CloseRuleBody) => http.post<ReminderRule>(`/api/urging/rules/${id}/close`, body),
  send: (body: UrgingMessageBody) => http.post<UrgingResult>('/api/urging/messages', body),
};
