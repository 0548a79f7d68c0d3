import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditEntry } from '../../shared/schemas/audit';
import { http, withQuery } from './client';

export interface AuditFilters {
  unitId?: number | undefined;
  actorId?: number | undefined;
  entityType?: string | undefined;
  action?: string | undefined;
  /** yyyy-mm-dd */
  from?: string | undefined;
  /** yyyy-mm-dd */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface AuditList {
  items: AuditEntry[];
  total: number;
}

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
};

export const auditQueries = {
  list: (filters: AuditFilters) =>
    queryOptions({
      queryKey: auditKeys.list(filters),
      queryFn: ({ signal }) => http.get<AuditList>(withQuery('/api/audit', { ...filters }), signal),
      placeholderData: keepPreviousData,
    }),
};
