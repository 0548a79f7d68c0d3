/**
 * Monthly cell meetings at national scale: a year's study topic at the root and, for every open cell of
 * the national tree, twelve months of meetings of last year (~3,300,000 rows at scale 1; the cells, so
 * the rows, scale with BENCH_SCALE): ~93 % of the cell-months held, 95 % of those on 1–2 topic items,
 * ~2 % of the cells missing two months in a row, some planned-but-not-held rows and a few extraordinary
 * meetings (which never count). Everything is generated inside PostgreSQL from hashes of ids. The
 * meetings carry their attendance counts on the row, which is all the matrix reads; attendance and item
 * rows are not generated (60,000,000 attendance rows would measure the generator, not the matrix).
 *
 * Loaded as a bulk load: the summary triggers off, the foreign keys and secondary indexes of cell_meeting
 * dropped and built again after, then recompute_meeting_rollup() once.
 *
 * Measured: GET /api/meetings/matrix for the root and one district through the real app (p50/p95 of
 * sequential requests), against the floor: the same per-child × month counts, cells per child, cells
 * missing two due months in a row and attendance, computed straight from cell_meeting and unit WITHOUT
 * the summary tables (meeting_rollup, cell_meeting_year). Both answers are compared first, so the ratio
 * compares equal work.
 */
import pg from 'pg';
import { todayInVietnam } from '../src/server/http/clock';
import { SQUARE_STATES, monthIsDue } from '../src/shared/domain/meetings';
import type { MatrixRow, MeetingMatrix } from '../src/shared/schemas/meetings';
import { type Latency, appAgainstFloor, h } from './timing';

export interface MeetingsGeneration {
  year: number;
  topicId: number;
  cells: number;
  meetings: number;
  held: number;
  heldWithoutTopic: number;
  plannedNotHeld: number;
  extraordinary: number;
  summaryRows: number;
  steps: { step: string; millis: number }[];
  millis: number;
}

export interface MeetingsScenario {
  name: string;
  unitId: number;
  cells: number;
  rows: number;
  app: Latency;
  floor: Latency;
  /** floor p50 / app p50: how many times faster the matrix is with the summary tables. */
  speedup: number;
  target: string;
  verdict: string;
}

const TOPIC_ITEMS = [
  'Tinh thần trách nhiệm trong thực thi công vụ, nhiệm vụ được giao',
  'Chống chủ nghĩa cá nhân, lợi ích nhóm, tư tưởng cục bộ',
  'Nói đi đôi với làm, gương mẫu trong lời nói và việc làm',
  'Trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu',
  'Gần dân, trọng dân, có trách nhiệm với dân',
  'Tự phê bình và phê bình, sửa chữa khuyết điểm trong chi bộ',
  'Cần, kiệm, liêm, chính, chí công vô tư',
];
const ROOT = 1;
/** Cells per INSERT statement; two connections take alternate chunks so both cores work. */
const CHUNK_CELLS = 25_000;



/**
 * One chunk of cells (ids in [lo, hi)): their twelve regular months (held, or planned and not held, or
 * nothing) and, for 1 % of the cells, one extraordinary meeting. $1 year, $2 topic, $3 lo, $4 hi.
 */
const CHUNK_SQL = `
  WITH cm AS (
    SELECT c.id AS unit_id, mo AS month, c.member_count AS roll,
           ${h('c.id', 401)} % 100 < 2 AS gap_cell, 1 + ${h('c.id', 402)} % 11 AS gap_from,
           ${h('c.id * 16 + mo', 403)} % 1000 AS r, ${h('c.id * 16 + mo', 404)} AS s
      FROM unit c CROSS JOIN generate_series(1, 12) AS mo
     WHERE c.id >= $3 AND c.id < $4 AND c.kind IN ('cell', 'grassroots_cell') AND c.valid_to IS NULL
  ), rows AS (
    SELECT unit_id, month, 'regular' AS kind, roll, s,
           NOT (r < 62 OR (gap_cell AND month IN (gap_from, gap_from + 1))) AS held
      FROM cm
     -- A missed month leaves a planned-but-not-held row about a third of the time, else nothing.
     WHERE NOT (r < 62 OR (gap_cell AND month IN (gap_from, gap_from + 1))) OR r < 22
    UNION ALL
    SELECT unit_id, month, 'extraordinary', roll, s, true
      FROM cm WHERE ${h('unit_id', 406)} % 100 = 0 AND month = 1 + ${h('unit_id', 407)} % 12
  ), dated AS (
    SELECT rows.*, make_date($1, month, 2 + (s % 24)::int) AS day,
           CASE WHEN NOT held OR kind = 'extraordinary' OR s % 100 >= 95 THEN 0 ELSE 1 + (s >> 8) % 2 END AS studied,
           (roll * (84 + (s >> 16) % 15) + 50) / 100 AS present
      FROM rows
  )
  INSERT INTO cell_meeting (unit_id, year, month, kind, topic_id, planned_on, planned_at, held_on, recorded_at,
                            studied_count, present_count, excused_count, absent_count, created_at, updated_at)
  SELECT unit_id, $1, month, kind, $2, day, (day - (8 + (s >> 24) % 15)::int) + time '20:00',
         CASE WHEN held THEN day END,
         CASE WHEN held THEN (day + (CASE WHEN (s >> 32) % 100 < 6 THEN 8 + (s >> 40) % 10 ELSE (s >> 40) % 5 END)::int) + time '21:00' END,
         studied,
         CASE WHEN held THEN least(present, roll) ELSE 0 END,
         CASE WHEN held THEN (roll - least(present, roll)) * 2 / 3 ELSE 0 END,
         CASE WHEN held THEN roll - least(present, roll) - (roll - least(present, roll)) * 2 / 3 ELSE 0 END,
         now(), now()
    FROM dated`;

/** Build the year's meetings into the bench database (after the national tree; before any measurement). */
export async function generateMeetings(url: string, log: (message: string) => void): Promise<MeetingsGeneration> {
  const started = Date.now();
  const steps: MeetingsGeneration['steps'] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    steps.push({ step: name, millis: Date.now() - t0 });
    log(`  meetings: ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
  // Last year: all twelve months are due, so every square is held, held without topic or not held.
  const year = Number(todayInVietnam().slice(0, 4)) - 1;

  // Connections of their own: the bulk-load settings must not leak into the app's pool.
  const pool = new pg.Pool({ connectionString: url, max: 2, options: '-c synchronous_commit=off -c work_mem=512MB -c maintenance_work_mem=1GB' });
  try {
    const keys = await pool.query<{ name: string; definition: string }>(`
      SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE contype = 'f' AND conrelid = 'cell_meeting'::regclass ORDER BY conname`);
    const indexes = await pool.query<{ name: string; definition: string }>(`
      SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
       WHERE i.indrelid = 'cell_meeting'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1`);
    for (const key of keys.rows) await pool.query(`ALTER TABLE cell_meeting DROP CONSTRAINT ${key.name}`);
    for (const index of indexes.rows) await pool.query(`DROP INDEX ${index.name}`);
    await pool.query('ALTER TABLE cell_meeting DISABLE TRIGGER USER');

    const topicId = await step('study topic', async () => {
      const topic = await pool.query<{ id: number }>(
        `INSERT INTO study_topic (unit_id, year, title, description)
         VALUES ($1, $2, 'Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm (dữ liệu đo hiệu năng)', NULL) RETURNING id`,
        [ROOT, year],
      );
      const id = topic.rows[0]?.id;
      if (id === undefined) throw new Error('no study topic');
      await pool.query(
        `INSERT INTO study_topic_item (topic_id, number, title) SELECT $1, n, t FROM unnest($2::text[]) WITH ORDINALITY AS x(t, n)`,
        [id, TOPIC_ITEMS],
      );
      return id;
    });

    const range = await pool.query<{ lo: string; hi: string; cells: number }>(`
      SELECT min(id)::text AS lo, (max(id) + 1)::text AS hi, count(*)::int AS cells FROM unit
       WHERE kind IN ('cell', 'grassroots_cell') AND valid_to IS NULL`);
    const { lo, hi, cells } = range.rows[0] ?? { lo: '0', hi: '0', cells: 0 };
    const chunks: [number, number][] = [];
    for (let from = Number(lo); from < Number(hi); from += CHUNK_CELLS) chunks.push([from, Math.min(Number(hi), from + CHUNK_CELLS)]);
    await step(`12 months of ${cells.toLocaleString('en')} cells`, async () => {
      let done = 0;
      const worker = async () => {
        for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
          const result = await pool.query(CHUNK_SQL, [year, topicId, chunk[0], chunk[1]]);
          done += result.rowCount ?? 0;
          log(`    meetings ${done.toLocaleString('en')} rows (cells below id ${chunk[1]})`);
        }
      };
      await Promise.all([worker(), worker()]);
    });

    await step('indexes and foreign keys of cell_meeting', async () => {
      await Promise.all(indexes.rows.map((index) => pool.query(index.definition)));
      for (const key of keys.rows) await pool.query(`ALTER TABLE cell_meeting ADD CONSTRAINT ${key.name} ${key.definition}`);
      await pool.query('ALTER TABLE cell_meeting ENABLE TRIGGER USER');
      await pool.query('ANALYZE cell_meeting');
    });
    await step('recompute_meeting_rollup()', () => pool.query('SELECT recompute_meeting_rollup()'));
    await step('VACUUM ANALYZE', async () => {
      await Promise.all([pool.query('VACUUM (ANALYZE) cell_meeting'), pool.query('VACUUM (ANALYZE) meeting_rollup')]);
      await pool.query('VACUUM (ANALYZE) cell_meeting_year');
    });

    const totals = await pool.query<{ meetings: number; held: number; without: number; planned: number; extraordinary: number; summary: number }>(
      `SELECT count(*)::int AS meetings,
              count(*) FILTER (WHERE kind = 'regular' AND held_on IS NOT NULL AND studied_count > 0)::int AS held,
              count(*) FILTER (WHERE kind = 'regular' AND held_on IS NOT NULL AND studied_count = 0)::int AS without,
              count(*) FILTER (WHERE held_on IS NULL)::int AS planned,
              count(*) FILTER (WHERE kind = 'extraordinary')::int AS extraordinary,
              (SELECT count(*) FROM meeting_rollup WHERE year = $1)::int AS summary
         FROM cell_meeting WHERE year = $1`,
      [year],
    );
    const t = totals.rows[0];
    if (!t) throw new Error('no totals');
    return {
      year,
      topicId,
      cells,
      meetings: t.meetings,
      held: t.held,
      heldWithoutTopic: t.without,
      plannedNotHeld: t.planned,
      extraordinary: t.extraordinary,
      summaryRows: t.summary,
      steps,
      millis: Date.now() - started,
    };
  } finally {
    await pool.end();
  }
}

/**
 * The floor: the matrix's numbers per node (each child of the unit, or the cell itself) and month,
 * straight from cell_meeting and unit; cells are those open at some time in the year, as in the app.
 * $1 unit path, $2 unit depth, $3 year, $4 mask of the due months. Rows with month 0 carry the per-node
 * cell counts.
 */
const FLOOR_SQL = `
  WITH cells AS (
    SELECT c.id, CASE WHEN nlevel(c.path) = $2 + 1 THEN c.id ELSE ltree2text(subltree(c.path, $2 + 1, $2 + 2))::bigint END AS node
      FROM unit c
     WHERE c.path <@ $1::ltree AND c.kind IN ('cell', 'grassroots_cell')
       AND c.valid_from <= make_date($3, 12, 31) AND (c.valid_to IS NULL OR c.valid_to >= make_date($3, 1, 1))
  ), held AS (
    SELECT c.node, c.id, m.month, m.studied_count, m.present_count, m.present_count + m.excused_count + m.absent_count AS roll
      FROM cells c JOIN cell_meeting m ON m.unit_id = c.id
     WHERE m.year = $3 AND m.kind = 'regular' AND m.held_on IS NOT NULL
  ), masks AS (
    SELECT c.node, $4::int & ~coalesce(bit_or(1 << (h.month - 1)), 0) AS missing
      FROM cells c LEFT JOIN held h ON h.id = c.id
     GROUP BY c.node, c.id
  )
  SELECT node::int AS node, 0 AS month, count(*)::int AS cells, count(*) FILTER (WHERE missing & (missing >> 1) <> 0)::int AS missing_two,
         0 AS held, 0 AS held_without_topic, 0::bigint AS present, 0::bigint AS roll
    FROM masks GROUP BY node
  UNION ALL
  SELECT node::int, month, 0, 0, count(*) FILTER (WHERE studied_count > 0)::int, count(*) FILTER (WHERE studied_count = 0)::int,
         sum(present_count)::bigint, sum(roll)::bigint
    FROM held GROUP BY node, month`;

interface FloorRow {
  node: number;
  month: number;
  cells: number;
  missing_two: number;
  held: number;
  held_without_topic: number;
  present: string;
  roll: string;
}

/** The app's rows and the floor's must say the same thing, or the comparison means nothing. */
function sameAnswer(matrix: MeetingMatrix, floor: FloorRow[], due: boolean[]): string | null {
  const byNode = new Map<number, FloorRow[]>();
  for (const row of floor) byNode.set(row.node, [...(byNode.get(row.node) ?? []), row]);
  const nodes = [...byNode.keys()].filter((node) => node !== matrix.unit.unit.id || matrix.rows.length === 0);
  const rows: MatrixRow[] = matrix.rows.length > 0 ? matrix.rows : [matrix.unit];
  if (rows.length !== nodes.length) return `app shows ${rows.length} rows, the floor has ${nodes.length} nodes with cells`;
  for (const row of rows) {
    const mine = byNode.get(row.unit.id) ?? [];
    const cells = mine.find((r) => r.month === 0);
    if ((cells?.cells ?? 0) !== row.cells) return `${row.unit.name}: ${row.cells} cells in the app, ${cells?.cells ?? 0} in the floor`;
    if ((cells?.missing_two ?? 0) !== row.cellsMissingTwoInRow) {
      return `${row.unit.name}: ${row.cellsMissingTwoInRow} cells missing two months in a row in the app, ${cells?.missing_two ?? 0} in the floor`;
    }
    let present = 0;
    let roll = 0;
    for (let month = 1; month <= 12; month++) {
      const m = mine.find((r) => r.month === month);
      const held = m?.held ?? 0;
      const without = m?.held_without_topic ?? 0;
      present += Number(m?.present ?? 0);
      roll += Number(m?.roll ?? 0);
      const rest = Math.max(0, row.cells - held - without);
      const expected = { held, held_without_topic: without, not_held: due[month - 1] ? rest : 0, not_yet_due: due[month - 1] ? 0 : rest };
      const square = row.squares[month - 1];
      if (!square || SQUARE_STATES.some((s) => square[s] !== expected[s])) {
        return `${row.unit.name}, month ${month}: app ${JSON.stringify(square)} ≠ floor ${JSON.stringify(expected)}`;
      }
    }
    const rate = roll > 0 ? present / roll : null;
    if ((rate === null) !== (row.attendanceRate === null) || Math.abs((rate ?? 0) - (row.attendanceRate ?? 0)) > 1e-9) {
      return `${row.unit.name}: attendance ${row.attendanceRate} in the app, ${rate} in the floor`;
    }
  }
  return null;
}

export interface MeetingsBenchOptions {
  origin: string;
  pool: pg.Pool;
  cookie: string;
  log: (message: string) => void;
  generation: MeetingsGeneration;
  /** The units whose matrix is measured, with a name for the report and an optional p95 target in ms. */
  views: { name: string; unitId: number; target?: number }[];
  samples: number;
  floorSamples: number;
}

/** Measure the matrix of each unit: the app over HTTP against the floor SQL without summary tables. */
export async function meetingsBench(options: MeetingsBenchOptions): Promise<MeetingsScenario[]> {
  const { origin, pool, cookie, log, generation } = options;
  const { year } = generation;
  const today = todayInVietnam();
  const due = Array.from({ length: 12 }, (_, i) => monthIsDue(year, i + 1, today));
  const dueMask = due.reduce((mask, isDue, i) => (isDue ? mask | (1 << i) : mask), 0);
  const scenarios: MeetingsScenario[] = [];
  for (const view of options.views) {
    const unit = (await pool.query<{ path: string; depth: number }>('SELECT path::text AS path, depth FROM unit WHERE id = $1', [view.unitId])).rows[0];
    if (!unit) throw new Error(`no unit ${view.unitId}`);
    const url = `${origin}/api/meetings/matrix?unitId=${view.unitId}&year=${year}`;
    const fetchMatrix = async (): Promise<MeetingMatrix> => {
      const response = await fetch(url, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
      return (await response.json()) as MeetingMatrix;
    };
    const floorRows = async () => (await pool.query<FloorRow>(FLOOR_SQL, [unit.path, unit.depth, year, dueMask])).rows;

    // Same answer first (this also warms both paths).
    const answer = await fetchMatrix();
    const problem = sameAnswer(answer, await floorRows(), due);
    if (problem) throw new Error(`meeting matrix of ${view.name} disagrees with the floor: ${problem}`);
    log(`matrix ${view.name}: ${answer.unit.cells.toLocaleString('en')} cells below, ${answer.rows.length} rows; app and floor agree`);

    const measured = await appAgainstFloor(fetchMatrix, floorRows, { samples: options.samples, floorSamples: options.floorSamples, target: view.target });
    scenarios.push({
      name: view.name,
      unitId: view.unitId,
      cells: answer.unit.cells,
      rows: answer.rows.length,
      ...measured,
    });
  }
  return scenarios;
}

export function printMeetings(generation: MeetingsGeneration, scenarios: MeetingsScenario[]): void {
  const g = generation;
  console.log(
    `(f) cell meetings ${g.year}: ${g.meetings.toLocaleString('en')} meetings of ${g.cells.toLocaleString('en')} cells ` +
      `(held with topic ${g.held.toLocaleString('en')}, without ${g.heldWithoutTopic.toLocaleString('en')}, planned not held ` +
      `${g.plannedNotHeld.toLocaleString('en')}, extraordinary ${g.extraordinary.toLocaleString('en')}; ${g.summaryRows.toLocaleString('en')} meeting_rollup rows; ` +
      `built in ${(g.millis / 1000).toFixed(1)} s):`,
  );
  const fmt = (l: Latency) => `p50 ${l.p50.toFixed(1)} / p95 ${l.p95.toFixed(1)} ms`;
  for (const s of scenarios) {
    console.log(
      `    GET /api/meetings/matrix ${s.name} (${s.cells.toLocaleString('en')} cells, ${s.rows} rows × 12 months): app ${fmt(s.app)}; ` +
        `floor without summary tables ${fmt(s.floor)} (n=${s.floor.samples}); floor/app ${s.speedup.toFixed(1)}×, ` +
        `app at ${((s.app.p50 / s.floor.p50) * 100).toFixed(1)} % of the floor's time${s.target ? `  target ${s.target}: ${s.verdict}` : ''}`,
    );
  }
}
