import type { Db } from '../../db/connect';

export function membersRepository(db: Db) {
  return {
    findWithUnit(id: number) {
      return db
        .selectFrom('member as m')
        .innerJoin('unit as u', 'u.id', 'm.unit_id')
        .select([
          'm.id',
          'm.family_name',
          'm.middle_name',
          'm.given_name',
          'm.birth_date',
          'm.gender',
          'm.status',
          'm.joined_on',
          'm.official_on',
          'u.id as unit_id',
          'u.name as unit_name',
          'u.kind as unit_kind',
        ])
        .where('m.id', '=', id)
        .executeTakeFirst();
    },

    currentPositions(memberId: number) {
      return db
        .selectFrom('member_position as p')
        .innerJoin('unit as u', 'u.id', 'p.unit_id')
        .select(['p.position', 'p.started_on', 'u.name as unit_name'])
        .where('p.member_id', '=', memberId)
        .where('p.ended_on', 'is', null)
        .orderBy('p.started_on')
        .execute();
    },
  };
}
