import { sql } from 'kysely';
import type { Db } from '../../db/connect';

export function memberImportsRepository(db: Db) {
  return {
    async create(values: { accountId: number; unitId: number; fileName: string; file: Buffer }): Promise<number> {
      const row = await db
        .insertInto('member_import')
        .values({ account_id: values.accountId, unit_id: values.unitId, file_name: values.fileName, file: values.file, status: 'validating', message: 'Đang đọc tệp…' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    find(id: number) {
      return db
        .selectFrom('member_import as i')
        .innerJoin('unit as u', 'u.id', 'i.unit_id')
        .select([
          'i.id',
          'i.account_id',
          'i.file_name',
          'i.status',
          'i.total_rows',
          'i.processed_rows',
          'i.error_count',
          'i.message',
          'i.created_at',
          'i.updated_at',
          'u.id as unit_id',
          'u.name as unit_name',
          sql<string>`u.path::text`.as('unit_path'),
          sql<boolean>`i.updated_at < now() - interval '10 minutes'`.as('stale'),
        ])
        .where('i.id', '=', id)
        .executeTakeFirst();
    },

    file(id: number) {
      return db.selectFrom('member_import').select(['file']).where('id', '=', id).executeTakeFirst();
    },

    async storedValues(id: number): Promise<{ row: number; values: Record<string, string> }[]> {
      const result = await sql<{ row: number; values: Record<string, string> }>`
        SELECT (r->>'row')::int AS row, r->'values' AS values
          FROM member_import, jsonb_array_elements(rows) AS r
         WHERE id = ${id}`.execute(db);
      return result.rows;
    },

    async rows(id: number, onlyErrors: boolean, page: number, pageSize: number) {
      const filter = onlyErrors ? sql`AND jsonb_array_length(r->'errors') > 0` : sql``;
      const items = await sql<{ row: number; values: Record<string, string>; errors: string[] }>`
        SELECT (r->>'row')::int AS row, r->'values' AS values, r->'errors' AS errors
          FROM member_import, jsonb_array_elements(rows) WITH ORDINALITY AS e(r, n)
         WHERE id = ${id} ${filter}
         ORDER BY n
         LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM member_import, jsonb_array_elements(rows) AS r WHERE id = ${id} ${filter}`.execute(db);
      return { items: items.rows, total: total.rows[0]?.n ?? 0 };
    },

    async update(
      id: number,
      set: { status?: string; total_rows?: number; processed_rows?: number; error_count?: number; rows?: string | null; message?: string | null; file?: Buffer | null },
    ): Promise<void> {
      await db.updateTable('member_import').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
    },

    /** Move from one status to another only if no one else did first (a second click on "import" does nothing). */
    async transition(id: number, from: string, to: string, message: string): Promise<boolean> {
      const result = await db
        .updateTable('member_import')
        .set({ status: to, message, processed_rows: 0, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
