import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ActivityState, FollowUpState, OversightKind } from '../../shared/domain/oversight';
import type { TimelinessState } from '../../shared/domain/timeliness';
import type { StoredFile } from '../../shared/schemas/files';
import type {
  ActivityAttachment,
  ActivityDetail,
  ActivityList,
  ActivityRelation,
  ActivityRef,
  ActivitySummary,
  CancelActivityInput,
  CancelFollowUpInput,
  CompleteFollowUpInput,
  CreateActivityInput,
  CreateFindingInput,
  CreateNegativeInput,
  Finding,
  FindingItem,
  FindingRef,
  FollowUp,
  FollowUpInput,
  FollowUpItem,
  FollowUpList,
  HoldActivityInput,
  Negative,
  NegativeItem,
  NegativeList,
  ReopenFollowUpInput,
  UnitFindings,
  UpdateActivityInput,
  UpdateFindingInput,
  UpdateNegativeInput,
} from '../../shared/schemas/oversight';
import { http, uploadFile, withQuery } from './client';

export type {
  ActivityAttachment,
  ActivityDetail,
  ActivityList,
  ActivityRelation,
  ActivityRef,
  ActivitySummary,
  CancelActivityInput,
  CancelFollowUpInput,
  CompleteFollowUpInput,
  CreateActivityInput,
  CreateFindingInput,
  CreateNegativeInput,
  Finding,
  FindingItem,
  FindingRef,
  FollowUp,
  FollowUpInput,
  FollowUpItem,
  FollowUpList,
  HoldActivityInput,
  Negative,
  NegativeItem,
  NegativeList,
  ReopenFollowUpInput,
  StoredFile,
  UnitFindings,
  UpdateActivityInput,
  UpdateFindingInput,
  UpdateNegativeInput,
};

export interface ActivityListParams {
  /** `null`: the caller's own scope unit. */
  unitId: number | null;
  year?: number | undefined;
  kind?: OversightKind | undefined;
  state?: ActivityState | undefined;
  relation: ActivityRelation;
  page: number;
  pageSize: number;
}

export interface FollowUpListParams {
  unitId: number | null;
  year?: number | undefined;
  state?: FollowUpState | undefined;
  timeliness?: TimelinessState | undefined;
  page: number;
  pageSize: number;
}

export interface NegativeListParams {
  unitId: number | null;
  year?: number | undefined;
}

export const oversightKeys = {
  all: ['oversight'] as const,
  lists: () => [...oversightKeys.all, 'list'] as const,
  list: (params: ActivityListParams) => [...oversightKeys.lists(), params] as const,
  details: () => [...oversightKeys.all, 'detail'] as const,
  detail: (id: number) => [...oversightKeys.details(), id] as const,
  followUpLists: () => [...oversightKeys.all, 'follow-ups'] as const,
  followUps: (params: FollowUpListParams) => [...oversightKeys.followUpLists(), params] as const,
  unitFindingLists: () => [...oversightKeys.all, 'unit-findings'] as const,
  unitFindings: (unitId: number, year: number | undefined) => [...oversightKeys.unitFindingLists(), unitId, year ?? null] as const,
  negativeLists: () => [...oversightKeys.all, 'negatives'] as const,
  negatives: (params: NegativeListParams) => [...oversightKeys.negativeLists(), params] as const,
};

export const oversightQueries = {
  list: (params: ActivityListParams) =>
    queryOptions({
      queryKey: oversightKeys.list(params),
      queryFn: ({ signal }) => http.get<ActivityList>(withQuery('/api/oversight', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: oversightKeys.detail(id),
      queryFn: ({ signal }) => http.get<ActivityDetail>(`/api/oversight/${id}`, signal),
    }),
  followUps: (params: FollowUpListParams) =>
    queryOptions({
      queryKey: oversightKeys.followUps(params),
      queryFn: ({ signal }) => http.get<FollowUpList>(withQuery('/api/follow-ups', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
  /** Findings addressed to exactly this unit (what a cell secretary reads about their cell). */
  unitFindings: (unitId: number, year: number | undefined) =>
    queryOptions({
      queryKey: oversightKeys.unitFindings(unitId, year),
      queryFn: ({ signal }) => http.get<UnitFindings>(withQuery(`/api/units/${unitId}/findings`, { year }), signal),
      placeholderData: keepPreviousData,
    }),
  negatives: (params: NegativeListParams) =>
    queryOptions({
      queryKey: oversightKeys.negatives(params),
      queryFn: ({ signal }) => http.get<NegativeList>(withQuery('/api/negatives', { ...params }), signal),
      placeholderData: keepPreviousData,
    }),
};

/** An uploaded attachment of an activity, served with its original name. */
export function attachmentFileUrl(activityId: number, attachmentId: number): string {
  return `/api/oversight/${activityId}/attachments/${attachmentId}/file`;
}

/** A follow-up's evidence file. */
export function evidenceFileUrl(followUpId: number): string {
  return `/api/follow-ups/${followUpId}/evidence`;
}

export const oversightApi = {
  create: (body: CreateActivityInput) => http.post<ActivityDetail>('/api/oversight', body),
  update: (id: number, body: UpdateActivityInput) => http.patch<ActivityDetail>(`/api/oversight/${id}`, body),
  hold: (id: number, body: HoldActivityInput) => http.post<ActivityDetail>(`/api/oversight/${id}/hold`, body),
  cancel: (id: number, body: CancelActivityInput) => http.post<ActivityDetail>(`/api/oversight/${id}/cancel`, body),
  addFinding: (activityId: number, body: CreateFindingInput) => http.post<Finding>(`/api/oversight/${activityId}/findings`, body),
  updateFinding: (id: number, body: UpdateFindingInput) => http.patch<Finding>(`/api/findings/${id}`, body),
  addFollowUp: (findingId: number, body: FollowUpInput) => http.post<FollowUpItem>(`/api/findings/${findingId}/follow-up`, body),
  completeFollowUp: (id: number, body: CompleteFollowUpInput) => http.post<FollowUpItem>(`/api/follow-ups/${id}/complete`, body),
  reopenFollowUp: (id: number, body: ReopenFollowUpInput) => http.post<FollowUpItem>(`/api/follow-ups/${id}/reopen`, body),
  cancelFollowUp: (id: number, body: CancelFollowUpInput) => http.post<FollowUpItem>(`/api/follow-ups/${id}/cancel`, body),
  addNegative: (findingId: number, body: CreateNegativeInput) => http.post<NegativeItem>(`/api/findings/${findingId}/negatives`, body),
  updateNegative: (id: number, body: UpdateNegativeInput) => http.patch<NegativeItem>(`/api/negatives/${id}`, body),
  /** Attachments are uploaded for the organiser, evidence for the owner unit; records then refer to them by id. */
  uploadFile: (unitId: number, file: File) => uploadFile<StoredFile>(unitId, file),
};
