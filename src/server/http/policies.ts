import { ALLOWED_CHILD_KINDS, type UnitKind } from '../../shared/domain/units';
import type { Principal } from './principal';

/**
 * Scope policies: small pure functions used by every service and sent to the browser as `can` flags,
 * so the browser never re-implements them.
 */
export interface ScopedUnit {
  path: string;
  kind: UnitKind;
  valid_to: string | null;
}

/** True when `path` is the scope root or below it (ltree paths of ids: '1.12.345'). */
export function isInScope(principal: Principal, path: string): boolean {
  const scope = principal.scope.path;
  return path === scope || path.startsWith(`${scope}.`);
}

export function isStrictlyBelowScope(principal: Principal, path: string): boolean {
  return path.startsWith(`${principal.scope.path}.`);
}

const TREE_EDITORS = new Set(['province_officer', 'district_officer', 'grassroots_officer']);

export function canEditTree(principal: Principal): boolean {
  return TREE_EDITORS.has(principal.role);
}

export function canViewUnit(principal: Principal, unit: Pick<ScopedUnit, 'path'>): boolean {
  return isInScope(principal, unit.path);
}

export function canEditUnit(principal: Principal, unit: ScopedUnit): boolean {
  return canEditTree(principal) && isInScope(principal, unit.path) && unit.valid_to === null;
}

export function canCreateChild(principal: Principal, unit: ScopedUnit): boolean {
  return canEditUnit(principal, unit) && ALLOWED_CHILD_KINDS[unit.kind].length > 0;
}

/** The scope root itself is moved or closed only by the level above. */
export function canMoveOrClose(principal: Principal, unit: ScopedUnit): boolean {
  return canEditTree(principal) && isStrictlyBelowScope(principal, unit.path) && unit.valid_to === null;
}

export function canManageAccounts(principal: Principal): boolean {
  return principal.role === 'province_officer';
}

export function canViewAudit(principal: Principal): boolean {
  return principal.role === 'province_officer';
}

/** The unit is the caller's scope root or above it: guidance from the levels above is readable by those below. */
export function isAboveOrAtScope(principal: Principal, path: string): boolean {
  const scope = principal.scope.path;
  return scope === path || scope.startsWith(`${path}.`);
}

/**
 * Who records the direction work of a unit (documents, conferences, helper unit, files): officers whose
 * scope covers the open unit, and a cell secretary for their own cell.
 */
export function canRecordFor(principal: Principal, unit: Pick<ScopedUnit, 'path' | 'valid_to'>): boolean {
  if (unit.valid_to !== null || !isInScope(principal, unit.path)) return false;
  if (canEditTree(principal)) return true;
  return principal.role === 'cell_secretary' && principal.scope.path === unit.path;
}

/** Documents of bodies above the tree (Bộ Chính trị, Ban Bí thư) are registered by province officers. */
export function canRecordExternal(principal: Principal): boolean {
  return principal.role === 'province_officer' && !principal.scope.path.includes('.');
}

/** Who may upload a file for a unit: those who record for it, and a member for their own cell (evidence of commitments). */
export function canUploadFor(principal: Principal, unit: Pick<ScopedUnit, 'path' | 'valid_to'>): boolean {
  if (canRecordFor(principal, unit)) return true;
  return principal.role === 'member' && unit.valid_to === null && principal.scope.path === unit.path;
}
