import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { CreateUnitBody, UnitDetail, UpdateUnitBody } from '../../../shared/schemas/units';
import { accountKeys } from '../../api/accounts';
import { auditKeys } from '../../api/audit';
import { authKeys } from '../../api/auth';
import { isApiError } from '../../api/client';
import { unitKeys, unitApi } from '../../api/units';

/**
 * After a unit changed: store the server's fresh record, then mark stale what shows it —
 * the child lists of the parents involved (tree branches), every other unit detail (their
 * counts and children tables roll up), search hits (names and paths), and the audit log.
 */
function afterUnitChange(queryClient: QueryClient, changed: UnitDetail, parentIds: readonly (number | null)[]) {
  queryClient.setQueryData(unitKeys.detail(changed.id), changed);
  void queryClient.invalidateQueries({
    queryKey: unitKeys.details(),
    predicate: (query) => query.queryKey[2] !== changed.id,
  });
  for (const parentId of new Set(parentIds)) {
    if (parentId !== null) void queryClient.invalidateQueries({ queryKey: unitKeys.childrenOf(parentId) });
  }
  void queryClient.invalidateQueries({ queryKey: unitKeys.searches() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

/** 409: someone else changed the record first; reload it so the next attempt uses fresh data. */
function onConflict(queryClient: QueryClient, unit: UnitDetail, error: unknown) {
  if (!isApiError(error, 'conflict') && !isApiError(error, 'not_found')) return;
  void queryClient.invalidateQueries({ queryKey: unitKeys.detail(unit.id) });
  if (unit.parentId !== null) void queryClient.invalidateQueries({ queryKey: unitKeys.childrenOf(unit.parentId) });
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUnitBody) => unitApi.create(body),
    onSuccess: (created) => afterUnitChange(queryClient, created, [created.parentId]),
  });
}

export function useUpdateUnit(unit: UnitDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateUnitBody, 'version'>) => unitApi.update(unit.id, { version: unit.version, ...changes }),
    onSuccess: (updated) => {
      afterUnitChange(queryClient, updated, [updated.parentId]);
      // Names appear in the header (scope unit) and the accounts list.
      void queryClient.invalidateQueries({ queryKey: accountKeys.all });
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
    onError: (error) => onConflict(queryClient, unit, error),
  });
}

export function useMoveUnit(unit: UnitDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (newParentId: number) => unitApi.move(unit.id, { version: unit.version, newParentId }),
    onSuccess: (moved) => afterUnitChange(queryClient, moved, [unit.parentId, moved.parentId]),
    onError: (error) => onConflict(queryClient, unit, error),
  });
}

export function useCloseUnit(unit: UnitDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (closedOn: string) => unitApi.close(unit.id, { version: unit.version, closedOn }),
    onSuccess: (closed) => afterUnitChange(queryClient, closed, [closed.parentId, closed.id]),
    onError: (error) => onConflict(queryClient, unit, error),
  });
}
