import { queryOptions } from '@tanstack/react-query';
import type { ChangePasswordBody, LoginBody, Me } from '../../shared/schemas/auth';
import { http, isApiError } from './client';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** The logged-in account, or null when there is no session (401 is an answer here, not an error). */
async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await http.get<Me>('/api/auth/me', signal);
  } catch (error) {
    if (isApiError(error, 'unauthorized')) return null;
    throw error;
  }
}

export const authQueries = {
  me: () => queryOptions({ queryKey: authKeys.me(), queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 }),
};

export const authApi = {
  login: (body: LoginBody) => http.post<{ me: Me }>('/api/auth/login', body),
  logout: () => http.post<void>('/api/auth/logout', {}),
  changePassword: (body: ChangePasswordBody) => http.post<void>('/api/auth/password', body),
};
