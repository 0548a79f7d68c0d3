import type { DocumentType } from '../../../shared/domain/documents';
import {
  type ActivityState,
  type FindingKind,
  type FollowUpState,
  type OversightKind,
  activityTransition,
  followUpTimeliness,
  followUpTransition,
} from '../../../shared/domain/oversight';
import { viCollator } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type {
  ActivityAttachment,
  ActivityDetail,
  ActivityRef,
  ActivitySummary,
  Finding,
  FindingItem,
  FindingRef,
  FollowUp,
  FollowUpItem,
  Negative,
  NegativeItem,
} from '../../../shared/schemas/oversight';
import type { UnitRef } from '../../../shared/schemas/units';
import { canEditTree, canRecordFor, isInScope } from '../../http/policies';
import type { Principal } from '../../http/principal';
import type { ActivityRow, AttachmentRow, ConcernedUnitRow, FindingRow, NegativeRow } from './oversight.repository';

// ——— Policies (sent to the browser as `can` flags) ———

interface OrganisedRow {
  organiser_path: string;
  organiser_valid_to: string | null;
}

/** Officers who record for the open organiser: they plan, edit, hold, cancel, write findings, reopen and cancel follow-ups. */
export function canRecordOversight(principal: Principal, row: OrganisedRow): boolean {
  return canEditTree(principal) && canRecordFor(principal, { path: row.organiser_path, valid_to: row.organiser_valid_to });
}

/** A finding (with its follow-up) is seen by the organiser's side, by its unit and by its follow-up's owner. */
export function canSeeFinding(principal: Principal, row: Pick<FindingRow, 'organiser_path' | 'unit_path' | 'owner_path'>): boolean {
  return isInScope(principal, row.organiser_path) || isInScope(principal, row.unit_path) || (row.owner_path !== null && isInScope(principal, row.owner_path));
}

/** Negative phenomena: officers only, whose scope covers the organiser or the unit concerned. */
export function canSeeNegative(principal: Principal, row: { organiser_path: string; unit_path: string }): boolean {
  return canEditTree(principal) && (isInScope(principal, row.organiser_path) || isInScope(principal, row.unit_path));
}

/** The owner unit's recorders (its cell secretary included) and the organiser's side report a follow-up done. */
export function canCompleteFollowUp(principal: Principal, row: FindingRow): boolean {
  if (row.owner_path === null) return false;
  return canRecordFor(principal, { path: row.owner_path, valid_to: row.owner_valid_to }) || canRecordOversight(principal, row);
}

// ——— Shapes ———

const unitRef = (id: number, name: string, kind: string): UnitRef => ({ id, name, kind: kind as UnitKind });

export function presentActivityRef(row: {
  id: number;
  kind: string;
  title: string;
  planned_on: string;
  held_on: string | null;
  state: string;
  organiser_unit_id: number;
  organiser_name: string;
  organiser_kind: string;
}): ActivityRef {
  return {
    id: row.id,
    kind: row.kind as OversightKind,
    title: row.title,
    organiser: unitRef(row.organiser_unit_id, row.organiser_name, row.organiser_kind),
    plannedOn: row.planned_on,
    heldOn: row.held_on,
    state: row.state as ActivityState,
  };
}

function activityRefOfFinding(row: FindingRow | NegativeRow): ActivityRef {
  return presentActivityRef({
    id: row.activity_id,
    kind: row.activity_kind,
    title: row.activity_title,
    planned_on: row.activity_planned_on,
    held_on: row.activity_held_on,
    state: row.activity_state,
    organiser_unit_id: row.organiser_unit_id,
    organiser_name: row.organiser_name,
    organiser_kind: row.organiser_kind,
  });
}

function findingRef(row: FindingRow): FindingRef {
  return { id: row.id, number: row.number, kind: row.kind as FindingKind, content: row.content, unit: unitRef(row.unit_id, row.unit_name, row.unit_kind) };
}

export function presentFollowUp(principal: Principal, row: FindingRow, today: string): FollowUp | null {
  if (row.follow_up_id === null || row.owner_unit_id === null || row.follow_up_state === null || row.due_on === null || row.task === null || row.follow_up_version === null) return null;
  const state = row.follow_up_state as FollowUpState;
  const organiserSide = canRecordOversight(principal, row);
  return {
    id: row.follow_up_id,
    findingId: row.id,
    activityId: row.activity_id,
    owner: unitRef(row.owner_unit_id, row.owner_name ?? '', row.owner_kind ?? 'cell'),
    task: row.task,
    dueOn: row.due_on,
    state,
    doneOn: row.done_on,
    result: row.result,
    evidenceFile:
      row.evidence_file_id === null ? null : { id: row.evidence_file_id, name: row.file_name ?? '', mediaType: row.file_media_type ?? '', size: Number(row.file_size ?? 0) },
    closedBy: row.closed_by_name,
    reopenComment: row.reopen_comment,
    cancelReason: row.cancel_reason,
    timeliness: followUpTimeliness({ state, dueOn: row.due_on, doneOn: row.done_on }, today),
    version: row.follow_up_version,
    can: {
      complete: followUpTransition(state, 'complete') !== null && canCompleteFollowUp(principal, row),
      reopen: followUpTransition(state, 'reopen') !== null && organiserSide,
      cancel: followUpTransition(state, 'cancel') !== null && organiserSide,
    },
  };
}

export function presentFollowUpItem(principal: Principal, row: FindingRow, today: string): FollowUpItem {
  const followUp = presentFollowUp(principal, row, today);
  if (!followUp) throw new Error(`finding ${row.id} has no follow-up`);
  return { ...followUp, finding: findingRef(row), activity: activityRefOfFinding(row) };
}

export function presentNegative(principal: Principal, row: NegativeRow): Negative {
  return {
    id: row.id,
    findingId: row.finding_id,
    activityId: row.activity_id,
    unit: unitRef(row.unit_id, row.unit_name, row.unit_kind),
    description: row.description,
    handling: row.handling,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    can: { edit: canRecordOversight(principal, row) },
  };
}

export function presentNegativeItem(principal: Principal, row: NegativeRow): NegativeItem {
  return {
    ...presentNegative(principal, row),
    finding: { id: row.finding_id, number: row.finding_number, kind: row.finding_kind as FindingKind, content: row.finding_content, unit: unitRef(row.finding_unit_id, row.finding_unit_name, row.finding_unit_kind) },
    activity: activityRefOfFinding(row),
  };
}

/** A finding; `negatives` are attached only when the caller is an officer (the rows given are filtered by the caller). */
export function presentFinding(principal: Principal, row: FindingRow, negatives: NegativeRow[], today: string): Finding {
  const organiserSide = canRecordOversight(principal, row);
  const finding: Finding = {
    id: row.id,
    activityId: row.activity_id,
    number: row.number,
    unit: unitRef(row.unit_id, row.unit_name, row.unit_kind),
    kind: row.kind as FindingKind,
    content: row.content,
    followUp: presentFollowUp(principal, row, today),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    can: { edit: organiserSide, addFollowUp: organiserSide && row.follow_up_id === null, addNegative: organiserSide },
  };
  if (canEditTree(principal)) {
    finding.negatives = negatives.filter((n) => n.finding_id === row.id && canSeeNegative(principal, n)).map((n) => presentNegative(principal, n));
  }
  return finding;
}

export function presentFindingItem(principal: Principal, row: FindingRow, negatives: NegativeRow[], today: string): FindingItem {
  return { ...presentFinding(principal, row, negatives, today), activity: activityRefOfFinding(row) };
}

export function activityCan(principal: Principal, row: ActivityRow): ActivitySummary['can'] {
  const organiserSide = canRecordOversight(principal, row);
  const state = row.state as ActivityState;
  return {
    edit: organiserSide && state !== 'cancelled',
    hold: organiserSide && activityTransition(state, 'hold') !== null,
    cancel: organiserSide && activityTransition(state, 'cancel') !== null,
    addFinding: organiserSide && state === 'held',
  };
}

const byName = (a: { name: string }, b: { name: string }) => viCollator.compare(a.name, b.name);

export function presentSummary(principal: Principal, row: ActivityRow, units: ConcernedUnitRow[], counts: ActivitySummary['counts'] | undefined): ActivitySummary {
  return {
    ...presentActivityRef({ ...row, organiser_unit_id: row.organiser_unit_id }),
    location: row.location,
    units: units
      .filter((u) => u.activity_id === row.id)
      .sort(byName)
      .map((u) => unitRef(u.id, u.name, u.kind)),
    counts: counts ?? { findings: 0, followUps: 0, openFollowUps: 0, overdueFollowUps: 0 },
    version: row.version,
    can: activityCan(principal, row),
  };
}

export function presentAttachment(row: AttachmentRow): ActivityAttachment {
  return {
    id: row.id,
    file: row.file_id === null ? null : { id: row.file_id, name: row.file_name ?? '', mediaType: row.file_media_type ?? '', size: Number(row.file_size ?? 0) },
    document:
      row.document_id === null
        ? null
        : { id: row.document_id, symbol: row.symbol ?? '', title: row.title ?? '', docType: (row.doc_type ?? 'plan') as DocumentType, issuedOn: row.issued_on ?? '' },
  };
}

export function presentDetail(
  principal: Principal,
  row: ActivityRow,
  extra: { units: ConcernedUnitRow[]; attachments: AttachmentRow[]; findings: FindingRow[]; negatives: NegativeRow[]; today: string },
): ActivityDetail {
  const findings = extra.findings.filter((f) => canSeeFinding(principal, f));
  const counts = {
    findings: findings.length,
    followUps: findings.filter((f) => f.follow_up_id !== null).length,
    openFollowUps: findings.filter((f) => f.follow_up_state === 'open').length,
    overdueFollowUps: findings.filter((f) => f.follow_up_state === 'open' && f.due_on !== null && f.due_on < extra.today).length,
  };
  return {
    ...presentSummary(principal, row, extra.units, counts),
    cancelReason: row.cancel_reason,
    participants: row.participants,
    participantCount: row.participant_count,
    conclusion: row.conclusion,
    attachments: extra.attachments.map(presentAttachment),
    findings: findings.map((f) => presentFinding(principal, f, extra.negatives, extra.today)),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// ——— Audit shapes ———

export function auditedActivity(row: ActivityRow, units: { name: string }[], attachments: AttachmentRow[]) {
  return {
    kind: row.kind,
    title: row.title,
    plannedOn: row.planned_on,
    heldOn: row.held_on,
    state: row.state,
    cancelReason: row.cancel_reason,
    location: row.location,
    participants: row.participants,
    participantCount: row.participant_count,
    conclusion: row.conclusion,
    units: units.map((u) => u.name).sort(viCollator.compare),
    attachments: attachments.map((a) => (a.file_id !== null ? `tệp ${a.file_name ?? a.file_id}` : `văn bản ${a.symbol ?? a.document_id}`)),
  };
}

export function auditedFinding(row: FindingRow) {
  return { activityId: row.activity_id, number: row.number, unit: row.unit_name, kind: row.kind, content: row.content };
}

export function auditedFollowUp(row: FindingRow) {
  return {
    findingId: row.id,
    owner: row.owner_name,
    task: row.task,
    dueOn: row.due_on,
    state: row.follow_up_state,
    doneOn: row.done_on,
    result: row.result,
    evidenceFileId: row.evidence_file_id,
    reopenComment: row.reopen_comment,
    cancelReason: row.cancel_reason,
  };
}

export function auditedNegative(row: NegativeRow) {
  return { findingId: row.finding_id, unit: row.unit_name, description: row.description, handling: row.handling };
}
