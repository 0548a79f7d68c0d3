import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { guardPool } from './pool-guard';
import type { Database } from './schema';

// Bigint ids and counts fit in a JS number (< 2^53); DATE stays a 'yyyy-mm-dd' string so no
// time zone can shift a birth date.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<Database>;

export function createPool(url: string, max = 20): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // A dropped connection (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // The pool listens for errors only on idle clients. A client checked out by a request (a transaction
  // between two statements) that loses its connection emits 'error' with no listener, which would end
  // the process; the request itself gets the error from its next query (answered 503) and the broken
  // client is dropped from the pool when released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // A request holding a transaction must not ask for a second connection (issue #10): see pool-guard.ts.
  return guardPool(pool);
}

export function createDb(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export async function ping(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** Replace the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
