import { type Insertable, type Updateable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { StandardVersionTable } from '../../db/schema';

export function standardsRepository(db: Db) {
  const versions = () =>
    db
      .selectFrom('standard_version as v')
      .innerJoin('conduct_standard as s', 's.id', 'v.standard_id')
      .innerJoin('unit as u', 'u.id', 's.unit_id')
      .selectAll('v')
      .leftJoin('unit as up', 'up.id', 'u.parent_id')
      .select(['s.unit_id', 's.kind', 'u.name as unit_name', 'u.kind as unit_kind', 'u.sector as unit_sector', sql<string>`u.path::text`.as('unit_path'), 'up.name as parent_name']);

  return {
    unit: (id: number) =>
      db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'sector', 'valid_to', 'child_count']).where('id', '=', id).executeTakeFirst(),
    lockUnit: (id: number) => db.selectFrom('unit').select('id').where('id', '=', id).forNoKeyUpdate().execute(),
    series: (unitId: number) => db.selectFrom('conduct_standard').selectAll().where('unit_id', '=', unitId).orderBy('kind').execute(),
    seriesOf: (unitId: number, kind: string) => db.selectFrom('conduct_standard').selectAll().where('unit_id', '=', unitId).where('kind', '=', kind).forUpdate().executeTakeFirst(),
    insertSeries: (unitId: number, kind: string) => db.insertInto('conduct_standard').values({ unit_id: unitId, kind }).returning('id').executeTakeFirstOrThrow(),

    async findById(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('standard_version').select('id').where('id', '=', id).forUpdate().execute();
      return versions().where('v.id', '=', id).executeTakeFirst();
    },
    versionsOf: (standardIds: number[]) =>
      standardIds.length === 0 ? Promise.resolve([]) : versions().where('v.standard_id', 'in', standardIds).orderBy('v.version_no', 'desc').execute(),
    /** Versions submitted by units strictly below `path`. */
    submittedBelow: (path: string) =>
      versions()
        .where('v.state', '=', 'submitted')
        .where(sql<boolean>`u.path <@ ${path}::ltree AND u.path <> ${path}::ltree`)
        .orderBy('v.submitted_at')
        .limit(100)
        .execute(),
    currentOf: (unitIds: number[]) => (unitIds.length === 0 ? Promise.resolve([]) : versions().where('s.unit_id', 'in', unitIds).where('v.state', '=', 'issued').execute()),
    nextVersionNo: async (standardId: number) =>
      Number((await db.selectFrom('standard_version').select(sql<number>`coalesce(max(version_no), 0) + 1`.as('n')).where('standard_id', '=', standardId).executeTakeFirstOrThrow()).n),
    insertVersion: (values: Insertable<StandardVersionTable>) => db.insertInto('standard_version').values(values).returning('id').executeTakeFirstOrThrow(),
    updateVersion: (id: number, values: Updateable<StandardVersionTable>) =>
      db
        .updateTable('standard_version')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute(),

    criteria: (versionIds: number[]) =>
      versionIds.length === 0 ? Promise.resolve([]) : db.selectFrom('standard_criterion').selectAll().where('version_id', 'in', versionIds).orderBy('version_id').orderBy('number').execute(),
    async replaceCriteria(versionId: number, criteria: { group?: string | null | undefined; text: string }[]) {
      await db.deleteFrom('standard_criterion').where('version_id', '=', versionId).execute();
      await db
        .insertInto('standard_criterion')
        .values(criteria.map((c, index) => ({ version_id: versionId, number: index + 1, group_label: c.group ?? null, text: c.text })))
        .execute();
    },

    /**
     * Per child of the unit: units that issue standards (committees and grassroots units, not the cells
     * inside a grassroots unit) and how many have an issued moral / professional standard.
     */
    coverageByChild: (unitId: number) =>
      sql<{ id: number; name: string; kind: string; child_count: number; units: number; with_moral: number; with_professional: number }>`
        SELECT c.id::int, c.name, c.kind, c.child_count,
               count(u.id)::int AS units,
               count(u.id) FILTER (WHERE EXISTS (SELECT 1 FROM conduct_standard s JOIN standard_version v ON v.standard_id = s.id
                                                  WHERE s.unit_id = u.id AND s.kind = 'moral' AND v.state = 'issued'))::int AS with_moral,
               count(u.id) FILTER (WHERE EXISTS (SELECT 1 FROM conduct_standard s JOIN standard_version v ON v.standard_id = s.id
                                                  WHERE s.unit_id = u.id AND s.kind = 'professional' AND v.state = 'issued'))::int AS with_professional
          FROM unit c
          JOIN unit u ON u.path <@ c.path AND u.valid_to IS NULL AND u.kind <> 'cell'
         WHERE c.parent_id = ${unitId} AND c.valid_to IS NULL
         GROUP BY c.id, c.name, c.kind, c.child_count`
        .execute(db)
        .then((r) => r.rows),
    /**
     * Open units of the subtree in the given sectors, with whether each has an issued professional
     * standard. A unit inside a committee of the same sector (a department cell of a hospital) is covered
     * by its committee's standard and is not counted on its own.
     */
    sectorUnits: (path: string, sectors: string[]) =>
      sql<{ id: number; name: string; kind: string; sector: string; parent_name: string | null; has_professional: boolean }>`
        SELECT u.id::int, u.name, u.kind, u.sector, (SELECT p.name FROM unit p WHERE p.id = u.parent_id) AS parent_name,
               EXISTS (SELECT 1 FROM conduct_standard s JOIN standard_version v ON v.standard_id = s.id
                        WHERE s.unit_id = u.id AND s.kind = 'professional' AND v.state = 'issued') AS has_professional
          FROM unit u
         WHERE u.path <@ ${path}::ltree AND u.valid_to IS NULL AND u.sector = ANY (${sectors}::text[])
           AND NOT EXISTS (SELECT 1 FROM unit p WHERE p.id = u.parent_id AND p.sector = u.sector)`
        .execute(db)
        .then((r) => r.rows),
  };
}

export type StandardsRepository = ReturnType<typeof standardsRepository>;
export type VersionRow = NonNullable<Awaited<ReturnType<StandardsRepository['findById']>>>;
