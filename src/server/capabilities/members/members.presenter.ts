import type { Gender, LeftReason, MemberStatus } from '../../../shared/domain/members';
import { POSITION_LABELS, type Position } from '../../../shared/domain/roles';
import { fullName } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { MemberDetail, MemberSummary } from '../../../shared/schemas/members';
import type { MemberRow, MembersRepository } from './members.repository';

type PositionRow = Awaited<ReturnType<MembersRepository['positionHistory']>>[number];

export function presentMemberSummary(row: MemberRow): MemberSummary {
  const name = { familyName: row.family_name, middleName: row.middle_name, givenName: row.given_name };
  return {
    id: row.id,
    ...name,
    fullName: fullName(name),
    birthDate: row.birth_date,
    gender: row.gender as Gender,
    status: row.status as MemberStatus,
    cardNumber: row.card_number,
    unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
    positions: (row.positions ?? []).map((p) => POSITION_LABELS[p as Position] ?? p),
    isKeyLeader: row.is_key_leader,
    isHead: row.is_head,
    leftOn: row.left_on,
    leftReason: row.left_reason as LeftReason | null,
  };
}

export function presentMemberDetail(
  row: MemberRow,
  extra: { positions: PositionRow[]; unitPath: { id: number; name: string; kind: string }[]; can: MemberDetail['can'] },
): MemberDetail {
  return {
    ...presentMemberSummary(row),
    ethnicity: row.ethnicity,
    joinedOn: row.joined_on,
    officialOn: row.official_on,
    idNumber: row.id_number,
    phone: row.phone,
    positionHistory: extra.positions.map((p) => ({
      id: p.id,
      position: p.position as Position,
      label: POSITION_LABELS[p.position as Position] ?? p.position,
      unit: { id: p.unit_id, name: p.unit_name, kind: p.unit_kind as UnitKind },
      startedOn: p.started_on,
      endedOn: p.ended_on,
    })),
    unitPath: extra.unitPath.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind })),
    version: row.version,
    can: extra.can,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The fields of a member the audit log records (and the timeline shows). */
export function auditedMember(row: Pick<MemberRow, 'family_name' | 'middle_name' | 'given_name' | 'birth_date' | 'gender' | 'ethnicity' | 'status' | 'joined_on' | 'official_on' | 'card_number' | 'id_number' | 'phone' | 'is_key_leader' | 'is_head' | 'unit_id' | 'left_on' | 'left_reason'>) {
  return {
    familyName: row.family_name,
    middleName: row.middle_name,
    givenName: row.given_name,
    birthDate: row.birth_date,
    gender: row.gender,
    ethnicity: row.ethnicity,
    status: row.status,
    joinedOn: row.joined_on,
    officialOn: row.official_on,
    cardNumber: row.card_number,
    idNumber: row.id_number,
    phone: row.phone,
    isKeyLeader: row.is_key_leader,
    isHead: row.is_head,
    unitId: row.unit_id,
    leftOn: row.left_on,
    leftReason: row.left_reason,
  };
}
