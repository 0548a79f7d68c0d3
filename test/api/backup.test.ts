import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { backupToFile } from '../../src/server/backup/backup';
import { BackupError, type Manifest, MAGIC } from '../../src/server/backup/format';
import { inspectBackupFile, restoreFromFile } from '../../src/server/backup/restore';
import { type Db, createDb, createPool } from '../../src/server/db/connect';
import { loadDemo } from '../../src/server/demo/generate';
import type { App } from '../../src/server/http/types';
import { loggedIn } from '../helpers/app';
import { createTree } from '../helpers/factories';
import { type TestDatabase, createTestDatabase } from '../helpers/database';
import { adminQuery, databaseUrl } from '../setup/postgres';

const PASSWORD = 'BacNinh@2012';
const MARK = 'backup-test';

interface Target {
  url: string;
  db: Db;
  pool: pg.Pool;
}

let dir: string;
let source: TestDatabase;
let sourcePool: pg.Pool;
let app: App;
let backupFile: string;
let manifest: Manifest;
/** Every table's `rows:md5` as the exported snapshot of the backup saw it. */
let atSnapshot: Record<string, string>;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-backup-test-'));
  source = await createTestDatabase();
  sourcePool = createPool(source.url, 4);
  await loadDemo(source.db, PASSWORD);
  app = await buildApp({ db: source.db, database: inject('pgKind') });
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await app.close();
  await sourcePool.end();
  await source.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database of the test server: brand new (nothing in it), or a copy of the migrated template. */
async function newTarget(kind: 'blank' | 'migrated', owner?: { role: string; password: string }): Promise<Target> {
  const adminUrl = inject('pgAdminUrl');
  let name: string;
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'migrated') {
    const database = await createTestDatabase();
    await database.db.destroy();
    url = database.url;
    name = new URL(url).pathname.slice(1);
    drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    name = `lamtheo_restore_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}${owner ? ` OWNER ${owner.role}` : ''}`);
    url = databaseUrl(adminUrl, name);
    if (owner) {
      const parsed = new URL(url);
      parsed.username = owner.role;
      parsed.password = owner.password;
      url = parsed.toString();
    }
    drop = () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const pool = createPool(url, 4);
  const target = { url, pool, db: createDb(pool) };
  cleanups.push(async () => {
    await target.db.destroy();
    await drop();
  });
  return target;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function publicTables(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  return result.rows.map((r) => r.name);
}

/**
 * Row count and a checksum of the content of each table: the sum of the first 60 bits of each row's
 * md5, which does not depend on row order (no sort of the whole table).
 */
async function tableSums(client: pg.ClientBase, tables: string[]): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const result = await client.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint)::text, '-') AS h FROM public."${table}" t`,
    );
    sums[table] = `${result.rows[0]?.n}:${result.rows[0]?.h}`;
  }
  return sums;
}

/** Every table of a database, to prove that a refused restore changed nothing. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => tableSums(client, await publicTables(client)));
}

function rowsOf(sums: Record<string, string>, table: string): number {
  return Number((sums[table] ?? '0:').split(':')[0]);
}

/** The decompressed frames of a backup file, to build damaged or foreign variants of it. */
function frames(file: string): { type: string; payload: Buffer }[] {
  const bytes = zlib.gunzipSync(fs.readFileSync(file));
  expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
  const out: { type: string; payload: Buffer }[] = [];
  for (let at = MAGIC.length; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at + 1);
    out.push({ type: bytes.toString('latin1', at, at + 1), payload: bytes.subarray(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return out;
}

function writeFrames(file: string, list: { type: string; payload: Buffer }[]): void {
  const parts: Buffer[] = [MAGIC];
  for (const frame of list) {
    const header = Buffer.alloc(5);
    header.write(frame.type, 0, 'latin1');
    header.writeUInt32BE(frame.payload.length, 1);
    parts.push(header, frame.payload);
  }
  fs.writeFileSync(file, zlib.gzipSync(Buffer.concat(parts), { level: 1 }));
}

describe('lamtheo backup', () => {
  it('dumps one consistent snapshot while the app and another connection keep writing', async () => {
    const grassroots = await source.db.selectFrom('account').select('scope_unit_id').where('username', '=', 'dinhbang').executeTakeFirstOrThrow();
    const memberIds = (await source.db.selectFrom('member').select('id').orderBy('id').limit(40).execute()).map((m) => m.id);
    const officer = await loggedIn(app, { username: 'tinhuy', password: PASSWORD });

    const clock: { phase: 'before' | 'during' | 'after' } = { phase: 'before' };
    const during = { app: 0, sql: 0 };
    let stop = false;
    // Through the app: a new cell = unit row + counts of every ancestor (triggers) + audit entry, one transaction.
    const appWriter = (async () => {
      for (let n = 1; !stop; n += 1) {
        const response = await officer.post('/api/units', { parentId: grassroots.scope_unit_id, name: `Chi bộ sao lưu ${n}`, kind: 'cell' });
        expect(response.status).toBe(201);
        if (clock.phase === 'during') during.app += 1;
      }
    })();
    // Another connection: a member's phone and the audit entry saying so, one transaction.
    const sqlWriter = withClient(source.url, async (client) => {
      for (let n = 1; !stop; n += 1) {
        const id = memberIds[n % memberIds.length];
        const phone = `09${String(n).padStart(8, '0')}`;
        await client.query('BEGIN');
        await client.query('UPDATE member SET phone = $1, version = version + 1 WHERE id = $2', [phone, id]);
        await client.query(
          `INSERT INTO audit_log (action, entity_type, entity_id, after, request_id) VALUES ('member.update', 'member', $1, jsonb_build_object('phone', $2::text), $3)`,
          [id, phone, MARK],
        );
        await client.query('COMMIT');
        if (clock.phase === 'during') during.sql += 1;
      }
    });
    // Failures surface at the Promise.all below; until then keep them from counting as unhandled.
    appWriter.catch(() => undefined);
    sqlWriter.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));

    // A checker joins the backup's exported snapshot: it sees exactly what the dump reads.
    const checker = new pg.Client({ connectionString: source.url });
    await checker.connect();
    backupFile = path.join(dir, 'demo.ltbk');
    const started = Date.now();
    const summary = await backupToFile(sourcePool, backupFile, {
      onSnapshot: async (snapshot) => {
        await checker.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        await checker.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
        clock.phase = 'during';
      },
    });
    clock.phase = 'after';
    const backupMillis = Date.now() - started;
    stop = true;
    await Promise.all([appWriter, sqlWriter]);
    manifest = summary.manifest;

    atSnapshot = await tableSums(checker, manifest.tables.map((t) => t.name));
    await checker.query('COMMIT');
    await checker.end();

    // Writes went on while the tables were being copied…
    expect(during.app).toBeGreaterThan(0);
    expect(during.sql).toBeGreaterThan(0);
    // …and the file holds exactly the snapshot: every table's count, not one row of what came after.
    const contents = await inspectBackupFile(backupFile);
    expect(Object.fromEntries(contents.tables.map((t) => [t.table, t.rows]))).toEqual(
      Object.fromEntries(manifest.tables.map((t) => [t.name, rowsOf(atSnapshot, t.name)])),
    );
    const now = await withClient(source.url, async (client) =>
      (await client.query<{ units: number; audits: number }>('SELECT (SELECT count(*)::int FROM unit) AS units, (SELECT count(*)::int FROM audit_log) AS audits')).rows[0],
    );
    expect(now?.units).toBeGreaterThan(rowsOf(atSnapshot, 'unit'));
    expect(now?.audits).toBeGreaterThan(rowsOf(atSnapshot, 'audit_log'));

    // What the manifest says.
    expect(manifest.format).toBe('lamtheo-backup');
    expect(manifest.migrations.length).toBeGreaterThanOrEqual(10);
    expect(manifest.excluded.map((e) => e.name).sort()).toEqual(['kysely_migration', 'kysely_migration_lock', 'login_failure', 'session']);
    expect(manifest.tables.map((t) => t.name)).not.toContain('session');
    const order = manifest.tables.map((t) => t.name);
    expect(order.indexOf('unit')).toBeLessThan(order.indexOf('member'));
    expect(order.indexOf('member')).toBeLessThan(order.indexOf('cell_meeting_attendance'));
    expect(contents.end.rows).toBeGreaterThan(400_000);
    console.log(`backup of the demo: ${contents.end.rows} rows, ${fs.statSync(backupFile).size} bytes, ${backupMillis} ms; writes meanwhile: ${during.app} via the app, ${during.sql} via SQL`);
  }, 90_000);
});

describe('lamtheo restore', () => {
  let restored: Target;

  it('restores into a brand-new database: every table equal to the snapshot, summaries consistent', async () => {
    restored = await newTarget('blank');
    const started = Date.now();
    const summary = await restoreFromFile(restored, backupFile);
    console.log(`restore of the demo into a new database (migrations included): ${Date.now() - started} ms, mode ${summary.mode}`);

    const after = await withClient(restored.url, async (client) => {
      const sums = await tableSums(client, manifest.tables.map((t) => t.name));
      const migrations = (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map((r) => r.name);
      const transient = await tableSums(client, ['session', 'login_failure']);
      // No half-written transaction: each marked audit entry has its member change, and the last one is the phone kept.
      const halves = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM member m
           JOIN LATERAL (SELECT after->>'phone' AS phone FROM audit_log a WHERE a.request_id = $1 AND a.entity_id = m.id ORDER BY a.id DESC LIMIT 1) last ON true
          WHERE m.phone IS DISTINCT FROM last.phone`,
        [MARK],
      );
      // The counts kept by triggers agree with a recount of the restored rows.
      await client.query('BEGIN');
      const before = await tableSums(client, ['unit']);
      await client.query('SELECT recompute_unit_counts()');
      const recounted = await tableSums(client, ['unit']);
      await client.query('ROLLBACK');
      return { sums, migrations, transient, halves: halves.rows[0]?.n, unitsBefore: before.unit, unitsRecounted: recounted.unit };
    });
    expect(after.sums).toEqual(atSnapshot);
    expect(after.migrations).toEqual(manifest.migrations);
    expect(after.transient).toEqual({ session: '0:-', login_failure: '0:-' });
    expect(after.halves).toBe(0);
    expect(after.unitsRecounted).toBe(after.unitsBefore);
    expect(summary.tables.map((t) => t.rows)).toEqual(manifest.tables.map((t) => rowsOf(atSnapshot, t.name)));
  }, 60_000);

  it('gives a working app: demo login, unit list, new rows get fresh ids', async () => {
    const restoredApp = await buildApp({ db: restored.db, database: inject('pgKind') });
    try {
      const officer = await loggedIn(restoredApp, { username: 'tinhuy', password: PASSWORD });
      const me = await officer.get('/api/auth/me');
      expect(me.status).toBe(200);
      const root = await restored.db.selectFrom('unit').select(['id', 'child_count']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
      const children = await officer.get(`/api/units/${root.id}/children`);
      expect(children.status).toBe(200);
      expect(JSON.stringify(children.body)).toContain('Từ Sơn');

      const maxUnit = await restored.db.selectFrom('unit').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
      const maxAudit = await restored.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
      const created = await officer.post('/api/units', { parentId: root.id, name: 'Đảng ủy Khối sau phục hồi', kind: 'affiliated_committee' });
      expect(created.status).toBe(201);
      expect(created.body.id).toBeGreaterThan(Number(maxUnit.id));
      const audit = await restored.db.selectFrom('audit_log').select(['id']).where('entity_id', '=', created.body.id).where('action', '=', 'unit.create').executeTakeFirstOrThrow();
      expect(audit.id).toBeGreaterThan(Number(maxAudit.id));
      // The sequences continue where the source's stood at the backup, never below.
      const recorded = manifest.sequences.find((s) => s.name === 'unit_id_seq');
      expect(created.body.id).toBeGreaterThan(Number(recorded?.lastValue ?? 0));
    } finally {
      await restoredApp.close();
    }
  }, 30_000);

  it('restores as a database owner without superuser rights (triggers off per table, foreign keys checked)', async () => {
    const role = `lamtheo_owner_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await adminQuery(inject('pgAdminUrl'), `CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
    cleanups.push(() => adminQuery(inject('pgAdminUrl'), `DROP ROLE IF EXISTS ${role}`));
    const target = await newTarget('blank', { role, password });
    const summary = await restoreFromFile(target, backupFile);
    expect(summary.mode).toBe('owner');
    expect(await withClient(target.url, (client) => tableSums(client, manifest.tables.map((t) => t.name)))).toEqual(atSnapshot);
    const triggersOn = await withClient(target.url, (client) =>
      client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`),
    );
    expect(triggersOn.rows[0]?.n).toBe(0);
  }, 60_000);

  it('refuses a database that already holds data, even a few units, and changes nothing', async () => {
    const target = await newTarget('migrated');
    await createTree(target.db);
    const before = await fingerprint(target.url);
    await expect(restoreFromFile(target, backupFile)).rejects.toThrow(/đã có dữ liệu \(bảng unit/u);
    expect(await fingerprint(target.url)).toEqual(before);
  });

  it('refuses a damaged file (a flipped byte, altered content, a cut file) and leaves the target as it was', async () => {
    const target = await newTarget('migrated');
    const before = await fingerprint(target.url);
    const bytes = fs.readFileSync(backupFile);

    const flipped = path.join(dir, 'flipped.ltbk');
    const copy = Buffer.from(bytes);
    const at = Math.floor(copy.length / 3);
    copy[at] = (copy[at] as number) ^ 0x5a;
    fs.writeFileSync(flipped, copy);
    await expect(restoreFromFile(target, flipped)).rejects.toThrow(BackupError);
    expect(await fingerprint(target.url)).toEqual(before);

    // Still a valid gzip, one letter of a unit's name changed: only the table's SHA-256 can tell.
    const altered = path.join(dir, 'altered.ltbk');
    const list = frames(backupFile);
    const unitStart = list.findIndex((f) => f.type === 'T' && JSON.parse(f.payload.toString()).table === 'unit');
    const data = list.slice(unitStart + 1).find((f) => f.type === 'D' && f.payload.includes('Chi bộ'));
    if (!data) throw new Error('no unit data with a cell name');
    data.payload[data.payload.indexOf('Chi bộ')] = 'K'.charCodeAt(0);
    writeFrames(altered, list);
    await expect(restoreFromFile(target, altered)).rejects.toThrow(/unit: số dòng hoặc tổng kiểm tra SHA-256 không khớp/u);
    expect(await fingerprint(target.url)).toEqual(before);

    const cut = path.join(dir, 'cut.ltbk');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restoreFromFile(target, cut)).rejects.toThrow(/cắt cụt/u);
    expect(await fingerprint(target.url)).toEqual(before);
  }, 60_000);

  it('refuses a backup of a newer schema than this code knows, before touching the target', async () => {
    const target = await newTarget('blank');
    const newer = path.join(dir, 'newer.ltbk');
    const list = frames(backupFile);
    const first = list[0] as { type: string; payload: Buffer };
    const future: Manifest = JSON.parse(first.payload.toString());
    future.migrations.push('20991231_9999_from_the_future');
    list[0] = { type: 'M', payload: Buffer.from(JSON.stringify(future)) };
    writeFrames(newer, list);
    await expect(restoreFromFile(target, newer)).rejects.toThrow(/lược đồ mới hơn.*20991231_9999_from_the_future/u);
    expect(await withClient(target.url, publicTables)).toEqual([]);
  });
});
