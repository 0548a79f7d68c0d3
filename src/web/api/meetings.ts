import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { StoredFile } from '../../shared/schemas/files';
import type {
  AddMaterialBody,
  CellYear,
  CreateStudyTopicBody,
  MatrixRow,
  MeetingDetail,
  MeetingMatrix,
  MeetingSummary,
  MyMeetings,
  PlanMeetingBody,
  RecordMeetingBody,
  Roll,
  SquareCounts,
  StudyTopic,
  StudyTopicList,
  TopicItem,
  TopicMaterial,
  UpdateMeetingBody,
  UpdateStudyTopicBody,
} from '../../shared/schemas/meetings';
import { http, httpDelete, uploadFile, withQuery } from './client';

export type {
  CellYear,
  MatrixRow,
  MeetingDetail,
  MeetingMatrix,
  MeetingSummary,
  MyMeetings,
  Roll,
  SquareCounts,
  StoredFile,
  StudyTopic,
  StudyTopicList,
  TopicItem,
  TopicMaterial,
};

export const studyTopicKeys = {
  all: ['study-topics'] as const,
  lists: () => [...studyTopicKeys.all, 'list'] as const,
  list: (year: number) => [...studyTopicKeys.lists(), year] as const,
  detail: (id: number) => [...studyTopicKeys.all, 'detail', id] as const,
};

export const meetingKeys = {
  all: ['meetings'] as const,
  cellYears: () => [...meetingKeys.all, 'cell-year'] as const,
  cellYear: (unitId: number, year: number) => [...meetingKeys.cellYears(), unitId, year] as const,
  roll: (unitId: number, on: string | undefined) => [...meetingKeys.all, 'roll', unitId, on ?? null] as const,
  details: () => [...meetingKeys.all, 'detail'] as const,
  detail: (id: number) => [...meetingKeys.details(), id] as const,
  matrices: () => [...meetingKeys.all, 'matrix'] as const,
  matrix: (unitId: number | undefined, year: number) => [...meetingKeys.matrices(), unitId ?? null, year] as const,
  mine: () => [...meetingKeys.all, 'mine'] as const,
};

export const studyTopicQueries = {
  list: (year: number) =>
    queryOptions({
      queryKey: studyTopicKeys.list(year),
      queryFn: ({ signal }) => http.get<StudyTopicList>(withQuery('/api/study-topics', { year }), signal),
      placeholderData: keepPreviousData,
    }),
};

export const meetingQueries = {
  cellYear: (unitId: number, year: number) =>
    queryOptions({
      queryKey: meetingKeys.cellYear(unitId, year),
      queryFn: ({ signal }) => http.get<CellYear>(withQuery('/api/meetings/cell-year', { unitId, year }), signal),
      placeholderData: keepPreviousData,
    }),
  /** Members on the cell's roll on a day (Vietnamese order); the attendance list of the record form. */
  roll: (unitId: number, on: string | undefined) =>
    queryOptions({
      queryKey: meetingKeys.roll(unitId, on),
      queryFn: ({ signal }) => http.get<Roll>(withQuery('/api/meetings/roll', { unitId, on }), signal),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: meetingKeys.detail(id),
      queryFn: ({ signal }) => http.get<MeetingDetail>(`/api/meetings/${id}`, signal),
    }),
  matrix: (unitId: number | undefined, year: number) =>
    queryOptions({
      queryKey: meetingKeys.matrix(unitId, year),
      queryFn: ({ signal }) => http.get<MeetingMatrix>(withQuery('/api/meetings/matrix', { unitId, year }), signal),
      placeholderData: keepPreviousData,
    }),
  mine: () =>
    queryOptions({
      queryKey: meetingKeys.mine(),
      queryFn: ({ signal }) => http.get<MyMeetings>('/api/me/meetings', signal),
    }),
};

export function matrixExportUrl(unitId: number | undefined, year: number): string {
  return withQuery('/api/meetings/matrix/export', { unitId, year });
}

export function minutesFileUrl(meetingId: number): string {
  return `/api/meetings/${meetingId}/minutes`;
}

export function materialFileUrl(topicId: number, materialId: number): string {
  return `/api/study-topics/${topicId}/materials/${materialId}/file`;
}

/** Upload a file for a unit (raw bytes, the name in X-File-Name); the server checks the content. */
export const uploadAttachment = (unitId: number, file: File) => uploadFile<StoredFile>(unitId, file);

export const studyTopicApi = {
  create: (body: CreateStudyTopicBody) => http.post<StudyTopic>('/api/study-topics', body),
  update: (id: number, body: UpdateStudyTopicBody) => http.patch<StudyTopic>(`/api/study-topics/${id}`, body),
  addMaterial: (id: number, body: AddMaterialBody) => http.post<StudyTopic>(`/api/study-topics/${id}/materials`, body),
  removeMaterial: (id: number, materialId: number) => httpDelete(`/api/study-topics/${id}/materials/${materialId}`),
};

export const meetingApi = {
  plan: (body: PlanMeetingBody) => http.post<MeetingDetail>('/api/meetings/plan', body),
  record: (body: RecordMeetingBody) => http.post<MeetingDetail>('/api/meetings', body),
  update: (id: number, body: UpdateMeetingBody) => http.patch<MeetingDetail>(`/api/meetings/${id}`, body),
  remove: (id: number, version: number) => httpDelete(withQuery(`/api/meetings/${id}`, { version })),
};
