import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { auditKeys } from '../../api/audit';
import { isApiError } from '../../api/client';
import { pilotApi, pilotKeys, standardApi, standardKeys } from '../../api/standards';
import type {
  CompletePilotInput,
  CreateIssueInput,
  CreatePilotInput,
  CreateStandardInput,
  IssueStandardInput,
  Pilot,
  PressingIssue,
  PutYearRuleInput,
  StandardVersion,
  UpdateIssueInput,
  UpdatePilotInput,
  UpdateStandardInput,
} from '../../api/standards';

/** A version shows on its unit's page, the approver's "Chờ duyệt" list, the coverage and members' pages. */
function afterStandardChange(queryClient: QueryClient, saved?: StandardVersion) {
  if (saved) queryClient.setQueryData(standardKeys.version(saved.id), saved);
  void queryClient.invalidateQueries({ queryKey: standardKeys.all });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

function onStaleStandard(queryClient: QueryClient) {
  return (error: unknown) => {
    if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: standardKeys.all });
  };
}

export function useCreateStandard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStandardInput) => standardApi.create(body),
    onSuccess: (saved) => afterStandardChange(queryClient, saved),
    onError: onStaleStandard(queryClient),
  });
}

export function useUpdateStandard(version: StandardVersion) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateStandardInput, 'version'>) => standardApi.update(version.id, { version: version.version, ...changes }),
    onSuccess: (saved) => afterStandardChange(queryClient, saved),
    onError: onStaleStandard(queryClient),
  });
}

export type StandardStep = { action: 'submit' } | { action: 'approve' } | { action: 'return'; comment: string } | { action: 'issue'; documentSymbol: string; issuedOn: string };

/** Submit, approve, return or issue the version (each carries the version it read). */
export function useStandardStep(version: StandardVersion) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (step: StandardStep) => {
      switch (step.action) {
        case 'submit':
          return standardApi.submit(version.id, version.version);
        case 'approve':
          return standardApi.approve(version.id, version.version);
        case 'return':
          return standardApi.return(version.id, version.version, step.comment);
        case 'issue': {
          const body: IssueStandardInput = { version: version.version, documentSymbol: step.documentSymbol, issuedOn: step.issuedOn };
          return standardApi.issue(version.id, body);
        }
      }
    },
    onSuccess: (saved) => afterStandardChange(queryClient, saved),
    onError: onStaleStandard(queryClient),
  });
}

// ——— Pilots, pressing issues, year rules ———

function afterPilotChange(queryClient: QueryClient) {
  void queryClient.invalidateQueries({ queryKey: pilotKeys.all });
  void queryClient.invalidateQueries({ queryKey: auditKeys.all });
}

function onStalePilot(queryClient: QueryClient) {
  return (error: unknown) => {
    if (isApiError(error, 'conflict') || isApiError(error, 'not_found')) void queryClient.invalidateQueries({ queryKey: pilotKeys.all });
  };
}

export function usePutYearRule(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PutYearRuleInput) => pilotApi.putYearRule(year, body),
    onSuccess: () => afterPilotChange(queryClient),
    onError: onStalePilot(queryClient),
  });
}

export function useCreatePilot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePilotInput) => pilotApi.create(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(pilotKeys.detail(saved.id), saved);
      afterPilotChange(queryClient);
    },
  });
}

function savedPilot(queryClient: QueryClient) {
  return (saved: Pilot) => {
    queryClient.setQueryData(pilotKeys.detail(saved.id), saved);
    afterPilotChange(queryClient);
  };
}

export function useUpdatePilot(pilot: Pilot) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdatePilotInput, 'version'>) => pilotApi.update(pilot.id, { version: pilot.version, ...changes }),
    onSuccess: savedPilot(queryClient),
    onError: onStalePilot(queryClient),
  });
}

export function useAddPilotNote(pilot: Pilot) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => pilotApi.addNote(pilot.id, note),
    onSuccess: savedPilot(queryClient),
    onError: onStalePilot(queryClient),
  });
}

export function useCompletePilot(pilot: Pilot) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<CompletePilotInput, 'version'>) => pilotApi.complete(pilot.id, { version: pilot.version, ...changes }),
    onSuccess: savedPilot(queryClient),
    onError: onStalePilot(queryClient),
  });
}

export function useDeletePilot(pilot: Pilot) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => pilotApi.remove(pilot.id, pilot.version),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: pilotKeys.detail(pilot.id) });
      afterPilotChange(queryClient);
    },
    onError: onStalePilot(queryClient),
  });
}

function savedIssue(queryClient: QueryClient) {
  return (saved: PressingIssue) => {
    queryClient.setQueryData(pilotKeys.issue(saved.id), saved);
    afterPilotChange(queryClient);
  };
}

export function useCreateIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIssueInput) => pilotApi.createIssue(body),
    onSuccess: savedIssue(queryClient),
  });
}

export function useUpdateIssue(issue: PressingIssue | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<UpdateIssueInput, 'version'>) => {
      if (!issue) throw new Error('no issue to update');
      return pilotApi.updateIssue(issue.id, { version: issue.version, ...changes });
    },
    onSuccess: savedIssue(queryClient),
    onError: onStalePilot(queryClient),
  });
}
