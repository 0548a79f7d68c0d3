/**
 * Commitments (đăng ký việc làm theo) at national scale: a 2012 registration round at the root and a
 * personal commitment for ~87 % of the active members of the national tree (~4,300,000 rows at scale 1;
 * ~2 % of them drafts), with is_leader from the member flags, first submissions spread around the two
 * deadlines (leaders 15/04, everyone 31/05: most on time, some late), most accepted, some submitted or
 * returned, and a year-end review and decided level for ~40 % of the accepted ones; plus a collective
 * commitment for ~90 % of the grassroots units. Everything is generated inside PostgreSQL from hashes of
 * ids. Items and check-ins are not generated: coverage reads only the commitment rows and summaries.
 *
 * The national tree sets no key-leader or head flags, so ~4 % of the active members get one first
 * (an UPDATE with the member triggers off; leader_rollup is rebuilt by the recompute below).
 *
 * Loaded as a bulk load: the summary triggers of commitment off, its foreign keys and secondary indexes
 * dropped and built again after, then recompute_commitment_rollups() once.
 *
 * Measured: GET /api/commitments/coverage for the root and one district through the real app (p50/p95
 * of sequential requests), against the floor: the same per-child numbers (members, leaders, registrations
 * on time and late for members and leaders, collectives, accepted, self-reviewed, decided, decided levels)
 * computed straight from commitment, member and unit WITHOUT the summary tables (commitment_rollup,
 * assessment_rollup, leader_rollup, unit.member_count). Both answers are compared first, so the ratio
 * compares equal work.
 */
import pg from 'pg';
import { registrationState } from '../src/shared/domain/commitments';
import { TIMELINESS_STATES, type TimelinessCounts } from '../src/shared/domain/timeliness';
import type { Coverage, CoverageRow } from '../src/shared/schemas/commitments';
import { type Latency, appAgainstFloor, h } from './timing';

export interface CommitmentsGeneration {
  roundId: number;
  year: number;
  leaders: number;
  personal: number;
  drafts: number;
  onTime: number;
  late: number;
  leadersOnTime: number;
  accepted: number;
  decided: number;
  collectives: number;
  summaryRows: number;
  steps: { step: string; millis: number }[];
  millis: number;
}

export interface CommitmentsScenario {
  name: string;
  unitId: number;
  members: number;
  rows: number;
  app: Latency;
  floor: Latency;
  /** floor p50 / app p50: how many times faster coverage is with the summary tables. */
  speedup: number;
  target: string;
  verdict: string;
}

const ROOT = 1;
const YEAR = 2012;
const ROUND = { leaderDeadline: '2012-04-15', memberDeadline: '2012-05-31', reviewOpensOn: '2012-12-01' };
/** Members per INSERT statement; two connections take alternate chunks so both cores work. */
const CHUNK_MEMBERS = 250_000;

/**
 * One chunk of members (ids in [lo, hi)): ~87 % of the active ones register. $1 round, $2 lo, $3 hi.
 * Leaders mostly before their deadline (15/04), everyone else mostly in April–May, the rest late; ~2 %
 * are drafts; states and reviews from further hashes.
 */
const PERSONAL_SQL = `
  WITH m AS (
    SELECT m.id, m.unit_id, m.is_key_leader OR m.is_head AS is_leader,
           ${h('m.id', 601)} % 1000 AS r_date, ${h('m.id', 602)} AS spread, ${h('m.id', 603)} % 1000 AS r_state,
           ${h('m.id', 604)} % 100 AS r_review, ${h('m.id', 605)} % 100 AS r_level
      FROM member m
     WHERE m.id >= $2 AND m.id < $3 AND m.left_on IS NULL AND ${h('m.id', 600)} % 100 < 87
  ), dated AS (
    SELECT m.*,
           CASE WHEN r_state < 20 THEN 'draft' WHEN r_state < 50 THEN 'returned' WHEN r_state < 150 THEN 'submitted' ELSE 'accepted' END AS state,
           CASE WHEN r_state < 20 THEN NULL
                WHEN is_leader AND r_date < 800 THEN DATE '2012-03-01' + (spread % 46)::int
                WHEN is_leader AND r_date < 950 THEN DATE '2012-04-16' + (spread % 46)::int
                WHEN is_leader THEN DATE '2012-06-01' + (spread % 60)::int
                WHEN r_date < 870 THEN DATE '2012-04-01' + (spread % 61)::int
                ELSE DATE '2012-06-01' + (spread % 92)::int END AS first_submitted_on
      FROM m
  ), reviewed AS (
    SELECT d.*, d.state = 'accepted' AND r_review < 40 AS decided,
           CASE WHEN r_level < 8 THEN 'excellent' WHEN r_level < 68 THEN 'good' WHEN r_level < 93 THEN 'done' WHEN r_level < 97 THEN 'failed' END AS level
      FROM dated d
  )
  INSERT INTO commitment (round_id, kind, member_id, unit_id, is_leader, state, first_submitted_on, submitted_at, return_comment,
                          self_level, self_reviewed_at, cell_level, cell_reviewed_at, decided_level, not_assessed_reason, decided_at)
  SELECT $1, 'personal', id, unit_id, is_leader, state, first_submitted_on, first_submitted_on + time '20:00',
         CASE WHEN state = 'returned' THEN 'Đề nghị ghi rõ cách đo kết quả của từng việc.' END,
         CASE WHEN decided THEN coalesce(level, 'done') END, CASE WHEN decided THEN timestamptz '2012-12-05 20:00+07' END,
         CASE WHEN decided THEN coalesce(level, 'done') END, CASE WHEN decided THEN timestamptz '2012-12-12 20:00+07' END,
         CASE WHEN decided THEN level END, CASE WHEN decided AND level IS NULL THEN 'Ốm đau dài ngày' END,
         CASE WHEN decided THEN timestamptz '2012-12-20 09:00+07' END
    FROM reviewed`;

/** Collective commitments of ~90 % of the open grassroots units, mostly in May. $1 round. */
const COLLECTIVE_SQL = `
  INSERT INTO commitment (round_id, kind, unit_id, state, first_submitted_on, submitted_at)
  SELECT $1, 'collective', u.id, CASE WHEN ${h('u.id', 612)} % 100 < 80 THEN 'accepted' ELSE 'submitted' END,
         DATE '2012-05-01' + (${h('u.id', 611)} % 45)::int, DATE '2012-05-01' + (${h('u.id', 611)} % 45)::int + time '09:00'
    FROM unit u
   WHERE u.is_grassroots AND u.valid_to IS NULL AND ${h('u.id', 610)} % 100 < 90`;

/** Build the round and its commitments into the bench database (after the national tree; before any measurement). */
export async function generateCommitments(url: string, log: (message: string) => void): Promise<CommitmentsGeneration> {
  const started = Date.now();
  const steps: CommitmentsGeneration['steps'] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    steps.push({ step: name, millis: Date.now() - t0 });
    log(`  commitments: ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };

  // Connections of their own: the bulk-load settings must not leak into the app's pool.
  const pool = new pg.Pool({ connectionString: url, max: 2, options: '-c synchronous_commit=off -c work_mem=512MB -c maintenance_work_mem=1GB' });
  try {
    await step('key-leader and head flags on ~4 % of the members', async () => {
      await pool.query('ALTER TABLE member DISABLE TRIGGER USER');
      try {
        // Neither flag is in a member count; leader_rollup is rebuilt by the recompute below.
        await pool.query(`
          UPDATE member SET is_key_leader = ${h('id', 620)} % 1000 < 25, is_head = ${h('id', 621)} % 1000 < 18
           WHERE left_on IS NULL AND NOT is_key_leader AND NOT is_head AND (${h('id', 620)} % 1000 < 25 OR ${h('id', 621)} % 1000 < 18)`);
      } finally {
        await pool.query('ALTER TABLE member ENABLE TRIGGER USER');
      }
    });

    const roundId = await step('round', async () => {
      const round = await pool.query<{ id: number }>(
        `INSERT INTO commitment_round (unit_id, year, scheme_id, leader_deadline, member_deadline, review_opens_on, standards_note)
         SELECT $1, $2, s.id, $3, $4, $5, 'Dữ liệu đo hiệu năng' FROM assessment_scheme s WHERE s.code = '07-HD/BTCTW'
         RETURNING id`,
        [ROOT, YEAR, ROUND.leaderDeadline, ROUND.memberDeadline, ROUND.reviewOpensOn],
      );
      const id = round.rows[0]?.id;
      if (id === undefined) throw new Error('no commitment round (is the 07-HD/BTCTW scheme seeded?)');
      return Number(id);
    });

    const keys = await pool.query<{ name: string; definition: string }>(`
      SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE contype = 'f' AND conrelid = 'commitment'::regclass ORDER BY conname`);
    const indexes = await pool.query<{ name: string; definition: string }>(`
      SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
       WHERE i.indrelid = 'commitment'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1`);
    for (const key of keys.rows) await pool.query(`ALTER TABLE commitment DROP CONSTRAINT ${key.name}`);
    for (const index of indexes.rows) await pool.query(`DROP INDEX ${index.name}`);
    await pool.query('ALTER TABLE commitment DISABLE TRIGGER USER');

    const range = await pool.query<{ lo: string; hi: string }>(`SELECT min(id)::text AS lo, (max(id) + 1)::text AS hi FROM member`);
    const { lo, hi } = range.rows[0] ?? { lo: '0', hi: '0' };
    const chunks: [number, number][] = [];
    for (let from = Number(lo); from < Number(hi); from += CHUNK_MEMBERS) chunks.push([from, Math.min(Number(hi), from + CHUNK_MEMBERS)]);
    await step('personal commitments', async () => {
      let done = 0;
      const worker = async () => {
        for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
          const result = await pool.query(PERSONAL_SQL, [roundId, chunk[0], chunk[1]]);
          done += result.rowCount ?? 0;
          log(`    commitments ${done.toLocaleString('en')} rows (members below id ${chunk[1]})`);
        }
      };
      await Promise.all([worker(), worker()]);
    });
    await step('collective commitments', () => pool.query(COLLECTIVE_SQL, [roundId]));

    await step('indexes and foreign keys of commitment', async () => {
      await Promise.all(indexes.rows.map((index) => pool.query(index.definition)));
      for (const key of keys.rows) await pool.query(`ALTER TABLE commitment ADD CONSTRAINT ${key.name} ${key.definition}`);
      await pool.query('ALTER TABLE commitment ENABLE TRIGGER USER');
      await pool.query('ANALYZE commitment');
    });
    await step('recompute_commitment_rollups()', () => pool.query('SELECT recompute_commitment_rollups()'));
    await step('VACUUM ANALYZE', async () => {
      await Promise.all([pool.query('VACUUM (ANALYZE) commitment'), pool.query('VACUUM (ANALYZE) commitment_rollup')]);
      await Promise.all([pool.query('VACUUM (ANALYZE) assessment_rollup'), pool.query('VACUUM (ANALYZE) leader_rollup')]);
      await pool.query('VACUUM (ANALYZE) member');
    });

    const totals = await pool.query<Omit<CommitmentsGeneration, 'roundId' | 'year' | 'steps' | 'millis'>>(
      `SELECT (SELECT count(*) FROM member WHERE left_on IS NULL AND (is_key_leader OR is_head))::int AS leaders,
              count(*) FILTER (WHERE kind = 'personal')::int AS personal,
              count(*) FILTER (WHERE kind = 'personal' AND state = 'draft')::int AS drafts,
              count(*) FILTER (WHERE kind = 'personal' AND first_submitted_on <= $2::date)::int AS "onTime",
              count(*) FILTER (WHERE kind = 'personal' AND first_submitted_on > $2::date)::int AS late,
              count(*) FILTER (WHERE kind = 'personal' AND is_leader AND first_submitted_on <= $3::date)::int AS "leadersOnTime",
              count(*) FILTER (WHERE kind = 'personal' AND state = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE kind = 'personal' AND (decided_level IS NOT NULL OR not_assessed_reason IS NOT NULL))::int AS decided,
              count(*) FILTER (WHERE kind = 'collective')::int AS collectives,
              (SELECT count(*) FROM commitment_rollup WHERE round_id = $1)::int AS "summaryRows"
         FROM commitment WHERE round_id = $1`,
      [roundId, ROUND.memberDeadline, ROUND.leaderDeadline],
    );
    const t = totals.rows[0];
    if (!t) throw new Error('no totals');
    return { roundId, year: YEAR, ...t, steps, millis: Date.now() - started };
  } finally {
    await pool.end();
  }
}

/**
 * The floor: coverage's numbers per node (node 0 = the unit itself, else each child and its subtree),
 * straight from unit, member and commitment. $1 unit path, $2 unit depth, $3 round. Rows with a level
 * carry only that level's count; the row with level NULL carries the rest.
 */
const FLOOR_SQL = `
  WITH sub AS (
    SELECT u.id, CASE WHEN nlevel(u.path) = $2 + 1 THEN 0 ELSE ltree2text(subltree(u.path, $2 + 1, $2 + 2))::bigint END AS node
      FROM unit u WHERE u.path <@ $1::ltree
  ), people AS (
    SELECT s.node, count(*) AS members, count(*) FILTER (WHERE m.is_key_leader OR m.is_head) AS leaders
      FROM sub s JOIN member m ON m.unit_id = s.id
     WHERE m.left_on IS NULL
     GROUP BY s.node
  ), c AS (
    SELECT s.node, c.kind, c.is_leader, c.state, c.first_submitted_on, c.self_reviewed_at, c.decided_level, c.not_assessed_reason,
           r.member_deadline, r.leader_deadline
      FROM sub s JOIN commitment c ON c.unit_id = s.id JOIN commitment_round r ON r.id = c.round_id
     WHERE c.round_id = $3
  ), counts AS (
    SELECT node,
           count(*) FILTER (WHERE kind = 'personal' AND first_submitted_on <= member_deadline) AS members_on_time,
           count(*) FILTER (WHERE kind = 'personal' AND first_submitted_on > member_deadline) AS members_late,
           count(*) FILTER (WHERE kind = 'personal' AND is_leader AND first_submitted_on <= leader_deadline) AS leaders_on_time,
           count(*) FILTER (WHERE kind = 'personal' AND is_leader AND first_submitted_on > leader_deadline) AS leaders_late,
           count(*) FILTER (WHERE kind = 'collective' AND first_submitted_on <= member_deadline) AS collectives_on_time,
           count(*) FILTER (WHERE kind = 'collective' AND first_submitted_on > member_deadline) AS collectives_late,
           count(*) FILTER (WHERE kind = 'personal' AND state = 'accepted') AS accepted,
           count(*) FILTER (WHERE kind = 'personal' AND self_reviewed_at IS NOT NULL) AS self_reviewed,
           count(*) FILTER (WHERE kind = 'personal' AND (decided_level IS NOT NULL OR not_assessed_reason IS NOT NULL)) AS decided
      FROM c GROUP BY node
  ), levels AS (
    SELECT node, coalesce(decided_level, 'not_assessed') AS level, count(*) AS n
      FROM c WHERE kind = 'personal' AND (decided_level IS NOT NULL OR not_assessed_reason IS NOT NULL)
     GROUP BY 1, 2
  )
  SELECT coalesce(p.node, k.node)::int AS node, NULL::text AS level, 0 AS n,
         coalesce(p.members, 0)::int AS members, coalesce(p.leaders, 0)::int AS leaders,
         coalesce(k.members_on_time, 0)::int AS members_on_time, coalesce(k.members_late, 0)::int AS members_late,
         coalesce(k.leaders_on_time, 0)::int AS leaders_on_time, coalesce(k.leaders_late, 0)::int AS leaders_late,
         coalesce(k.collectives_on_time, 0)::int AS collectives_on_time, coalesce(k.collectives_late, 0)::int AS collectives_late,
         coalesce(k.accepted, 0)::int AS accepted, coalesce(k.self_reviewed, 0)::int AS self_reviewed, coalesce(k.decided, 0)::int AS decided
    FROM people p FULL JOIN counts k ON k.node = p.node
  UNION ALL
  SELECT node::int, level, n::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM levels`;

interface FloorRow {
  node: number;
  level: string | null;
  n: number;
  members: number;
  leaders: number;
  members_on_time: number;
  members_late: number;
  leaders_on_time: number;
  leaders_late: number;
  collectives_on_time: number;
  collectives_late: number;
  accepted: number;
  self_reviewed: number;
  decided: number;
}

interface FloorNode {
  row: FloorRow;
  levels: Record<string, number>;
}

const COUNT_FIELDS = [
  'members', 'leaders', 'members_on_time', 'members_late', 'leaders_on_time', 'leaders_late', 'collectives_on_time', 'collectives_late',
  'accepted', 'self_reviewed', 'decided',
] as const;

function emptyNode(node: number): FloorNode {
  return { row: { node, level: null, n: 0, members: 0, leaders: 0, members_on_time: 0, members_late: 0, leaders_on_time: 0, leaders_late: 0, collectives_on_time: 0, collectives_late: 0, accepted: 0, self_reviewed: 0, decided: 0 }, levels: {} };
}

function floorNodes(rows: FloorRow[]): Map<number, FloorNode> {
  const nodes = new Map<number, FloorNode>();
  const of = (node: number) => {
    let found = nodes.get(node);
    if (!found) nodes.set(node, (found = emptyNode(node)));
    return found;
  };
  for (const row of rows) {
    const node = of(row.node);
    if (row.level === null) node.row = row;
    else node.levels[row.level] = row.n;
  }
  return nodes;
}

/** The floor's whole-unit total: every node added up. */
function floorTotal(nodes: Map<number, FloorNode>): FloorNode {
  const total = emptyNode(-1);
  for (const { row, levels } of nodes.values()) {
    for (const f of COUNT_FIELDS) total.row[f] += row[f];
    for (const [level, n] of Object.entries(levels)) total.levels[level] = (total.levels[level] ?? 0) + n;
  }
  return total;
}

/** The four timeliness states of a group of people, as coverage derives them. */
function expectedStates(total: number, onTime: number, late: number, deadline: string, today: string): TimelinessCounts {
  const missing = Math.max(0, total - onTime - late);
  const state = registrationState(null, deadline, today);
  return { done_on_time: onTime, done_late: late, pending: state === 'pending' ? missing : 0, overdue: state === 'overdue' ? missing : 0 };
}

/** Why one row of the app disagrees with the floor's node, or null. */
function rowProblem(row: CoverageRow, node: FloorNode, coverage: Coverage): string | null {
  const f = node.row;
  const { leaderDeadline, memberDeadline } = coverage.round;
  const expected = {
    members: f.members,
    leaders: f.leaders,
    collectivesOnTime: f.collectives_on_time,
    collectivesLate: f.collectives_late,
    accepted: f.accepted,
    selfReviewed: f.self_reviewed,
    decided: f.decided,
  };
  for (const [key, value] of Object.entries(expected)) {
    if (row[key as keyof typeof expected] !== value) return `${row.unit.name}: ${key} ${String(row[key as keyof typeof expected])} in the app, ${value} in the floor`;
  }
  const states = [
    ['memberStates', row.memberStates, expectedStates(f.members, f.members_on_time, f.members_late, memberDeadline, coverage.today)],
    ['leaderStates', row.leaderStates, expectedStates(f.leaders, f.leaders_on_time, f.leaders_late, leaderDeadline, coverage.today)],
  ] as const;
  for (const [name, app, floor] of states) {
    if (TIMELINESS_STATES.some((s) => app[s] !== floor[s])) return `${row.unit.name}: ${name} ${JSON.stringify(app)} in the app, ${JSON.stringify(floor)} in the floor`;
  }
  const levels = new Set([...Object.keys(row.levels), ...Object.keys(node.levels)]);
  for (const level of levels) {
    if ((row.levels[level] ?? 0) !== (node.levels[level] ?? 0)) return `${row.unit.name}: level ${level} ${row.levels[level] ?? 0} in the app, ${node.levels[level] ?? 0} in the floor`;
  }
  return null;
}

/** The app's answer and the floor's must say the same thing, or the comparison means nothing. */
function sameAnswer(coverage: Coverage, floor: FloorRow[]): string | null {
  const nodes = floorNodes(floor);
  // Children without members are not shown (the app lists children with members); the unit's total counts everything.
  const shown = [...nodes.values()].filter((n) => n.row.node !== 0 && n.row.members > 0);
  if (shown.length !== coverage.rows.length) return `app shows ${coverage.rows.length} rows, the floor has ${shown.length} children with members`;
  for (const row of coverage.rows) {
    const problem = rowProblem(row, nodes.get(row.unit.id) ?? emptyNode(row.unit.id), coverage);
    if (problem) return problem;
  }
  return rowProblem(coverage.unit, floorTotal(nodes), coverage);
}

export interface CommitmentsBenchOptions {
  origin: string;
  pool: pg.Pool;
  cookie: string;
  log: (message: string) => void;
  generation: CommitmentsGeneration;
  /** The units whose coverage is measured, with a name for the report and an optional p95 target in ms. */
  views: { name: string; unitId: number; target?: number }[];
  samples: number;
  floorSamples: number;
}

/** Measure coverage of each unit: the app over HTTP against the floor SQL without summary tables. */
export async function commitmentsBench(options: CommitmentsBenchOptions): Promise<CommitmentsScenario[]> {
  const { origin, pool, cookie, log, generation } = options;
  const scenarios: CommitmentsScenario[] = [];
  for (const view of options.views) {
    const unit = (await pool.query<{ path: string; depth: number }>('SELECT path::text AS path, depth FROM unit WHERE id = $1', [view.unitId])).rows[0];
    if (!unit) throw new Error(`no unit ${view.unitId}`);
    const url = `${origin}/api/commitments/coverage?unitId=${view.unitId}&roundId=${generation.roundId}`;
    const fetchCoverage = async (): Promise<Coverage> => {
      const response = await fetch(url, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
      return (await response.json()) as Coverage;
    };
    const floorRows = async () => (await pool.query<FloorRow>(FLOOR_SQL, [unit.path, unit.depth, generation.roundId])).rows;

    // Same answer first (this also warms both paths).
    const answer = await fetchCoverage();
    const problem = sameAnswer(answer, await floorRows());
    if (problem) throw new Error(`commitment coverage of ${view.name} disagrees with the floor: ${problem}`);
    log(`coverage ${view.name}: ${answer.unit.members.toLocaleString('en')} members below, ${answer.rows.length} rows; app and floor agree`);

    const measured = await appAgainstFloor(fetchCoverage, floorRows, { samples: options.samples, floorSamples: options.floorSamples, target: view.target });
    scenarios.push({
      name: view.name,
      unitId: view.unitId,
      members: answer.unit.members,
      rows: answer.rows.length,
      ...measured,
    });
  }
  return scenarios;
}

export function printCommitments(generation: CommitmentsGeneration, scenarios: CommitmentsScenario[]): void {
  const g = generation;
  const n = (value: number) => value.toLocaleString('en');
  console.log(
    `(g) commitments ${g.year}: ${n(g.personal)} personal (${n(g.drafts)} drafts; ${n(g.onTime)} by the deadline, ${n(g.late)} late; ` +
      `${n(g.leadersOnTime)} of ${n(g.leaders)} leaders by theirs; ${n(g.accepted)} accepted, ${n(g.decided)} decided) and ${n(g.collectives)} collective; ` +
      `${n(g.summaryRows)} commitment_rollup rows; built in ${(g.millis / 1000).toFixed(1)} s:`,
  );
  const fmt = (l: Latency) => `p50 ${l.p50.toFixed(1)} / p95 ${l.p95.toFixed(1)} ms`;
  for (const s of scenarios) {
    console.log(
      `    GET /api/commitments/coverage ${s.name} (${n(s.members)} members, ${s.rows} rows): app ${fmt(s.app)}; ` +
        `floor without summary tables ${fmt(s.floor)} (n=${s.floor.samples}); floor/app ${s.speedup.toFixed(1)}×, ` +
        `app at ${((s.app.p50 / s.floor.p50) * 100).toFixed(1)} % of the floor's time${s.target ? `  target ${s.target}: ${s.verdict}` : ''}`,
    );
  }
}
