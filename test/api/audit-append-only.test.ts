import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { setupApp } from '../helpers/app';

const ctx = await setupApp();

describe('the audit log in the database', () => {
  it('takes new entries but refuses to change, delete or truncate any, whoever asks', async () => {
    await sql`INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('unit.create', 'unit', 1)`.execute(ctx.db);
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(ctx.db);
    expect(before.rows[0]?.n).toBeGreaterThan(0);
    for (const statement of [
      sql`UPDATE audit_log SET action = 'unit.update'`,
      sql`DELETE FROM audit_log`,
      sql`TRUNCATE audit_log`,
    ]) {
      await expect(statement.execute(ctx.db)).rejects.toThrow(/append-only/u);
    }
    const after = await sql<{ n: number; updates: number }>`SELECT count(*)::int AS n, count(*) FILTER (WHERE action = 'unit.update')::int AS updates FROM audit_log`.execute(ctx.db);
    expect(after.rows[0]).toEqual({ n: before.rows[0]?.n, updates: 0 });
  });
});
