/**
 * (h) The dashboard at national scale (issue #9): every indicator of src/shared/domain/indicators.ts for
 * the root, a district and a cell, through the real app, against (a) a naive computation of the same
 * numbers (WITH RECURSIVE over unit.parent_id, counting from the base tables, no summary table) and (b)
 * the fastest SQL we could write by hand for the same numbers, on the pool in the same process.
 *
 * Data: the tree, the cascade (e), the meetings of last year (f) and the commitment round (g) are reused.
 * The dashboard is read for the current year (its previous period and the same period last year are the
 * previous year), so the cascade is in the current period and the meetings in the previous ones; the
 * round of (g), built for 2012, is relabelled as the current year's (one row: its year; its dates stay,
 * nothing the dashboard reads depends on them). The small tables no earlier scenario fills are generated
 * here in SQL, for the previous and the current year, at a modest realistic volume (about 1 row per 20
 * units at scale 1): helper units (with a regulation for most), moral standards of the committees and
 * professional standards of the priority-sector cells, the year rule, pilots and a pressing issue of every
 * province-level committee, inspections / supervisions / reviews with the units concerned, findings,
 * follow-ups (done, late, open, overdue, cancelled) and negative phenomena, exemplars in every state with
 * commendations and publicity entries on the generic channels.
 *
 * Measured:
 * - GET /api/dashboard and GET /api/dashboard/children for the root, the median district and a cell (p50 /
 *   p95 of sequential requests, as (e)–(g)), after comparing the numerator and denominator of every
 *   indicator in the three periods (and of every child row) with the naive computation;
 * - the naive and the hand-written SQL for the same three periods (and the children rows);
 * - recording a meeting (POST /api/meetings, a cell's regular meeting of this month, as month-end does)
 *   one at a time, first alone, then while dashboards are read by concurrent readers (autocannon in a
 *   child process over root, district and cell dashboards).
 * Targets: root dashboard p95 < 150 ms and ≥ 10× faster than (a); the write p95 < 20 ms with readers.
 */
import pg from 'pg';
import { todayInVietnam } from '../src/server/http/clock';
import { type IndicatorKey, INDICATOR_KEYS } from '../src/shared/domain/indicators';
import type { Dashboard, DashboardChildren } from '../src/shared/schemas/dashboard';
import { type LoadResult, measure } from './load';
import { type Latency, h, latency, timed } from './timing';

export interface DashboardGeneration {
  year: number;
  roundRelabelled: boolean;
  helperUnits: number;
  standards: number;
  pilots: number;
  pressingIssues: number;
  activities: number;
  findings: number;
  followUps: number;
  negativePhenomena: number;
  exemplars: number;
  publicityEntries: number;
  steps: { step: string; millis: number }[];
  millis: number;
}

const ROOT = 1;
const GENERIC_TEXT = 'Dữ liệu đo hiệu năng';

/** The account that signs the generated rows (oversight, exemplars and the ledger need one). */
const ACCOUNT_SQL = `
  INSERT INTO account (username, display_name, password_hash, role, scope_unit_id)
  VALUES ('bench.generator', 'Đo hiệu năng (sinh dữ liệu)', 'not-a-hash', 'province_officer', ${ROOT})
  RETURNING id`;

/**
 * Helper units: the root, ~97 % of the province-level and ~85 % of the district-level committees, set up
 * between the year before last and the middle of this year; ~75 % with a regulation (a registered
 * 'QĐ' document of the committee). $1 year.
 */
const HELPER_UNITS_SQL = `
  WITH src AS MATERIALIZED (
    SELECT u.id AS unit_id, u.name, u.kind, ${h('u.id', 702)} AS s,
           make_date($1::int - 2, 6, 1) + (${h('u.id', 702)} % 760)::int AS established_on
      FROM unit u
     WHERE u.kind IN ('province_committee', 'district_committee', 'affiliated_committee', 'grassroots_committee')
       AND u.valid_to IS NULL AND ${h('u.id', 701)} % 100 < CASE WHEN u.depth <= 1 THEN 97 ELSE 85 END
  ), docs AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('party_document', 'id')) AS id, src.*
      FROM src WHERE s % 100 < 75
  ), inserted AS (
    INSERT INTO party_document (id, issuer_unit_id, owner_unit_id, issuer_name, issuer_code, doc_type, type_symbol, term_id,
                                number, symbol, issued_on, title, search_text, lineage)
    SELECT d.id, d.unit_id, d.unit_id, d.name, CASE d.kind WHEN 'grassroots_committee' THEN 'HU' ELSE 'TU' END, 'regulation', 'QĐ', t.id,
           900 + (d.s % 99)::int, (900 + (d.s % 99)::int)::text || '-QĐ/' || CASE d.kind WHEN 'grassroots_committee' THEN 'HU' ELSE 'TU' END,
           d.established_on + 10, 'Quy chế làm việc của Bộ phận giúp việc (${GENERIC_TEXT})', 'quy che lam viec bo phan giup viec',
           d.id::text::ltree
      FROM docs d JOIN committee_term t ON d.established_on + 10 BETWEEN t.starts_on AND t.ends_on
    RETURNING id, issuer_unit_id
  )
  INSERT INTO helper_unit (unit_id, name, established_on, regulation_document_id)
  SELECT src.unit_id, 'Bộ phận giúp việc ' || src.name, src.established_on, i.id
    FROM src LEFT JOIN inserted i ON i.issuer_unit_id = src.unit_id`;

/**
 * Standards: a moral standard for ~88 % of the open units that issue one (not the cells), a professional
 * one for ~20 % of those and for ~65 % of the open priority-sector cells; issued between the year before
 * last and today; ~8 % carry a later draft version as well. $1 year, $2 today.
 */
const STANDARDS_SQL = `
  WITH wanted AS (
    SELECT u.id AS unit_id, 'moral' AS kind, ${h('u.id', 712)} AS s FROM unit u
     WHERE u.kind <> 'cell' AND u.valid_to IS NULL AND ${h('u.id', 711)} % 100 < 88
    UNION ALL
    SELECT u.id, 'professional', ${h('u.id', 714)} FROM unit u
     WHERE u.valid_to IS NULL AND (
             (u.kind <> 'cell' AND ${h('u.id', 713)} % 100 < 20)
          OR (u.kind = 'cell' AND u.sector IN ('finance', 'banking', 'tax', 'social_insurance', 'investment', 'environment', 'construction',
                                               'justice', 'procuracy', 'court', 'police', 'health', 'education', 'personnel', 'inspection')
              AND ${h('u.id', 713)} % 100 < 65))
  ), standards AS (
    INSERT INTO conduct_standard (unit_id, kind) SELECT unit_id, kind FROM wanted RETURNING id, unit_id, kind
  ), dated AS (
    SELECT s.id, w.s, least($2::date, make_date($1::int - 2, 3, 1) + (w.s % 900)::int) AS issued_on
      FROM standards s JOIN wanted w ON w.unit_id = s.unit_id AND w.kind = s.kind
  )
  INSERT INTO standard_version (standard_id, version_no, title, state, submitted_at, approved_at, document_symbol, issued_on, created_at, updated_at)
  SELECT id, 1, 'Chuẩn mực (${GENERIC_TEXT})', 'issued', issued_on - 20, issued_on - 10, (1 + s % 90)::text || '-QĐ/CB', issued_on, issued_on - 30, issued_on
    FROM dated
  UNION ALL
  SELECT id, 2, 'Chuẩn mực sửa đổi (${GENERIC_TEXT})', 'draft', NULL, NULL, NULL, NULL, now(), now()
    FROM dated WHERE (s >> 16) % 100 < 8`;

/** The province's rule of both years: 2 comprehensive + 3 field pilots and one pressing issue. $1 year. */
const RULE_SQL = `
  INSERT INTO campaign_year_rule (unit_id, year, comprehensive_pilots, field_pilots, pressing_issues)
  VALUES (${ROOT}, $1::int - 1, 2, 3, 1), (${ROOT}, $1::int, 2, 3, 1)
  ON CONFLICT (unit_id, year) DO NOTHING`;

/**
 * Pilots of the province-level committees (district_committee in the national tree) in both years:
 * communes of their subtree, 2 comprehensive + 3 by field for ~80 % of them, fewer for the rest; last
 * year's completed, ~30 % of this year's. $1 year, $2 today.
 */
const PILOTS_SQL = `
  WITH committees AS (
    SELECT c.id, c.path, y.year, CASE WHEN ${h('c.id * 8 + y.year', 721)} % 100 < 80 THEN 5 ELSE 2 + ${h('c.id * 8 + y.year', 722)} % 3 END AS wanted
      FROM unit c CROSS JOIN (VALUES ($1::int - 1), ($1::int)) AS y(year)
     WHERE c.kind IN ('district_committee', 'affiliated_committee') AND c.valid_to IS NULL
  ), picked AS (
    SELECT k.id AS committee_id, k.year, t.id AS target_id, t.n, ${h('t.id * 8 + k.year', 724)} AS s
      FROM committees k
      CROSS JOIN LATERAL (
        SELECT u.id, row_number() OVER (ORDER BY ${h('u.id * 8 + k.year', 723)}) AS n
          FROM unit u WHERE u.path <@ k.path AND u.depth = 3 AND u.valid_to IS NULL
         ORDER BY ${h('u.id * 8 + k.year', 723)} LIMIT k.wanted
      ) t
  )
  INSERT INTO pilot (committee_unit_id, year, kind, field, target_unit_id, goals, responsible, state, result, completed_on)
  SELECT committee_id, year, CASE WHEN n <= 2 THEN 'comprehensive' ELSE 'field' END,
         CASE WHEN n > 2 THEN (ARRAY['Cải cách hành chính', 'Xây dựng nông thôn mới', 'Dân vận khéo'])[1 + (s % 3)::int] END,
         target_id, 'Mục tiêu (${GENERIC_TEXT})', 'Ban Tuyên giáo', 
         CASE WHEN year < $1::int OR s % 100 < 30 THEN 'completed' ELSE 'active' END,
         CASE WHEN year < $1::int OR s % 100 < 30 THEN 'Hoàn thành mục tiêu đề ra' END,
         CASE WHEN year < $1::int THEN make_date(year, 12, 1) WHEN s % 100 < 30 THEN least($2::date, make_date(year, 6, 1)) END
    FROM picked`;

/** One pressing issue of ~95 % of those committees per year, in every status. $1 year, $2 today. */
const ISSUES_SQL = `
  WITH src AS (
    SELECT c.id, y.year, ${h('c.id * 8 + y.year', 732)} % 100 AS r, ${h('c.id * 8 + y.year', 733)} AS s
      FROM unit c CROSS JOIN (VALUES ($1::int - 1), ($1::int)) AS y(year)
     WHERE c.kind IN ('district_committee', 'affiliated_committee') AND c.valid_to IS NULL AND ${h('c.id * 8 + y.year', 731)} % 100 < 95
  ), stated AS (
    SELECT src.*, CASE WHEN year < $1::int THEN (CASE WHEN r < 60 THEN 'resolved' WHEN r < 80 THEN 'not_resolved' WHEN r < 90 THEN 'on_track' ELSE 'at_risk' END)
                       ELSE (CASE WHEN r < 55 THEN 'on_track' WHEN r < 75 THEN 'at_risk' WHEN r < 95 THEN 'resolved' ELSE 'not_resolved' END) END AS status
      FROM src
  )
  INSERT INTO pressing_issue (committee_unit_id, year, title, target, status, resolved_on, evidence)
  SELECT id, year, 'Vấn đề nổi cộm (${GENERIC_TEXT})', 'Giải quyết dứt điểm trong năm', status,
         CASE WHEN status = 'resolved' THEN least($2::date, make_date(year, 3, 1) + (s % 280)::int) END,
         CASE WHEN status = 'resolved' THEN 'Báo cáo kết quả' END
    FROM stated`;

/**
 * Oversight: the root, the province- and the district-level committees organise 3–6 activities a year
 * each (inspections, supervisions, briefings, reviews), planned through the year; those due are mostly
 * held, some still planned, a few cancelled. Each concerns 1–3 of the organiser's children. $1 year,
 * $2 today, $3 account.
 */
const ACTIVITIES_SQL = `
  WITH src AS (
    SELECT o.id AS organiser, y.year, k.n, ${h('o.id * 64 + (y.year % 4) * 8 + k.n', 741)} AS s,
           (ARRAY['inspection', 'supervision', 'inspection', 'supervision', 'review_half_year', 'review_year'])[k.n] AS kind
      FROM unit o CROSS JOIN (VALUES ($1::int - 1), ($1::int)) AS y(year) CROSS JOIN generate_series(1, 6) AS k(n)
     WHERE o.depth <= 2 AND o.valid_to IS NULL AND o.child_count > 0 AND k.n <= 3 + ${h('o.id * 8 + y.year', 740)} % 4
  ), dated AS (
    SELECT src.*, make_date(year, 1, 10) + ((n - 1) * 55 + s % 50)::int AS planned_on FROM src
  ), stated AS (
    SELECT dated.*, CASE WHEN planned_on > $2::date THEN 'planned' WHEN (s >> 8) % 100 < 85 THEN 'held' WHEN (s >> 8) % 100 < 95 THEN 'planned' ELSE 'cancelled' END AS state
      FROM dated
  )
  INSERT INTO oversight_activity (organiser_unit_id, kind, title, planned_on, held_on, state, cancel_reason, participant_count, conclusion, created_by)
  SELECT organiser, kind, 'Hoạt động kiểm tra, giám sát (${GENERIC_TEXT})', planned_on,
         CASE WHEN state = 'held' THEN least($2::date, planned_on + ((s >> 16) % 10)::int) END, state,
         CASE WHEN state = 'cancelled' THEN 'Trùng lịch công tác' END,
         CASE WHEN state = 'held' THEN 10 + ((s >> 24) % 40)::int END,
         CASE WHEN state = 'held' THEN 'Kết luận' END, $3
    FROM stated`;

const ACTIVITY_UNITS_SQL = `
  INSERT INTO oversight_activity_unit (activity_id, unit_id)
  SELECT a.id, c.id
    FROM oversight_activity a
    CROSS JOIN LATERAL (
      SELECT u.id FROM unit u WHERE u.parent_id = a.organiser_unit_id AND u.valid_to IS NULL
       ORDER BY ${h('u.id * 131 + a.id', 742)} LIMIT 1 + ${h('a.id', 743)} % 3
    ) c
   WHERE a.kind IN ('inspection', 'supervision', 'review_half_year', 'review_year')`;

/** A finding per unit concerned by a held inspection or supervision: strengths, shortcomings, violations. $1 account. */
const FINDINGS_SQL = `
  INSERT INTO oversight_finding (activity_id, number, unit_id, kind, content, created_by, created_at)
  SELECT au.activity_id, row_number() OVER (PARTITION BY au.activity_id ORDER BY au.unit_id), au.unit_id,
         CASE WHEN ${h('au.activity_id * 131 + au.unit_id', 751)} % 100 < 40 THEN 'strength'
              WHEN ${h('au.activity_id * 131 + au.unit_id', 751)} % 100 < 85 THEN 'shortcoming' ELSE 'violation' END,
         'Nhận xét (${GENERIC_TEXT})', $1, a.held_on + time '17:00'
    FROM oversight_activity_unit au JOIN oversight_activity a ON a.id = au.activity_id
   WHERE a.state = 'held' AND a.kind IN ('inspection', 'supervision')`;

/**
 * A follow-up of each shortcoming and violation, due 30–90 days after the activity: those due mostly
 * done (some late), some open (overdue), a few cancelled; those not yet due mostly open. $1 today, $2 account.
 */
const FOLLOW_UPS_SQL = `
  WITH src AS (
    SELECT f.id, f.unit_id, a.held_on, a.held_on + (30 + ${h('f.id', 761)} % 61)::int AS due_on, ${h('f.id', 762)} AS s
      FROM oversight_finding f JOIN oversight_activity a ON a.id = f.activity_id
     WHERE f.kind IN ('shortcoming', 'violation')
  ), stated AS (
    SELECT src.*, CASE WHEN due_on < $1::date THEN (CASE WHEN s % 100 < 70 THEN 'done' WHEN s % 100 < 95 THEN 'open' ELSE 'cancelled' END)
                       ELSE (CASE WHEN s % 100 < 20 THEN 'done' ELSE 'open' END) END AS state
      FROM src
  )
  INSERT INTO follow_up (finding_id, owner_unit_id, task, due_on, state, done_on, result, closed_by, cancel_reason, created_at)
  SELECT id, unit_id, 'Khắc phục hạn chế (${GENERIC_TEXT})', due_on, state,
         CASE WHEN state = 'done' THEN least($1::date, greatest(held_on + 5, due_on - 20 + ((s >> 8) % 35)::int)) END,
         CASE WHEN state = 'done' THEN 'Đã khắc phục' END, CASE WHEN state = 'done' THEN $2::bigint END,
         CASE WHEN state = 'cancelled' THEN 'Không còn phù hợp' END, held_on + time '18:00'
    FROM stated`;

const PHENOMENA_SQL = `
  INSERT INTO negative_phenomenon (finding_id, unit_id, description, handling, created_by)
  SELECT f.id, f.unit_id, 'Biểu hiện tiêu cực (${GENERIC_TEXT})', 'Đã chấn chỉnh', $1
    FROM oversight_finding f WHERE f.kind = 'violation' AND ${h('f.id', 771)} % 100 < 50`;

/**
 * Exemplars nominated each year by ~1.5 % of the cells (a member of the cell, or the cell), ~30 % of the
 * communes and ~50 % of the districts (a collective or a person), decided by the parent: drafts, pending,
 * returned, rejected, approved, commended (decision in the year, up to today), ~60 % of the verified
 * ones public. $1 year, $2 today, $3 account.
 */
const EXEMPLARS_SQL = `
  WITH src AS (
    SELECT u.id AS unit_id, u.parent_id, u.kind, y.year, ${h('u.id * 8 + y.year', 782)} AS s,
           (SELECT min(m.id) FROM member m WHERE m.unit_id = u.id AND m.left_on IS NULL) AS member_id
      FROM unit u CROSS JOIN (VALUES ($1::int - 1), ($1::int)) AS y(year)
     WHERE u.valid_to IS NULL AND u.parent_id IS NOT NULL
       AND ${h('u.id * 8 + y.year', 781)} % 1000 < CASE WHEN u.kind = 'cell' THEN 15 WHEN u.depth = 3 THEN 300 WHEN u.depth = 2 THEN 500 ELSE 0 END
  ), shaped AS (
    SELECT src.*,
           CASE WHEN kind = 'cell' AND member_id IS NOT NULL AND s % 100 < 80 THEN 'member' WHEN s % 100 < 90 THEN 'collective' ELSE 'person' END AS subject,
           CASE WHEN (s >> 8) % 100 < 5 THEN 'draft' WHEN (s >> 8) % 100 < 20 THEN 'pending' WHEN (s >> 8) % 100 < 25 THEN 'returned'
                WHEN (s >> 8) % 100 < 30 THEN 'rejected' WHEN (s >> 8) % 100 < 60 THEN 'approved' ELSE 'commended' END AS state,
           least($2::date, make_date(year, 2, 1) + ((s >> 16) % 300)::int) AS decided_on
      FROM src
  )
  INSERT INTO exemplar (nominating_unit_id, year, subject_kind, member_id, family_name, given_name, collective_unit_id, title, field, summary,
                        deciding_unit_id, state, pending_unit_id, commendation_form, commendation_title, decision_symbol, decision_date,
                        is_public, published_at, created_by, created_at)
  SELECT unit_id, year, subject, CASE WHEN subject = 'member' THEN member_id END,
         CASE WHEN subject = 'person' THEN 'Nguyễn' END, CASE WHEN subject = 'person' THEN 'Văn An' END,
         CASE WHEN subject = 'collective' THEN unit_id END,
         'Điển hình tiên tiến (${GENERIC_TEXT})', 'Phát triển kinh tế', 'Tóm tắt thành tích', parent_id, state,
         CASE WHEN state = 'pending' THEN parent_id END,
         CASE WHEN state = 'commended' THEN (CASE WHEN (s >> 24) % 100 < 80 THEN 'giay_khen' ELSE 'bang_khen' END) END,
         CASE WHEN state = 'commended' THEN 'Điển hình tiên tiến' END,
         CASE WHEN state = 'commended' THEN (1 + (s >> 32) % 300)::text || '-QĐ/HU' END,
         CASE WHEN state = 'commended' THEN decided_on END,
         state IN ('approved', 'commended') AND (s >> 40) % 100 < 60,
         CASE WHEN state IN ('approved', 'commended') AND (s >> 40) % 100 < 60 THEN decided_on + time '10:00' END,
         $3, make_date(year, 1, 15) + time '08:00'
    FROM shaped`;

/** 0–3 publicity entries of each verified exemplar, on the generic channels, dated up to today. $1 today, $2 account. */
const PUBLICITY_SQL = `
  INSERT INTO publicity_entry (exemplar_id, channel_id, published_on, title, recorded_by)
  SELECT e.id, ch.id, least($1::date, coalesce(e.decision_date, make_date(e.year, 3, 1)) + (k.n * 17 + ${h('e.id', 792)} % 40)::int),
         'Tin, bài về điển hình (${GENERIC_TEXT})', $2
    FROM exemplar e
    CROSS JOIN generate_series(1, 3) AS k(n)
    JOIN LATERAL (
      SELECT c.id FROM publicity_channel c WHERE c.root_unit_id IS NULL
       ORDER BY ${h('e.id * 8 + k.n', 793)} % 1000, c.id LIMIT 1
    ) ch ON true
   WHERE e.state IN ('approved', 'commended') AND k.n <= ${h('e.id', 791)} % 4`;

/** Rows in which unit_figure_rollup (zero rows left out) and the same summary computed from the base tables differ. */
const UNIT_FIGURES_CHECK_SQL = `
  WITH fresh AS (
    SELECT a.id::bigint AS unit_id, k.priority_sector, k.issues_standards, k.helper_kind, k.valid_to, k.established_on, k.has_regulation,
           k.moral_on, k.professional_on, count(*)::int AS n
      FROM unit_figure_key_source k CROSS JOIN LATERAL unnest(string_to_array(k.path::text, '.')) AS a(id)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ), kept AS (
    SELECT unit_id, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation, moral_on, professional_on, n
      FROM unit_figure_rollup WHERE n <> 0
  )
  SELECT (SELECT count(*) FROM (TABLE fresh EXCEPT ALL TABLE kept) x) + (SELECT count(*) FROM (TABLE kept EXCEPT ALL TABLE fresh) y) AS differing`;

/** Tables whose triggers keep the dashboard's dated summaries (inspections, follow-ups, exemplars, publicity). */
const DATED_TABLES = ['oversight_activity', 'oversight_finding', 'follow_up', 'exemplar', 'publicity_entry'];

/**
 * Generate what the dashboard reads and no earlier scenario made (after (e), (f) and (g)), and relabel the
 * round of (g) as the current year's.
 */
export async function generateDashboardData(url: string, log: (message: string) => void, options: { roundId: number }): Promise<DashboardGeneration> {
  const started = Date.now();
  const steps: DashboardGeneration['steps'] = [];
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    steps.push({ step: name, millis: Date.now() - t0 });
    log(`  dashboard data: ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=off -c work_mem=256MB' });
  try {
    const account = Number((await pool.query<{ id: string }>(ACCOUNT_SQL)).rows[0]?.id);
    const counted = async (name: string, text: string, values: unknown[]) => (await step(name, () => pool.query(text, values))).rowCount ?? 0;
    const relabelled = await step(`round ${options.roundId} relabelled as ${year}`, () =>
      pool.query('UPDATE commitment_round SET year = $2 WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM commitment_round WHERE unit_id = $3 AND year = $2)', [
        options.roundId,
        year,
        ROOT,
      ]),
    );
    // The dated summaries of the dashboard (migration 0016) are rebuilt once after the bulk inserts
    // instead of by their triggers, statement after statement.
    for (const table of DATED_TABLES) await pool.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    const helperUnits = await counted('helper units and their regulations', HELPER_UNITS_SQL, [year]);
    const standards = await counted('standards', STANDARDS_SQL, [year, today]);
    await step('year rules', () => pool.query(RULE_SQL, [year]));
    const pilots = await counted('pilots', PILOTS_SQL, [year, today]);
    const pressingIssues = await counted('pressing issues', ISSUES_SQL, [year, today]);
    const activities = await counted('oversight activities', ACTIVITIES_SQL, [year, today, account]);
    await step('units concerned', () => pool.query(ACTIVITY_UNITS_SQL));
    const findings = await counted('findings', FINDINGS_SQL, [account]);
    const followUps = await counted('follow-ups', FOLLOW_UPS_SQL, [today, account]);
    const negativePhenomena = await counted('negative phenomena', PHENOMENA_SQL, [account]);
    const exemplars = await counted('exemplars', EXEMPLARS_SQL, [year, today, account]);
    const publicityEntries = await counted('publicity entries', PUBLICITY_SQL, [today, account]);
    for (const table of DATED_TABLES) await pool.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await step('recompute_oversight_rollups() + recompute_exemplar_rollups()', () => pool.query('SELECT recompute_oversight_rollups(), recompute_exemplar_rollups()'));
    // The helper units and standards above went through the triggers of migration 0015 (the tree's units
    // were recomputed after their load): the summary must equal a recompute, or every answer is wrong.
    await step('unit figures checked against a recompute', async () => {
      const { rows } = await pool.query<{ differing: number }>(UNIT_FIGURES_CHECK_SQL);
      const differing = Number(rows[0]?.differing ?? 0);
      if (differing > 0) throw new Error(`unit_figure_rollup differs from a recompute in ${differing} rows`);
    });
    await step('ANALYZE', async () => {
      for (const table of [
        'party_document', 'helper_unit', 'conduct_standard', 'standard_version', 'campaign_year_rule', 'pilot', 'pressing_issue', 'oversight_activity',
        'oversight_activity_unit', 'oversight_finding', 'follow_up', 'negative_phenomenon', 'exemplar', 'publicity_entry', 'commitment_round',
        'conference_rollup', 'inspection_rollup', 'follow_up_rollup', 'nomination_rollup', 'commendation_rollup', 'publicity_rollup', 'unit_figure_key', 'unit_figure_rollup',
      ]) {
        await pool.query(`ANALYZE ${table}`);
      }
    });
    return {
      year,
      roundRelabelled: (relabelled.rowCount ?? 0) === 1,
      helperUnits,
      standards,
      pilots,
      pressingIssues,
      activities,
      findings,
      followUps,
      negativePhenomena,
      exemplars,
      publicityEntries,
      steps,
      millis: Date.now() - started,
    };
  } finally {
    await pool.end();
  }
}

// ---------------------------------------------------------------- (a) naive: recursive CTE over base tables

/** Numerator and denominator of one indicator; breakdowns are not compared. */
export interface Pair {
  numerator: number;
  denominator: number | null;
}
export type Values = Record<IndicatorKey, Pair>;

/** The dates one computation needs: the period, its campaign year, the `asOf` day and today. */
export interface PeriodArgs {
  from: string;
  to: string;
  year: number;
  asOf: string;
  today: string;
}

const PRIORITY_SECTORS = "('finance', 'banking', 'tax', 'social_insurance', 'investment', 'environment', 'construction', 'justice', 'procuracy', 'court', 'police', 'health', 'education', 'personnel', 'inspection')";

/**
 * Every indicator for each anchor unit (node) and its subtree, found by WITH RECURSIVE over parent_id and
 * counted from the base tables only: the obligations of the cascade derived from documents, requirements
 * and conferences as refresh_cascade_obligations() does, meetings from cell_meeting, registrations from
 * commitment and member, and the small tables. Registrations are due as the indicator defines them: nothing
 * without a round of the year concerning the node (of a unit at or above it, found by WITH RECURSIVE up
 * parent_id, or below it), only those who registered before its deadline, every current member (leader)
 * after it. No summary table (cascade_obligation, cascade_rollup,
 * meeting_rollup, cell_meeting_year, cell_span_rollup, meeting_gap_rollup, commitment_rollup,
 * assessment_rollup, leader_rollup, unit.member_count). One row per (node, key).
 * $1 anchors, $2 from, $3 to, $4 year, $5 asOf, $6 today.
 */
export const NAIVE_SQL = `
  WITH RECURSIVE sub AS (
    SELECT u.id, u.id AS node, u.parent_id, u.kind, u.sector, u.valid_from, u.valid_to, true AS is_anchor
      FROM unit u WHERE u.id = ANY ($1::bigint[])
    UNION ALL
    SELECT c.id, s.node, c.parent_id, c.kind, c.sector, c.valid_from, c.valid_to, false
      FROM unit c JOIN sub s ON c.parent_id = s.id
  ), up AS (
    SELECT u.id AS node, u.id, u.parent_id FROM unit u WHERE u.id = ANY ($1::bigint[])
    UNION ALL
    SELECT a.node, p.id, p.parent_id FROM up a JOIN unit p ON p.id = a.parent_id
  ), rounds AS (
    SELECT x.node, max(r.leader_deadline) AS leader_deadline, max(r.member_deadline) AS member_deadline
      FROM (SELECT node, id FROM up UNION SELECT node, id FROM sub) x
      JOIN commitment_round r ON r.unit_id = x.id AND r.year = $4::int
     GROUP BY x.node
  ), open_units AS (
    SELECT * FROM sub WHERE valid_to IS NULL OR valid_to > $5::date
  ), targets AS (
    SELECT s.node, s.id AS unit_id, d.id AS parent_document_id, r.required_type, r.due_on, r.conference_due_on
      FROM sub s
      JOIN party_document d ON d.issuer_unit_id = s.parent_id
      JOIN cascade_requirement r ON r.document_id = d.id
     WHERE s.kind = ANY (r.target_kinds) AND s.valid_to IS NULL
    UNION ALL
    SELECT s.node, s.id, d.id, r.required_type, r.due_on, r.conference_due_on
      FROM sub s
      JOIN party_document d ON d.owner_unit_id = s.id AND d.issuer_unit_id IS NULL
      JOIN cascade_requirement r ON r.document_id = d.id
     WHERE s.kind = ANY (r.target_kinds) AND s.valid_to IS NULL
  ), obligations AS (
    SELECT t.node, t.due_on, t.conference_due_on, f.issued_on AS done_on, m.held_on AS conference_on
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
  ), months AS (
    SELECT extract(year FROM m)::int AS year, extract(month FROM m)::int AS month, (m + interval '1 month' - interval '1 day')::date < $6::date AS due
      FROM generate_series(date_trunc('month', $2::date::timestamp), date_trunc('month', $3::date::timestamp), interval '1 month') AS m
     WHERE (m + interval '1 month' - interval '1 day')::date BETWEEN $2::date AND $3::date
  ), cell_months AS (
    SELECT s.node, count(*) AS due
      FROM sub s JOIN months mo ON mo.due AND s.valid_from <= make_date(mo.year, 12, 31) AND (s.valid_to IS NULL OR s.valid_to >= make_date(mo.year, 1, 1))
     WHERE s.kind IN ('cell', 'grassroots_cell')
     GROUP BY s.node
  ), meetings AS (
    SELECT s.node, count(*) FILTER (WHERE mo.due AND m.studied_count > 0) AS valid,
           sum(m.present_count) AS present, sum(m.present_count + m.excused_count + m.absent_count) AS roll
      FROM sub s
      JOIN months mo ON true
      JOIN cell_meeting m ON m.unit_id = s.id AND m.year = mo.year AND m.month = mo.month
     WHERE s.kind IN ('cell', 'grassroots_cell') AND m.kind = 'regular' AND m.held_on IS NOT NULL
     GROUP BY s.node
  ), registrations AS (
    SELECT s.node,
           count(*) FILTER (WHERE c.first_submitted_on <= r.member_deadline) AS on_time,
           count(*) FILTER (WHERE c.first_submitted_on IS NOT NULL) AS registered,
           count(*) FILTER (WHERE c.is_leader AND c.first_submitted_on <= r.leader_deadline) AS leaders_on_time,
           count(*) FILTER (WHERE c.is_leader AND c.first_submitted_on IS NOT NULL) AS leaders_registered,
           count(*) FILTER (WHERE c.decided_level IS NOT NULL OR c.not_assessed_reason IS NOT NULL) AS decided
      FROM sub s JOIN commitment c ON c.unit_id = s.id JOIN commitment_round r ON r.id = c.round_id
     WHERE r.year = $4::int AND c.kind = 'personal'
     GROUP BY s.node
  ), people AS (
    SELECT s.node, count(*) AS members, count(*) FILTER (WHERE m.is_key_leader OR m.is_head) AS leaders
      FROM sub s JOIN member m ON m.unit_id = s.id
     WHERE m.left_on IS NULL
     GROUP BY s.node
  ), committees AS (
    SELECT s.node, s.id,
           (SELECT i.status FROM pressing_issue i WHERE i.committee_unit_id = s.id AND i.year = $4::int ORDER BY i.id LIMIT 1) AS status,
           (SELECT i.resolved_on FROM pressing_issue i WHERE i.committee_unit_id = s.id AND i.year = $4::int ORDER BY i.id LIMIT 1) AS resolved_on,
           (SELECT count(*) FROM pilot p WHERE p.committee_unit_id = s.id AND p.year = $4::int AND p.kind = 'comprehensive') AS comprehensive,
           (SELECT count(*) FROM pilot p WHERE p.committee_unit_id = s.id AND p.year = $4::int AND p.kind = 'field') AS field,
           coalesce(y.comprehensive_pilots, 2) AS rule_comprehensive, coalesce(y.field_pilots, 3) AS rule_field
      FROM open_units s
      JOIN unit u ON u.id = s.id
      LEFT JOIN campaign_year_rule y ON y.unit_id = ltree2text(subpath(u.path, 0, 1))::bigint AND y.year = $4::int
     WHERE s.kind IN ('district_committee', 'affiliated_committee')
  ), issued AS (
    SELECT s.node, s.id, s.kind, s.sector, s.parent_id,
           EXISTS (SELECT 1 FROM conduct_standard cs JOIN standard_version v ON v.standard_id = cs.id
                    WHERE cs.unit_id = s.id AND cs.kind = 'moral' AND v.issued_on <= $5::date) AS moral,
           EXISTS (SELECT 1 FROM conduct_standard cs JOIN standard_version v ON v.standard_id = cs.id
                    WHERE cs.unit_id = s.id AND cs.kind = 'professional' AND v.issued_on <= $5::date) AS professional
      FROM open_units s
     WHERE s.kind <> 'cell' OR s.sector IN ${PRIORITY_SECTORS}
  ), exemplars AS (
    SELECT s.node, e.id, e.year, e.state, e.decision_date FROM sub s JOIN exemplar e ON e.nominating_unit_id = s.id
  )
  SELECT node::int, 'plans_on_time' AS key,
         count(*) FILTER (WHERE done_on <= due_on)::int AS numerator,
         count(*) FILTER (WHERE done_on IS NOT NULL OR $6::date > due_on)::int AS denominator
    FROM obligations WHERE due_on BETWEEN $2::date AND $3::date GROUP BY node
  UNION ALL
  SELECT node::int, 'conferences_held', count(*) FILTER (WHERE conference_on IS NOT NULL)::int,
         count(*) FILTER (WHERE conference_on IS NOT NULL OR $6::date > conference_due_on)::int
    FROM obligations WHERE conference_due_on BETWEEN $2::date AND $3::date GROUP BY node
  UNION ALL
  SELECT s.node::int, 'conference_reach', sum(k.attended_cadres + k.attended_members)::int, sum(k.expected_cadres + k.expected_members)::int
    FROM sub s JOIN dissemination_conference k ON k.unit_id = s.id
   WHERE k.held_on BETWEEN $2::date AND $3::date GROUP BY s.node
  UNION ALL
  SELECT s.node::int, 'helper_units',
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM helper_unit hu WHERE hu.unit_id = s.id AND hu.established_on <= $5::date))::int, count(*)::int
    FROM open_units s
   WHERE s.kind IN ('province_committee', 'district_committee', 'affiliated_committee') OR (s.is_anchor AND s.kind = 'grassroots_committee')
   GROUP BY s.node
  UNION ALL
  SELECT node::int, 'standards_issued', count(*) FILTER (WHERE moral)::int, count(*)::int FROM issued WHERE kind <> 'cell' GROUP BY node
  UNION ALL
  SELECT i.node::int, 'priority_sector_standards', count(*) FILTER (WHERE i.professional)::int, count(*)::int
    FROM issued i
   WHERE i.sector IN ${PRIORITY_SECTORS} AND NOT EXISTS (SELECT 1 FROM unit p WHERE p.id = i.parent_id AND p.sector = i.sector)
   GROUP BY i.node
  UNION ALL
  SELECT p.node::int, 'leaders_registered', coalesce(r.leaders_on_time, 0)::int,
         (CASE WHEN k.node IS NULL THEN 0 WHEN $6::date > k.leader_deadline THEN p.leaders ELSE coalesce(r.leaders_registered, 0) END)::int
    FROM people p LEFT JOIN registrations r ON r.node = p.node LEFT JOIN rounds k ON k.node = p.node
  UNION ALL
  SELECT p.node::int, 'members_registered', coalesce(r.on_time, 0)::int,
         (CASE WHEN k.node IS NULL THEN 0 WHEN $6::date > k.member_deadline THEN p.members ELSE coalesce(r.registered, 0) END)::int
    FROM people p LEFT JOIN registrations r ON r.node = p.node LEFT JOIN rounds k ON k.node = p.node
  UNION ALL
  SELECT node::int, 'reviews_decided', least(decided, registered)::int, registered::int FROM registrations
  UNION ALL
  SELECT c.node::int, 'meetings_valid', least(coalesce(m.valid, 0), c.due)::int, c.due::int FROM cell_months c LEFT JOIN meetings m ON m.node = c.node
  UNION ALL
  SELECT node::int, 'meeting_attendance', present::int, roll::int FROM meetings
  UNION ALL
  SELECT node::int, 'pressing_issues_on_track', count(*) FILTER (WHERE status IN ('on_track', 'resolved'))::int, count(*)::int FROM committees GROUP BY node
  UNION ALL
  SELECT node::int, 'pressing_issues_resolved', count(*) FILTER (WHERE status = 'resolved' AND resolved_on <= $5::date)::int, count(*)::int FROM committees GROUP BY node
  UNION ALL
  SELECT node::int, 'pilot_quota_met', count(*) FILTER (WHERE comprehensive >= rule_comprehensive AND field >= rule_field)::int, count(*)::int FROM committees GROUP BY node
  UNION ALL
  SELECT s.node::int, 'inspections_held', count(*) FILTER (WHERE a.state = 'held')::int, count(*)::int
    FROM sub s JOIN oversight_activity a ON a.organiser_unit_id = s.id
   WHERE a.kind IN ('inspection', 'supervision') AND a.state <> 'cancelled' AND coalesce(a.held_on, a.planned_on) BETWEEN $2::date AND $3::date
   GROUP BY s.node
  UNION ALL
  SELECT s.node::int, 'follow_ups_overdue',
         count(*) FILTER (WHERE NOT (f.state = 'done' AND f.done_on <= $5::date) AND f.due_on < $5::date)::int, count(*)::int
    FROM sub s
    JOIN follow_up f ON f.owner_unit_id = s.id
    JOIN oversight_finding o ON o.id = f.finding_id
    JOIN oversight_activity a ON a.id = o.activity_id
   WHERE f.state <> 'cancelled' AND coalesce(a.held_on, a.planned_on) <= $5::date
   GROUP BY s.node
  UNION ALL
  SELECT node::int, 'exemplars_nominated', count(*)::int, NULL FROM exemplars WHERE year = $4::int AND state <> 'draft' GROUP BY node
  UNION ALL
  SELECT node::int, 'exemplars_commended', count(*)::int, NULL FROM exemplars WHERE state = 'commended' AND decision_date BETWEEN $2::date AND $3::date GROUP BY node
  UNION ALL
  SELECT e.node::int, 'exemplars_published', count(*)::int, NULL
    FROM exemplars e JOIN publicity_entry p ON p.exemplar_id = e.id
   WHERE p.published_on BETWEEN $2::date AND $3::date GROUP BY e.node`;

// ---------------------------------------------------------------- running the SQL

interface SqlRow {
  node: number;
  key: IndicatorKey;
  numerator: number | null;
  denominator: number | null;
}

/** Every key for every anchor: a node with no row for a key has 0 of it (and 0 due, or no denominator for counts). */
function valuesByNode(anchors: number[], rows: SqlRow[]): Map<number, Values> {
  const out = new Map<number, Values>();
  for (const node of anchors) {
    const values = {} as Values;
    for (const key of INDICATOR_KEYS) values[key] = { numerator: 0, denominator: COUNT_KEYS.has(key) ? null : 0 };
    out.set(node, values);
  }
  for (const row of rows) {
    const values = out.get(row.node);
    if (!values) continue;
    values[row.key] = { numerator: row.numerator ?? 0, denominator: COUNT_KEYS.has(row.key) ? null : (row.denominator ?? 0) };
  }
  return out;
}

/** Plain counts: no denominator. */
const COUNT_KEYS = new Set<IndicatorKey>(['exemplars_nominated', 'exemplars_commended', 'exemplars_published']);

/** Every indicator of each anchor's subtree for each period (the periods share `today`). */
export type Computation = (pool: pg.Pool, anchors: number[], periods: PeriodArgs[]) => Promise<Map<number, Values>[]>;

/** The naive computation, one statement per period, the periods side by side on the pool. */
export const naive: Computation = (pool, anchors, periods) =>
  Promise.all(
    periods.map(async (period) => valuesByNode(anchors, (await pool.query<SqlRow>(NAIVE_SQL, [anchors, period.from, period.to, period.year, period.asOf, period.today])).rows)),
  );

// ---------------------------------------------------------------- (b) hand-written: summary rows and one pass per source

/**
 * The same numbers as fast as we could write them: three statements side by side on the pool, each
 * answering every anchor and every period at once (`windows`, numbered from 1). Parameters by name:
 * :anchors, :froms, :tos, :years, :asOfs, :today.
 */
const WINDOWS = `windows AS (
    SELECT * FROM unnest(:froms::date[], :tos::date[], :years::int[], :asOfs::date[]) WITH ORDINALITY AS x(f, t, y, d, i)
  )`;

/**
 * 1. Summary rows of the anchors: cascade_rollup (+ the anchors' own obligations), commitment_rollup,
 *    leader_rollup, unit.member_count, meeting_rollup and cell_span_rollup; the deadlines of the rounds
 *    concerning each anchor (no round: nobody due; before the deadline: those who registered).
 */
const FAST_ROLLUPS_SQL = `
  WITH ${WINDOWS}, parts AS (
    SELECT r.unit_id AS node, r.due_on, r.conference_due_on, r.on_time, r.late, r.open, r.c_on_time, r.c_late, r.c_open
      FROM cascade_rollup r WHERE r.unit_id = ANY (:anchors::bigint[])
    UNION ALL
    SELECT o.unit_id, o.due_on, o.conference_due_on, coalesce(o.done_on <= o.due_on, false)::int, coalesce(o.done_on > o.due_on, false)::int,
           (o.done_on IS NULL)::int, coalesce(o.conference_on <= o.conference_due_on, false)::int, coalesce(o.conference_on > o.conference_due_on, false)::int,
           (o.conference_due_on IS NOT NULL AND o.conference_on IS NULL)::int
      FROM cascade_obligation o WHERE o.unit_id = ANY (:anchors::bigint[])
  ), cascade AS (
    SELECT w.i, p.node,
           coalesce(sum(p.on_time) FILTER (WHERE p.due_on BETWEEN w.f AND w.t), 0) AS on_time,
           coalesce(sum(p.on_time + p.late) FILTER (WHERE p.due_on BETWEEN w.f AND w.t), 0)
             + coalesce(sum(p.open) FILTER (WHERE p.due_on BETWEEN w.f AND w.t AND :today::date > p.due_on), 0) AS due,
           coalesce(sum(p.c_on_time + p.c_late) FILTER (WHERE p.conference_due_on BETWEEN w.f AND w.t), 0) AS held,
           coalesce(sum(p.c_on_time + p.c_late) FILTER (WHERE p.conference_due_on BETWEEN w.f AND w.t), 0)
             + coalesce(sum(p.c_open) FILTER (WHERE p.conference_due_on BETWEEN w.f AND w.t AND :today::date > p.conference_due_on), 0) AS c_due
      FROM parts p CROSS JOIN windows w GROUP BY 1, 2
  ), rounds AS (
    SELECT w.i, r.unit_id AS node, sum(r.members_on_time) AS on_time, sum(r.members_on_time + r.members_late) AS registered,
           sum(r.leaders_on_time) AS leaders_on_time, sum(r.leaders_on_time + r.leaders_late) AS leaders_registered, sum(r.decided) AS decided
      FROM commitment_rollup r JOIN commitment_round cr ON cr.id = r.round_id JOIN windows w ON w.y = cr.year
     WHERE r.unit_id = ANY (:anchors::bigint[])
     GROUP BY 1, 2
  ), months AS (
    SELECT w.i, extract(year FROM m)::int AS year, extract(month FROM m)::int AS month, (m + interval '1 month' - interval '1 day')::date < :today::date AS due
      FROM windows w CROSS JOIN LATERAL generate_series(date_trunc('month', w.f::timestamp), date_trunc('month', w.t::timestamp), interval '1 month') AS m
     WHERE (m + interval '1 month' - interval '1 day')::date BETWEEN w.f AND w.t
  ), meetings AS (
    SELECT mo.i, r.unit_id AS node, sum(r.held) FILTER (WHERE mo.due) AS held, sum(r.present) AS present, sum(r.roll) AS roll
      FROM meeting_rollup r JOIN months mo ON mo.year = r.year AND mo.month = r.month
     WHERE r.unit_id = ANY (:anchors::bigint[])
     GROUP BY 1, 2
  ), cells AS (
    SELECT mo.i, s.unit_id AS node, sum(s.cells) AS due
      FROM cell_span_rollup s JOIN months mo ON mo.due AND s.from_year <= mo.year AND s.to_year >= mo.year
     WHERE s.unit_id = ANY (:anchors::bigint[])
     GROUP BY 1, 2
  ), anchors AS (
    SELECT w.i, u.id AS node, u.member_count, coalesce(l.leaders, 0) AS leaders, d.leader_deadline, d.member_deadline
      FROM unit u LEFT JOIN leader_rollup l ON l.unit_id = u.id CROSS JOIN windows w
      CROSS JOIN LATERAL (
        SELECT max(cr.leader_deadline) AS leader_deadline, max(cr.member_deadline) AS member_deadline
          FROM commitment_round cr JOIN unit ru ON ru.id = cr.unit_id
         WHERE cr.year = w.y AND (ru.path @> u.path OR ru.path <@ u.path)
      ) d
     WHERE u.id = ANY (:anchors::bigint[])
  )
  SELECT i::int, node::int, 'plans_on_time' AS key, on_time::int AS numerator, due::int AS denominator FROM cascade
  UNION ALL SELECT i::int, node::int, 'conferences_held', held::int, c_due::int FROM cascade
  UNION ALL SELECT a.i::int, a.node::int, 'leaders_registered', coalesce(r.leaders_on_time, 0)::int,
                   (CASE WHEN a.leader_deadline IS NULL THEN 0 WHEN :today::date > a.leader_deadline THEN a.leaders ELSE coalesce(r.leaders_registered, 0) END)::int
              FROM anchors a LEFT JOIN rounds r USING (i, node)
  UNION ALL SELECT a.i::int, a.node::int, 'members_registered', coalesce(r.on_time, 0)::int,
                   (CASE WHEN a.member_deadline IS NULL THEN 0 WHEN :today::date > a.member_deadline THEN a.member_count ELSE coalesce(r.registered, 0) END)::int
              FROM anchors a LEFT JOIN rounds r USING (i, node)
  UNION ALL SELECT i::int, node::int, 'reviews_decided', least(decided, registered)::int, registered::int FROM rounds
  UNION ALL SELECT c.i::int, c.node::int, 'meetings_valid', least(coalesce(m.held, 0), c.due)::int, c.due::int FROM cells c LEFT JOIN meetings m USING (i, node)
  UNION ALL SELECT i::int, node::int, 'meeting_attendance', present::int, roll::int FROM meetings`;

/**
 * 2. One pass over the anchors' units that count (not the cells, but the priority-sector ones): helper
 *    units, standards, priority sectors, and the committees' pilots and pressing issue. A unit's parent
 *    is one of those units (cells have no children), so the priority-sector check is a hash join on the
 *    pass itself instead of a lookup per unit; only an anchor's own parent is looked up.
 */
const FAST_UNITS_SQL = `
  WITH ${WINDOWS}, anchors AS (
    SELECT id, path FROM unit WHERE id = ANY (:anchors::bigint[])
  ), units AS MATERIALIZED (
    SELECT a.id AS node, u.id, u.parent_id, u.kind, u.sector, u.valid_to,
           u.kind IN ('province_committee', 'district_committee', 'affiliated_committee') OR (u.id = a.id AND u.kind = 'grassroots_committee') AS helper_kind,
           u.kind IN ('district_committee', 'affiliated_committee') AS committee,
           ltree2text(subpath(u.path, 0, 1))::bigint AS root
      FROM anchors a JOIN unit u ON u.path <@ a.path
     WHERE u.kind <> 'cell' OR u.sector IN ${PRIORITY_SECTORS}
  ), issued AS (
    SELECT s.unit_id, min(v.issued_on) FILTER (WHERE s.kind = 'moral') AS moral_on, min(v.issued_on) FILTER (WHERE s.kind = 'professional') AS professional_on
      FROM conduct_standard s JOIN standard_version v ON v.standard_id = s.id
     WHERE v.issued_on IS NOT NULL
     GROUP BY 1
  ), pilots AS (
    SELECT committee_unit_id AS id, year, count(*) FILTER (WHERE kind = 'comprehensive') AS comprehensive, count(*) FILTER (WHERE kind = 'field') AS field
      FROM pilot WHERE year = ANY (:years::int[]) GROUP BY 1, 2
  ), issues AS (
    SELECT DISTINCT ON (committee_unit_id, year) committee_unit_id AS id, year, status, resolved_on
      FROM pressing_issue WHERE year = ANY (:years::int[]) ORDER BY committee_unit_id, year, id
  ), marked AS (
    SELECT x.*, x.sector IN ${PRIORITY_SECTORS}
                AND x.sector IS DISTINCT FROM (CASE WHEN p.id IS NOT NULL THEN p.sector ELSE (SELECT q.sector FROM unit q WHERE q.id = x.parent_id) END) AS priority
      FROM units x LEFT JOIN (SELECT DISTINCT id, sector FROM units WHERE kind <> 'cell') p ON p.id = x.parent_id
  ), counted AS (
    SELECT w.i, x.node,
           count(*) FILTER (WHERE x.helper_kind) AS committees, count(*) FILTER (WHERE x.helper_kind AND h.established_on <= w.d) AS set_up,
           count(*) FILTER (WHERE x.kind <> 'cell') AS standard_units, count(*) FILTER (WHERE x.kind <> 'cell' AND s.moral_on <= w.d) AS moral,
           count(*) FILTER (WHERE x.priority) AS priority_units, count(*) FILTER (WHERE x.priority AND s.professional_on <= w.d) AS professional,
           count(*) FILTER (WHERE x.committee) AS pilot_committees,
           count(*) FILTER (WHERE x.committee AND pi.status IN ('on_track', 'resolved')) AS on_track,
           count(*) FILTER (WHERE x.committee AND pi.status = 'resolved' AND pi.resolved_on <= w.d) AS resolved,
           count(*) FILTER (WHERE x.committee AND coalesce(p.comprehensive, 0) >= coalesce(y.comprehensive_pilots, 2)
                                                 AND coalesce(p.field, 0) >= coalesce(y.field_pilots, 3)) AS quota_met
      FROM marked x
      JOIN windows w ON x.valid_to IS NULL OR x.valid_to > w.d
      LEFT JOIN helper_unit h ON x.helper_kind AND h.unit_id = x.id
      LEFT JOIN issued s ON s.unit_id = x.id
      LEFT JOIN pilots p ON x.committee AND p.id = x.id AND p.year = w.y
      LEFT JOIN issues pi ON x.committee AND pi.id = x.id AND pi.year = w.y
      LEFT JOIN campaign_year_rule y ON x.committee AND y.unit_id = x.root AND y.year = w.y
     GROUP BY 1, 2
  )
  SELECT i::int, node::int, 'helper_units' AS key, set_up::int AS numerator, committees::int AS denominator FROM counted
  UNION ALL SELECT i::int, node::int, 'standards_issued', moral::int, standard_units::int FROM counted
  UNION ALL SELECT i::int, node::int, 'priority_sector_standards', professional::int, priority_units::int FROM counted
  UNION ALL SELECT i::int, node::int, 'pressing_issues_on_track', on_track::int, pilot_committees::int FROM counted
  UNION ALL SELECT i::int, node::int, 'pressing_issues_resolved', resolved::int, pilot_committees::int FROM counted
  UNION ALL SELECT i::int, node::int, 'pilot_quota_met', quota_met::int, pilot_committees::int FROM counted`;

/**
 * 3. Dated rows of the small tables, by the unit they belong to: conferences, oversight, exemplars. The
 *    bench database holds one tree, whose root holds every row, so a root anchor reads the rows without
 *    joining unit (with several trees this shortcut would need each row's root).
 */
const FAST_DATED_SQL = `
  WITH ${WINDOWS}, anchors AS (
    SELECT id, path, nlevel(path) = 1 AS is_root FROM unit WHERE id = ANY (:anchors::bigint[])
  ), owners AS (
    SELECT a.id AS node, u.id FROM anchors a JOIN unit u ON u.path <@ a.path WHERE NOT a.is_root
  ), roots AS (
    SELECT id AS node FROM anchors WHERE is_root
  ), conference_rows AS (
    SELECT o.node, k.held_on, k.attended_cadres + k.attended_members AS attended, k.expected_cadres + k.expected_members AS expected
      FROM dissemination_conference k JOIN owners o ON o.id = k.unit_id
    UNION ALL
    SELECT r.node, k.held_on, k.attended_cadres + k.attended_members, k.expected_cadres + k.expected_members
      FROM dissemination_conference k CROSS JOIN roots r
  ), conferences AS (
    SELECT w.i, c.node, sum(c.attended) AS attended, sum(c.expected) AS expected
      FROM conference_rows c JOIN windows w ON c.held_on BETWEEN w.f AND w.t GROUP BY 1, 2
  ), activities AS (
    SELECT o.node, x.* FROM oversight_activity x JOIN owners o ON o.id = x.organiser_unit_id
    UNION ALL
    SELECT r.node, x.* FROM oversight_activity x CROSS JOIN roots r
  ), inspections AS (
    SELECT w.i, x.node, count(*) FILTER (WHERE x.state = 'held') AS held, count(*) AS total
      FROM activities x JOIN windows w ON coalesce(x.held_on, x.planned_on) BETWEEN w.f AND w.t
     WHERE x.kind IN ('inspection', 'supervision') AND x.state <> 'cancelled'
     GROUP BY 1, 2
  ), follow_rows AS (
    SELECT o.node, f.state, f.done_on, f.due_on, f.finding_id FROM follow_up f JOIN owners o ON o.id = f.owner_unit_id WHERE f.state <> 'cancelled'
    UNION ALL
    SELECT r.node, f.state, f.done_on, f.due_on, f.finding_id FROM follow_up f CROSS JOIN roots r WHERE f.state <> 'cancelled'
  ), follow_ups AS (
    SELECT w.i, f.node, count(*) FILTER (WHERE NOT (f.state = 'done' AND f.done_on <= w.d) AND f.due_on < w.d) AS overdue, count(*) AS total
      FROM follow_rows f
      JOIN oversight_finding o ON o.id = f.finding_id
      JOIN oversight_activity x ON x.id = o.activity_id
      JOIN windows w ON coalesce(x.held_on, x.planned_on) <= w.d
     GROUP BY 1, 2
  ), nominated AS (
    SELECT o.node, e.id, e.year, e.state, e.decision_date FROM exemplar e JOIN owners o ON o.id = e.nominating_unit_id
    UNION ALL
    SELECT r.node, e.id, e.year, e.state, e.decision_date FROM exemplar e CROSS JOIN roots r
  ), exemplars AS (
    SELECT w.i, e.node, count(*) FILTER (WHERE e.year = w.y AND e.state <> 'draft') AS nominated,
           count(*) FILTER (WHERE e.state = 'commended' AND e.decision_date BETWEEN w.f AND w.t) AS commended
      FROM nominated e CROSS JOIN windows w GROUP BY 1, 2
  ), published AS (
    SELECT w.i, e.node, count(*) AS published
      FROM publicity_entry p JOIN nominated e ON e.id = p.exemplar_id JOIN windows w ON p.published_on BETWEEN w.f AND w.t
     GROUP BY 1, 2
  )
  SELECT i::int, node::int, 'conference_reach' AS key, attended::int AS numerator, expected::int AS denominator FROM conferences
  UNION ALL SELECT i::int, node::int, 'inspections_held', held::int, total::int FROM inspections
  UNION ALL SELECT i::int, node::int, 'follow_ups_overdue', overdue::int, total::int FROM follow_ups
  UNION ALL SELECT i::int, node::int, 'exemplars_nominated', nominated::int, NULL FROM exemplars
  UNION ALL SELECT i::int, node::int, 'exemplars_commended', commended::int, NULL FROM exemplars
  UNION ALL SELECT i::int, node::int, 'exemplars_published', published::int, NULL FROM published`;

/** `:name` parameters to $n, in order of first use, with their values. */
function bind(text: string, named: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const bound = text.replace(/:([a-zA-Z]+)\b/gu, (whole, name: string) => {
    if (!(name in named)) return whole;
    if (!order.includes(name)) order.push(name);
    return `$${order.indexOf(name) + 1}`;
  });
  return { text: bound, values: order.map((name) => named[name]) };
}

const FAST_STATEMENTS = [FAST_ROLLUPS_SQL, FAST_UNITS_SQL, FAST_DATED_SQL];

export const fastDashboard: Computation = async (pool, anchors, periods) => {
  const named = {
    anchors,
    froms: periods.map((p) => p.from),
    tos: periods.map((p) => p.to),
    years: periods.map((p) => p.year),
    asOfs: periods.map((p) => p.asOf),
    today: periods[0]?.today ?? '',
  };
  const results = await Promise.all(FAST_STATEMENTS.map((text) => bind(text, named)).map(({ text, values }) => pool.query<SqlRow & { i: number }>(text, values)));
  const rows = results.flatMap((r) => r.rows);
  return periods.map((_, index) => valuesByNode(anchors, rows.filter((row) => row.i === index + 1)));
};

// ---------------------------------------------------------------- comparing answers

function samePair(a: Pair | undefined, b: Pair | undefined): boolean {
  return (a?.numerator ?? 0) === (b?.numerator ?? 0) && (a?.denominator ?? null) === (b?.denominator ?? null);
}

function pairText(pair: Pair | undefined): string {
  return pair ? `${pair.numerator}/${pair.denominator ?? '—'}` : 'missing';
}

/** Every key on which `theirs` disagrees with `ours`, as text. */
function differences(where: string, ours: Partial<Record<IndicatorKey, Pair>>, theirs: Values | undefined, theirName: string): string[] {
  const problems: string[] = [];
  for (const key of INDICATOR_KEYS) {
    if (!samePair(ours[key], theirs?.[key])) problems.push(`${where} ${key}: app ${pairText(ours[key])}, ${theirName} ${pairText(theirs?.[key])}`);
  }
  return problems;
}

// ---------------------------------------------------------------- measuring

export interface DashboardView {
  name: string;
  unitId: number;
  /** p95 target of the app's full dashboard in ms, and the least speed-up over the naive computation. */
  target?: { p95: number; speedup: number };
}

export interface DashboardScenario {
  name: string;
  unitId: number;
  children: number;
  /** Full dashboard: three periods (current, previous period, same period last year). */
  app: Latency;
  naive: Latency;
  fast: Latency;
  /** Children rows: the current period for every direct child. */
  childrenApp: Latency;
  childrenNaive: Latency;
  childrenFast: Latency;
  /** naive p50 / app p50 and fast p50 / app p50. */
  speedup: number;
  appVsFast: number;
  childrenSpeedup: number;
  problems: string[];
  target: string;
  verdict: string;
}

export interface WriteScenario {
  cells: number;
  alone: Latency;
  withReaders: Latency;
  /**
   * The floor under the same readers: GET /api/auth/me (the session lookup every request makes, and
   * nothing else), timed after each write. A write cannot be faster than this on the same machine.
   */
  floorWithReaders: Latency;
  readers: Pick<LoadResult, 'rps' | 'p50' | 'p90' | 'p99' | 'max' | 'requests' | 'non2xx' | 'errors'>;
  readerConnections: number;
  errors: number;
  firstError: string | null;
  target: string;
  verdict: string;
}

export interface DashboardResult {
  scenarios: DashboardScenario[];
  write: WriteScenario;
  /** True when the app, the naive and the hand-written SQL gave the same numbers everywhere. */
  agree: boolean;
}

export interface DashboardBenchOptions {
  origin: string;
  pool: pg.Pool;
  cookie: string;
  log: (message: string) => void;
  generation: DashboardGeneration;
  views: DashboardView[];
  samples: number;
  fastSamples: number;
  /** No more app or hand-written samples after this many ms per measurement (at least three are always taken). */
  sampleBudgetMs: number;
  /** At most this many naive runs per view, and no more after `naiveBudgetMs` (at least one is always run). */
  naiveSamples: number;
  naiveBudgetMs: number;
  /** Meetings recorded one after another, alone and again with readers; concurrent dashboard readers. */
  writes: number;
  readerConnections: number;
  readerSeconds: number;
  /** The fastest hand-written computation (b). */
  fast: Computation;
}

/** `count` sequential timings, or fewer once `budgetMs` is spent (never fewer than `least`). */
async function samplesOf(run: () => Promise<unknown>, count: number, budgetMs = Number.POSITIVE_INFINITY, least = 1): Promise<Latency> {
  const times: number[] = [];
  const started = Date.now();
  for (let i = 0; i < count && (i < least || Date.now() - started < budgetMs); i++) times.push(await timed(async () => void (await run())));
  return latency(times);
}

function periodArgs(period: { from: string; to: string; year: number }, today: string): PeriodArgs {
  return { from: period.from, to: period.to, year: period.year, asOf: period.to < today ? period.to : today, today };
}

/** The full dashboard by a computation: the three periods at once, as the app computes them. */
async function fullDashboard(compute: Computation, pool: pg.Pool, unitId: number, periods: PeriodArgs[]): Promise<Values[]> {
  return (await compute(pool, [unitId], periods)).map((byNode) => byNode.get(unitId) as Values);
}

export async function dashboardBench(options: DashboardBenchOptions): Promise<DashboardResult> {
  const { origin, pool, cookie, log, generation } = options;
  const scenarios: DashboardScenario[] = [];
  let agree = true;
  const query = (unitId: number) => `unitId=${unitId}&period=year&year=${generation.year}`;
  const getJson = async <T>(url: string): Promise<T> => {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    return (await response.json()) as T;
  };
  for (const view of options.views) {
    const dashboardUrl = `${origin}/api/dashboard?${query(view.unitId)}`;
    const childrenUrl = `${origin}/api/dashboard/children?${query(view.unitId)}`;
    const fetchDashboard = () => getJson<Dashboard>(dashboardUrl);
    const fetchChildren = () => getJson<DashboardChildren>(childrenUrl);

    // Same answers first (this also warms every path).
    const answer = await fetchDashboard();
    const children = await fetchChildren();
    const periods = [answer.period, answer.previousPeriod, answer.previousYear].map((p) => periodArgs(p, answer.today));
    const [current] = periods as [PeriodArgs];
    const childIds = children.rows.map((row) => row.unitId);
    const problems: string[] = [];
    const cardValues = (which: 'current' | 'previousPeriod' | 'previousYear') =>
      Object.fromEntries(answer.cards.map((card) => [card.key, card[which]])) as Partial<Record<IndicatorKey, Pair>>;
    for (const [name, compute] of [['naive', naive], ['hand-written SQL', options.fast]] as const) {
      const full = await fullDashboard(compute, pool, view.unitId, periods);
      (['current', 'previousPeriod', 'previousYear'] as const).forEach((which, i) => problems.push(...differences(`${view.name} ${which}`, cardValues(which), full[i], name)));
      if (childIds.length > 0) {
        const [rows = new Map<number, Values>()] = await compute(pool, childIds, [current]);
        for (const row of children.rows) problems.push(...differences(`${view.name} child ${row.name} (${row.unitId})`, row.values, rows.get(row.unitId), name));
      }
    }
    if (problems.length > 0) {
      agree = false;
      console.log(`  !!! DASHBOARD ANSWERS DISAGREE for ${view.name}: ${problems.length} differences; the first ones:`);
      for (const problem of problems.slice(0, 20)) console.log(`      ${problem}`);
    } else {
      log(`dashboard ${view.name}: ${answer.cards.length} cards × 3 periods and ${children.rows.length} child rows; app, naive and hand-written SQL agree`);
    }

    const budget = options.sampleBudgetMs;
    const app = await samplesOf(fetchDashboard, options.samples, budget, 3);
    const fast = await samplesOf(() => fullDashboard(options.fast, pool, view.unitId, periods), options.fastSamples, budget, 3);
    const naiveLatency = await samplesOf(() => fullDashboard(naive, pool, view.unitId, periods), options.naiveSamples, options.naiveBudgetMs);
    const childrenApp = await samplesOf(fetchChildren, options.samples, budget, 3);
    const childrenFast = childIds.length > 0 ? await samplesOf(() => options.fast(pool, childIds, [current]), options.fastSamples, budget, 3) : latency([]);
    const childrenNaive = childIds.length > 0 ? await samplesOf(() => naive(pool, childIds, [current]), options.naiveSamples, options.naiveBudgetMs) : latency([]);
    const speedup = naiveLatency.p50 / app.p50;
    const met = view.target ? app.p95 < view.target.p95 && speedup >= view.target.speedup && problems.length === 0 : true;
    scenarios.push({
      name: view.name,
      unitId: view.unitId,
      children: childIds.length,
      app,
      naive: naiveLatency,
      fast,
      childrenApp,
      childrenNaive,
      childrenFast,
      speedup,
      appVsFast: fast.p50 / app.p50,
      childrenSpeedup: childIds.length > 0 ? childrenNaive.p50 / childrenApp.p50 : 0,
      problems: problems.slice(0, 20),
      target: view.target ? `p95<${view.target.p95}ms & ≥${view.target.speedup}× naive` : '',
      verdict: view.target ? (met ? 'MET' : 'NOT MET') : '',
    });
  }
  const write = await writeBench(options);
  return { scenarios, write, agree };
}

// ---------------------------------------------------------------- writes while dashboards are read

const WRITE_TARGET_MS = 20;

async function writeBench(options: DashboardBenchOptions): Promise<WriteScenario> {
  const { origin, pool, cookie, log } = options;
  const today = todayInVietnam();
  const [year, month] = today.split('-').map(Number) as [number, number];
  // Open cells with a few members and no regular meeting this month, each recorded once (its roll, all present).
  const cells = await pool.query<{ id: number; members: number[] }>(
    `SELECT c.id::int,
            array(SELECT m.id::int FROM member m WHERE m.unit_id = c.id AND m.left_on IS NULL AND (m.joined_on IS NULL OR m.joined_on <= $1::date) ORDER BY m.id) AS members
       FROM (SELECT u.id FROM unit u
              WHERE u.kind = 'cell' AND u.valid_to IS NULL AND u.direct_member_count >= 3
                AND NOT EXISTS (SELECT 1 FROM cell_meeting x WHERE x.unit_id = u.id AND x.year = $2 AND x.month = $3 AND x.kind = 'regular')
              ORDER BY hashint8extended(u.id, 801) LIMIT $4) c`,
    [today, year, month, options.writes * 2],
  );
  const queue = [...cells.rows];
  let errors = 0;
  let firstError: string | null = null;
  const record = async (): Promise<number | null> => {
    const cell = queue.shift();
    if (!cell) return null;
    const body = JSON.stringify({ unitId: cell.id, heldOn: today, itemIds: [], attendance: cell.members.map((memberId) => ({ memberId, status: 'present' })) });
    let status = 0;
    let text = '';
    const ms = await timed(async () => {
      const response = await fetch(`${origin}/api/meetings`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
      status = response.status;
      text = await response.text();
    });
    if (status !== 201) {
      errors += 1;
      firstError ??= `HTTP ${status} ${text.slice(0, 200)}`;
    }
    return ms;
  };

  const alone: number[] = [];
  for (let i = 0; i < options.writes; i++) {
    const ms = await record();
    if (ms === null) break;
    alone.push(ms);
  }
  log(`writes alone: ${alone.length} meetings recorded one after another`);

  // Readers: the dashboards and children rows of the measured views, in a child process.
  const requests = options.views.flatMap((view) => [
    { path: `/api/dashboard?unitId=${view.unitId}&period=year&year=${options.generation.year}`, headers: { cookie } },
    { path: `/api/dashboard/children?unitId=${view.unitId}&period=year&year=${options.generation.year}`, headers: { cookie } },
  ]);
  const warmupSeconds = 2;
  const readers = measure({ title: 'dashboard readers', origin, requests, connections: options.readerConnections, warmupSeconds, durationSeconds: options.readerSeconds });
  await new Promise((resolve) => setTimeout(resolve, (warmupSeconds + 1) * 1000));
  const withReaders: number[] = [];
  const floor: number[] = [];
  const deadline = Date.now() + (options.readerSeconds - 2) * 1000;
  while (withReaders.length < options.writes && Date.now() < deadline) {
    const ms = await record();
    if (ms === null) break;
    withReaders.push(ms);
    floor.push(await timed(async () => void (await (await fetch(`${origin}/api/auth/me`, { headers: { cookie } })).text())));
  }
  const read = await readers;
  log(`writes with ${options.readerConnections} dashboard readers: ${withReaders.length} meetings; readers ${read.rps.toFixed(0)} req/s, p50 ${read.p50} ms, p99 ${read.p99} ms`);
  const withLatency = latency(withReaders);
  return {
    cells: cells.rows.length,
    alone: latency(alone),
    withReaders: withLatency,
    floorWithReaders: latency(floor),
    readers: { rps: read.rps, p50: read.p50, p90: read.p90, p99: read.p99, max: read.max, requests: read.requests, non2xx: read.non2xx, errors: read.errors },
    readerConnections: options.readerConnections,
    errors,
    firstError,
    target: `p95<${WRITE_TARGET_MS}ms with readers`,
    verdict: errors === 0 && withLatency.samples > 0 && withLatency.p95 < WRITE_TARGET_MS ? 'MET' : 'NOT MET',
  };
}

// ---------------------------------------------------------------- report

export function printDashboard(generation: DashboardGeneration, result: DashboardResult): void {
  const g = generation;
  const n = (value: number) => value.toLocaleString('en');
  const fmt = (l: Latency) => (l.samples === 0 ? '—' : `p50 ${l.p50.toFixed(1)} / p95 ${l.p95.toFixed(1)} ms`);
  console.log(
    `(h) dashboard ${g.year} (previous period and last year: ${g.year - 1}); generated ${n(g.helperUnits)} helper units, ${n(g.standards)} standard versions, ` +
      `${n(g.pilots)} pilots, ${n(g.pressingIssues)} pressing issues, ${n(g.activities)} oversight activities, ${n(g.findings)} findings, ${n(g.followUps)} follow-ups, ` +
      `${n(g.negativePhenomena)} negative phenomena, ${n(g.exemplars)} exemplars, ${n(g.publicityEntries)} publicity entries in ${(g.millis / 1000).toFixed(1)} s` +
      `${g.roundRelabelled ? '; round of (g) relabelled' : '; round of (g) NOT relabelled'}; answers ${result.agree ? 'agree' : 'DISAGREE'}:`,
  );
  for (const s of result.scenarios) {
    console.log(
      `    GET /api/dashboard ${s.name} (3 periods): app ${fmt(s.app)}; naive recursive CTE ${fmt(s.naive)} (n=${s.naive.samples}); hand-written SQL ${fmt(s.fast)}; ` +
        `naive/app ${s.speedup.toFixed(1)}×, hand-written/app ${(s.appVsFast * 100).toFixed(0)} %${s.target ? `  target ${s.target}: ${s.verdict}` : ''}`,
    );
    if (s.children > 0) {
      console.log(
        `    GET /api/dashboard/children ${s.name} (${s.children} rows): app ${fmt(s.childrenApp)}; naive ${fmt(s.childrenNaive)} (n=${s.childrenNaive.samples}); ` +
          `hand-written SQL ${fmt(s.childrenFast)}; naive/app ${s.childrenSpeedup.toFixed(1)}×`,
      );
    }
    for (const problem of s.problems.slice(0, 5)) console.log(`      disagreement: ${problem}`);
  }
  const w = result.write;
  console.log(
    `    POST /api/meetings (a cell's meeting of this month): alone ${fmt(w.alone)} (n=${w.alone.samples}); with ${w.readerConnections} dashboard readers ` +
      `${fmt(w.withReaders)} (n=${w.withReaders.samples}; readers ${w.readers.rps.toFixed(0)} req/s, p50 ${w.readers.p50} / p99 ${w.readers.p99} ms); ` +
      `p95 with/without ${(w.withReaders.p95 / Math.max(w.alone.p95, 0.001)).toFixed(1)}×; floor (GET /api/auth/me between the writes) ${fmt(w.floorWithReaders)}; errors ${w.errors}${w.firstError ? ` (${w.firstError})` : ''}  target ${w.target}: ${w.verdict}`,
  );
}

const LABEL_TABLES = [
  'cascade_rollup', 'cascade_obligation', 'dissemination_conference', 'helper_unit', 'standard_version', 'conduct_standard', 'commitment_round',
  'commitment_rollup', 'assessment_rollup', 'leader_rollup', 'meeting_rollup', 'cell_span_rollup', 'meeting_gap_rollup', 'cell_meeting_year',
  'cell_meeting', 'pressing_issue', 'pilot', 'campaign_year_rule', 'oversight_activity', 'follow_up', 'exemplar', 'publicity_entry', 'member',
  'unit_figure_rollup', 'unit_figure_key', 'unit',
];

/** A label for one query of the dashboard in the plans section: the tables it reads. */
export function dashboardQueryLabel(sqlText: string): string {
  if (sqlText.includes('"session"')) return 'session → principal';
  const found = LABEL_TABLES.filter((table) => new RegExp(`"?\\b${table}\\b"?`, 'u').test(sqlText));
  return found.length > 0 ? `reads ${found.join(', ')}` : sqlText.slice(0, 40);
}
