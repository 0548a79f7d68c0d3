import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, createDb, createPool } from '../../src/server/db/connect';
import { type TestTree, createAccount, createTree } from '../helpers/factories';
import { freePort } from '../setup/postgres';
import { HttpClient } from './support/http';
import { type ServerProcess, isAlive, killStartedProcesses, processesInGroup, startServer, waitForExit } from './support/processes';
import { clusterState, expectDrainingShutdown, postmasterPid } from './support/shutdown';

/*
 * `lamtheo serve` with the embedded PostgreSQL (no DATABASE_URL) in a temporary DATA_DIR:
 *  - SIGKILL of the app leaves its PostgreSQL running, orphaned; the next start takes over the data
 *    directory (stops the orphan, which recovers from its WAL) and every acknowledged write is there;
 *  - SIGTERM and SIGINT stop it cleanly: requests in flight finish first, then PostgreSQL shuts down
 *    (no postmaster.pid left, the cluster state in pg_control is "shut down", nothing left running).
 */
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-lifecycle-'));
const dataDir = path.join(workDir, 'data');
let pgPort: number;
let pgUrl: string;
let server: ServerProcess;
let officer: HttpClient;
let tree: TestTree;
let createdUnitId: number;

async function start(): Promise<ServerProcess> {
  return startServer({ port: await freePort(), env: { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) } });
}

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(createPool(pgUrl, 2));
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  pgPort = await freePort();
  pgUrl = `postgres://postgres:lamtheo@127.0.0.1:${pgPort}/postgres`;
  // First start: initialises the cluster and migrates (DEMO=never keeps it small); then a small tree.
  server = await start();
  expect(server.output()).toMatch(/Database: embedded PostgreSQL/u);
  const account = await withDb(async (db) => {
    tree = await createTree(db);
    return createAccount(db, { role: 'province_officer', scope: tree.province });
  });
  officer = new HttpClient(server.baseUrl);
  expect((await officer.login(account.username, account.password)).status).toBe(200);
});

afterAll(() => {
  killStartedProcesses();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL lifecycle', () => {
  it('SIGKILL of the app leaves an orphaned PostgreSQL; the next start takes over with the data intact', async () => {
    const created = await officer.post('/api/units', { parentId: tree.dinhBang.id, name: 'Chi bộ trước sự cố', kind: 'cell' });
    expect(created.status, created.text).toBe(201);
    createdUnitId = created.body.id;
    const orphan = postmasterPid(dataDir);
    expect(orphan).not.toBeNull();

    server.signal('SIGKILL');
    expect((await waitForExit(server, 30_000)).signal).toBe('SIGKILL');
    // PostgreSQL outlived the app: it still runs on the data directory, and the cluster was not shut down.
    expect(isAlive(orphan ?? 0)).toBe(true);
    expect(processesInGroup(server.pid)).toContain(orphan);
    expect(clusterState(dataDir)).toBe('in production');

    const killed = server;
    server = await start();
    expect(isAlive(orphan ?? 0), 'the orphan was stopped by the new start').toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    expect(processesInGroup(killed.pid), 'nothing of the killed app is left running').toEqual([]);

    // The browser's session and the acknowledged write survived; counts and audit are whole.
    officer.baseUrl = server.baseUrl;
    expect((await officer.get('/api/auth/me')).status).toBe(200);
    const read = await officer.get(`/api/units/${createdUnitId}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.name).toBe('Chi bộ trước sự cố');
    await withDb(async (db) => {
      const audit = await db.selectFrom('audit_log').select('id').where('action', '=', 'unit.create').where('entity_id', '=', createdUnitId).execute();
      expect(audit).toHaveLength(1);
      const counts = sql<{ row: string }>`SELECT (id, child_count, descendant_count, member_count, direct_member_count)::text AS row FROM unit ORDER BY id`;
      const kept = (await counts.execute(db)).rows;
      await sql`SELECT recompute_unit_counts()`.execute(db);
      expect((await counts.execute(db)).rows).toEqual(kept);
    });
  });

  it('SIGTERM: the request in flight finishes, then PostgreSQL shuts down cleanly and nothing is left running', async () => {
    await expectDrainingShutdown({ server, client: officer, databaseUrl: pgUrl, unitId: createdUnitId, newName: 'Chi bộ đổi tên khi dừng', signal: 'SIGTERM' });
    expect(server.output()).toMatch(/SIGTERM: shutting down…[\s\S]*Embedded PostgreSQL shut down\./u);
    expect(postmasterPid(dataDir), 'no postmaster.pid left').toBeNull();
    expect(clusterState(dataDir)).toBe('shut down');
    expect(processesInGroup(server.pid)).toEqual([]);
  });

  it('SIGINT (Ctrl-C): the restart finds the write drained at SIGTERM; the same clean stop', async () => {
    server = await start();
    officer.baseUrl = server.baseUrl;
    expect((await officer.get(`/api/units/${createdUnitId}`)).body.name).toBe('Chi bộ đổi tên khi dừng');
    await expectDrainingShutdown({ server, client: officer, databaseUrl: pgUrl, unitId: createdUnitId, newName: 'Chi bộ đổi tên lần hai', signal: 'SIGINT' });
    expect(server.output()).toMatch(/SIGINT: shutting down…[\s\S]*Embedded PostgreSQL shut down\./u);
    expect(postmasterPid(dataDir)).toBeNull();
    expect(clusterState(dataDir)).toBe('shut down');
    expect(processesInGroup(server.pid)).toEqual([]);
  });
});
