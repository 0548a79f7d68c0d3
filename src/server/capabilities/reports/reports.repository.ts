import type { Db } from '../../db/connect';

/** The few reads of a generated report besides the indicators: the unit, its line, its secretary, BC numbers. */
export function reportsRepository(db: Db) {
  return {
    unit: (id: number) =>
      db.selectFrom('unit').select(['id', 'parent_id', 'path', 'kind', 'name', 'child_count', 'valid_to']).where('id', '=', id).executeTakeFirst(),

    /** The units of a path ('1.12.345'), root first. */
    async lineage(path: string) {
      const ids = path.split('.').map(Number);
      const rows = await db.selectFrom('unit').select(['id', 'kind', 'name']).where('id', 'in', ids).execute();
      return ids.map((id) => rows.find((row) => row.id === id)).filter((row) => row !== undefined);
    },

    /** Full name of the unit's secretary on a day, if one is recorded. */
    async secretary(unitId: number, on: string): Promise<string | null> {
      const row = await db
        .selectFrom('member_position')
        .innerJoin('member', 'member.id', 'member_position.member_id')
        .select(['member.family_name', 'member.middle_name', 'member.given_name'])
        .where('member_position.unit_id', '=', unitId)
        .where('member_position.position', '=', 'secretary')
        .where('member_position.started_on', '<=', on)
        .where((eb) => eb.or([eb('member_position.ended_on', 'is', null), eb('member_position.ended_on', '>=', on)]))
        .orderBy('member_position.started_on', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      return [row.family_name, row.middle_name, row.given_name].filter((part) => part.length > 0).join(' ');
    },
  };
}

export type ReportsRepository = ReturnType<typeof reportsRepository>;
