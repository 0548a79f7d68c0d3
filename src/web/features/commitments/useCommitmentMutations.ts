import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type {
  CellReviewInput,
  CommitmentItemInput,
  CreateCheckinInput,
  CreateCommitmentInput,
  CreateRoundInput,
  DecisionsInput,
  SelfReviewInput,
  UpdateRoundInput,
} from '../../../shared/schemas/commitments';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { commitmentApi, commitmentKeys, roundApi, uploadEvidence } from '../../api/commitments';
import type { Commitment, CommitmentRound } from '../../api/commitments';

/** A commitment shows in its holder's page, its cell's register and every coverage and ranking above it. */
function afterChange(queryClient: QueryClient, saved?: Commitment) {
  if (saved) queryClient.setQueryData(commitmentKeys.detail(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: commitmentKeys.mine() });
  void queryClient.invalidateQueries({ queryKey: commitmentKeys.registers() });
  void queryClient.invalidateQueries({ queryKey: commitmentKeys.coverages() });
  void queryClient.invalidateQueries({ queryKey: commitmentKeys.unregistereds() });
  void queryClient.invalidateQueries({ queryKey: commitmentKeys.rankings() });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

/** Someone else changed it first (409) or it is gone (404): reload so the next attempt starts fresh. */
function reloadOnConflict(queryClient: QueryClient, id: number | undefined, error: unknown) {
  if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) {
    if (id !== undefined) void queryClient.invalidateQueries({ queryKey: commitmentKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: commitmentKeys.mine() });
    void queryClient.invalidateQueries({ queryKey: commitmentKeys.registers() });
  }
}

export function useCreateCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommitmentInput) => commitmentApi.create(body),
    onSuccess: (saved) => afterChange(queryClient, saved),
  });
}

/** Who a new commitment belongs to: a member (personal) or the unit that registers (collective). */
export type CommitmentOwner = { roundId: number; memberId: number } | { roundId: number; unitId: number };

/**
 * Save the items of a commitment: create it on the first save, otherwise update the draft (or the
 * returned one). With `submit` it is then sent to the cell with the version just saved.
 */
export function useSaveCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ existing, owner, items, submit }: { existing: Commitment | null; owner: CommitmentOwner; items: CommitmentItemInput[]; submit: boolean }) => {
      const saved = existing ? await commitmentApi.update(existing.id, { version: existing.version, items }) : await commitmentApi.create({ ...owner, items });
      if (!submit) return saved;
      // The text is on the server now: keep it even if submitting is refused.
      afterChange(queryClient, saved);
      return commitmentApi.submit(saved.id, saved.version);
    },
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: (error, { existing }) => reloadOnConflict(queryClient, existing?.id, error),
  });
}

/** The cell's decision on a submitted commitment: accept it, or return it with a comment. */
export function useJudgeCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commitment, action, comment }: { commitment: Commitment; action: 'accept' | 'return'; comment?: string }) =>
      action === 'accept' ? commitmentApi.accept(commitment.id, commitment.version) : commitmentApi.return(commitment.id, commitment.version, comment ?? ''),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: (error, { commitment }) => reloadOnConflict(queryClient, commitment.id, error),
  });
}

export function useCheckin(commitment: Commitment) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCheckinInput) => commitmentApi.checkin(commitment.id, body),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: (error) => reloadOnConflict(queryClient, commitment.id, error),
  });
}

export function useSelfReview(commitment: Commitment) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<SelfReviewInput, 'version'>) => commitmentApi.selfReview(commitment.id, { version: commitment.version, ...body }),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: (error) => reloadOnConflict(queryClient, commitment.id, error),
  });
}

export function useCellReview(commitment: Commitment) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<CellReviewInput, 'version'>) => commitmentApi.cellReview(commitment.id, { version: commitment.version, ...body }),
    onSuccess: (saved) => afterChange(queryClient, saved),
    onError: (error) => reloadOnConflict(queryClient, commitment.id, error),
  });
}

export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionsInput) => commitmentApi.decide(body),
    onSuccess: (register) => {
      queryClient.setQueryData(commitmentKeys.register(register.unit.id, register.round.id), register);
      void queryClient.invalidateQueries({ queryKey: commitmentKeys.details() });
      afterChange(queryClient);
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) void queryClient.invalidateQueries({ queryKey: commitmentKeys.registers() });
    },
  });
}

export function useUploadEvidence() {
  return useMutation({ mutationFn: ({ unitId, file }: { unitId: number; file: File }) => uploadEvidence(unitId, file) });
}

export function useCreateRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoundInput) => roundApi.create(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: commitmentKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
  });
}

export function useUpdateRound(round: CommitmentRound | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateRoundInput, 'version'>) => {
      if (!round) throw new Error('no round to update');
      return roundApi.update(round.id, { version: round.version, ...changes });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: commitmentKeys.all });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    onError: (error) => {
      if (isApiError(error, 'conflict')) void queryClient.invalidateQueries({ queryKey: commitmentKeys.rounds() });
    },
  });
}
