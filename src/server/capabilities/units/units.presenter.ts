import type { UnitDetail, UnitSummary } from '../../../shared/schemas/units';
import type { UnitKind } from '../../../shared/domain/units';
import type { UnitRow, UnitSummaryRow } from './units.repository';

export function presentUnitSummary(row: UnitSummaryRow): UnitSummary {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    kind: row.kind as UnitKind,
    isGrassroots: row.is_grassroots,
    sector: row.sector,
    closedOn: row.valid_to,
    childCount: row.child_count,
    memberCount: row.member_count,
  };
}

export function presentUnitDetail(
  row: UnitRow,
  extra: { ancestors: { id: number; name: string; kind: string }[]; children: UnitSummaryRow[]; can: UnitDetail['can'] },
): UnitDetail {
  return {
    ...presentUnitSummary(row),
    parentId: row.parent_id,
    depth: row.depth,
    validFrom: row.valid_from,
    version: row.version,
    ancestors: extra.ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind as UnitKind })),
    counts: {
      childUnits: row.child_count,
      subtreeUnits: row.descendant_count,
      subtreeMembers: row.member_count,
      directMembers: row.direct_member_count,
    },
    children: extra.children.map(presentUnitSummary),
    can: extra.can,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The fields of a unit that the audit log records. */
export function auditedUnit(row: Pick<UnitRow, 'name' | 'code' | 'kind' | 'sector' | 'parent_id' | 'valid_from' | 'valid_to'>) {
  return {
    name: row.name,
    code: row.code,
    kind: row.kind,
    sector: row.sector,
    parentId: row.parent_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}
