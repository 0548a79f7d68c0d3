import {
  type CommendationForm,
  type ExemplarState,
  type ExemplarStepAction,
  type ExemplarSubjectKind,
  type PublicityChannelKind,
  approvalChain,
  levelStatuses,
} from '../../../shared/domain/exemplars';
import { fullName } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { ExemplarCan, ExemplarChainLevel, ExemplarDetail, ExemplarListItem, ExemplarSubject, PublicityChannel, PublicityEntry } from '../../../shared/schemas/exemplars';
import type { ChannelRow, ExemplarRow, FileRow, PublicityRow, StepRow } from './exemplars.repository';

const ref = (id: number, name: string, kind: string) => ({ id, name, kind: kind as UnitKind });
const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

export function presentSubject(row: ExemplarRow): ExemplarSubject {
  const kind = row.subject_kind as ExemplarSubjectKind;
  if (kind === 'member') {
    const name = { familyName: row.member_family_name ?? '', middleName: row.member_middle_name ?? '', givenName: row.member_given_name ?? '' };
    return {
      kind,
      displayName: fullName(name),
      memberId: row.member_id,
      ...name,
      memberUnit: row.member_unit_id !== null ? ref(row.member_unit_id, row.member_unit_name ?? '', row.member_unit_kind ?? 'cell') : null,
      collectiveUnit: null,
      collectiveName: null,
    };
  }
  if (kind === 'person') {
    const name = { familyName: row.family_name ?? '', middleName: row.middle_name ?? '', givenName: row.given_name ?? '' };
    return { kind, displayName: fullName(name), memberId: null, ...name, memberUnit: null, collectiveUnit: null, collectiveName: null };
  }
  const unit = row.collective_unit_id !== null ? ref(row.collective_unit_id, row.collective_unit_name ?? '', row.collective_unit_kind ?? 'cell') : null;
  return {
    kind,
    displayName: row.collective_name ?? unit?.name ?? '',
    memberId: null,
    familyName: null,
    middleName: null,
    givenName: null,
    memberUnit: null,
    collectiveUnit: unit,
    collectiveName: row.collective_name,
  };
}

export function presentListItem(row: ExemplarRow, can: ExemplarCan): ExemplarListItem {
  return {
    id: row.id,
    year: row.year,
    subject: presentSubject(row),
    title: row.title,
    field: row.field,
    state: row.state as ExemplarState,
    nominatingUnit: ref(row.nominating_unit_id, row.nominating_name, row.nominating_kind),
    decidingUnit: ref(row.deciding_unit_id, row.deciding_name, row.deciding_kind),
    pendingUnit: row.pending_unit_id !== null ? ref(row.pending_unit_id, row.pending_name ?? '', row.pending_kind ?? 'cell') : null,
    commendationForm: row.commendation_form as CommendationForm | null,
    isPublic: row.is_public,
    photoCount: row.photo_count,
    publicityCount: row.publicity_count,
    version: row.version,
    updatedAt: iso(row.updated_at),
    can,
  };
}

export function presentChannel(row: ChannelRow): PublicityChannel {
  return { id: row.id, name: row.name, kind: row.kind as PublicityChannelKind, generic: row.root_unit_id === null, position: row.position, active: row.active };
}

export function presentPublicity(row: PublicityRow): PublicityEntry {
  return {
    id: row.id,
    channel: { id: row.channel_id, name: row.channel_name, kind: row.channel_kind as PublicityChannelKind },
    publishedOn: row.published_on,
    title: row.title,
    url: row.url,
    file: row.file_id !== null ? { id: row.file_id, name: row.file_name ?? '', mediaType: row.file_media_type ?? '', size: row.file_size ?? 0 } : null,
    recordedBy: row.recorded_by,
  };
}

/**
 * The chain of levels with their statuses. The current round starts at the last submission; a level's
 * latest verify / return / reject in that round is shown beside it.
 */
export function presentChain(row: ExemplarRow, steps: StepRow[], units: Map<number, { name: string; kind: string }>): ExemplarChainLevel[] {
  const chain = approvalChain(row.nominating_path, row.deciding_unit_id) ?? [row.deciding_unit_id];
  const lastSubmit = steps.map((s) => s.action).lastIndexOf('submit');
  const round = lastSubmit < 0 ? [] : steps.slice(lastSubmit + 1).filter((s) => s.action === 'verify' || s.action === 'return' || s.action === 'reject');
  const state = row.state as ExemplarState;
  const closing = round[round.length - 1];
  const atUnitId = state === 'pending' ? row.pending_unit_id : state === 'returned' || state === 'rejected' ? (closing?.unit_id ?? null) : null;
  const statuses = levelStatuses(chain, state, atUnitId);
  return chain.map((unitId, index) => {
    const unit = units.get(unitId);
    const step = round.filter((s) => s.unit_id === unitId).pop();
    return {
      unit: ref(unitId, unit?.name ?? '', unit?.kind ?? 'cell'),
      isDeciding: unitId === row.deciding_unit_id,
      status: statuses[index] ?? 'waiting',
      actedAt: step ? iso(step.acted_at) : null,
      actedBy: step?.acted_by ?? null,
      comment: step?.comment ?? null,
    };
  });
}

export function presentDetail(
  row: ExemplarRow,
  can: ExemplarCan,
  parts: { steps: StepRow[]; files: FileRow[]; publicity: PublicityRow[]; units: Map<number, { name: string; kind: string }> },
): ExemplarDetail {
  const file = (f: FileRow) => ({ id: f.id, name: f.name, mediaType: f.media_type, size: f.size });
  return {
    ...presentListItem(row, can),
    summary: row.summary,
    storyHtml: row.story_html,
    chain: presentChain(row, parts.steps, parts.units),
    steps: parts.steps.map((s) => ({
      id: s.id,
      action: s.action as ExemplarStepAction,
      unit: ref(s.unit_id, s.unit_name, s.unit_kind),
      comment: s.comment,
      actedBy: s.acted_by,
      actedAt: iso(s.acted_at),
    })),
    photos: parts.files.filter((f) => f.role === 'photo').map((f) => ({ ...file(f), caption: f.caption, position: f.position })),
    evidence: parts.files.filter((f) => f.role === 'evidence').map(file),
    publicity: parts.publicity.map(presentPublicity),
    commendation:
      row.commendation_form !== null && row.decision_symbol !== null && row.decision_date !== null
        ? {
            form: row.commendation_form as CommendationForm,
            title: row.commendation_title,
            decisionSymbol: row.decision_symbol,
            decisionDate: row.decision_date,
            decisionDocument:
              row.decision_document_id !== null ? { id: row.decision_document_id, symbol: row.decision_document_symbol ?? '', title: row.decision_document_title ?? '' } : null,
            commendedBy: row.commended_by_name,
          }
        : null,
    publishedAt: row.published_at ? iso(row.published_at) : null,
    createdBy: row.created_by_name ?? '',
    createdAt: iso(row.created_at),
  };
}
