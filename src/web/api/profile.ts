import { queryOptions } from '@tanstack/react-query';
import type { MyMember } from '../../shared/schemas/members';
import { http, isApiError } from './client';

export type { MyMember };

export const profileKeys = {
  all: ['profile'] as const,
  member: () => [...profileKeys.all, 'member'] as const,
};

export const profileQueries = {
  /** GET /api/me/member; null when the account is not linked to a member record (404). */
  member: () =>
    queryOptions({
      queryKey: profileKeys.member(),
      queryFn: async ({ signal }): Promise<MyMember | null> => {
        try {
          return await http.get<MyMember>('/api/me/member', signal);
        } catch (error) {
          if (isApiError(error, 'not_found')) return null;
          throw error;
        }
      },
    }),
};
