import { POSITION_LABELS, type Position } from '../../../shared/domain/roles';
import { fullName } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { MyMember } from '../../../shared/schemas/members';
import type { Db } from '../../db/connect';
import { NotFound } from '../../http/errors';
import type { Principal } from '../../http/principal';
import { membersRepository } from './members.repository';

export function membersService(db: Db) {
  const repo = membersRepository(db);
  return {
    /** A member sees their own record: the account's member link is the only way in. */
    async mine(principal: Principal): Promise<MyMember> {
      const row = principal.memberId === null ? undefined : await repo.findWithUnit(principal.memberId);
      if (!row) throw NotFound('Tài khoản này chưa gắn với hồ sơ đảng viên.');
      const positions = await repo.currentPositions(row.id);
      const name = { familyName: row.family_name, middleName: row.middle_name, givenName: row.given_name };
      return {
        id: row.id,
        ...name,
        fullName: fullName(name),
        birthDate: row.birth_date,
        gender: row.gender as MyMember['gender'],
        status: row.status as MyMember['status'],
        joinedOn: row.joined_on,
        officialOn: row.official_on,
        unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
        positions: positions.map((p) => ({
          position: p.position as Position,
          label: POSITION_LABELS[p.position as Position],
          unitName: p.unit_name,
          startedOn: p.started_on,
        })),
      };
    },
  };
}

export type MembersService = ReturnType<typeof membersService>;
