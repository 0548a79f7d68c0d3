import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { HelperUnitTable } from '../../db/schema';

export type HelperUnitRow = Selectable<HelperUnitTable> & {
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  unit_valid_to: string | null;
};

export type DocumentRefRow = { id: number; symbol: string; title: string; issued_on: string; doc_type: string; issuer_unit_id: number | null };

const HELPER_COLUMNS = [
  'h.id',
  'h.unit_id',
  'h.name',
  'h.established_on',
  'h.founding_document_id',
  'h.regulation_document_id',
  'h.version',
  'h.created_at',
  'h.updated_at',
  'u.name as unit_name',
  'u.kind as unit_kind',
  sql<string>`u.path::text`.as('unit_path'),
  'u.valid_to as unit_valid_to',
] as const;

export function helperUnitsRepository(db: Db) {
  const base = () => db.selectFrom('helper_unit as h').innerJoin('unit as u', 'u.id', 'h.unit_id');

  return {
    unit(id: number) {
      return db
        .selectFrom('unit')
        .select(['id', 'name', 'kind', 'valid_to', sql<string>`path::text`.as('path')])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async findById(id: number, forUpdate = false): Promise<HelperUnitRow | undefined> {
      let query = base().select(HELPER_COLUMNS).where('h.id', '=', id);
      if (forUpdate) query = query.forUpdate(['h']);
      return query.executeTakeFirst();
    },

    findByUnit(unitId: number): Promise<HelperUnitRow | undefined> {
      return base().select(HELPER_COLUMNS).where('h.unit_id', '=', unitId).executeTakeFirst();
    },

    documents(ids: number[]): Promise<DocumentRefRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('party_document').select(['id', 'symbol', 'title', 'issued_on', 'doc_type', 'issuer_unit_id']).where('id', 'in', ids).execute();
    },

    /** Members with their cell, in no particular order (the service sorts by role and name). */
    members(helperUnitId: number) {
      return db
        .selectFrom('helper_unit_member as hm')
        .innerJoin('member as m', 'm.id', 'hm.member_id')
        .innerJoin('unit as c', 'c.id', 'm.unit_id')
        .select(['hm.id', 'hm.member_id', 'hm.role', 'hm.duty', 'm.family_name', 'm.middle_name', 'm.given_name', 'm.left_on', 'c.name as unit_name'])
        .where('hm.helper_unit_id', '=', helperUnitId)
        .execute();
    },

    activities(helperUnitId: number, limit: number) {
      return db
        .selectFrom('helper_unit_activity as a')
        .leftJoin('account as ac', 'ac.id', 'a.created_by')
        .select(['a.id', 'a.held_on', 'a.kind', 'a.content', 'a.created_at', 'ac.display_name as created_by'])
        .where('a.helper_unit_id', '=', helperUnitId)
        .orderBy('a.held_on', 'desc')
        .orderBy('a.id', 'desc')
        .limit(limit)
        .execute();
    },

    async activityCount(helperUnitId: number): Promise<number> {
      const row = await db
        .selectFrom('helper_unit_activity')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('helper_unit_id', '=', helperUnitId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insert(values: Insertable<HelperUnitTable>): Promise<number> {
      const row = await db.insertInto('helper_unit').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: number, version: number, set: Partial<Insertable<HelperUnitTable>>): Promise<boolean> {
      const result = await db
        .updateTable('helper_unit')
        .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** A member who might join: their names, state and cell. */
    candidate(memberId: number) {
      return db
        .selectFrom('member as m')
        .innerJoin('unit as c', 'c.id', 'm.unit_id')
        .select(['m.id', 'm.family_name', 'm.middle_name', 'm.given_name', 'm.left_on', 'c.name as unit_name', sql<string>`c.path::text`.as('unit_path')])
        .where('m.id', '=', memberId)
        .executeTakeFirst();
    },

    membership(helperUnitId: number, memberId: number) {
      return db
        .selectFrom('helper_unit_member')
        .select(['id', 'member_id', 'role', 'duty'])
        .where('helper_unit_id', '=', helperUnitId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
    },

    head(helperUnitId: number) {
      return db
        .selectFrom('helper_unit_member as hm')
        .innerJoin('member as m', 'm.id', 'hm.member_id')
        .select(['hm.member_id', 'm.family_name', 'm.middle_name', 'm.given_name'])
        .where('hm.helper_unit_id', '=', helperUnitId)
        .where('hm.role', '=', 'head')
        .executeTakeFirst();
    },

    async addMember(values: { helper_unit_id: number; member_id: number; role: string; duty: string | null }): Promise<number> {
      const row = await db.insertInto('helper_unit_member').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async removeMember(helperUnitId: number, memberId: number): Promise<void> {
      await db.deleteFrom('helper_unit_member').where('helper_unit_id', '=', helperUnitId).where('member_id', '=', memberId).execute();
    },

    async addActivity(values: { helper_unit_id: number; held_on: string; kind: string; content: string; created_by: number }): Promise<number> {
      const row = await db.insertInto('helper_unit_activity').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /**
     * The open committees of `kinds` in the subtree of `root` (and `root` itself when `includeRoot`),
     * each with its helper unit, active member count, regulation and last activity.
     */
    coverage(root: { id: number; path: string }, kinds: readonly string[], includeRoot: boolean) {
      return db
        .selectFrom('unit as u')
        .leftJoin('unit as p', 'p.id', 'u.parent_id')
        .leftJoin('helper_unit as h', 'h.unit_id', 'u.id')
        .leftJoin('party_document as rd', 'rd.id', 'h.regulation_document_id')
        .select([
          'u.id',
          'u.name',
          'u.kind',
          'p.name as parent_name',
          'h.id as helper_unit_id',
          'h.established_on',
          'h.regulation_document_id',
          'rd.symbol as regulation_symbol',
          sql<number>`(SELECT count(*)::int FROM helper_unit_member hm JOIN member m ON m.id = hm.member_id
                        WHERE hm.helper_unit_id = h.id AND m.left_on IS NULL)`.as('member_count'),
          sql<string | null>`(SELECT max(a.held_on)::text FROM helper_unit_activity a WHERE a.helper_unit_id = h.id)`.as('last_activity_on'),
        ])
        .where(sql<boolean>`u.path <@ ${root.path}::ltree`)
        .where('u.valid_to', 'is', null)
        .where((eb) => {
          const ofKind = eb('u.kind', 'in', [...kinds]);
          return includeRoot ? eb.or([ofKind, eb('u.id', '=', root.id)]) : ofKind;
        })
        .orderBy('u.depth')
        .orderBy(sql`u.name COLLATE "vi-x-icu"`)
        .orderBy('u.id')
        .execute();
    },
  };
}

export type HelperUnitsRepository = ReturnType<typeof helperUnitsRepository>;
