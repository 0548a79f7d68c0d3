import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { AddHelperActivityBody, AddHelperMemberBody, CreateHelperUnitBody, UpdateHelperUnitBody } from '../../../shared/schemas/helper-units';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { helperUnitApi, helperUnitKeys } from '../../api/helper-units';
import type { HelperUnitDetail } from '../../api/helper-units';

/** The committee's page, the coverage view and the audit log show what changed. */
function afterChange(queryClient: QueryClient, unitId: number) {
  void queryClient.invalidateQueries({ queryKey: helperUnitKeys.byUnit(unitId) });
  void queryClient.invalidateQueries({ queryKey: helperUnitKeys.coverages() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

function onStale(queryClient: QueryClient, unitId: number) {
  return (error: unknown) => {
    if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: helperUnitKeys.byUnit(unitId) });
  };
}

export function useCreateHelperUnit(unitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CreateHelperUnitBody, 'unitId'>) => helperUnitApi.create({ unitId, ...body }),
    onSuccess: () => afterChange(queryClient, unitId),
    onError: onStale(queryClient, unitId),
  });
}

export function useUpdateHelperUnit(helper: HelperUnitDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateHelperUnitBody, 'version'>) => helperUnitApi.update(helper.id, { version: helper.version, ...changes }),
    onSuccess: () => afterChange(queryClient, helper.unitId),
    onError: onStale(queryClient, helper.unitId),
  });
}

export function useAddHelperMember(helper: HelperUnitDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddHelperMemberBody) => helperUnitApi.addMember(helper.id, body),
    onSuccess: () => afterChange(queryClient, helper.unitId),
  });
}

export function useRemoveHelperMember(helper: HelperUnitDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: number) => helperUnitApi.removeMember(helper.id, memberId),
    onSuccess: () => afterChange(queryClient, helper.unitId),
    onError: onStale(queryClient, helper.unitId),
  });
}

export function useAddHelperActivity(helper: HelperUnitDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddHelperActivityBody) => helperUnitApi.addActivity(helper.id, body),
    onSuccess: () => afterChange(queryClient, helper.unitId),
  });
}
