import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import type { HttpClient } from './http';
import { type Exit, type ServerProcess, eventually, waitForExit } from './processes';

/**
 * Signal the server while one of its requests is provably in flight — a unit rename blocked inside
 * PostgreSQL on a row lock this test holds — and prove the shutdown drains it: the server stops taking
 * new work, keeps running (and its database keeps serving) until the request is answered 200, and only
 * then exits 0.
 */
export async function expectDrainingShutdown(options: {
  server: ServerProcess;
  client: HttpClient;
  databaseUrl: string;
  unitId: number;
  newName: string;
  signal: NodeJS.Signals;
}): Promise<Exit> {
  const { server, client, unitId } = options;
  const before = await client.get(`/api/units/${unitId}`);
  expect(before.status, before.text).toBe(200);
  const lock = new pg.Client({ connectionString: options.databaseUrl });
  lock.on('error', () => undefined);
  await lock.connect();
  let released = false;
  try {
    await lock.query('BEGIN');
    await lock.query('SELECT id FROM unit WHERE id = $1 FOR UPDATE', [unitId]);
    const rename = client.patch(`/api/units/${unitId}`, { version: before.body.version, name: options.newName });
    rename.catch(() => undefined);
    await eventually(
      'the rename waits on the row lock inside PostgreSQL',
      async () => {
        const waiting = await lock.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()",
        );
        return (waiting.rows[0]?.n ?? 0) > 0 ? true : undefined;
      },
      20_000,
      50,
    );
    server.signal(options.signal);
    await eventually('the server announces the shutdown', async () => (/shutting down/u.test(server.output()) ? true : undefined), 10_000, 50);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Still running, still holding the request, and its database still answers.
    expect(server.isRunning(), 'the server waits for the request in flight').toBe(true);
    expect((await lock.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    await lock.query('COMMIT');
    released = true;
    await lock.end();
    const answered = await rename;
    expect(answered.status, answered.text).toBe(200);
    expect(answered.body.name).toBe(options.newName);
  } finally {
    if (!released) await lock.end().catch(() => undefined);
  }
  const exit = await waitForExit(server, 60_000);
  expect(exit, server.output()).toEqual({ code: 0, signal: null });
  return exit;
}

/** The cluster state recorded in global/pg_control (offset 16, DBState): 1 = shut down, 6 = in production. */
export function clusterState(dataDir: string): 'shut down' | 'in production' | `state ${number}` {
  const state = fs.readFileSync(path.join(dataDir, 'global', 'pg_control')).readUInt32LE(16);
  return state === 1 ? 'shut down' : state === 6 ? 'in production' : `state ${state}`;
}

/** The postmaster's pid from postmaster.pid, or null when there is no such file. */
export function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  return Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
}
