import { once } from 'node:events';
import type { Writable } from 'node:stream';

/*
 * The backup file (`.ltbk`): one gzip stream holding
 *
 *   MAGIC ("LTBK", 0x01, "\n")
 *   frame M   the manifest (JSON): format, creation time, server version, the applied migrations,
 *             every table with its columns in load order, what is left out and why, sequence values
 *   per table, in an order where a table comes after the tables its foreign keys point to:
 *     frame T   { table, columns }
 *     frame D…  the bytes of `COPY table (columns) TO STDOUT` in text format, as PostgreSQL sends them
 *     frame E   { table, rows, bytes, sha256 } of those bytes
 *   frame Z   { tables, rows, bytes, manifestSha256 }: the file is complete
 *
 * A frame is one type byte, a 4-byte big-endian length and the payload. The table sums come after the
 * data because the dump is streamed (a table is never held in memory); restore checks each table's
 * count and SHA-256 before it moves on, the Z frame before it commits, and gzip's CRC at the end.
 * COPY's text format (with ISO dates, UTC times, hex bytea, exact floats) loads on PostgreSQL 15 to 18.
 */

export const MAGIC = Buffer.from([0x4c, 0x54, 0x42, 0x4b, 0x01, 0x0a]);
export const FORMAT = 'lamtheo-backup';
export const FORMAT_VERSION = 1;
export const FILE_EXTENSION = '.ltbk';
/** A frame longer than this is a damaged length, not data (COPY sends chunks of kilobytes). */
const MAX_FRAME = 64 * 1024 * 1024;

/** Session settings under which COPY text is written and read, so values mean the same on both sides. */
export const COPY_SETTINGS: Record<string, string> = {
  client_encoding: 'UTF8',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'postgres',
  TimeZone: 'UTC',
  bytea_output: 'hex',
  extra_float_digits: '3',
  statement_timeout: '0',
  lock_timeout: '0',
  idle_in_transaction_session_timeout: '0',
};

export type FrameType = 'M' | 'T' | 'D' | 'E' | 'Z';
const FRAME_TYPES = new Set<string>(['M', 'T', 'D', 'E', 'Z']);

export interface TableEntry {
  name: string;
  /** Copied columns, in table order (generated columns are left out: PostgreSQL computes them). */
  columns: string[];
}

export interface SequenceEntry {
  name: string;
  /** The identity or serial column it feeds, if it is owned by one. */
  table: string | null;
  column: string | null;
  /** Last value handed out (text: bigint), null if never used. */
  lastValue: string | null;
}

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  app: { name: string; version: string };
  server: { version: string; versionNum: number };
  /** Names of the migrations applied to the database, in order: the schema the data belongs to. */
  migrations: string[];
  copy: { format: 'text'; settings: Record<string, string> };
  tables: TableEntry[];
  excluded: { name: string; reason: string }[];
  sequences: SequenceEntry[];
}

export interface TableStart {
  table: string;
  columns: string[];
}

export interface TableEnd {
  table: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface BackupEnd {
  tables: number;
  rows: number;
  bytes: number;
  manifestSha256: string;
}

/** A problem with a backup file or a restore target, told in Vietnamese. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface Frame {
  type: FrameType;
  payload: Buffer;
}

/** Writes frames to a stream (the gzip stream of the file), waiting when it asks to. */
export class FrameWriter {
  constructor(private readonly out: Writable) {}

  async magic(): Promise<void> {
    await this.write(MAGIC);
  }

  async frame(type: FrameType, payload: Buffer): Promise<void> {
    const header = Buffer.alloc(5);
    header.write(type, 0, 'latin1');
    header.writeUInt32BE(payload.length, 1);
    this.out.write(header);
    await this.write(payload);
  }

  async json(type: FrameType, value: unknown): Promise<Buffer> {
    const payload = Buffer.from(JSON.stringify(value), 'utf8');
    await this.frame(type, payload);
    return payload;
  }

  private async write(bytes: Buffer): Promise<void> {
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }
}

/** Reads frames from the decompressed stream of a file; damage and truncation become BackupError. */
export class FrameReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private chunks: Buffer[] = [];
  private length = 0;
  private ended = false;

  constructor(input: AsyncIterable<Buffer>) {
    this.iterator = input[Symbol.asyncIterator]();
  }

  async magic(): Promise<void> {
    const bytes = await this.take(MAGIC.length);
    if (!bytes?.equals(MAGIC)) throw new BackupError('Đây không phải tệp sao lưu Lamtheo (sai phần đầu tệp).');
  }

  /** The next frame, or null at the end of the file (only between two frames). */
  async next(): Promise<Frame | null> {
    const header = await this.take(5);
    if (!header) {
      if (this.length === 0) return null;
      throw truncated();
    }
    const type = header.toString('latin1', 0, 1);
    const length = header.readUInt32BE(1);
    if (!FRAME_TYPES.has(type) || length > MAX_FRAME) throw new BackupError('Tệp sao lưu bị hỏng (khung dữ liệu không hợp lệ).');
    const payload = length === 0 ? Buffer.alloc(0) : await this.take(length);
    if (!payload) throw truncated();
    return { type: type as FrameType, payload };
  }

  /** The next frame, which must be of `type`. */
  async expect(type: FrameType): Promise<Frame> {
    const frame = await this.next();
    if (!frame) throw truncated();
    if (frame.type !== type) throw new BackupError(`Tệp sao lưu bị hỏng (gặp khung ${frame.type}, cần khung ${type}).`);
    return frame;
  }

  private async take(n: number): Promise<Buffer | null> {
    while (this.length < n) {
      if (this.ended) return null;
      let result: IteratorResult<Buffer>;
      try {
        result = await this.iterator.next();
      } catch (error) {
        throw damaged(error);
      }
      if (result.done) {
        this.ended = true;
        continue;
      }
      this.chunks.push(result.value);
      this.length += result.value.length;
    }
    const first = this.chunks[0];
    let out: Buffer;
    if (first && first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const chunk = this.chunks[0] as Buffer;
        const used = Math.min(chunk.length, n - filled);
        chunk.copy(out, filled, 0, used);
        filled += used;
        if (used === chunk.length) this.chunks.shift();
        else this.chunks[0] = chunk.subarray(used);
      }
    }
    this.length -= n;
    return out;
  }
}

export function parseJson<T>(frame: Frame): T {
  try {
    return JSON.parse(frame.payload.toString('utf8')) as T;
  } catch {
    throw new BackupError(`Tệp sao lưu bị hỏng (khung ${frame.type} không đọc được).`);
  }
}

function truncated(): BackupError {
  return new BackupError('Tệp sao lưu không đầy đủ (bị cắt cụt): có thể việc sao lưu hoặc sao chép tệp chưa xong.');
}

function damaged(error: unknown): BackupError {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('Z_')) {
    const detail = code === 'Z_BUF_ERROR' ? 'tệp bị cắt cụt' : 'dữ liệu nén không hợp lệ';
    return new BackupError(`Tệp sao lưu bị hỏng (${detail}).`);
  }
  return new BackupError(`Không đọc được tệp sao lưu: ${error instanceof Error ? error.message : String(error)}`);
}

/** Count the rows of COPY text: each row ends with exactly one newline (newlines in values are escaped). */
export function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count += 1;
  return count;
}

/** A SQL identifier, quoted. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Default file name: lamtheo-backup-YYYYMMDD-HHMMSS.ltbk (local time of the machine). */
export function defaultBackupName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `lamtheo-backup-${date}-${time}${FILE_EXTENSION}`;
}

/** Tables never copied: bookkeeping that restore re-creates, and transient security state. */
export const EXCLUDED_TABLES: Record<string, string> = {
  kysely_migration: 'danh sách migration ghi trong manifest, phục hồi chạy lại migration',
  kysely_migration_lock: 'khóa của công cụ migration',
  session: 'phiên đăng nhập tạm thời: sau phục hồi mọi người đăng nhập lại',
  login_failure: 'đếm đăng nhập sai để giới hạn tốc độ, tạm thời',
};
