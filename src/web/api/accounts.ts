import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Account, CreateAccountBody, UpdateAccountBody } from '../../shared/schemas/accounts';
import { http, withQuery } from './client';

export interface AccountListParams {
  q: string;
  /** Only accounts scoped inside this unit's subtree. */
  unitId?: number | undefined;
  page: number;
  pageSize: number;
}

export interface AccountList {
  items: Account[];
  total: number;
}

export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: (params: AccountListParams) => [...accountKeys.lists(), params] as const,
};

export const accountQueries = {
  list: (params: AccountListParams) =>
    queryOptions({
      queryKey: accountKeys.list(params),
      queryFn: ({ signal }) => http.get<AccountList>(withQuery('/api/accounts', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
};

export const accountApi = {
  create: (body: CreateAccountBody) => http.post<Account>('/api/accounts', body),
  update: (id: number, body: UpdateAccountBody) => http.patch<Account>(`/api/accounts/${id}`, body),
  resetPassword: (id: number, newPassword: string) => http.post<void>(`/api/accounts/${id}/password`, { newPassword }),
};
