import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type {
  AssessmentLevelOut,
  AssessmentScheme,
  CellReviewInput,
  Checkin,
  Commitment,
  CommitmentItem,
  CommitmentItemInput,
  CommitmentRound,
  CommitmentRoundList,
  Coverage,
  CoverageRow,
  CreateCheckinInput,
  CreateCommitmentInput,
  CreateRoundInput,
  DecisionsInput,
  MyCommitment,
  Ranking,
  Register,
  RegisterRow,
  SelfReviewInput,
  Unregistered,
  UpdateRoundInput,
} from '../../shared/schemas/commitments';
import type { StoredFile } from '../../shared/schemas/files';
import { http, uploadFile, withQuery } from './client';

export type {
  AssessmentLevelOut,
  AssessmentScheme,
  Checkin,
  Commitment,
  CommitmentItem,
  CommitmentItemInput,
  CommitmentRound,
  CommitmentRoundList,
  Coverage,
  CoverageRow,
  MyCommitment,
  Ranking,
  Register,
  RegisterRow,
  StoredFile,
  Unregistered,
};

export interface UnregisteredFilters {
  unitId: number;
  roundId: number;
  leadersOnly: boolean;
  page: number;
  pageSize: number;
}

export const commitmentKeys = {
  all: ['commitments'] as const,
  schemes: () => [...commitmentKeys.all, 'schemes'] as const,
  rounds: () => [...commitmentKeys.all, 'rounds'] as const,
  roundList: (year: number | undefined) => [...commitmentKeys.rounds(), year ?? null] as const,
  mine: () => [...commitmentKeys.all, 'mine'] as const,
  mineOf: (year: number | undefined) => [...commitmentKeys.mine(), year ?? null] as const,
  details: () => [...commitmentKeys.all, 'detail'] as const,
  detail: (id: number) => [...commitmentKeys.details(), id] as const,
  registers: () => [...commitmentKeys.all, 'register'] as const,
  register: (unitId: number, roundId: number) => [...commitmentKeys.registers(), unitId, roundId] as const,
  coverages: () => [...commitmentKeys.all, 'coverage'] as const,
  coverage: (unitId: number | undefined, roundId: number) => [...commitmentKeys.coverages(), unitId ?? null, roundId] as const,
  unregistereds: () => [...commitmentKeys.all, 'unregistered'] as const,
  unregistered: (filters: UnregisteredFilters) => [...commitmentKeys.unregistereds(), filters] as const,
  rankings: () => [...commitmentKeys.all, 'ranking'] as const,
  ranking: (unitId: number | undefined, roundId: number) => [...commitmentKeys.rankings(), unitId ?? null, roundId] as const,
};

export const commitmentQueries = {
  schemes: () =>
    queryOptions({
      queryKey: commitmentKeys.schemes(),
      queryFn: ({ signal }) => http.get<{ items: AssessmentScheme[] }>('/api/assessment-schemes', signal),
      staleTime: 10 * 60_000,
    }),
  /** Rounds, newest first as the server sends them; one year's only when `year` is given. */
  rounds: (year?: number) =>
    queryOptions({
      queryKey: commitmentKeys.roundList(year),
      queryFn: ({ signal }) => http.get<CommitmentRoundList>(withQuery('/api/commitment-rounds', { year }), signal),
      staleTime: 60_000,
    }),
  /** The signed-in member's commitment of a year's round (the latest round without a year). */
  mine: (year?: number) =>
    queryOptions({
      queryKey: commitmentKeys.mineOf(year),
      queryFn: ({ signal }) => http.get<MyCommitment>(withQuery('/api/me/commitment', { year }), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: commitmentKeys.detail(id),
      queryFn: ({ signal }) => http.get<Commitment>(`/api/commitments/${id}`, signal),
    }),
  register: (unitId: number, roundId: number) =>
    queryOptions({
      queryKey: commitmentKeys.register(unitId, roundId),
      queryFn: ({ signal }) => http.get<Register>(withQuery('/api/commitments/register', { unitId, roundId }), signal),
      placeholderData: keepPreviousData,
    }),
  coverage: (unitId: number | undefined, roundId: number) =>
    queryOptions({
      queryKey: commitmentKeys.coverage(unitId, roundId),
      queryFn: ({ signal }) => http.get<Coverage>(withQuery('/api/commitments/coverage', { unitId, roundId }), signal),
      placeholderData: keepPreviousData,
    }),
  unregistered: (filters: UnregisteredFilters) =>
    queryOptions({
      queryKey: commitmentKeys.unregistered(filters),
      queryFn: ({ signal }) =>
        http.get<Unregistered>(
          withQuery('/api/commitments/unregistered', {
            unitId: filters.unitId,
            roundId: filters.roundId,
            leadersOnly: filters.leadersOnly ? 'true' : undefined,
            page: filters.page,
            pageSize: filters.pageSize,
          }),
          signal,
        ),
      placeholderData: keepPreviousData,
    }),
  ranking: (unitId: number | undefined, roundId: number) =>
    queryOptions({
      queryKey: commitmentKeys.ranking(unitId, roundId),
      queryFn: ({ signal }) => http.get<Ranking>(withQuery('/api/commitments/ranking', { unitId, roundId }), signal),
      placeholderData: keepPreviousData,
    }),
};

export type CommitmentForm = 'registration' | 'review';

/** The printable registration form or self-review form of a commitment (.docx). */
export function commitmentFormUrl(id: number, form: CommitmentForm): string {
  return withQuery(`/api/commitments/${id}/form`, { form });
}

export function coverageExportUrl(unitId: number | undefined, roundId: number): string {
  return withQuery('/api/commitments/coverage/export', { unitId, roundId });
}

export function rankingExportUrl(unitId: number | undefined, roundId: number): string {
  return withQuery('/api/commitments/ranking/export', { unitId, roundId });
}

/** Evidence of a check-in is uploaded for the commitment's unit first, then referred to by id. */
export const uploadEvidence = (unitId: number, file: File) => uploadFile<StoredFile>(unitId, file);

export const roundApi = {
  create: (body: CreateRoundInput) => http.post<CommitmentRound>('/api/commitment-rounds', body),
  update: (id: number, body: UpdateRoundInput) => http.patch<CommitmentRound>(`/api/commitment-rounds/${id}`, body),
};

export const commitmentApi = {
  create: (body: CreateCommitmentInput) => http.post<Commitment>('/api/commitments', body),
  update: (id: number, body: { version: number; items: CommitmentItemInput[] }) => http.patch<Commitment>(`/api/commitments/${id}`, body),
  submit: (id: number, version: number) => http.post<Commitment>(`/api/commitments/${id}/submit`, { version }),
  accept: (id: number, version: number) => http.post<Commitment>(`/api/commitments/${id}/accept`, { version }),
  return: (id: number, version: number, comment: string) => http.post<Commitment>(`/api/commitments/${id}/return`, { version, comment }),
  checkin: (id: number, body: CreateCheckinInput) => http.post<Commitment>(`/api/commitments/${id}/checkins`, body),
  selfReview: (id: number, body: SelfReviewInput) => http.post<Commitment>(`/api/commitments/${id}/self-review`, body),
  cellReview: (id: number, body: CellReviewInput) => http.post<Commitment>(`/api/commitments/${id}/cell-review`, body),
  decide: (body: DecisionsInput) => http.post<Register>('/api/commitments/decisions', body),
};
