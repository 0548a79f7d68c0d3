import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { LeftReason } from '../../../shared/domain/members';
import type { Position } from '../../../shared/domain/roles';
import type { CreateMemberBody, UpdateMemberBody } from '../../../shared/schemas/members';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { memberApi, memberKeys } from '../../api/members';
import type { MemberDetail } from '../../api/members';
import { profileKeys } from '../../api/profile';
import { unitKeys } from '../../api/units';

/**
 * After a member changed: keep the server's fresh record, and mark stale what shows it — lists,
 * the member's timeline, unit member counts (create, transfer, leave change them), the audit log
 * and the member's own profile page.
 */
function afterMemberChange(queryClient: QueryClient, changed: MemberDetail, countsChanged: boolean) {
  queryClient.setQueryData(memberKeys.detail(changed.id), changed);
  void queryClient.invalidateQueries({ queryKey: memberKeys.timeline(changed.id) });
  void queryClient.invalidateQueries({ queryKey: memberKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
  void queryClient.invalidateQueries({ queryKey: profileKeys.all });
  if (countsChanged) {
    void queryClient.invalidateQueries({ queryKey: unitKeys.details() });
    void queryClient.invalidateQueries({ queryKey: unitKeys.childLists() });
  }
}

/** 409 (someone else saved first) or 404: reload the record so the next attempt uses fresh data. */
function onStale(queryClient: QueryClient, member: MemberDetail, error: unknown) {
  if (!isApiError(error, 'conflict') && !isApiError(error, 'not_found')) return;
  void queryClient.invalidateQueries({ queryKey: memberKeys.detail(member.id) });
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMemberBody) => memberApi.create(body),
    onSuccess: (created) => afterMemberChange(queryClient, created, true),
  });
}

export function useUpdateMember(member: MemberDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateMemberBody, 'version'>) => memberApi.update(member.id, { version: member.version, ...changes }),
    onSuccess: (updated) => afterMemberChange(queryClient, updated, false),
    onError: (error) => onStale(queryClient, member, error),
  });
}

export function useTransferMember(member: MemberDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { toUnitId: number; on: string }) => memberApi.transfer(member.id, { version: member.version, ...body }),
    onSuccess: (updated) => afterMemberChange(queryClient, updated, true),
    onError: (error) => onStale(queryClient, member, error),
  });
}

export function useLeaveMember(member: MemberDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { leftOn: string; reason: LeftReason }) => memberApi.leave(member.id, { version: member.version, ...body }),
    onSuccess: (updated) => afterMemberChange(queryClient, updated, true),
    onError: (error) => onStale(queryClient, member, error),
  });
}

export function useAddPosition(member: MemberDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { position: Position; unitId: number; startedOn: string }) => memberApi.addPosition(member.id, { version: member.version, ...body }),
    onSuccess: (updated) => afterMemberChange(queryClient, updated, false),
    onError: (error) => onStale(queryClient, member, error),
  });
}

export function useEndPosition(member: MemberDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ positionId, endedOn }: { positionId: number; endedOn: string }) =>
      memberApi.endPosition(member.id, positionId, { version: member.version, endedOn }),
    onSuccess: (updated) => afterMemberChange(queryClient, updated, false),
    onError: (error) => onStale(queryClient, member, error),
  });
}

export function useUpdateMyPhone(member: MemberDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (phone: string | null) => memberApi.updateMyPhone({ version: member.version, phone }),
    onSuccess: (updated) => {
      queryClient.setQueryData(profileKeys.member(), updated);
      void queryClient.invalidateQueries({ queryKey: memberKeys.detail(updated.id) });
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) void queryClient.invalidateQueries({ queryKey: profileKeys.member() });
    },
  });
}
