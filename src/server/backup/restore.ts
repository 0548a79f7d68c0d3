import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../db/connect';
import { MIGRATIONS_DIR, appliedMigrationNames, knownMigrationNames, migrateTo } from '../db/migrate';
import {
  type BackupEnd,
  BackupError,
  COPY_SETTINGS,
  EXCLUDED_TABLES,
  FORMAT,
  FORMAT_VERSION,
  FrameReader,
  type Manifest,
  type TableEnd,
  type TableEntry,
  type TableStart,
  countNewlines,
  ident,
  parseJson,
} from './format';

export interface RestoreProgress extends TableEnd {
  millis: number;
}

export interface RestoreOptions {
  /** A step of the restore, in Vietnamese, for the command's output. */
  onStep?: (message: string) => void;
  onTable?: (progress: RestoreProgress) => void;
}

export interface BackupContents {
  manifest: Manifest;
  tables: TableEnd[];
  end: BackupEnd;
}

export interface RestoreSummary extends BackupContents {
  /** How triggers and foreign-key checks were kept off during the load. */
  mode: 'replica' | 'owner';
  millis: number;
}

/** Read a whole backup file and check every table's count and checksum, without touching any database. */
export async function inspectBackupFile(file: string, options: Pick<RestoreOptions, 'onTable'> = {}): Promise<BackupContents> {
  return readBackup(file, { onManifest: validateManifest, onTable: options.onTable });
}

/**
 * Restore a backup file into an empty database: bring it to the backup's exact migrations, then load
 * every table in ONE transaction with triggers and foreign-key checks off (the summary tables are data
 * in the file), reset the sequences and commit only if every table's count and checksum matched and the
 * file was whole. Anything wrong rolls everything back.
 */
export async function restoreFromFile(target: { db: Db; pool: pg.Pool }, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const started = Date.now();
  const step = options.onStep ?? (() => undefined);
  const seeded = seededTables();
  const client = await target.pool.connect();
  let broken = false;
  // Set inside the manifest hook, read after it.
  const state: { mode: RestoreSummary['mode']; inTransaction: boolean } = { mode: 'replica', inTransaction: false };
  const indexes: { name: string; definition: string }[] = [];
  const foreignKeys: { table: string; name: string; definition: string }[] = [];
  try {
    const contents = await readBackup(file, {
      onTable: options.onTable,
      onManifest: async (manifest) => {
        validateManifest(manifest);
        const filled = await nonEmptyTables(client, seeded);
        if (filled.length > 0) throw notEmpty(filled);
        const last = manifest.migrations.at(-1) as string;
        step(`Đưa cơ sở dữ liệu đích về lược đồ của bản sao lưu (${manifest.migrations.length} migration, đến ${last})…`);
        try {
          await migrateTo(target.db, last);
        } catch (error) {
          throw new BackupError(`Không đưa được cơ sở dữ liệu đích về lược đồ của bản sao lưu: ${message(error)}`);
        }
        const applied = await appliedMigrationNames(target.db);
        if (applied.join('\n') !== manifest.migrations.join('\n')) {
          throw new BackupError('Cơ sở dữ liệu đích có migration khác với bản sao lưu; hãy phục hồi vào một cơ sở dữ liệu mới.');
        }

        await client.query('BEGIN');
        state.inTransaction = true;
        for (const [name, value] of Object.entries(COPY_SETTINGS)) await client.query('SELECT set_config($1, $2, true)', [name, value]);
        const mode = await switchOffTriggers(client);
        state.mode = mode;
        const tables = await targetTables(client);
        checkSchema(manifest, tables);
        const all = [...tables.keys()].filter((name) => !name.startsWith('kysely_migration'));
        // No other session may write while we load; then check again that nothing was written meanwhile.
        await client.query(`LOCK TABLE ${all.map((t) => `public.${ident(t)}`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
        const filledNow = await nonEmptyTables(client, seeded);
        if (filledNow.length > 0) throw notEmpty(filledNow);
        if (mode === 'owner') {
          for (const table of await tablesWithTriggers(client)) await client.query(`ALTER TABLE public.${ident(table)} DISABLE TRIGGER USER`);
          // Checked once per key after the load (one join each) instead of once per row.
          foreignKeys.push(...(await foreignKeyConstraints(client)));
          for (const fk of foreignKeys) await client.query(`ALTER TABLE public.${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
        }
        // Reference rows the migrations seeded are replaced by the backup's (transient tables are emptied too).
        await client.query(`TRUNCATE ${all.map((t) => `public.${ident(t)}`).join(', ')}`);
        // As pg_restore does: secondary indexes are built once after the load, not row by row.
        indexes.push(...(await secondaryIndexes(client)));
        for (const index of indexes) await client.query(`DROP INDEX public.${ident(index.name)}`);
        step(`Nạp ${manifest.tables.length} bảng trong một giao dịch${mode === 'owner' ? ' (không có quyền superuser: tắt trigger của bảng, kiểm tra khóa ngoại sau khi nạp)' : ''}…`);
      },
      openTable: (table) => {
        const stream = client.query(copyFrom(`COPY public.${ident(table.name)} (${table.columns.map(ident).join(', ')}) FROM STDIN`));
        return { stream, rowCount: () => stream.rowCount };
      },
    });

    step(`Tạo lại ${indexes.length} chỉ mục…`);
    await client.query(`SELECT set_config('maintenance_work_mem', '256MB', true)`);
    for (const index of indexes) await client.query(index.definition);
    if (foreignKeys.length > 0) step(`Kiểm tra và tạo lại ${foreignKeys.length} khóa ngoại…`);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE public.${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
    step('Đặt lại các bộ đếm id (sequence)…');
    await resetSequences(client, contents.manifest);
    if (state.mode === 'owner') for (const table of await tablesWithTriggers(client)) await client.query(`ALTER TABLE public.${ident(table)} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    state.inTransaction = false;
    return { ...contents, mode: state.mode, millis: Date.now() - started };
  } catch (error) {
    if (state.inTransaction) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
    }
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Phục hồi thất bại, không có gì được ghi: ${message(error)}`, { cause: error });
  } finally {
    client.release(broken);
  }
}

interface ReadHooks {
  /** Check the manifest and prepare the target; runs before any data is read. */
  onManifest: (manifest: Manifest) => Promise<void> | void;
  /** Where a table's COPY bytes go (none: only checked). */
  openTable?: (table: TableEntry) => { stream: Writable; rowCount: () => number };
  onTable?: (progress: RestoreProgress) => void;
}

async function readBackup(file: string, hooks: ReadHooks): Promise<BackupContents> {
  if (!fs.existsSync(file)) throw new BackupError(`Không tìm thấy tệp sao lưu ${file}.`);
  const gunzip = zlib.createGunzip();
  const reading = pipeline(fs.createReadStream(file), gunzip);
  reading.catch(() => undefined);
  try {
    const reader = new FrameReader(gunzip);
    await reader.magic();
    const manifestFrame = await reader.expect('M');
    const manifest = parseJson<Manifest>(manifestFrame);
    await hooks.onManifest(manifest);

    const tables: TableEnd[] = [];
    for (const entry of manifest.tables) {
      const tableStarted = Date.now();
      const start = parseJson<TableStart>(await reader.expect('T'));
      if (start.table !== entry.name || start.columns.join(',') !== entry.columns.join(',')) {
        throw new BackupError(`Tệp sao lưu bị hỏng (bảng ${start.table} không đúng thứ tự của manifest).`);
      }
      const hash = createHash('sha256');
      let rows = 0;
      let bytes = 0;
      let end: TableEnd | null = null;
      const chunks = async function* () {
        for (;;) {
          const frame = await reader.next();
          if (!frame) throw new BackupError('Tệp sao lưu không đầy đủ (bị cắt cụt).');
          if (frame.type === 'E') {
            end = parseJson<TableEnd>(frame);
            return;
          }
          if (frame.type !== 'D') throw new BackupError(`Tệp sao lưu bị hỏng (khung ${frame.type} giữa dữ liệu bảng ${entry.name}).`);
          hash.update(frame.payload);
          rows += countNewlines(frame.payload);
          bytes += frame.payload.length;
          yield frame.payload;
        }
      };
      const sink = hooks.openTable?.(entry);
      if (sink) {
        try {
          await pipeline(chunks, sink.stream);
        } catch (error) {
          if (error instanceof BackupError) throw error;
          throw new BackupError(`Không nạp được bảng ${entry.name}: ${message(error)}`, { cause: error });
        }
      } else {
        for await (const _ of chunks()) {
          // only checked
        }
      }
      const expected = end as TableEnd | null;
      const sha256 = hash.digest('hex');
      if (!expected || expected.table !== entry.name || expected.rows !== rows || expected.bytes !== bytes || expected.sha256 !== sha256) {
        throw new BackupError(
          `Bảng ${entry.name}: số dòng hoặc tổng kiểm tra SHA-256 không khớp (tệp: ${expected?.rows ?? '?'} dòng, đọc được: ${rows}) — tệp sao lưu bị hỏng hoặc đã bị sửa.`,
        );
      }
      if (sink && sink.rowCount() !== rows) throw new BackupError(`Bảng ${entry.name}: PostgreSQL nạp ${sink.rowCount()} dòng, tệp có ${rows}.`);
      tables.push(expected);
      hooks.onTable?.({ ...expected, millis: Date.now() - tableStarted });
    }

    const end = parseJson<BackupEnd>(await reader.expect('Z'));
    const manifestSha256 = createHash('sha256').update(manifestFrame.payload).digest('hex');
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    if (end.tables !== tables.length || end.rows !== rows || end.manifestSha256 !== manifestSha256) {
      throw new BackupError('Tệp sao lưu bị hỏng (phần kết không khớp với nội dung).');
    }
    // Reading to the end makes gunzip check the CRC of everything.
    if ((await reader.next()) !== null) throw new BackupError('Tệp sao lưu bị hỏng (có dữ liệu thừa sau phần kết).');
    await reading.catch((error: unknown) => {
      throw new BackupError(`Tệp sao lưu bị hỏng: ${message(error)}`);
    });
    return { manifest, tables, end };
  } finally {
    gunzip.destroy();
  }
}

function validateManifest(manifest: Manifest): void {
  if (manifest.format !== FORMAT) throw new BackupError('Đây không phải tệp sao lưu Lamtheo.');
  if (manifest.version > FORMAT_VERSION) {
    throw new BackupError(`Tệp sao lưu dùng định dạng ${manifest.version}, mới hơn định dạng mà phiên bản Lamtheo này đọc được (${FORMAT_VERSION}). Hãy cập nhật Lamtheo.`);
  }
  if (!Array.isArray(manifest.migrations) || manifest.migrations.length === 0) throw new BackupError('Tệp sao lưu không ghi lược đồ (danh sách migration trống).');
  const known = knownMigrationNames();
  const unknown = manifest.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new BackupError(
      `Bản sao lưu thuộc lược đồ mới hơn mã Lamtheo này (migration chưa biết: ${unknown.join(', ')}). Hãy cập nhật Lamtheo lên phiên bản đã tạo bản sao lưu rồi phục hồi lại.`,
    );
  }
  if (manifest.migrations.some((name, i) => known[i] !== name)) {
    throw new BackupError('Danh sách migration của bản sao lưu không khớp thứ tự migration của mã này; không phục hồi được.');
  }
}

/** Tables the migrations themselves fill (reference data such as committee terms): a fresh database has rows there. */
export function seededTables(): Set<string> {
  const seeded = new Set<string>();
  for (const name of knownMigrationNames()) {
    const text = fs
      .readFileSync(path.join(MIGRATIONS_DIR, `${name}.up.sql`), 'utf8')
      .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/gu, '') // function bodies
      .replace(/--[^\n]*/gu, '');
    for (const match of text.matchAll(/\bINSERT\s+INTO\s+(?:public\.)?"?([A-Za-z_][A-Za-z0-9_]*)"?/giu)) seeded.add((match[1] as string).toLowerCase());
  }
  return seeded;
}

/** Tables of the target holding data: anything but migration seeds and transient tables. */
async function nonEmptyTables(client: pg.ClientBase, seeded: Set<string>): Promise<string[]> {
  const tables = [...(await targetTables(client)).keys()].filter((t) => !(t in EXCLUDED_TABLES) && !seeded.has(t));
  if (tables.length === 0) return [];
  const probe = tables.map((t, i) => `SELECT $${i + 1}::text AS name WHERE EXISTS (SELECT 1 FROM public.${ident(t)})`).join(' UNION ALL ');
  return (await client.query<{ name: string }>(probe, tables)).rows.map((r) => r.name);
}

function notEmpty(tables: string[]): BackupError {
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  return new BackupError(
    `Cơ sở dữ liệu đích đã có dữ liệu (bảng ${shown}). Chỉ phục hồi vào một cơ sở dữ liệu trống (mới tạo hoặc chỉ vừa chạy migration); không có gì bị thay đổi.`,
  );
}

/** The app's tables in the target, with their copyable columns. */
async function targetTables(client: pg.ClientBase): Promise<Map<string, Set<string>>> {
  const rows = (
    await client.query<{ table: string; column: string | null }>(
      `SELECT c.relname AS table, a.attname AS column
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    )
  ).rows;
  const tables = new Map<string, Set<string>>();
  for (const row of rows) {
    const columns = tables.get(row.table) ?? new Set<string>();
    if (row.column) columns.add(row.column);
    tables.set(row.table, columns);
  }
  return tables;
}

function checkSchema(manifest: Manifest, tables: Map<string, Set<string>>): void {
  const inFile = new Set(manifest.tables.map((t) => t.name));
  for (const table of manifest.tables) {
    const columns = tables.get(table.name);
    if (!columns) throw new BackupError(`Lược đồ đích không có bảng ${table.name} của bản sao lưu.`);
    const missing = table.columns.filter((c) => !columns.has(c));
    if (missing.length > 0) throw new BackupError(`Lược đồ đích thiếu cột ${missing.join(', ')} của bảng ${table.name}.`);
  }
  const extra = [...tables.keys()].filter((t) => !inFile.has(t) && !(t in EXCLUDED_TABLES));
  if (extra.length > 0) throw new BackupError(`Lược đồ đích có bảng không có trong bản sao lưu: ${extra.join(', ')}.`);
}

/**
 * Triggers (summary tables) and foreign-key checks off for this transaction. `session_replication_role`
 * needs a superuser (or, from PostgreSQL 15, a grant); otherwise ('owner') the tables' owner disables
 * their own triggers and drops the foreign keys, which are added back — and so validated — after the load.
 */
async function switchOffTriggers(client: pg.ClientBase): Promise<RestoreSummary['mode']> {
  await client.query('SAVEPOINT replica');
  try {
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('RELEASE SAVEPOINT replica');
    return 'replica';
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    await client.query('ROLLBACK TO SAVEPOINT replica');
    return 'owner';
  }
}

async function tablesWithTriggers(client: pg.ClientBase): Promise<string[]> {
  const rows = await client.query<{ name: string }>(
    `SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`,
  );
  return rows.rows.map((r) => r.name);
}

async function foreignKeyConstraints(client: pg.ClientBase): Promise<{ table: string; name: string; definition: string }[]> {
  const rows = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND c.contype = 'f'
      ORDER BY t.relname, c.conname`,
  );
  return rows.rows;
}

/** Indexes that back no constraint (primary keys, unique constraints and the indexes foreign keys use stay). */
async function secondaryIndexes(client: pg.ClientBase): Promise<{ name: string; definition: string }[]> {
  const rows = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname NOT LIKE 'kysely_migration%'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
      ORDER BY i.relname`,
  );
  return rows.rows;
}

/**
 * Every sequence continues after the highest id restored, and never below the value it had at backup
 * time (ids of deleted rows are not handed out again: the audit log may name them).
 */
async function resetSequences(client: pg.ClientBase, manifest: Manifest): Promise<void> {
  const recorded = new Map(manifest.sequences.map((s) => [s.name, s.lastValue]));
  const sequences = (
    await client.query<{ name: string; table: string | null; column: string | null }>(
      `SELECT s.relname AS name, t.relname AS table, a.attname AS column
         FROM pg_class s
         JOIN pg_namespace n ON n.oid = s.relnamespace
         LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         LEFT JOIN pg_class t ON t.oid = d.refobjid
         LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND n.nspname = 'public'`,
    )
  ).rows;
  for (const sequence of sequences) {
    const highest = sequence.table && sequence.column ? `(SELECT max(${ident(sequence.column)}) FROM public.${ident(sequence.table)})` : 'NULL::bigint';
    await client.query(
      `SELECT setval($1::regclass, v, true) FROM (SELECT greatest($2::bigint, ${highest}) AS v) s WHERE v IS NOT NULL`,
      [`public.${ident(sequence.name)}`, recorded.get(sequence.name) ?? null],
    );
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
