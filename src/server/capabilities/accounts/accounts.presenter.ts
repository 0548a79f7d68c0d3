import type { Role } from '../../../shared/domain/roles';
import type { UnitKind } from '../../../shared/domain/units';
import type { Account } from '../../../shared/schemas/accounts';
import type { AccountRow } from './accounts.repository';

export function presentAccount(row: AccountRow): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scopeUnit: { id: row.scope_id, name: row.scope_name, kind: row.scope_kind as UnitKind },
    memberId: row.member_id,
    disabled: row.disabled_at !== null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

/** Audited fields: never the password hash. */
export function auditedAccount(row: AccountRow) {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scopeUnitId: row.scope_id,
    scopeUnitName: row.scope_name,
    memberId: row.member_id,
    disabled: row.disabled_at !== null,
  };
}
