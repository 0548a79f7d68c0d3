/**
 * The direction cascade at national scale: a root plan with a requirement on the root's children, each
 * child's implementing plan (on time, late, or not yet) with its own requirement on its children, and
 * so on down to the cells, with dissemination conferences: one obligation per unit that must act
 * (~270,000 at scale 1). Everything is generated inside PostgreSQL from hashes of ids, with dates
 * relative to today so that all four timeliness states occur.
 *
 * Measured: GET /api/cascade for the root and for one district through the real app (p50/p95 of
 * sequential requests), the app's roll-up SQL alone, and a baseline that computes the same per-child
 * counts WITHOUT the cascade_obligation summary table: straight from party_document,
 * cascade_requirement, dissemination_conference and unit (what the app would have to do without it).
 * Both answers are compared, so the ratio compares equal work.
 */
import pg from 'pg';
import { cascadeRepository } from '../src/server/capabilities/cascade/cascade.repository';
import type { Db } from '../src/server/db/connect';
import { todayInVietnam } from '../src/server/http/clock';
import { TIMELINESS_STATES, type TimelinessCounts } from '../src/shared/domain/timeliness';
import type { CascadeView } from '../src/shared/schemas/cascade';
import { type Latency, h, latency, timed } from './timing';

export interface CascadeGeneration {
  rootDocumentId: number;
  rootLineage: string;
  documents: number;
  requirements: number;
  conferences: number;
  obligations: number;
  counts: TimelinessCounts;
  steps: { step: string; millis: number }[];
  millis: number;
}


export interface CascadeScenario {
  name: string;
  unitId: number;
  subtreeObligations: number;
  children: number;
  app: Latency;
  appSql: Latency;
  baseline: Latency;
  /** baseline p50 / app p50: how many times faster the view is with the summary table. */
  speedup: number;
  target: string;
  verdict: string;
}

export interface CascadeResult {
  generation: CascadeGeneration;
  scenarios: CascadeScenario[];
}

/** Timeliness windows per level of the acting unit (depth in the national tree) and how often it acts. */
const LEVELS = [
  // depth of the units that must act, days, conference days, share on time / late (in %), the rest has not acted
  { depth: 1, days: 30, conferenceDays: 45, onTime: 82, late: 16 },
  { depth: 2, days: 20, conferenceDays: 30, onTime: 80, late: 17 },
  { depth: 3, days: 20, conferenceDays: 30, onTime: 78, late: 16 },
  { depth: 4, days: 15, conferenceDays: 25, onTime: 74, late: 16 },
] as const;
/** The root plan is this many days old: deadlines at the bottom of the cascade are still running. */
const ROOT_AGE_DAYS = 100;
const ROOT_ISSUER = 1;



/** Build the cascade into the bench database (after the national tree; before any measurement). */
export async function generateCascade(url: string, log: (message: string) => void): Promise<CascadeGeneration> {
  const started = Date.now();
  const steps: CascadeGeneration['steps'] = [];
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    steps.push({ step: name, millis: Date.now() - t0 });
    log(`  cascade: ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
  const today = todayInVietnam();
  const rootDate = new Date(Date.parse(`${today}T00:00:00Z`) - ROOT_AGE_DAYS * 86_400_000).toISOString().slice(0, 10);

  // A connection of its own: the bulk-load settings must not leak into the app's pool.
  const client = new pg.Client({ connectionString: url, options: '-c synchronous_commit=off -c work_mem=256MB -c maintenance_work_mem=1GB' });
  await client.connect();
  try {
    // Secondary indexes are built after the load, as the national tree does; the refresh needs those of
    // party_document and dissemination_conference, so the obligations' own come last.
    const indexes = await client.query<{ table: string; name: string; def: string }>(`
      SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
        FROM pg_index i
       WHERE i.indrelid IN ('party_document'::regclass, 'dissemination_conference'::regclass, 'conference_document'::regclass, 'cascade_obligation'::regclass)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1, 2`);
    for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);
    // The triggers would refresh obligations after every statement; one refresh at the end does it all.
    await client.query('ALTER TABLE party_document DISABLE TRIGGER USER');
    await client.query('ALTER TABLE conference_document DISABLE TRIGGER USER');
    await client.query('ALTER TABLE cascade_requirement DISABLE TRIGGER USER');
    // The conference summary (conference_rollup) is rebuilt once after the load as well.
    await client.query('ALTER TABLE dissemination_conference DISABLE TRIGGER USER');

    const campaignId = await step('root plan', async () => {
      const campaign = await client.query<{ id: number }>(
        `INSERT INTO campaign (unit_id, name, start_year, end_year, description)
         VALUES ($1, 'Học tập và làm theo tấm gương đạo đức Hồ Chí Minh (dữ liệu đo hiệu năng)', $2, $2 + 4, NULL) RETURNING id`,
        [ROOT_ISSUER, Number(rootDate.slice(0, 4))],
      );
      const id = campaign.rows[0]?.id;
      if (id === undefined) throw new Error('no campaign');
      await client.query(
        `WITH n AS (SELECT nextval(pg_get_serial_sequence('party_document', 'id')) AS id)
         INSERT INTO party_document (id, campaign_id, issuer_unit_id, owner_unit_id, issuer_name, issuer_code, doc_type, type_symbol, term_id,
                                     number, symbol, issued_on, title, search_text, implements_id, lineage)
         SELECT n.id, $1, u.id, u.id, u.name, 'TU', 'plan', 'KH', t.id, 1, '01-KH/TU', $2::date,
                'Kế hoạch thực hiện Cuộc vận động (đo hiệu năng)', '01-kh/tu ke hoach thuc hien cuoc van dong', NULL, n.id::text::ltree
           FROM n CROSS JOIN unit u JOIN committee_term t ON $2::date BETWEEN t.starts_on AND t.ends_on
          WHERE u.id = $3`,
        [id, rootDate, ROOT_ISSUER],
      );
      return id;
    });

    for (const level of LEVELS) {
      // Fresh statistics on what the previous level wrote, or the planner takes the tables for empty.
      await client.query('ANALYZE party_document');
      await client.query('ANALYZE cascade_requirement');
      // The requirement of every document issued one level up, then the documents answering it.
      await step(`requirements on depth ${level.depth}`, () =>
        client.query(
          `INSERT INTO cascade_requirement (document_id, target_kinds, required_type, days, due_on, conference_days, conference_due_on)
           SELECT d.id, array(SELECT DISTINCT c.kind FROM unit c WHERE c.parent_id = u.id ORDER BY 1), 'plan', $2::int, d.issued_on + $2::int, $3::int, d.issued_on + $3::int
             FROM party_document d JOIN unit u ON u.id = d.issuer_unit_id
            WHERE d.campaign_id = $1 AND u.depth = $4 AND u.child_count > 0`,
          [campaignId, level.days, level.conferenceDays, level.depth - 1],
        ),
      );
      const inserted = await step(`plans of depth ${level.depth}`, () =>
        client.query(
          `WITH src AS MATERIALIZED (
             SELECT nextval(pg_get_serial_sequence('party_document', 'id')) AS id, c.id AS unit_id, c.name, c.kind, p.id AS parent_id,
                    p.lineage AS parent_lineage, p.symbol AS parent_symbol, p.term_id,
                    CASE WHEN x.roll < $2::int THEN p.issued_on + (2 + x.spread % ($4::int - 1))::int
                         ELSE r.due_on + (1 + x.spread % 25)::int END AS issued_on,
                    1 + x.spread % 60 AS number
               FROM cascade_requirement r
               JOIN party_document p ON p.id = r.document_id
               JOIN unit pu ON pu.id = p.issuer_unit_id
               JOIN unit c ON c.parent_id = pu.id AND c.kind = ANY (r.target_kinds) AND c.valid_to IS NULL
               CROSS JOIN LATERAL (SELECT ${h('c.id', 301)} % 100 AS roll, ${h('c.id', 302)} AS spread) x
              WHERE p.campaign_id = $1 AND pu.depth = $5::int AND x.roll < $2::int + $3::int
           )
           INSERT INTO party_document (id, campaign_id, issuer_unit_id, owner_unit_id, issuer_name, issuer_code, doc_type, type_symbol, term_id,
                                       number, symbol, issued_on, title, search_text, implements_id, lineage)
           SELECT id, $1, unit_id, unit_id, name, code, 'plan', 'KH', term_id, number, lpad(number::text, 2, '0') || '-KH/' || code, issued_on,
                  'Kế hoạch thực hiện Kế hoạch ' || parent_symbol, lpad(number::text, 2, '0') || '-kh/' || lower(code) || ' ke hoach', parent_id,
                  parent_lineage || id::text
             FROM (SELECT src.*, CASE kind WHEN 'district_committee' THEN 'TU' WHEN 'cell' THEN 'CB' WHEN 'grassroots_cell' THEN 'CB' ELSE 'ĐU' END AS code
                     FROM src) s
            -- Not dated in the future: a unit whose day has not come has simply not acted yet.
            WHERE issued_on <= $6::date`,
          [campaignId, level.onTime, level.late, level.days, level.depth - 1, today],
        ),
      );
      log(`  cascade: depth ${level.depth}: ${inserted.rowCount ?? 0} plans`);
    }

    // Conferences: most units that issued their plan disseminate it within a few weeks.
    await step('dissemination conferences', () =>
      client.query(
        `WITH src AS MATERIALIZED (
           SELECT nextval(pg_get_serial_sequence('dissemination_conference', 'id')) AS id, d.id AS document_id, d.issuer_unit_id,
                  d.issued_on + (1 + ${h('d.issuer_unit_id', 311)} % 28)::int AS held_on, 10 + ${h('d.issuer_unit_id', 312)} % 40 AS cadres,
                  ${h('d.issuer_unit_id', 313)} % 100 AS roll
             FROM party_document d
            WHERE d.campaign_id = $1 AND d.implements_id IS NOT NULL AND ${h('d.issuer_unit_id', 310)} % 100 < 88
         ), k AS (
           INSERT INTO dissemination_conference (id, unit_id, held_on, form, expected_cadres, attended_cadres, expected_members, attended_members)
           SELECT id, issuer_unit_id, held_on, CASE WHEN roll < 90 THEN 'in_person' WHEN roll < 96 THEN 'mixed' ELSE 'online' END,
                  cadres, cadres - roll % 4, cadres * 6, cadres * 6 - roll % 9
             FROM src WHERE held_on <= $2::date
           RETURNING id
         )
         INSERT INTO conference_document (conference_id, document_id)
         SELECT src.id, src.document_id FROM src JOIN k ON k.id = src.id`,
        [campaignId, today],
      ),
    );

    await step('indexes of documents and conferences', async () => {
      for (const index of indexes.rows.filter((i) => i.table !== 'cascade_obligation')) await client.query(index.def);
      await client.query('ANALYZE party_document');
      await client.query('ANALYZE cascade_requirement');
      await client.query('ANALYZE dissemination_conference');
      await client.query('ANALYZE conference_document');
    });
    await client.query('ALTER TABLE party_document ENABLE TRIGGER USER');
    await client.query('ALTER TABLE conference_document ENABLE TRIGGER USER');
    await client.query('ALTER TABLE cascade_requirement ENABLE TRIGGER USER');
    await client.query('ALTER TABLE dissemination_conference ENABLE TRIGGER USER');
    await step('recompute_conference_rollup()', () => client.query('SELECT recompute_conference_rollup()'));

    await step('refresh_cascade_obligations() of every requirement', () =>
      client.query(
        `SELECT refresh_cascade_obligations(array(SELECT r.id FROM cascade_requirement r JOIN party_document d ON d.id = r.document_id WHERE d.campaign_id = $1))`,
        [campaignId],
      ),
    );
    await step('indexes of obligations + VACUUM ANALYZE', async () => {
      for (const index of indexes.rows.filter((i) => i.table === 'cascade_obligation')) await client.query(index.def);
      for (const table of ['party_document', 'cascade_requirement', 'cascade_obligation', 'dissemination_conference', 'conference_document']) {
        await client.query(`VACUUM (ANALYZE) ${table}`);
      }
    });

    const root = await client.query<{ id: number; lineage: string }>(
      `SELECT id, lineage::text AS lineage FROM party_document WHERE campaign_id = $1 AND implements_id IS NULL`,
      [campaignId],
    );
    const rootDoc = root.rows[0];
    if (!rootDoc) throw new Error('no root document');
    const totals = await client.query<{ documents: number; requirements: number; conferences: number; obligations: number } & TimelinessCounts>(
      `SELECT (SELECT count(*) FROM party_document WHERE campaign_id = $1)::int AS documents,
              (SELECT count(*) FROM cascade_requirement r JOIN party_document d ON d.id = r.document_id WHERE d.campaign_id = $1)::int AS requirements,
              (SELECT count(*) FROM conference_document k JOIN party_document d ON d.id = k.document_id WHERE d.campaign_id = $1)::int AS conferences,
              count(*)::int AS obligations,
              count(*) FILTER (WHERE done_on IS NOT NULL AND done_on <= due_on)::int AS done_on_time,
              count(*) FILTER (WHERE done_on > due_on)::int AS done_late,
              count(*) FILTER (WHERE done_on IS NULL AND $2::date <= due_on)::int AS pending,
              count(*) FILTER (WHERE done_on IS NULL AND $2::date > due_on)::int AS overdue
         FROM cascade_obligation WHERE lineage <@ $3::ltree`,
      [campaignId, today, rootDoc.lineage],
    );
    const t = totals.rows[0];
    if (!t) throw new Error('no totals');
    return {
      rootDocumentId: rootDoc.id,
      rootLineage: rootDoc.lineage,
      documents: t.documents,
      requirements: t.requirements,
      conferences: t.conferences,
      obligations: t.obligations,
      counts: { done_on_time: t.done_on_time, done_late: t.done_late, pending: t.pending, overdue: t.overdue },
      steps,
      millis: Date.now() - started,
    };
  } finally {
    await client.end();
  }
}

/**
 * The baseline: the same per-node counts (the unit itself, and each child's subtree) computed from the
 * documents, requirements, conferences and the tree, as refresh_cascade_obligations() derives them,
 * without the cascade_obligation table. It uses the base tables' own indexes.
 */
const BASELINE_SQL = `
  WITH reqs AS (
    SELECT r.id, r.target_kinds, r.required_type, r.due_on, r.conference_due_on, d.id AS parent_document_id, d.issuer_unit_id
      FROM party_document d
      JOIN cascade_requirement r ON r.document_id = d.id
      JOIN unit iu ON iu.id = d.issuer_unit_id
     WHERE d.lineage <@ $1::ltree AND (iu.path <@ $2::ltree OR iu.path @> $2::ltree)
  ), targets AS (
    SELECT q.*, c.id AS unit_id, c.path
      FROM reqs q JOIN unit c ON c.parent_id = q.issuer_unit_id
     WHERE c.kind = ANY (q.target_kinds) AND c.valid_to IS NULL AND c.path <@ $2::ltree
  ), filled AS (
    SELECT t.unit_id, t.path, t.due_on, t.conference_due_on, f.issued_on AS done_on, m.held_on AS conference_on
      FROM targets t
      LEFT JOIN LATERAL (
        SELECT e.id, e.issued_on FROM party_document e
         WHERE e.implements_id = t.parent_document_id AND e.issuer_unit_id = t.unit_id AND e.doc_type = t.required_type
         ORDER BY e.issued_on, e.id LIMIT 1
      ) f ON true
      LEFT JOIN LATERAL (
        SELECT k.held_on FROM dissemination_conference k
         WHERE k.unit_id = t.unit_id
           AND EXISTS (SELECT 1 FROM conference_document kd WHERE kd.conference_id = k.id
                        AND (kd.document_id = t.parent_document_id OR kd.document_id = f.id))
         ORDER BY k.held_on, k.id LIMIT 1
      ) m ON t.conference_due_on IS NOT NULL
  ), s AS (
    SELECT CASE WHEN nlevel(path) = $3 + 1 THEN unit_id ELSE ltree2text(subltree(path, $3 + 1, $3 + 2))::bigint END AS node,
           CASE WHEN done_on IS NOT NULL THEN CASE WHEN done_on <= due_on THEN 'done_on_time' ELSE 'done_late' END
                WHEN $4::date <= due_on THEN 'pending' ELSE 'overdue' END AS state,
           CASE WHEN conference_due_on IS NULL THEN NULL
                WHEN conference_on IS NOT NULL THEN CASE WHEN conference_on <= conference_due_on THEN 'done_on_time' ELSE 'done_late' END
                WHEN $4::date <= conference_due_on THEN 'pending' ELSE 'overdue' END AS cstate
      FROM filled
  )
  SELECT node::int AS node,
         count(*) FILTER (WHERE state = 'done_on_time')::int AS done_on_time, count(*) FILTER (WHERE state = 'done_late')::int AS done_late,
         count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'overdue')::int AS overdue,
         count(*) FILTER (WHERE cstate = 'done_on_time')::int AS c_done_on_time, count(*) FILTER (WHERE cstate = 'done_late')::int AS c_done_late,
         count(*) FILTER (WHERE cstate = 'pending')::int AS c_pending, count(*) FILTER (WHERE cstate = 'overdue')::int AS c_overdue
    FROM s GROUP BY node`;

interface CountsRow extends TimelinessCounts {
  node: number;
  c_done_on_time: number;
  c_done_late: number;
  c_pending: number;
  c_overdue: number;
}

function key(counts: TimelinessCounts, conference: TimelinessCounts): string {
  return [...TIMELINESS_STATES.map((s) => counts[s]), ...TIMELINESS_STATES.map((s) => conference[s])].join(',');
}

/** The app's answer and the baseline's rows must say the same thing, or the comparison means nothing. */
function sameAnswer(view: CascadeView, rows: CountsRow[]): string | null {
  const asCounts = (row: CountsRow | undefined) => ({
    counts: { done_on_time: row?.done_on_time ?? 0, done_late: row?.done_late ?? 0, pending: row?.pending ?? 0, overdue: row?.overdue ?? 0 },
    conference: { done_on_time: row?.c_done_on_time ?? 0, done_late: row?.c_done_late ?? 0, pending: row?.c_pending ?? 0, overdue: row?.c_overdue ?? 0 },
  });
  const byNode = new Map(rows.map((row) => [row.node, row]));
  for (const child of view.children) {
    const expected = asCounts(byNode.get(child.unitId));
    if (key(child.counts, child.conferenceCounts) !== key(expected.counts, expected.conference)) {
      return `child ${child.unitId} (${child.name}): app ${key(child.counts, child.conferenceCounts)} ≠ baseline ${key(expected.counts, expected.conference)}`;
    }
  }
  const nodesWithRows = rows.filter((row) => row.node !== view.unit.unitId).length;
  if (nodesWithRows !== view.children.length) return `app shows ${view.children.length} children, baseline counts ${nodesWithRows}`;
  const total = rows.reduce(
    (sum, row) => {
      for (const s of TIMELINESS_STATES) {
        sum.counts[s] += row[s];
        sum.conference[s] += row[`c_${s}`];
      }
      return sum;
    },
    { counts: { done_on_time: 0, done_late: 0, pending: 0, overdue: 0 }, conference: { done_on_time: 0, done_late: 0, pending: 0, overdue: 0 } },
  );
  if (key(view.unit.counts, view.unit.conferenceCounts) !== key(total.counts, total.conference)) {
    return `unit total: app ${key(view.unit.counts, view.unit.conferenceCounts)} ≠ baseline ${key(total.counts, total.conference)}`;
  }
  return null;
}

export interface CascadeBenchOptions {
  origin: string;
  pool: pg.Pool;
  db: Db;
  cookie: string;
  log: (message: string) => void;
  generation: CascadeGeneration;
  /** The units whose view is measured, with a name for the report. */
  views: { name: string; unitId: number; target?: number }[];
  samples: number;
  baselineSamples: number;
}

/** Measure the cascade view of each unit: app over HTTP, app SQL alone, baseline SQL without the summary table. */
export async function cascadeBench(options: CascadeBenchOptions): Promise<CascadeScenario[]> {
  const { origin, pool, db, cookie, log, generation } = options;
  const repository = cascadeRepository(db);
  const scenarios: CascadeScenario[] = [];
  for (const view of options.views) {
    const unit = (await pool.query<{ path: string; depth: number }>('SELECT path::text AS path, depth FROM unit WHERE id = $1', [view.unitId])).rows[0];
    if (!unit) throw new Error(`no unit ${view.unitId}`);
    const url = `${origin}/api/cascade?documentId=${generation.rootDocumentId}&unitId=${view.unitId}`;
    const fetchView = async (): Promise<CascadeView> => {
      const response = await fetch(url, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
      return (await response.json()) as CascadeView;
    };
    const baselineRows = async () => (await pool.query<CountsRow>(BASELINE_SQL, [generation.rootLineage, unit.path, unit.depth, todayInVietnam()])).rows;

    // Same answer first (this also warms both paths).
    const answer = await fetchView();
    const problem = sameAnswer(answer, await baselineRows());
    if (problem) throw new Error(`cascade view of ${view.name} disagrees with the baseline: ${problem}`);
    const subtreeObligations = TIMELINESS_STATES.reduce((sum, s) => sum + answer.unit.counts[s], 0);
    log(`cascade ${view.name}: ${subtreeObligations.toLocaleString('en')} obligations below, ${answer.children.length} children; app and baseline agree`);

    for (let i = 0; i < 2; i++) await fetchView();
    const app: number[] = [];
    for (let i = 0; i < options.samples; i++) app.push(await timed(async () => void (await fetchView())));
    const appSql: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      appSql.push(await timed(async () => void (await repository.nodeCounts(generation.rootLineage, view.unitId, todayInVietnam()))));
    }
    const baseline: number[] = [];
    for (let i = 0; i < options.baselineSamples; i++) baseline.push(await timed(async () => void (await baselineRows())));
    const appLatency = latency(app);
    const baselineLatency = latency(baseline);
    const target = view.target;
    scenarios.push({
      name: view.name,
      unitId: view.unitId,
      subtreeObligations,
      children: answer.children.length,
      app: appLatency,
      appSql: latency(appSql),
      baseline: baselineLatency,
      speedup: baselineLatency.p50 / appLatency.p50,
      target: target === undefined ? '' : `p95<${target}ms`,
      verdict: target === undefined ? '' : appLatency.p95 < target ? 'PASS' : 'FAIL',
    });
  }
  return scenarios;
}

export function printCascade(generation: CascadeGeneration, scenarios: CascadeScenario[]): void {
  const c = generation.counts;
  console.log(
    `(e) cascade of ${generation.obligations.toLocaleString('en')} obligations (${generation.documents.toLocaleString('en')} plans, ` +
      `${generation.requirements.toLocaleString('en')} requirements, ${generation.conferences.toLocaleString('en')} conferences; ` +
      `on time ${c.done_on_time}, late ${c.done_late}, pending ${c.pending}, overdue ${c.overdue}; built in ${(generation.millis / 1000).toFixed(1)} s):`,
  );
  const fmt = (l: Latency) => `p50 ${l.p50.toFixed(1)} / p95 ${l.p95.toFixed(1)} ms`;
  for (const s of scenarios) {
    console.log(
      `    GET /api/cascade ${s.name} (${s.subtreeObligations.toLocaleString('en')} obligations, ${s.children} children): app ${fmt(s.app)} ` +
        `[its SQL ${fmt(s.appSql)}]; baseline without cascade_obligation ${fmt(s.baseline)} (n=${s.baseline.samples}); ` +
        `baseline/app ${s.speedup.toFixed(1)}×, app at ${((s.app.p50 / s.baseline.p50) * 100).toFixed(1)} % of the baseline's time` +
        `${s.target ? `  target ${s.target}: ${s.verdict}` : ''}`,
    );
  }
}
