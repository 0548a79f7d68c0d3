import ExcelJS from 'exceljs';
import type pg from 'pg';
import { MEMBER_SHEET_COLUMNS, XLSX_MIME } from '../src/shared/domain/member-sheet';

/**
 * The member registry at national scale: (c) page 1,000 of every member sorted by name, through the
 * app and as the same SQL straight on the pool; (d) an Excel import of 50,000 rows, from upload to done.
 */

export interface RegistryResult {
  listAppMs: number;
  listSqlMs: number;
  listDefaultPlanMs: number;
  importRows: number;
  importValidateSeconds: number;
  importWriteSeconds: number;
}

const PAGE = 1000;
const PAGE_SIZE = 50;
const SAMPLES = 15;

/** The query the list route runs for a whole subtree without filters (see members.repository.ts). */
const LIST_SQL = `
  SELECT m.id, m.unit_id, m.family_name, m.middle_name, m.given_name, m.gender, m.birth_date, m.ethnicity, m.status,
         m.joined_on, m.official_on, m.card_number, m.id_number, m.phone, m.is_key_leader, m.is_head, m.left_on,
         m.left_reason, m.version, m.created_at, m.updated_at, u.name AS unit_name, u.kind AS unit_kind, u.code AS unit_code,
         u.path::text AS unit_path,
         (SELECT array_agg(p.position ORDER BY p.started_on) FROM member_position p WHERE p.member_id = m.id AND p.ended_on IS NULL) AS positions
    FROM member m JOIN unit u ON u.id = m.unit_id
   WHERE u.path <@ $1::ltree AND m.left_on IS NULL
   ORDER BY m.given_name COLLATE "vi-x-icu", m.middle_name COLLATE "vi-x-icu", m.family_name COLLATE "vi-x-icu", m.id
   LIMIT $2 OFFSET $3`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function memberSheet(rows: number, cellCodes: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  sheet.addRow(MEMBER_SHEET_COLUMNS.map((c) => c.header));
  const given = ['Hùng', 'Lan', 'Dũng', 'Hương', 'Tuấn', 'Mai', 'Nam', 'Thảo'];
  for (let i = 0; i < rows; i++) {
    const female = i % 2 === 1;
    sheet.addRow([
      cellCodes[i % cellCodes.length] ?? '',
      i % 3 === 0 ? 'Nguyễn' : 'Trần',
      female ? 'Thị' : 'Văn',
      given[i % given.length] ?? 'An',
      `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/19${60 + (i % 30)}`,
      female ? 'Nữ' : 'Nam',
      'Kinh',
      'Chính thức',
      '15/03/2008',
      '15/03/2009',
      `BENCH.${String(i).padStart(6, '0')}`,
      '',
      '',
      '',
      '',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function waitFor(origin: string, cookie: string, id: number, states: string[]): Promise<{ status: string; message: string | null }> {
  for (;;) {
    const response = await fetch(`${origin}/api/member-imports/${id}`, { headers: { cookie } });
    const job = (await response.json()) as { status: string; message: string | null };
    if (!states.includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function registryBench(options: { origin: string; pool: pg.Pool; cookie: string; log: (message: string) => void; importRows: number }): Promise<RegistryResult> {
  const { origin, pool, cookie, log } = options;
  const listUrl = `${origin}/api/members?unitId=1&subtree=true&page=${PAGE}&pageSize=${PAGE_SIZE}`;
  const app: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < SAMPLES + 2; i++) {
    const appMs = await timed(async () => {
      const response = await fetch(listUrl, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`member list answered ${response.status}`);
      await response.arrayBuffer();
    });
    // The same SQL with the same planner setting the app uses for a large subtree (members.repository.ts).
    const sqlMs = await timed(async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_sort = off');
        await client.query(LIST_SQL, ['1', PAGE_SIZE, (PAGE - 1) * PAGE_SIZE]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    if (i >= 2) {
      app.push(appMs);
      raw.push(sqlMs);
    }
  }
  const sorted = await timed(async () => void (await pool.query(LIST_SQL, ['1', PAGE_SIZE, (PAGE - 1) * PAGE_SIZE])));
  log(`(c) the same SQL left to the default planner (sorting the whole subtree): ${sorted.toFixed(1)} ms`);
  log(`(c) member list page ${PAGE}: app median ${median(app).toFixed(1)} ms, same SQL median ${median(raw).toFixed(1)} ms`);

  // (d) Import into one province's cells.
  // The province with the most open cells: at small BENCH_SCALE the first province may have none.
  const province = (
    await pool.query<{ id: number; path: string }>(
      `SELECT p.id, p.path::text AS path FROM unit p
        WHERE p.depth = 1
        ORDER BY (SELECT count(*) FROM unit c WHERE c.path <@ p.path AND c.kind IN ('cell', 'grassroots_cell') AND c.valid_to IS NULL) DESC, p.id
        LIMIT 1`,
    )
  ).rows[0];
  if (!province) throw new Error('no province to import into');
  const cells = await pool.query<{ code: string }>(
    `SELECT code FROM unit WHERE path <@ $1::ltree AND kind IN ('cell', 'grassroots_cell') AND valid_to IS NULL ORDER BY id LIMIT 500`,
    [province.path],
  );
  const file = await memberSheet(options.importRows, cells.rows.map((r) => r.code));
  log(`(d) import: ${options.importRows.toLocaleString('en')} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB xlsx into unit ${province.id}`);
  const started = Date.now();
  const upload = await fetch(`${origin}/api/member-imports?unitId=${province.id}&fileName=bench.xlsx`, {
    method: 'POST',
    headers: { cookie, 'content-type': XLSX_MIME },
    body: new Uint8Array(file),
  });
  if (upload.status !== 202) throw new Error(`import upload answered ${upload.status}: ${await upload.text()}`);
  const { id } = (await upload.json()) as { id: number };
  const checked = await waitFor(origin, cookie, id, ['validating']);
  const validated = Date.now();
  if (checked.status !== 'valid') throw new Error(`import not valid: ${checked.status} ${checked.message ?? ''}`);
  const commit = await fetch(`${origin}/api/member-imports/${id}/commit`, { method: 'POST', headers: { cookie } });
  if (commit.status !== 202) throw new Error(`import commit answered ${commit.status}`);
  const done = await waitFor(origin, cookie, id, ['importing']);
  if (done.status !== 'done') throw new Error(`import ended ${done.status}: ${done.message ?? ''}`);
  const finished = Date.now();
  return {
    listAppMs: median(app),
    listSqlMs: median(raw),
    listDefaultPlanMs: sorted,
    importRows: options.importRows,
    importValidateSeconds: (validated - started) / 1000,
    importWriteSeconds: (finished - validated) / 1000,
  };
}
