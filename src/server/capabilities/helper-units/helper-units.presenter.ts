import { type HelperActivityKind, type HelperRole, HELPER_ROLES, helperUnitState } from '../../../shared/domain/direction';
import { compareNames, fullName } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { HelperCoverageRow, HelperUnitDetail, HelperUnitMember } from '../../../shared/schemas/helper-units';
import type { DocumentRefRow, HelperUnitRow, HelperUnitsRepository } from './helper-units.repository';

type MemberRow = Awaited<ReturnType<HelperUnitsRepository['members']>>[number];
type ActivityRow = Awaited<ReturnType<HelperUnitsRepository['activities']>>[number];
type CoverageRow = Awaited<ReturnType<HelperUnitsRepository['coverage']>>[number];

const documentRef = (row: DocumentRefRow | undefined) => (row ? { id: row.id, symbol: row.symbol, title: row.title, issuedOn: row.issued_on } : null);

/** Head first, then deputies, then the others; Vietnamese name order (tên, tên đệm, họ) within each. */
export function presentHelperMembers(rows: MemberRow[]): HelperUnitMember[] {
  const name = (row: MemberRow) => ({ familyName: row.family_name, middleName: row.middle_name, givenName: row.given_name });
  return [...rows]
    .sort((a, b) => HELPER_ROLES.indexOf(a.role as HelperRole) - HELPER_ROLES.indexOf(b.role as HelperRole) || compareNames(name(a), name(b)) || a.id - b.id)
    .map((row) => ({
      id: row.id,
      memberId: row.member_id,
      fullName: fullName(name(row)),
      unitName: row.unit_name,
      role: row.role as HelperRole,
      duty: row.duty,
      leftOn: row.left_on,
    }));
}

export function presentHelperUnitDetail(
  row: HelperUnitRow,
  extra: { documents: DocumentRefRow[]; members: MemberRow[]; activities: ActivityRow[]; activityCount: number },
): HelperUnitDetail {
  const byId = new Map(extra.documents.map((d) => [d.id, d]));
  return {
    id: row.id,
    unitId: row.unit_id,
    name: row.name,
    establishedOn: row.established_on,
    state: helperUnitState({ regulationDocumentId: row.regulation_document_id }),
    foundingDocument: row.founding_document_id === null ? null : documentRef(byId.get(row.founding_document_id)),
    regulationDocument: row.regulation_document_id === null ? null : documentRef(byId.get(row.regulation_document_id)),
    members: presentHelperMembers(extra.members),
    activities: extra.activities.map((a) => ({
      id: a.id,
      heldOn: a.held_on,
      kind: a.kind as HelperActivityKind,
      content: a.content,
      createdBy: a.created_by,
      createdAt: a.created_at.toISOString(),
    })),
    activityCount: extra.activityCount,
    version: row.version,
  };
}

export function presentHelperCoverageRow(row: CoverageRow): HelperCoverageRow {
  return {
    unit: { id: row.id, name: row.name, kind: row.kind as UnitKind },
    parentName: row.parent_name,
    helperUnitId: row.helper_unit_id,
    state: helperUnitState(row.helper_unit_id === null ? null : { regulationDocumentId: row.regulation_document_id }),
    establishedOn: row.established_on,
    memberCount: Number(row.member_count ?? 0),
    regulationDocument: row.regulation_document_id !== null && row.regulation_symbol !== null ? { id: row.regulation_document_id, symbol: row.regulation_symbol } : null,
    lastActivityOn: row.last_activity_on,
  };
}

/** The fields of a helper unit the audit log records. */
export function auditedHelperUnit(row: Pick<HelperUnitRow, 'unit_id' | 'name' | 'established_on' | 'founding_document_id' | 'regulation_document_id'>) {
  return {
    unitId: row.unit_id,
    name: row.name,
    establishedOn: row.established_on,
    foundingDocumentId: row.founding_document_id,
    regulationDocumentId: row.regulation_document_id,
  };
}
