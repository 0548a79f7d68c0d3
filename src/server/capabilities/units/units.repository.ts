import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import { containsPattern } from '../../db/like';
import type { UnitTable } from '../../db/schema';

export type UnitRow = Omit<Selectable<UnitTable>, 'search_name'>;

const COLUMNS = [
  'id',
  'parent_id',
  sql<string>`path::text`.as('path'),
  'depth',
  'kind',
  'is_grassroots',
  'code',
  'name',
  'sector',
  'valid_from',
  'valid_to',
  'child_count',
  'descendant_count',
  'member_count',
  'direct_member_count',
  'version',
  'created_at',
  'updated_at',
] as const;

const SUMMARY_COLUMNS = ['id', 'name', 'code', 'kind', 'is_grassroots', 'sector', 'valid_to', 'child_count', 'member_count'] as const;
export type UnitSummaryRow = Pick<UnitRow, (typeof SUMMARY_COLUMNS)[number]>;

const byVietnameseName = sql`name COLLATE "vi-x-icu"`;
/** Siblings list committees before cells, then by name the Vietnamese way. */
const byKind = sql`array_position(ARRAY['province_committee', 'district_committee', 'affiliated_committee', 'grassroots_committee', 'sub_committee', 'grassroots_cell', 'cell'], kind)`;

export function unitsRepository(db: Db) {
  return {
    findById(id: number, forUpdate = false): Promise<UnitRow | undefined> {
      let query = db.selectFrom('unit').select(COLUMNS).where('id', '=', id);
      if (forUpdate) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    /** Direct children with the fields of a summary only: a province has dozens, a commune up to ~30. */
    children(parentId: number, includeClosed: boolean): Promise<UnitSummaryRow[]> {
      let query = db.selectFrom('unit').select(SUMMARY_COLUMNS).where('parent_id', '=', parentId);
      if (!includeClosed) query = query.where('valid_to', 'is', null);
      return query.orderBy(byKind).orderBy(byVietnameseName).orderBy('id').execute();
    },

    /** Ancestors of `path` from depth `fromDepth` down to the parent, top first: their ids are in the path itself. */
    ancestors(path: string, fromDepth: number): Promise<Pick<UnitRow, 'id' | 'name' | 'kind' | 'depth'>[]> {
      const ids = path.split('.').map(Number).slice(fromDepth, -1);
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('unit').select(['id', 'name', 'kind', 'depth']).where('id', 'in', ids).orderBy('depth').execute();
    },

    /** Units under `withinPath` whose folded name contains `folded`, with the names along their path. */
    async search(folded: string, withinPath: string, includeClosed: boolean, limit: number) {
      const pattern = containsPattern(folded);
      let query = db
        .selectFrom('unit')
        .select(['id', 'name', 'kind', 'valid_to', 'depth', sql<string>`path::text`.as('path')])
        .where('search_name', 'like', pattern)
        .where(sql<boolean>`path <@ ${withinPath}::ltree`);
      if (!includeClosed) query = query.where('valid_to', 'is', null);
      return query.orderBy('depth').orderBy(byVietnameseName).limit(limit).execute();
    },

    /** Names of many units at once (for search result paths). */
    namesByIds(ids: number[]): Promise<{ id: number; name: string }[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('unit').select(['id', 'name']).where('id', 'in', ids).execute();
    },

    async codeTaken(code: string, exceptId?: number): Promise<boolean> {
      let query = db.selectFrom('unit').select('id').where('code', '=', code);
      if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async insert(values: {
      parent: UnitRow;
      name: string;
      searchName: string;
      kind: string;
      isGrassroots: boolean;
      code: string | null;
      sector: string | null;
      validFrom: string | undefined;
    }): Promise<number> {
      const { id } = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('unit', 'id'))::bigint AS id`
        .execute(db)
        .then((r) => r.rows[0] as { id: number });
      await db
        .insertInto('unit')
        .values({
          id,
          parent_id: values.parent.id,
          path: `${values.parent.path}.${id}`,
          depth: values.parent.depth + 1,
          kind: values.kind,
          is_grassroots: values.isGrassroots,
          code: values.code ?? `DV${id}`,
          name: values.name,
          search_name: values.searchName,
          sector: values.sector,
          valid_from: values.validFrom,
        })
        .execute();
      return id;
    },

    /** Update when the version still matches; returns false when someone else changed the row first. */
    async update(id: number, version: number, set: { name?: string; search_name?: string; code?: string; sector?: string | null; valid_to?: string }): Promise<boolean> {
      const result = await db
        .updateTable('unit')
        .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async hasOpenChildren(id: number): Promise<boolean> {
      const row = await db.selectFrom('unit').select('id').where('parent_id', '=', id).where('valid_to', 'is', null).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Move the subtree of `unit` under `newParent`: rewrite the paths and depths of the whole subtree and
     * carry its unit and member counts from the old ancestors to the new ones. Run inside a transaction.
     */
    async moveSubtree(unit: UnitRow, newParent: UnitRow): Promise<void> {
      const units = unit.descendant_count + 1;
      const members = unit.member_count;
      await sql`
        UPDATE unit SET descendant_count = descendant_count - ${units}, member_count = member_count - ${members}
         WHERE path @> ${unit.path}::ltree AND id <> ${unit.id}`.execute(db);
      await sql`UPDATE unit SET child_count = child_count - 1 WHERE id = ${unit.parent_id}`.execute(db);
      await sql`
        UPDATE unit
           SET path = ${newParent.path}::ltree || subpath(path, nlevel(${unit.path}::ltree) - 1),
               depth = depth - ${unit.depth} + ${newParent.depth + 1}
         WHERE path <@ ${unit.path}::ltree`.execute(db);
      await sql`
        UPDATE unit SET parent_id = ${newParent.id}, version = version + 1, updated_at = now() WHERE id = ${unit.id}`.execute(db);
      await sql`
        UPDATE unit SET descendant_count = descendant_count + ${units}, member_count = member_count + ${members}
         WHERE path @> ${newParent.path}::ltree`.execute(db);
      await sql`UPDATE unit SET child_count = child_count + 1 WHERE id = ${newParent.id}`.execute(db);
    },

    async activeMemberCount(id: number): Promise<number> {
      const row = await db.selectFrom('unit').select('direct_member_count').where('id', '=', id).executeTakeFirstOrThrow();
      return row.direct_member_count;
    },
  };
}

export type UnitsRepository = ReturnType<typeof unitsRepository>;
