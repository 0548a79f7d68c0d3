import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connect';

const COLUMNS = ['c.id', 'c.name', 'c.start_year', 'c.end_year', 'c.description', 'c.version'] as const;

export function campaignsRepository(db: Db) {
  const withCounts = () =>
    db
      .selectFrom('campaign as c')
      .innerJoin('unit as u', 'u.id', 'c.unit_id')
      .select(COLUMNS)
      .select(['u.path as unit_path'])
      .select((eb) => eb.selectFrom('party_document as d').whereRef('d.campaign_id', '=', 'c.id').select((e) => e.fn.countAll<number>().as('n')).as('document_count'));

  return {
    /** Campaigns defined by the caller's committee or the committees above it. */
    list: (scopePath: string) =>
      withCounts().where(sql<SqlBool>`u.path @> ${scopePath}::ltree`).orderBy('c.start_year', 'desc').orderBy('c.id', 'desc').execute(),
    findById: (id: number) => withCounts().where('c.id', '=', id).executeTakeFirst(),
    lock: (id: number) => db.selectFrom('campaign').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst(),
    async insert(values: { unitId: number; name: string; startYear: number; endYear: number; description: string | null }) {
      const row = await db
        .insertInto('campaign')
        .values({ unit_id: values.unitId, name: values.name, start_year: values.startYear, end_year: values.endYear, description: values.description })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(id: number, set: { name?: string; start_year?: number; end_year?: number; description?: string | null }) {
      await db
        .updateTable('campaign')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute();
    },
  };
}

export type CampaignRow = NonNullable<Awaited<ReturnType<ReturnType<typeof campaignsRepository>['findById']>>>;
