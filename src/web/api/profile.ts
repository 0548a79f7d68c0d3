import { queryOptions } from '@tanstack/react-query';
import type { UnitRef } from '../../shared/schemas/units';
import { http, isApiError } from './client';

/** GET /api/me/member. Not in src/shared/schemas yet, so typed here from the contract. */
export interface MyMember {
  id: number;
  familyName: string;
  middleName: string;
  givenName: string;
  fullName: string;
  birthDate: string | null;
  gender: string | null;
  status: string;
  joinedOn: string | null;
  officialOn: string | null;
  unit: UnitRef;
  positions: { position: string; label: string; unitName: string; startedOn: string | null }[];
}

export const profileKeys = {
  all: ['profile'] as const,
  member: () => [...profileKeys.all, 'member'] as const,
};

export const profileQueries = {
  /** null when the account is not linked to a member record (404). */
  member: () =>
    queryOptions({
      queryKey: profileKeys.member(),
      queryFn: async ({ signal }) => {
        try {
          return await http.get<MyMember>('/api/me/member', signal);
        } catch (error) {
          if (isApiError(error, 'not_found')) return null;
          throw error;
        }
      },
    }),
};
