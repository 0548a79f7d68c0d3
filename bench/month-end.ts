/**
 * `npm run bench:month-end`: 200 cell secretaries record their monthly meeting at the same minute (month
 * end), against the Bắc Ninh demo province on a throwaway embedded PostgreSQL, through the real HTTP
 * stack on loopback. Bounded: BENCH_SECRETARIES requests (default 200), at most 60 s.
 *
 * Baseline in the same run: the same app recording one meeting per cell for another month, one request
 * at a time (no contention). Printed: errors, lost records (meetings in the database vs answers 201),
 * p50 / p95 / max of the burst, and the burst's p95 against the sequential p95. Target (issue #10): no
 * error, no lost record, burst p95 under 200 ms.
 */
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { createDb, createPool } from '../src/server/db/connect';
import { startEmbeddedPostgres } from '../src/server/db/embedded';
import { migrateToLatest } from '../src/server/db/migrate';
import { loadDemo } from '../src/server/demo/generate';
import { hashPassword } from '../src/server/http/passwords';
import { latency, timed } from './timing';

const SECRETARIES = Number(process.env.BENCH_SECRETARIES ?? 200);
const PASSWORD = 'ThangCuoi2012';
const TARGET_P95_MS = 200;
const firstError = new Map<number, string>();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-month-end-'));
  const server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), port: await freePort(), quiet: true });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE lamtheo_month_end');
  await admin.end();
  const db = createDb(createPool(server.url.replace(/\/[^/]*$/u, '/lamtheo_month_end')));
  try {
    await migrateToLatest(db);
    await loadDemo(db, 'BacNinh@2012');

    // The first SECRETARIES open cells with at least three active members, each with a secretary account.
    const cells = await sql<{ id: number; members: number[] }>`
      SELECT u.id, array_agg(m.id ORDER BY m.id) AS members
      FROM unit u JOIN member m ON m.unit_id = u.id AND m.left_on IS NULL 
      WHERE u.kind = 'cell' AND u.valid_to IS NULL
      GROUP BY u.id HAVING count(*) >= 3 ORDER BY u.id LIMIT ${SECRETARIES}`.execute(db);
    const hash = await hashPassword(PASSWORD);
    await db
      .insertInto('account')
      .values(cells.rows.map((cell, i) => ({ username: `thangcuoi${i}`, display_name: `Bí thư ${i}`, password_hash: hash, role: 'cell_secretary', scope_unit_id: cell.id, member_id: null })))
      .execute();
    const items = await sql<{ id: number }>`
      SELECT i.id FROM study_topic_item i JOIN study_topic t ON t.id = i.topic_id WHERE t.year = 2012 ORDER BY i.id LIMIT 2`.execute(db);
    const itemIds = items.rows.map((row) => row.id);

    const app = await buildApp({ db, database: 'embedded' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookies: string[] = [];
    for (let i = 0; i < cells.rows.length; i++) {
      const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `thangcuoi${i}`, password: PASSWORD }) });
      if (response.status !== 200) throw new Error(`login ${i}: ${response.status}`);
      cookies.push((response.headers.get('set-cookie') ?? '').split(';')[0] ?? '');
    }
    // Each secretary opens the form first: the roll of the cell on the day (as the browser does).
    const rolls = new Map<string, number[]>();
    for (const heldOn of ['2012-06-30', '2012-07-31']) {
      for (let i = 0; i < cells.rows.length; i++) {
        const response = await fetch(`${base}/api/meetings/roll?unitId=${cells.rows[i]?.id}&on=${heldOn}`, { headers: { cookie: cookies[i] ?? '' } });
        if (response.status !== 200) throw new Error(`roll ${i}: ${response.status}`);
        rolls.set(`${i}:${heldOn}`, ((await response.json()) as { memberId: number }[]).map((m) => m.memberId));
      }
    }
    const record = async (i: number, heldOn: string): Promise<{ ms: number; status: number }> => {
      const cell = cells.rows[i];
      if (!cell) throw new Error('no cell');
      const roll = rolls.get(`${i}:${heldOn}`) ?? [];
      let status = 0;
      const ms = await timed(async () => {
        const response = await fetch(`${base}/api/meetings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: cookies[i] ?? '' },
          body: JSON.stringify({ unitId: cell.id, heldOn, itemIds, attendance: roll.map((memberId) => ({ memberId, status: 'present' })) }),
        });
        status = response.status;
        const text = await response.text();
        if (status !== 201 && !firstError.has(status)) firstError.set(status, text.slice(0, 300));
      });
      return { ms, status };
    };

    // Baseline: July, one secretary after another.
    const sequential: number[] = [];
    let sequentialErrors = 0;
    for (let i = 0; i < cells.rows.length; i++) {
      const result = await record(i, '2012-07-31');
      sequential.push(result.ms);
      if (result.status !== 201) sequentialErrors += 1;
    }

    // The month-end minute: June, everyone at once (bounded by a 60 s deadline).
    const burst = await Promise.race([
      Promise.all(cells.rows.map((_, i) => record(i, '2012-06-30'))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('burst did not finish within 60 s')), 60_000)),
    ]);
    const created = burst.filter((r) => r.status === 201).length;
    const stored = Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cell_meeting WHERE held_on = '2012-06-30' AND unit_id = ANY(${cells.rows.map((c) => c.id)})`.execute(db)).rows[0]?.n ?? 0,
    );
    const seq = latency(sequential);
    const all = latency(burst.map((r) => r.ms));
    const errors = burst.length - created;
    const lost = created - stored;
    const met = errors === 0 && lost === 0 && all.p95 < TARGET_P95_MS;
    console.log(`month end: ${burst.length} cell secretaries recording their meeting at once (Node ${process.version}, ${os.cpus().length} cores)`);
    console.log(`  sequential baseline  errors ${sequentialErrors}`);
    console.log(`  sequential baseline  p50 ${seq.p50.toFixed(1)} ms  p95 ${seq.p95.toFixed(1)} ms  max ${seq.max.toFixed(1)} ms`);
    console.log(`  burst                p50 ${all.p50.toFixed(1)} ms  p95 ${all.p95.toFixed(1)} ms  max ${all.max.toFixed(1)} ms  (p95 ${(all.p95 / seq.p95).toFixed(1)}× the sequential p95)`);
    const statuses = new Map<number, number>();
    for (const r of burst) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    console.log(`  errors ${errors}, answered 201 ${created}, stored ${stored}, lost ${lost}; statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`);
    for (const [status, body] of firstError) console.log(`  first ${status}: ${body}`);
    console.log(`  target: no error, nothing lost, p95 < ${TARGET_P95_MS} ms → ${met ? 'MET' : 'NOT MET'}`);
    await app.close();
    return errors === 0 && lost === 0 ? 0 : 1;
  } finally {
    await db.destroy();
    await server.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
