/**
 * The pool-starvation guard (issue #10, src/server/db/pool-guard.ts): inside a request, asking the pool
 * for a second connection while holding one in an open transaction fails at once under Vitest, naming the
 * SQL; parallel reads without a transaction stay allowed; code outside a request is not checked; in
 * production the nested acquisition is let through and logged once per call site.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app';
import { type Db, createDb, createPool } from '../../src/server/db/connect';
import { type DbScope, NestedAcquisitionError, currentDbScope, guardPool, inOwnDbScope, newDbScope, runInDbScope } from '../../src/server/db/pool-guard';
import type { App } from '../../src/server/http/types';
import { loggedIn } from '../helpers/app';
import { type TestDatabase, createTestDatabase } from '../helpers/database';
import { createAccount, createTree } from '../helpers/factories';

let database: TestDatabase;
/** One connection: any nested acquisition the guard let through would wait for the pool's timeout. */
let pool: pg.Pool;
let db: Db;
const extraPools: pg.Pool[] = [];
let app: App | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, 1);
  db = createDb(pool);
});

afterAll(async () => {
  await app?.close();
  await db.destroy();
  for (const extra of extraPools) await extra.end();
  await database.drop();
});

const inRequest = <T>(fn: () => Promise<T>): Promise<T> => runInDbScope(newDbScope(), fn);
const quiet = () => vi.spyOn(console, 'error').mockImplementation(() => undefined);

describe('pool guard', () => {
  it('refuses a query on the global db inside a transaction at once, naming the SQL and where it was asked', async () => {
    const errors = quiet();
    const started = Date.now();
    const failure = await inRequest(() =>
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('unit').select('id').limit(1).execute();
        await db.selectFrom('account').select('username').where('id', '=', 0).execute();
      }),
    ).catch((error: unknown) => error);
    expect(errors).toHaveBeenCalledTimes(1); // loud: the test output shows it even when a route turns it into a 500
    errors.mockRestore();
    expect(failure).toBeInstanceOf(NestedAcquisitionError);
    const message = (failure as Error).message;
    expect(message).toContain('select "username" from "account" where "id" = $1');
    expect(message).toMatch(/open transaction/u);
    expect(message).toContain('pool-guard.test.ts');
    // Failed without waiting for the pool (5 s connection timeout): the one connection was held.
    expect(Date.now() - started).toBeLessThan(2_000);
    // The transaction was rolled back and its one connection is free again.
    await inRequest(() => db.selectFrom('unit').select('id').limit(1).execute());
  });

  it('refuses a second transaction on the global db inside a transaction (names its BEGIN), also after ROLLBACK TO SAVEPOINT', async () => {
    const errors = quiet();
    const failure = await inRequest(() =>
      db.transaction().execute(async (trx) => {
        await sql`SAVEPOINT a`.execute(trx);
        await trx.selectFrom('unit').select('id').limit(1).execute();
        await sql`ROLLBACK TO SAVEPOINT a`.execute(trx);
        await db.transaction().execute((inner) => inner.selectFrom('unit').select('id').execute());
      }),
    ).catch((error: unknown) => error);
    errors.mockRestore();
    expect(failure).toBeInstanceOf(NestedAcquisitionError);
    expect((failure as Error).message).toContain('`begin`');
  });

  it('allows parallel reads on db, reads after a commit or a rollback, and savepoints in the transaction', async () => {
    const wide = createPool(database.url, 3);
    extraPools.push(wide);
    const wideDb = createDb(wide);
    await inRequest(async () => {
      const counts = await Promise.all([1, 2, 3, 4, 5, 6].map(() => sql<{ n: number }>`SELECT count(*)::int AS n, pg_sleep(0.02) FROM unit`.execute(wideDb)));
      expect(counts).toHaveLength(6);
      expect(wide.totalCount).toBeGreaterThan(1);
      await wideDb.transaction().execute(async (trx) => {
        await sql`SAVEPOINT a`.execute(trx);
        await trx.selectFrom('unit').select('id').limit(1).execute();
        await sql`RELEASE SAVEPOINT a`.execute(trx);
      });
      await wideDb.selectFrom('unit').select('id').limit(1).execute();
      await wideDb
        .transaction()
        .execute(async () => {
          throw new Error('rolled back on purpose');
        })
        .catch(() => undefined);
      await Promise.all([wideDb.selectFrom('unit').select('id').execute(), wideDb.selectFrom('account').select('id').execute()]);
    });
  });

  it('does not check code outside a request, and background work gets a scope of its own', async () => {
    const wide = createPool(database.url, 2);
    extraPools.push(wide);
    const wideDb = createDb(wide);
    // Test code (no scope) may hold a transaction and read beside it.
    await wideDb.transaction().execute(async (trx) => {
      await trx.selectFrom('unit').select('id').limit(1).execute();
      await wideDb.selectFrom('unit').select('id').limit(1).execute();
    });
    // A request's open transaction does not count against a job it started, nor the job's against it.
    await inRequest(async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const job = inOwnDbScope(() => wideDb.transaction().execute(async (trx) => {
        await trx.selectFrom('unit').select('id').limit(1).execute();
        await held;
      }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await wideDb.selectFrom('unit').select('id').limit(1).execute();
      release();
      await job;
    });
  });

  it('another pool is another resource: a transaction on one pool may read on another', async () => {
    const other = createPool(database.url, 1);
    extraPools.push(other);
    await inRequest(() =>
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('unit').select('id').limit(1).execute();
        await createDb(other).selectFrom('unit').select('id').limit(1).execute();
      }),
    );
  });

  it('in production lets the nested acquisition through and warns once per call site', async () => {
    const warned = new pg.Pool({ connectionString: database.url, max: 2 });
    extraPools.push(warned);
    guardPool(warned, { mode: 'warn' });
    const warnedDb = createDb(warned);
    const warnings: { object: object; message: string }[] = [];
    const scope: DbScope = newDbScope({ warn: (object, message) => warnings.push({ object, message }) });
    const nested = () =>
      warnedDb.transaction().execute(async (trx) => {
        await trx.selectFrom('unit').select('id').limit(1).execute();
        return warnedDb.selectFrom('unit').select('id').limit(1).execute();
      });
    await runInDbScope(scope, async () => {
      for (let i = 0; i < 3; i++) await nested();
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/^Nested database connection/u);
    expect(warnings[0]?.object).toMatchObject({ nestedConnection: true });
  });

  it('gives every request its own scope, from its first hook to the handler of a request with a body', async () => {
    const tree = await createTree(db);
    const account = await createAccount(db, { role: 'province_officer', scope: tree.province });
    app = await buildApp({ db, database: inject('pgKind') });
    const seen: (DbScope | undefined)[] = [];
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    pool.connect = (() => {
      seen.push(currentDbScope());
      return connect();
    }) as typeof pool.connect;
    try {
      const client = await loggedIn(app, account); // POST with a JSON body: session lookup, login transaction
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((scope) => scope !== undefined && scope === seen[0])).toBe(true);
      const before = seen.length;
      const units = await client.get(`/api/units/${tree.province.id}`);
      expect(units.status).toBe(200);
      expect(seen.length).toBeGreaterThan(before);
      expect(seen[before]).not.toBe(seen[0]);
      // Through a real socket too (body parsing resumes from the socket's events).
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const fromSocket = seen.length;
      const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: account.password }) });
      expect(login.status).toBe(200);
      expect(seen.length).toBeGreaterThan(fromSocket);
      expect(seen.slice(fromSocket).every((scope) => scope !== undefined && scope === seen[fromSocket])).toBe(true);
    } finally {
      pool.connect = connect as typeof pool.connect;
    }
  });
});
