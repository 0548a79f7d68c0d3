import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatNumber } from '../../shared/domain/text';
import type { Config } from '../config';
import { migrateToLatest } from '../db/migrate';
import { openDatabase } from '../db/open';
import { backupToFile } from './backup';
import { BackupError, type Manifest, defaultBackupName } from './format';
import { inspectBackupFile, restoreFromFile } from './restore';

/** A table gets its own progress line when it is this big or this slow. */
const LINE_ROWS = 10_000;
const LINE_MILLIS = 1_000;

/** `lamtheo backup [--out FILE|DIR]` */
export async function backupCommand(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string', short: 'o' } } });
  const file = backupPath(values.out);
  // Beside a running server: use its embedded PostgreSQL, and never migrate what we are copying.
  const database = await openDatabase(config, { migrate: false, attach: true });
  try {
    console.log(`Sao lưu từ ${database.description}`);
    const summary = await backupToFile(database.pool, file, {
      onSnapshot: (_snapshot, manifest) => {
        console.log(`${describe(manifest)} — một ảnh chụp nhất quán: mọi bảng ở cùng một thời điểm.`);
        console.log(`Không sao lưu: ${manifest.excluded.map((e) => `${e.name} (${e.reason})`).join('; ')}.`);
      },
      onTable: (t) => {
        if (t.rows >= LINE_ROWS || t.millis >= LINE_MILLIS) console.log(`  ${t.table.padEnd(30)} ${formatNumber(t.rows).padStart(11)} dòng  ${seconds(t.millis)}`);
      },
    });
    console.log(
      `Xong: ${formatNumber(summary.end.rows)} dòng của ${summary.end.tables} bảng → ${summary.file} (${megabytes(summary.fileBytes)}) trong ${seconds(summary.millis)}.`,
    );
  } finally {
    await database.close();
  }
}

/** `lamtheo restore FILE` or `lamtheo restore --check FILE` */
export async function restoreCommand(config: Config, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { check: { type: 'boolean' } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new BackupError('Cách dùng: lamtheo restore TỆP.ltbk   (hoặc lamtheo restore --check TỆP.ltbk để chỉ kiểm tra tệp)');
  if (!fs.existsSync(file)) throw new BackupError(`Không tìm thấy tệp sao lưu ${file}.`);
  const started = Date.now();
  const onTable = (t: { table: string; rows: number; millis: number }) => {
    if (t.rows >= LINE_ROWS || t.millis >= LINE_MILLIS) console.log(`  ${t.table.padEnd(30)} ${formatNumber(t.rows).padStart(11)} dòng  ${seconds(t.millis)}`);
  };

  if (values.check) {
    console.log(`Kiểm tra ${file} (không ghi vào cơ sở dữ liệu nào)…`);
    const contents = await inspectBackupFile(file, { onTable });
    console.log(describe(contents.manifest));
    console.log(`Tệp hợp lệ: ${formatNumber(contents.end.rows)} dòng của ${contents.end.tables} bảng, số dòng và SHA-256 từng bảng khớp, trong ${seconds(Date.now() - started)}.`);
    return;
  }

  const database = await openDatabase(config, { migrate: false, attach: true });
  try {
    console.log(`Phục hồi ${file} vào ${database.description}`);
    const summary = await restoreFromFile(database, file, { onStep: (message) => console.log(message), onTable });
    console.log(describe(summary.manifest));
    console.log(
      `Xong: ${formatNumber(summary.end.rows)} dòng của ${summary.end.tables} bảng đã phục hồi trong một giao dịch; số dòng và SHA-256 từng bảng khớp; ${seconds(summary.millis)}.`,
    );
    const newer = await migrateToLatest(database.db);
    if (newer.length > 0) console.log(`Đã áp dụng ${newer.length} migration mới hơn bản sao lưu: ${newer.join(', ')}.`);
    console.log('Phiên đăng nhập không nằm trong bản sao lưu: mọi người đăng nhập lại.');
  } finally {
    await database.close();
  }
}

function backupPath(out: string | undefined): string {
  const name = defaultBackupName(new Date());
  if (!out) return path.join('backups', name);
  if (out.endsWith('/') || (fs.existsSync(out) && fs.statSync(out).isDirectory())) return path.join(out, name);
  return out;
}

function describe(manifest: Manifest): string {
  const created = dateTime(new Date(manifest.createdAt));
  return `Bản sao lưu tạo lúc ${created}, PostgreSQL ${manifest.server.version}, ${manifest.migrations.length} migration (đến ${manifest.migrations.at(-1) ?? '—'}), ${manifest.tables.length} bảng`;
}

/** dd/mm/yyyy hh:mm:ss, local time of the machine (as in the default file name). */
function dateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function seconds(millis: number): string {
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(millis / 1000)} s`;
}

function megabytes(bytes: number): string {
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}
