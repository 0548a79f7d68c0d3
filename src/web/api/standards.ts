import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { StoredFile } from '../../shared/schemas/files';
import type {
  CommitteeQuota,
  CompletePilotInput,
  CreateIssueInput,
  CreatePilotInput,
  CreateStandardInput,
  IssueStandardInput,
  MilestoneInput,
  Pilot,
  PilotsOverview,
  PressingIssue,
  PutYearRuleInput,
  StandardSeries,
  StandardVersion,
  StandardsCoverage,
  UnitStandards,
  UpdateIssueInput,
  UpdatePilotInput,
  UpdateStandardInput,
  YearRuleOut,
} from '../../shared/schemas/standards';
import { http, httpDelete, uploadFile, withQuery } from './client';

export type {
  CommitteeQuota,
  CompletePilotInput,
  CreateIssueInput,
  CreatePilotInput,
  CreateStandardInput,
  IssueStandardInput,
  MilestoneInput,
  Pilot,
  PilotsOverview,
  PressingIssue,
  PutYearRuleInput,
  StandardSeries,
  StandardVersion,
  StandardsCoverage,
  StoredFile,
  UnitStandards,
  UpdateIssueInput,
  UpdatePilotInput,
  UpdateStandardInput,
  YearRuleOut,
};

export type MyStandards = { items: StandardVersion[] };

export const standardKeys = {
  all: ['standards'] as const,
  units: () => [...standardKeys.all, 'unit'] as const,
  /** `null`: the caller's own scope unit. */
  unit: (unitId: number | null) => [...standardKeys.units(), unitId] as const,
  versions: () => [...standardKeys.all, 'version'] as const,
  version: (id: number) => [...standardKeys.versions(), id] as const,
  mine: () => [...standardKeys.all, 'mine'] as const,
  coverages: () => [...standardKeys.all, 'coverage'] as const,
  coverage: (unitId: number | null) => [...standardKeys.coverages(), unitId] as const,
};

export const pilotKeys = {
  all: ['pilots'] as const,
  yearRules: () => [...pilotKeys.all, 'year-rule'] as const,
  yearRule: (year: number) => [...pilotKeys.yearRules(), year] as const,
  overviews: () => [...pilotKeys.all, 'overview'] as const,
  overview: (unitId: number | null, year: number) => [...pilotKeys.overviews(), unitId, year] as const,
  details: () => [...pilotKeys.all, 'detail'] as const,
  detail: (id: number) => [...pilotKeys.details(), id] as const,
  issues: () => [...pilotKeys.all, 'issue'] as const,
  issue: (id: number) => [...pilotKeys.issues(), id] as const,
};

export const standardQueries = {
  unit: (unitId: number | null) =>
    queryOptions({
      queryKey: standardKeys.unit(unitId),
      queryFn: ({ signal }) => http.get<UnitStandards>(withQuery('/api/standards', { unitId }), signal),
      placeholderData: keepPreviousData,
    }),
  version: (id: number) =>
    queryOptions({
      queryKey: standardKeys.version(id),
      queryFn: ({ signal }) => http.get<StandardVersion>(`/api/standard-versions/${id}`, signal),
    }),
  mine: () =>
    queryOptions({
      queryKey: standardKeys.mine(),
      queryFn: ({ signal }) => http.get<MyStandards>('/api/me/standards', signal),
      staleTime: 60_000,
    }),
  coverage: (unitId: number | null) =>
    queryOptions({
      queryKey: standardKeys.coverage(unitId),
      queryFn: ({ signal }) => http.get<StandardsCoverage>(withQuery('/api/standards/coverage', { unitId }), signal),
      placeholderData: keepPreviousData,
    }),
};

export const pilotQueries = {
  yearRule: (year: number) =>
    queryOptions({
      queryKey: pilotKeys.yearRule(year),
      queryFn: ({ signal }) => http.get<YearRuleOut>(`/api/year-rules/${year}`, signal),
    }),
  overview: (unitId: number | null, year: number) =>
    queryOptions({
      queryKey: pilotKeys.overview(unitId, year),
      queryFn: ({ signal }) => http.get<PilotsOverview>(withQuery('/api/pilots', { unitId, year }), signal),
      placeholderData: keepPreviousData,
    }),
  detail: (id: number) =>
    queryOptions({
      queryKey: pilotKeys.detail(id),
      queryFn: ({ signal }) => http.get<Pilot>(`/api/pilots/${id}`, signal),
    }),
  issue: (id: number) =>
    queryOptions({
      queryKey: pilotKeys.issue(id),
      queryFn: ({ signal }) => http.get<PressingIssue>(`/api/pressing-issues/${id}`, signal),
    }),
};

export const standardApi = {
  /** A new standard, or a revision (new version) of the issued one. */
  create: (body: CreateStandardInput) => http.post<StandardVersion>('/api/standards', body),
  update: (id: number, body: UpdateStandardInput) => http.patch<StandardVersion>(`/api/standard-versions/${id}`, body),
  submit: (id: number, version: number) => http.post<StandardVersion>(`/api/standard-versions/${id}/submit`, { version }),
  approve: (id: number, version: number) => http.post<StandardVersion>(`/api/standard-versions/${id}/approve`, { version }),
  return: (id: number, version: number, comment: string) => http.post<StandardVersion>(`/api/standard-versions/${id}/return`, { version, comment }),
  issue: (id: number, body: IssueStandardInput) => http.post<StandardVersion>(`/api/standard-versions/${id}/issue`, body),
};

export const pilotApi = {
  putYearRule: (year: number, body: PutYearRuleInput) => http.put<YearRuleOut>(`/api/year-rules/${year}`, body),
  create: (body: CreatePilotInput) => http.post<Pilot>('/api/pilots', body),
  update: (id: number, body: UpdatePilotInput) => http.patch<Pilot>(`/api/pilots/${id}`, body),
  addNote: (id: number, note: string) => http.post<Pilot>(`/api/pilots/${id}/notes`, { note }),
  complete: (id: number, body: CompletePilotInput) => http.post<Pilot>(`/api/pilots/${id}/complete`, body),
  remove: (id: number, version: number) => httpDelete(withQuery(`/api/pilots/${id}`, { version })),
  createIssue: (body: CreateIssueInput) => http.post<PressingIssue>('/api/pressing-issues', body),
  updateIssue: (id: number, body: UpdateIssueInput) => http.patch<PressingIssue>(`/api/pressing-issues/${id}`, body),
  /** Evidence is uploaded for the committee first; the issue then refers to it by id. */
  uploadEvidence: (committeeUnitId: number, file: File) => uploadFile<StoredFile>(committeeUnitId, file),
};
