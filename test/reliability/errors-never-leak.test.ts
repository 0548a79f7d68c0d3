import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { registerErrorHandler } from '../../src/server/http/error-handler';
import type { App } from '../../src/server/http/types';
import { type Client, databaseFingerprint, loggedIn } from '../helpers/app';
import { type TestDatabase, createTestDatabase } from '../helpers/database';
import { type TestTree, createAccount, createMember, createTree } from '../helpers/factories';
import { type HttpResponse, expectCleanError } from './support/http';

/*
 * Internal failures are forced on a scratch database (a dropped column, a constraint the code does not
 * expect): the answer is a generic 500 in the one error shape, with the request id, and nothing else —
 * no stack, no SQL, no table, column or constraint name, no data values. The full error goes to the log
 * under the same request id, so support can find it.
 */
let database: TestDatabase;
let app: App;
let tree: TestTree;
let officer: Client;
const logLines: string[] = [];

/** The inject response in the shape of the real-port client, so both use one checker. */
function asHttp(response: { status: number; body: unknown; raw: Buffer; headers: Record<string, unknown> }): HttpResponse {
  const headers = new Headers();
  for (const [key, value] of Object.entries(response.headers)) if (value !== undefined) headers.set(key, String(value));
  return { status: response.status, body: response.body, text: response.raw.toString('utf8'), headers };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  app = await buildApp({ db: database.db, database: inject('pgKind'), logger: { level: 'error', stream } });
  tree = await createTree(database.db);
  await createMember(database.db, tree.cellA, { familyName: 'Nguyễn', middleName: 'Thị', givenName: 'Bí Mật' });
  officer = await loggedIn(app, await createAccount(database.db, { role: 'province_officer', scope: tree.province }));
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('an internal error answers a clean 500', () => {
  it('a read hitting a dropped column: only { error, message, requestId }; the log has the details under that id', async () => {
    await sql`ALTER TABLE member DROP COLUMN search_name`.execute(database.db);
    const response = asHttp(await officer.get(`/api/members?unitId=${tree.cellA.id}&q=bi%20mat`));
    expectCleanError(response, 500, 'internal', [/search_name/u, /\bmember\b/u, /Bí Mật/u]);
    const requestId = response.body.requestId as string;
    const logged = logLines.filter((line) => line.includes(requestId));
    expect(logged.length, 'the failure is logged with its request id').toBeGreaterThan(0);
    expect(logged.join('\n')).toMatch(/search_name/u);
  });

  it('a write breaking a constraint the code does not expect: a clean 500 and nothing written', async () => {
    // A unique index the application knows nothing about; the driver's message names it and the duplicated value.
    await sql`CREATE UNIQUE INDEX reliability_secret_unique_name ON unit (name)`.execute(database.db);
    const before = await databaseFingerprint(database.db);
    const response = asHttp(await officer.post('/api/units', { parentId: tree.dinhBang.id, name: tree.cellA.name, kind: 'cell' }));
    expectCleanError(response, 500, 'internal', [/reliability_secret_unique_name/u, /\bunit\b/u, new RegExp(tree.cellA.name, 'u'), /23505/u]);
    expect(await databaseFingerprint(database.db), 'the transaction rolled back: no unit, no audit entry').toBe(before);
  });

  it('an error raised inside the database with internals in its text does not reach the client', async () => {
    await sql`
      CREATE FUNCTION reliability_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'secret-internal-marker: password_hash of %', current_user USING HINT = 'see table account'; END $$`.execute(database.db);
    await sql`CREATE TRIGGER reliability_boom BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION reliability_boom()`.execute(database.db);
    const before = await databaseFingerprint(database.db);
    const response = asHttp(await officer.post('/api/units', { parentId: tree.dinhBang.id, name: 'Chi bộ khu phố Mới', kind: 'cell' }));
    expectCleanError(response, 500, 'internal', [/secret-internal-marker/u, /password_hash/u, /account/u, /P0001/u]);
    expect(await databaseFingerprint(database.db), 'the unit was not kept without its audit entry').toBe(before);
    await sql`DROP TRIGGER reliability_boom ON audit_log`.execute(database.db);
  });
});

describe('two transactions colliding in the database answer 409 with a retry advice, never a 500', () => {
  let probe: ReturnType<typeof Fastify>;
  const message = 'Dữ liệu này đang được người khác cập nhật cùng lúc nên chưa có thay đổi nào được lưu. Vui lòng thử lại.';
  const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
  beforeAll(async () => {
    await sql`CREATE TABLE reliability_pair (id int PRIMARY KEY, n int NOT NULL)`.execute(database.db);
    await sql`INSERT INTO reliability_pair VALUES (1, 0), (2, 0)`.execute(database.db);
    probe = Fastify({ logger: false });
    registerErrorHandler(probe);
    // A real deadlock: two transactions lock the two rows in opposite orders; PostgreSQL aborts one (40P01).
    probe.get('/api/collide/deadlock', async () => {
      const lockBoth = (first: number, second: number) =>
        database.db.transaction().execute(async (trx) => {
          await sql`UPDATE reliability_pair SET n = n + 1 WHERE id = ${first}`.execute(trx);
          await pause();
          await sql`UPDATE reliability_pair SET n = n + 1 WHERE id = ${second}`.execute(trx);
        });
      await Promise.all([lockBoth(1, 2), lockBoth(2, 1)]);
      return { ok: true };
    });
    // A real serialization failure (40001): a REPEATABLE READ transaction updates a row changed since it began.
    probe.get('/api/collide/serialization', async () => {
      await database.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
        await sql`SELECT n FROM reliability_pair WHERE id = 1`.execute(trx);
        await sql`UPDATE reliability_pair SET n = n + 1 WHERE id = 1`.execute(database.db);
        await sql`UPDATE reliability_pair SET n = n + 1 WHERE id = 1`.execute(trx);
      });
      return { ok: true };
    });
    await probe.ready();
  });
  afterAll(async () => {
    await probe?.close();
    await sql`DROP TABLE IF EXISTS reliability_pair`.execute(database.db);
  });

  it.each(['deadlock', 'serialization'])('%s → 409 conflict', async (kind) => {
    const response = await probe.inject({ method: 'GET', url: `/api/collide/${kind}` });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: 'conflict', message, requestId: expect.any(String) });
    expect(response.body).not.toMatch(/deadlock|serializ|40P01|40001|reliability_pair/iu);
  });
});

describe('a database connection failure of any shape answers 503, never a 500', () => {
  /** The shapes node-postgres and Node produce when the database is stopped, restarting, crashed or unreachable. */
  const failures: [string, () => Error][] = [
    ['connection refused', () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' })],
    ['refused on every address (AggregateError)', () => new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], 'connect failed')],
    ['administrator shutdown (57P01)', () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' })],
    ['crash shutdown (57P02)', () => Object.assign(new Error('terminating connection because of crash of another server process'), { code: '57P02' })],
    ['starting up / shutting down (57P03)', () => Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['connection failure (08006)', () => Object.assign(new Error('connection failure'), { code: '08006' })],
    ['cannot connect (08001)', () => Object.assign(new Error('could not connect to server'), { code: '08001' })],
    ['too many connections (53300)', () => Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['connection dropped mid-query', () => new Error('Connection terminated unexpectedly')],
    ['a client left broken by an earlier failure', () => new Error('Client has encountered a connection error and is not queryable')],
    ['pool connect timeout (database hangs)', () => new Error('timeout exceeded when trying to connect')],
    ['connection timeout wrapped with a cause', () => new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') })],
    ['reset by peer', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['host unknown', () => Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), { code: 'ENOTFOUND' })],
  ];

  let probe: ReturnType<typeof Fastify>;
  beforeAll(async () => {
    // The real renderer on a bare server whose routes throw each shape.
    probe = Fastify({ logger: false });
    registerErrorHandler(probe);
    failures.forEach(([, make], index) => probe.get(`/api/fail/${index}`, async () => Promise.reject(make())));
    probe.get('/api/fail/bug', async () => Promise.reject(Object.assign(new Error('column "x" does not exist'), { code: '42703' })));
    await probe.ready();
  });
  afterAll(async () => probe?.close());

  it.each(failures.map(([name], index) => [name, index] as const))('%s → 503 unavailable', async (_name, index) => {
    const response = await probe.inject({ method: 'GET', url: `/api/fail/${index}` });
    const body = response.json();
    expect(response.statusCode).toBe(503);
    expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId']);
    expect(body.error).toBe('unavailable');
    expect(body.message).toBe('Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau ít phút.');
    expect(response.body).not.toMatch(/ECONN|57P|08006|terminat|timeout|postgres|127\.0\.0\.1/iu);
  });

  it('while a programming error stays a generic 500', async () => {
    const response = await probe.inject({ method: 'GET', url: '/api/fail/bug' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error).toBe('internal');
    expect(response.body).not.toMatch(/column|42703/u);
  });
});
