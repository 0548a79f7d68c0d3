import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, createDb, createPool, withDatabase } from '../../src/server/db/connect';
import { type EmbeddedServer, startEmbeddedPostgres } from '../../src/server/db/embedded';
import { migrateToLatest } from '../../src/server/db/migrate';
import { type TestTree, createAccount, createTree } from '../helpers/factories';
import { adminQuery, freePort } from '../setup/postgres';
import { HttpClient, type HttpResponse, expectCleanError } from './support/http';
import { type ServerProcess, eventually, killStartedProcesses, startServer } from './support/processes';

/*
 * The app runs as its own process against a PostgreSQL server this test starts, stops and starts again
 * (its own data directory and port). While the database is down every API answer is a 503 in the one
 * error shape with a Vietnamese message and a request id, the health check says so, and the web client
 * still loads; when the database is back the same process serves again by itself — same sessions, writes
 * accepted — without a restart.
 */
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-outage-'));
const dataDir = path.join(workDir, 'pg');
const webDir = path.join(workDir, 'web');
let pgPort: number;
let postgres: EmbeddedServer | null = null;
let app: ServerProcess;
let officer: HttpClient;
let tree: TestTree;
let databaseUrl: string;
let writtenBeforeOutage: number[] = [];

beforeAll(async () => {
  pgPort = await freePort();
  postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
  await adminQuery(postgres.url, 'CREATE DATABASE lamtheo_outage');
  databaseUrl = withDatabase(postgres.url, 'lamtheo_outage');
  const db: Db = createDb(createPool(databaseUrl, 2));
  try {
    await migrateToLatest(db);
    tree = await createTree(db);
    const account = await createAccount(db, { role: 'province_officer', scope: tree.province });
    fs.mkdirSync(webDir);
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Lamtheo</title><div id="root"></div>');
    app = await startServer({ port: await freePort(), env: { DATABASE_URL: databaseUrl, WEB_DIR: webDir, LOG_LEVEL: 'error' } });
    officer = new HttpClient(app.baseUrl);
    expect((await officer.login(account.username, account.password)).status).toBe(200);
  } finally {
    await db.destroy();
  }
});

afterAll(async () => {
  killStartedProcesses();
  await postgres?.stop().catch(() => undefined);
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** A request with a bound on its duration: during an outage answers must come quickly, not hang. */
async function timed(request: () => Promise<HttpResponse>, limitMs: number): Promise<HttpResponse> {
  const started = Date.now();
  const response = await request();
  expect(Date.now() - started, 'answered in bounded time').toBeLessThan(limitMs);
  return response;
}

describe('database outage', () => {
  it('serves normally before the outage', async () => {
    expect((await officer.get('/api/health')).body).toEqual({ status: 'ok', database: 'external' });
    expect((await officer.get(`/api/units/${tree.province.id}`)).status).toBe(200);
  });

  it('answers 503 with a Vietnamese message and a request id while the database is stopped', async () => {
    // Requests keep coming while the database shuts down: the ones caught in flight (their connection
    // terminated by the shutdown) must be 503s like the rest, never a 500.
    let stopping = false;
    const answers: HttpResponse[] = [];
    const lost: unknown[] = [];
    const traffic = [0, 1, 2].map(async (lane) => {
      try {
        for (let n = 0; !stopping; n++) {
          answers.push(
            lane === 0
              ? await officer.post('/api/units', { parentId: tree.dinhBang.id, name: `Chi bộ tạm ${n}`, kind: 'cell' })
              : await officer.get(`/api/units/${lane === 1 ? tree.province.id : tree.cellA.id}`),
          );
        }
      } catch (error) {
        lost.push(error);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await postgres?.stop();
    postgres = null;
    await new Promise((resolve) => setTimeout(resolve, 500));
    stopping = true;
    await Promise.all(traffic);
    // A request without an answer (connection reset) would mean the process died: before the fix in
    // db/connect.ts an 'error' event on a checked-out pg client crashed it here.
    if (lost.length > 0 || !app.isRunning()) throw new Error(`the app did not answer during the shutdown (${String(lost[0])}):\n${app.output()}`);
    const failed = answers.filter((answer) => answer.status >= 300);
    expect(failed.length, 'requests answered after the shutdown').toBeGreaterThan(0);
    for (const answer of failed) expectCleanError(answer, 503, 'unavailable');
    // Writes either happened whole before the shutdown or not at all: checked after the restart below.
    writtenBeforeOutage = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.id as number);
    const anonymous = new HttpClient(app.baseUrl);
    // Twice each: the first request may find a pooled connection the shutdown has just closed.
    for (let round = 0; round < 2; round++) {
      expectCleanError(await timed(() => officer.get('/api/auth/me'), 10_000), 503, 'unavailable');
      expectCleanError(await timed(() => officer.get(`/api/units/${tree.province.id}`), 10_000), 503, 'unavailable');
      expectCleanError(await timed(() => officer.post('/api/units', { parentId: tree.dinhBang.id, name: 'Chi bộ khu phố Mới', kind: 'cell' }), 10_000), 503, 'unavailable');
      expectCleanError(await timed(() => anonymous.post('/api/auth/login', { username: 'ai-do', password: 'MatKhau@2012' }), 10_000), 503, 'unavailable');
      const health = await timed(() => anonymous.get('/api/health'), 10_000);
      expectCleanError(health, 503, 'unavailable');
      expect(health.body.message).toMatch(/Cơ sở dữ liệu không phản hồi/u);
    }
    // The web client still loads (with the session cookie too), so the browser can show the message.
    const page = await timed(() => officer.get('/'), 10_000);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    expect(app.isRunning()).toBe(true);
  });

  it('recovers by itself when the database is back: same process, same session, writes accepted', async () => {
    const pid = app.pid;
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort });
    const health = await eventually(
      'health ok after the database restarted',
      async () => {
        const response = await officer.get('/api/health');
        return response.status === 200 ? response : undefined;
      },
      30_000,
    );
    expect(health.body).toEqual({ status: 'ok', database: 'external' });
    expect(app.isRunning()).toBe(true);
    expect(app.pid).toBe(pid);
    const me = await officer.get('/api/auth/me');
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    const created = await officer.post('/api/units', { parentId: tree.dinhBang.id, name: 'Chi bộ khu phố Mới', kind: 'cell' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await officer.get(`/api/units/${created.body.id}`)).body.name).toBe('Chi bộ khu phố Mới');
    // Nothing was written during the outage: the new units are the acknowledged ones and the one just created.
    const db = createDb(createPool(databaseUrl, 1));
    try {
      const units = await db.selectFrom('unit').select('id').where('parent_id', '=', tree.dinhBang.id).where('id', '<>', tree.cellA.id).execute();
      expect(units.map((u) => u.id).sort((a, b) => a - b)).toEqual([...writtenBeforeOutage, created.body.id].sort((a, b) => a - b));
      const audited = await db.selectFrom('audit_log').select('entity_id').where('action', '=', 'unit.create').execute();
      expect(audited.map((a) => a.entity_id).sort((a, b) => Number(a) - Number(b))).toEqual(units.map((u) => u.id).sort((a, b) => a - b));
    } finally {
      await db.destroy();
    }
    // The process logged the failures (for the operator) and never crashed.
    expect(app.output()).not.toMatch(/Unhandled|uncaught/iu);
  });
});
