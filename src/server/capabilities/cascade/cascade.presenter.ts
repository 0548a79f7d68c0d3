import type { DocumentType } from '../../../shared/domain/documents';
import { type TimelinessCounts, daysBetween, timeliness } from '../../../shared/domain/timeliness';
import type { UnitKind } from '../../../shared/domain/units';
import type { CascadeNode, Obligation } from '../../../shared/schemas/cascade';
import type { NodeCountsRow, ObligationRow } from './cascade.repository';

export function presentObligation(row: ObligationRow, today: string): Obligation {
  const state = timeliness({ dueOn: row.due_on, doneOn: row.done_on, today });
  const lateUntil = row.done_on ?? today;
  const daysLate = state === 'done_late' || state === 'overdue' ? daysBetween(row.due_on, lateUntil) : null;
  return {
    requirementId: row.requirement_id,
    parentDocument: { id: row.parent_id, symbol: row.parent_symbol },
    requiredType: row.required_type as DocumentType,
    dueOn: row.due_on,
    state,
    daysLate,
    document: row.document_id !== null && row.done_on !== null ? { id: row.document_id, symbol: row.document_symbol ?? '', issuedOn: row.done_on } : null,
    conferenceDueOn: row.conference_due_on,
    conferenceState: row.conference_due_on === null ? null : timeliness({ dueOn: row.conference_due_on, doneOn: row.conference_on, today }),
    conference: row.conference_id !== null && row.conference_on !== null ? { id: row.conference_id, heldOn: row.conference_on } : null,
  };
}

export function countsOf(row: NodeCountsRow | undefined): { counts: TimelinessCounts; conferenceCounts: TimelinessCounts } {
  return {
    counts: { done_on_time: row?.done_on_time ?? 0, done_late: row?.done_late ?? 0, pending: row?.pending ?? 0, overdue: row?.overdue ?? 0 },
    conferenceCounts: { done_on_time: row?.c_done_on_time ?? 0, done_late: row?.c_done_late ?? 0, pending: row?.c_pending ?? 0, overdue: row?.c_overdue ?? 0 },
  };
}

export function presentNode(
  unit: { id: number; name: string; kind: string; child_count: number },
  counts: NodeCountsRow | undefined,
  own: Obligation[],
): CascadeNode {
  return { unitId: unit.id, name: unit.name, kind: unit.kind as UnitKind, childCount: unit.child_count, own, ...countsOf(counts) };
}
