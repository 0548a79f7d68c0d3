import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  type BackupEnd,
  BackupError,
  COPY_SETTINGS,
  EXCLUDED_TABLES,
  FORMAT,
  FORMAT_VERSION,
  FrameWriter,
  type Manifest,
  type SequenceEntry,
  type TableEnd,
  type TableEntry,
  countNewlines,
  ident,
} from './format';

const packageJson = createRequire(import.meta.url)('../../../package.json') as { name: string; version: string };

export interface BackupProgress extends TableEnd {
  millis: number;
}

export interface BackupOptions {
  /** Called once the snapshot is taken, with its id (pg_export_snapshot) and the manifest, before any data is read. */
  onSnapshot?: (snapshot: string, manifest: Manifest) => Promise<void> | void;
  /** Called after each table. */
  onTable?: (progress: BackupProgress) => void;
}

export interface BackupSummary {
  manifest: Manifest;
  tables: TableEnd[];
  end: BackupEnd;
  millis: number;
}

/**
 * Dump every table of the app into `out` (the caller compresses), from one REPEATABLE READ, READ ONLY
 * transaction on one connection: every table is read at the same instant, whatever writes go on, and
 * nothing is written. Tables are streamed with COPY, never held in memory.
 */
export async function writeBackup(client: pg.ClientBase, out: Writable, options: BackupOptions = {}): Promise<BackupSummary> {
  const started = Date.now();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    for (const [name, value] of Object.entries(COPY_SETTINGS)) await client.query('SELECT set_config($1, $2, true)', [name, value]);
    // The first query takes the snapshot; exporting it lets a checker see exactly what is dumped.
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '';
    const manifest = await readManifest(client);
    if (manifest.migrations.length === 0) throw new BackupError('Cơ sở dữ liệu này chưa chạy migration nào của Lamtheo: không có gì để sao lưu.');
    if (manifest.tables.length > 0) {
      // Like pg_dump: no table may be dropped or altered under the dump (reads and writes go on).
      await client.query(`LOCK TABLE ${manifest.tables.map((t) => `public.${ident(t.name)}`).join(', ')} IN ACCESS SHARE MODE`);
    }
    await options.onSnapshot?.(snapshot, manifest);

    const writer = new FrameWriter(out);
    await writer.magic();
    const manifestBytes = await writer.json('M', manifest);
    const partitioned = await partitionedTables(client);
    const tables: TableEnd[] = [];
    for (const table of manifest.tables) {
      const tableStarted = Date.now();
      await writer.json('T', { table: table.name, columns: table.columns });
      const columns = table.columns.map(ident).join(', ');
      const source = partitioned.has(table.name)
        ? `(SELECT ${columns} FROM public.${ident(table.name)})`
        : `public.${ident(table.name)} (${columns})`;
      const stream = client.query(copyTo(`COPY ${source} TO STDOUT`));
      const hash = createHash('sha256');
      let rows = 0;
      let bytes = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        rows += countNewlines(chunk);
        bytes += chunk.length;
        await writer.frame('D', chunk);
      }
      const end: TableEnd = { table: table.name, rows, bytes, sha256: hash.digest('hex') };
      await writer.json('E', end);
      tables.push(end);
      options.onTable?.({ ...end, millis: Date.now() - tableStarted });
    }
    const end: BackupEnd = {
      tables: tables.length,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      bytes: tables.reduce((sum, t) => sum + t.bytes, 0),
      manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
    };
    await writer.json('Z', end);
    await client.query('COMMIT');
    return { manifest, tables, end, millis: Date.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Write a backup file: gzip, written to `<file>.partial` and renamed when complete and flushed to disk,
 * so a file with the final name is always whole.
 */
export async function backupToFile(pool: pg.Pool, file: string, options: BackupOptions = {}): Promise<BackupSummary & { file: string; fileBytes: number }> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  const gzip = zlib.createGzip({ level: 6 });
  const fileStream = fs.createWriteStream(partial, { mode: 0o600 });
  const written = pipeline(gzip, fileStream);
  written.catch(() => undefined);
  const client = await pool.connect();
  let broken = false;
  try {
    const summary = await writeBackup(client, gzip, options);
    gzip.end();
    await written;
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, file);
    return { ...summary, file, fileBytes: fs.statSync(file).size };
  } catch (error) {
    broken = true;
    gzip.destroy();
    await written.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    // A connection that failed in the middle of a COPY is not given back to the pool.
    client.release(broken);
  }
}

async function readManifest(client: pg.ClientBase): Promise<Manifest> {
  const server = (await client.query<{ version: string; num: string }>(`SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num`)).rows[0];
  const tableRows = (
    await client.query<{ oid: number; name: string }>(
      `SELECT c.oid::int AS oid, c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname`,
    )
  ).rows;
  const columnRows = (
    await client.query<{ oid: number; name: string }>(
      `SELECT a.attrelid::int AS oid, a.attname AS name
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY a.attrelid, a.attnum`,
    )
  ).rows;
  const foreignKeys = (
    await client.query<{ child: number; parent: number }>(
      `SELECT conrelid::int AS child, confrelid::int AS parent FROM pg_constraint
        WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid <> confrelid`,
    )
  ).rows;
  const hasMigrations = tableRows.some((t) => t.name === 'kysely_migration');
  const migrations = hasMigrations ? (await client.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name')).rows.map((r) => r.name) : [];
  const sequences = (
    await client.query<{ name: string; table: string | null; column: string | null; last_value: string | null }>(
      `SELECT s.relname AS name, t.relname AS table, a.attname AS column, ps.last_value::text AS last_value
         FROM pg_class s
         JOIN pg_namespace n ON n.oid = s.relnamespace
         LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         LEFT JOIN pg_class t ON t.oid = d.refobjid
         LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         LEFT JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = s.relname
        WHERE s.relkind = 'S' AND n.nspname = 'public'
        ORDER BY s.relname`,
    )
  ).rows;

  const columns = new Map<number, string[]>();
  for (const row of columnRows) columns.set(row.oid, [...(columns.get(row.oid) ?? []), row.name]);
  const included = tableRows.filter((t) => !(t.name in EXCLUDED_TABLES));
  const tables: TableEntry[] = loadOrder(included, foreignKeys).map((t) => ({ name: t.name, columns: columns.get(t.oid) ?? [] }));
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    app: { name: packageJson.name, version: packageJson.version },
    server: { version: server?.version ?? '', versionNum: Number(server?.num ?? 0) },
    migrations,
    copy: { format: 'text', settings: COPY_SETTINGS },
    tables,
    excluded: tableRows.filter((t) => t.name in EXCLUDED_TABLES).map((t) => ({ name: t.name, reason: EXCLUDED_TABLES[t.name] ?? '' })),
    sequences: sequences.map((s): SequenceEntry => ({ name: s.name, table: s.table, column: s.column, lastValue: s.last_value })),
  };
}

/**
 * Parents before children (foreign keys), ties by name, so the file loads in order even where foreign
 * keys are checked row by row (another tool, a partial load). A cycle (none today) keeps name order.
 */
function loadOrder<T extends { oid: number; name: string }>(tables: T[], foreignKeys: { child: number; parent: number }[]): T[] {
  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const parents = new Map<number, Set<number>>(tables.map((t) => [t.oid, new Set<number>()]));
  for (const fk of foreignKeys) if (byOid.has(fk.child) && byOid.has(fk.parent)) parents.get(fk.child)?.add(fk.parent);
  const ordered: T[] = [];
  const done = new Set<number>();
  let remaining = [...tables];
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => [...(parents.get(t.oid) ?? [])].every((p) => done.has(p)));
    const next = ready[0] ?? remaining[0];
    if (!next) break;
    ordered.push(next);
    done.add(next.oid);
    remaining = remaining.filter((t) => t !== next);
  }
  return ordered;
}

async function partitionedTables(client: pg.ClientBase): Promise<Set<string>> {
  const rows = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'p'`,
    )
  ).rows;
  return new Set(rows.map((r) => r.name));
}
