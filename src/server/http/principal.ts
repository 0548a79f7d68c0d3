import type { Role } from '../../shared/domain/roles';
import type { UnitKind } from '../../shared/domain/units';

/** Who is calling: the account behind the session, with its scope. */
export interface Principal {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  memberId: number | null;
  mustChangePassword: boolean;
  scope: { id: number; path: string; name: string; kind: UnitKind };
}

/** What every write needs for its audit entry. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  ip: string;
}
