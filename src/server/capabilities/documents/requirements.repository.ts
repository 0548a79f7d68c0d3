import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { timelinessSql } from '../../db/timeliness';

export function requirementsRepository(db: Db) {
  const columns = ['r.id', 'r.document_id', 'r.target_kinds', 'r.required_type', 'r.days', 'r.working_days', 'r.due_on', 'r.conference_days', 'r.conference_due_on', 'r.version'] as const;

  return {
    forDocument: (documentId: number) => db.selectFrom('cascade_requirement as r').select(columns).where('r.document_id', '=', documentId).orderBy('r.id').execute(),

    async findById(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('cascade_requirement').select('id').where('id', '=', id).forUpdate().execute();
      return db.selectFrom('cascade_requirement as r').select(columns).where('r.id', '=', id).executeTakeFirst();
    },

    /** Per requirement, obligations in the caller's subtree by state (documents and conferences). */
    async counts(requirementIds: number[], scopePath: string, today: string) {
      if (requirementIds.length === 0) return [];
      const state = timelinessSql(sql.ref('o.done_on'), sql.ref('o.due_on'), today);
      const conferenceState = timelinessSql(sql.ref('o.conference_on'), sql.ref('o.conference_due_on'), today);
      const result = await sql<{ requirement_id: number; state: string; conference_state: string | null; n: number }>`
        SELECT o.requirement_id, ${state} AS state,
               CASE WHEN o.conference_due_on IS NULL THEN NULL ELSE ${conferenceState} END AS conference_state,
               count(*)::int AS n
          FROM cascade_obligation o JOIN unit u ON u.id = o.unit_id
         WHERE o.requirement_id = ANY (${requirementIds}::bigint[]) AND u.path <@ ${scopePath}::ltree
         GROUP BY 1, 2, 3`.execute(db);
      return result.rows;
    },

    async insert(values: {
      document_id: number;
      target_kinds: string[];
      required_type: string;
      days: number;
      working_days: boolean;
      due_on: string;
      conference_days: number | null;
      conference_due_on: string | null;
    }): Promise<number> {
      const row = await db.insertInto('cascade_requirement').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: number, set: Record<string, unknown>) {
      await db
        .updateTable('cascade_requirement')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute();
    },

    delete: async (id: number) => {
      await db.deleteFrom('cascade_requirement').where('id', '=', id).execute();
    },

  };
}

export type RequirementRow = NonNullable<Awaited<ReturnType<ReturnType<typeof requirementsRepository>['findById']>>>;
