import { type CommitmentKind, type CommitmentState, type ItemKind, type SelfResult, registrationState } from '../../../shared/domain/commitments';
import { fullName } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { AssessmentLevelOut, AssessmentScheme, Commitment } from '../../../shared/schemas/commitments';
import type { CommitmentRow, CommitmentsRepository } from './commitments.repository';

type SchemeRow = Awaited<ReturnType<CommitmentsRepository['schemes']>>[number];
type LevelRow = Awaited<ReturnType<CommitmentsRepository['levels']>>[number];
type ItemRow = Awaited<ReturnType<CommitmentsRepository['items']>>[number];
type CheckinRow = Awaited<ReturnType<CommitmentsRepository['checkins']>>[number];

export function presentScheme(row: SchemeRow, levels: LevelRow[]): AssessmentScheme {
  const of = (appliesTo: string) =>
    levels.filter((l) => l.scheme_id === row.id && l.applies_to === appliesTo).map((l) => ({ code: l.code, label: l.label, rank: l.rank }));
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    validFromYear: row.valid_from_year,
    validToYear: row.valid_to_year,
    memberLevels: of('member'),
    organisationLevels: of('organisation'),
    cap:
      row.cap_level !== null && row.cap_relative_to !== null && row.cap_ratio !== null
        ? { capped: row.cap_level, relativeTo: row.cap_relative_to, ratio: Number(row.cap_ratio) }
        : null,
  };
}

/** The deadline a commitment is judged against: leaders register first. */
export function deadlineOf(row: Pick<CommitmentRow, 'kind' | 'is_leader' | 'leader_deadline' | 'member_deadline'>): string {
  return row.kind === 'personal' && row.is_leader ? row.leader_deadline : row.member_deadline;
}

export interface CommitmentExtras {
  items: ItemRow[];
  checkins: CheckinRow[];
  levels: AssessmentLevelOut[];
  today: string;
  can: Commitment['can'];
}

export function presentCommitment(row: CommitmentRow, extras: CommitmentExtras): Commitment {
  const level = (code: string | null) => (code === null ? null : { code, label: extras.levels.find((l) => l.code === code)?.label ?? code });
  const deadline = deadlineOf(row);
  return {
    id: row.id,
    roundId: row.round_id,
    year: row.year,
    kind: row.kind as CommitmentKind,
    member:
      row.member_id !== null
        ? { id: row.member_id, fullName: fullName({ familyName: row.family_name ?? '', middleName: row.middle_name ?? '', givenName: row.given_name ?? '' }) }
        : null,
    unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
    isLeader: row.is_leader,
    state: row.state as CommitmentState,
    firstSubmittedOn: row.first_submitted_on,
    timeliness: registrationState(row.first_submitted_on, deadline, extras.today),
    deadline,
    returnComment: row.return_comment,
    items: extras.items.map((item) => {
      const checkins = extras.checkins.filter((k) => k.item_id === item.id);
      return {
        id: item.id,
        number: item.number,
        kind: item.kind as ItemKind,
        action: item.action,
        measure: item.measure,
        dueOn: item.due_on,
        topicItem: item.topic_item_id !== null ? { id: item.topic_item_id, number: item.topic_number ?? 0, title: item.topic_title ?? '' } : null,
        standardRef: item.standard_ref,
        selfResult: item.self_result as SelfResult | null,
        selfNote: item.self_note,
        percent: checkins[0]?.percent ?? null,
        checkins: checkins.map((k) => ({
          id: k.id,
          itemId: k.item_id,
          postedOn: k.posted_on,
          percent: k.percent,
          note: k.note,
          evidence: k.evidence_file_id !== null ? { id: k.evidence_file_id, name: k.file_name ?? '', mediaType: k.file_media_type ?? '', size: k.file_size ?? 0 } : null,
          postedBy: k.posted_by,
        })),
      };
    }),
    review: {
      selfLevel: level(row.self_level),
      selfNote: row.self_note,
      selfReviewedAt: row.self_reviewed_at === null ? null : row.self_reviewed_at.toISOString(),
      cellLevel: level(row.cell_level),
      cellNote: row.cell_note,
      decidedLevel: level(row.decided_level),
      notAssessedReason: row.not_assessed_reason,
    },
    levels: extras.levels,
    reviewOpensOn: row.review_opens_on,
    version: row.version,
    can: extras.can,
  };
}

/** What the audit log keeps of a commitment: its state and text, never more than the record itself. */
export function auditedCommitment(row: CommitmentRow, items: Pick<ItemRow, 'number' | 'kind' | 'action' | 'measure' | 'due_on' | 'self_result'>[]) {
  return {
    state: row.state,
    firstSubmittedOn: row.first_submitted_on,
    returnComment: row.return_comment,
    items: items.map((i) => ({ number: i.number, kind: i.kind, action: i.action, measure: i.measure, dueOn: i.due_on, selfResult: i.self_result })),
    selfLevel: row.self_level,
    cellLevel: row.cell_level,
    decidedLevel: row.decided_level,
    notAssessedReason: row.not_assessed_reason,
  };
}
