/**
 * (i) The daily urging run (issue #11) at national scale: reminder rules at the root for every item kind,
 * one recipient account per open unit (officers of the committees, the secretary of each cell; ~60 % with
 * an e-mail address, ~10 % wanting weekly digests), and the business day D = the first Monday after
 * today, when the meetings of last year (f) are all past their record deadline, most of the cascade's
 * deadlines (e) are past, and the commitments round (g) is long overdue.
 *
 * Data: (e)–(h) are reused. What no earlier scenario made is generated here in SQL at a modest volume,
 * only when missing: follow-ups of inspections (one per district-level committee's inspected child),
 * pilots, pressing issues and their milestones (four per issue, through the year; the passed ones mostly
 * done). The rules are the heaviest an officer can set: 3 days before, on the due date, and EVERY day
 * once overdue (days_after = 1), with digests to the level above — so every late item reminds today.
 * Rules per year: the cascade, follow-ups, pilots and milestones for last year and this year; meeting
 * records for the year of (f) only (no meetings of this year are generated: a rule for it would make
 * every cell late every month); commitments for the round's year. Pilots (due 31/12) get days_before =
 * the days from D to 31/12, so D is their reminder day.
 *
 * Measured: the daily job as the worker runs it (runDailyUrging with e-mail on, queueing its deliveries
 * in send_email_batch jobs of graphile-worker inside its transaction), against the raw SQL of the same selection: per item kind, the "who is due or
 * late today" SELECT (rules × items × recipient accounts, counted in SQL), without labels, texts,
 * digests or inserts. The run's reminders per kind must equal the raw selection's rows, and its digests
 * the raw count of (parent unit, recipient) pairs, before any time is printed. Then the same day again:
 * it must create nothing. Target: the whole daily run under 60 s at scale 1.
 */
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { runDailyUrging } from '../src/server/capabilities/urging/urging.computation';
import { RECIPIENT_ROLES } from '../src/server/capabilities/urging/urging.repository';
import type { Db } from '../src/server/db/connect';
import type { Database } from '../src/server/db/schema';
import { todayInVietnam } from '../src/server/http/clock';
import { migrateJobQueue } from '../src/server/jobs/worker';
import { DEFAULT_TOPIC_RULE } from '../src/shared/domain/meetings';
import { ITEM_KINDS, type ItemKind } from '../src/shared/domain/urging';
import { h, timed } from './timing';

export interface UrgingGeneration {
  date: string;
  year: number;
  accounts: number;
  withEmail: number;
  weekly: number;
  rules: number;
  generated: { followUps: number; pilots: number; pressingIssues: number; milestones: number };
  items: Record<ItemKind, number>;
  steps: { step: string; millis: number }[];
  millis: number;
}

export interface UrgingKindResult {
  kind: ItemKind;
  reminders: number;
  rawRows: number;
  rawMs: number;
}

export interface UrgingResult {
  date: string;
  runMs: number;
  computeMs: number;
  enqueueMs: number;
  hits: number;
  reminders: number;
  digests: number;
  rawDigests: number;
  deliveries: number;
  rawMs: number;
  /** run / raw selection. */
  ratio: number;
  secondRunMs: number;
  secondRunCreated: number;
  /** Every statement of the first run, slowest first. */
  statements: { label: string; ms: number }[];
  kinds: UrgingKindResult[];
  agree: boolean;
  target: string;
  verdict: string;
}

const ROOT = 1;
const TARGET_MS = 60_000;
const ROLES = [...RECIPIENT_ROLES];
const GENERIC_TEXT = 'Dữ liệu đo hiệu năng';

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first Monday strictly after `day`. */
function nextMonday(day: string): string {
  let d = addDays(day, 1);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
}

/** One recipient per open unit that has none yet. */
const ACCOUNTS_SQL = `
  INSERT INTO account (username, display_name, password_hash, role, scope_unit_id, email)
  SELECT 'bench.u' || u.id, 'Cán bộ ' || u.name, 'not-a-hash',
         CASE WHEN u.kind IN ('cell', 'grassroots_cell') THEN 'cell_secretary' WHEN u.depth = 0 THEN 'province_officer'
              WHEN u.depth = 1 THEN 'district_officer' ELSE 'grassroots_officer' END,
         u.id, CASE WHEN ${h('u.id', 901)} % 100 < 60 THEN 'u' || u.id || '@example.vn' END
    FROM unit u
   WHERE u.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM account a WHERE a.scope_unit_id = u.id AND a.role = ANY ($1::text[]))`;

const WEEKLY_SQL = `
  INSERT INTO notification_preference (account_id, digest)
  SELECT id, 'weekly' FROM account WHERE username LIKE 'bench.u%' AND ${h('id', 902)} % 100 < 10
  ON CONFLICT (account_id) DO NOTHING`;

/** When no follow-up exists: an inspection by each district-level committee of one child, a shortcoming, a follow-up. $1 today, $2 account. */
const FOLLOW_UPS_SQL = `
  WITH act AS (
    INSERT INTO oversight_activity (organiser_unit_id, kind, title, planned_on, held_on, state, created_by)
    SELECT o.id, 'inspection', 'Kiểm tra (${GENERIC_TEXT})', $1::date - (30 + ${h('o.id', 911)} % 200)::int, $1::date - (30 + ${h('o.id', 911)} % 200)::int, 'held', $2
      FROM unit o WHERE o.depth = 2 AND o.valid_to IS NULL AND o.child_count > 0
    RETURNING id, organiser_unit_id, held_on
  ), fi AS (
    INSERT INTO oversight_finding (activity_id, number, unit_id, kind, content, created_by)
    SELECT act.id, 1, c.id, 'shortcoming', 'Hạn chế (${GENERIC_TEXT})', $2
      FROM act CROSS JOIN LATERAL (SELECT u.id FROM unit u WHERE u.parent_id = act.organiser_unit_id AND u.valid_to IS NULL ORDER BY u.id LIMIT 1) c
    RETURNING id, unit_id, activity_id
  ), src AS (
    SELECT fi.id, fi.unit_id, act.held_on, act.held_on + (30 + ${h('fi.id', 912)} % 61)::int AS due_on, ${h('fi.id', 913)} AS s
      FROM fi JOIN act ON act.id = fi.activity_id
  )
  INSERT INTO follow_up (finding_id, owner_unit_id, task, due_on, state, done_on, result)
  SELECT id, unit_id, 'Khắc phục hạn chế (${GENERIC_TEXT})', due_on,
         CASE WHEN s % 100 < 65 THEN 'done' ELSE 'open' END,
         CASE WHEN s % 100 < 65 THEN least($1::date, held_on + 20) END,
         CASE WHEN s % 100 < 65 THEN 'Đã khắc phục' END
    FROM src`;

/** When no pilot exists: one comprehensive pilot of each province-level committee per year, on a commune of its subtree. $1 year, $2 today. */
const PILOTS_SQL = `
  INSERT INTO pilot (committee_unit_id, year, kind, target_unit_id, goals, responsible, state, result, completed_on)
  SELECT c.id, y.year, 'comprehensive', t.id, 'Mục tiêu (${GENERIC_TEXT})', 'Ban Tuyên giáo',
         CASE WHEN y.year < $1::int OR ${h('c.id * 8 + y.year', 921)} % 100 < 30 THEN 'completed' ELSE 'active' END,
         CASE WHEN y.year < $1::int OR ${h('c.id * 8 + y.year', 921)} % 100 < 30 THEN 'Hoàn thành' END,
         CASE WHEN y.year < $1::int THEN make_date(y.year, 12, 1) WHEN ${h('c.id * 8 + y.year', 921)} % 100 < 30 THEN least($2::date, make_date(y.year, 6, 1)) END
    FROM unit c CROSS JOIN (VALUES ($1::int - 1), ($1::int)) AS y(year)
    CROSS JOIN LATERAL (SELECT u.id FROM unit u WHERE u.path <@ c.path AND u.depth = 3 AND u.valid_to IS NULL ORDER BY u.id LIMIT 1) t
   WHERE c.depth = 1 AND c.valid_to IS NULL`;

/** When no pressing issue exists: one per province-level committee and year. $1 year. */
const ISSUES_SQL = `
  INSERT INTO pressing_issue (committee_unit_id, year, title, target, status)
  SELECT c.id, y.year, 'Vấn đề nổi cộm (${GENERIC_TEXT})', 'Giải quyết dứt điểm trong năm', 'on_track'
    FROM unit c CROSS JOIN (VALUES ($1::int - 1), ($1::int)) AS y(year)
   WHERE c.depth = 1 AND c.valid_to IS NULL`;

/** Four milestones of every issue that has none, due 31/3, 30/6, 30/9, 15/12; ~75 % of the passed ones done. $1 today. */
const MILESTONES_SQL = `
  INSERT INTO pressing_issue_milestone (issue_id, number, title, due_on, progress, done_on)
  SELECT i.id, k.n, 'Mốc ' || k.n || ' (${GENERIC_TEXT})', k.due,
         CASE WHEN k.due < $1::date AND ${h('i.id * 8 + k.n', 931)} % 100 < 75 THEN 100 ELSE (${h('i.id * 8 + k.n', 932)} % 90)::int END,
         CASE WHEN k.due < $1::date AND ${h('i.id * 8 + k.n', 931)} % 100 < 75 THEN k.due - (${h('i.id * 8 + k.n', 933)} % 20)::int END
    FROM pressing_issue i
    CROSS JOIN LATERAL (VALUES (1, make_date(i.year, 3, 31)), (2, make_date(i.year, 6, 30)), (3, make_date(i.year, 9, 30)), (4, make_date(i.year, 12, 15))) AS k(n, due)
   WHERE NOT EXISTS (SELECT 1 FROM pressing_issue_milestone m WHERE m.issue_id = i.id)`;

/** Build the accounts, the missing items and the rules (after (e)–(h); before any measurement). */
export async function generateUrging(pool: pg.Pool, log: (message: string) => void, options: { meetingsYear: number; roundId: number }): Promise<UrgingGeneration> {
  const started = Date.now();
  const steps: UrgingGeneration['steps'] = [];
  const today = todayInVietnam();
  const year = Number(today.slice(0, 4));
  const date = nextMonday(today);
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await run();
    steps.push({ step: name, millis: Date.now() - t0 });
    log(`  urging: ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return result;
  };
  const count = async (table: string) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n ?? 0);
  const rowCount = async (name: string, text: string, values: unknown[]) => (await step(name, () => pool.query(text, values))).rowCount ?? 0;

  const accounts = await rowCount('recipient accounts', ACCOUNTS_SQL, [ROLES]);
  await rowCount('weekly digest preferences', WEEKLY_SQL, []);
  const signer = Number((await pool.query<{ id: string }>(`SELECT id FROM account WHERE scope_unit_id = $1 ORDER BY id LIMIT 1`, [ROOT])).rows[0]?.id);

  const generated = { followUps: 0, pilots: 0, pressingIssues: 0, milestones: 0 };
  if ((await count('follow_up')) === 0) generated.followUps = await rowCount('follow-ups (none yet)', FOLLOW_UPS_SQL, [today, signer]);
  if ((await count('pilot')) === 0) generated.pilots = await rowCount('pilots (none yet)', PILOTS_SQL, [year, today]);
  if ((await count('pressing_issue')) === 0) generated.pressingIssues = await rowCount('pressing issues (none yet)', ISSUES_SQL, [year]);
  generated.milestones = await rowCount('pressing-issue milestones', MILESTONES_SQL, [today]);

  const roundYear = Number((await pool.query<{ year: number }>('SELECT year FROM commitment_round WHERE id = $1', [options.roundId])).rows[0]?.year ?? year);
  const pilotDaysBefore = Math.round((Date.parse(`${date.slice(0, 4)}-12-31T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  const rules: { kind: ItemKind; year: number; daysBefore: number }[] = [];
  for (const kind of ['plan', 'conference', 'follow_up', 'issue_milestone', 'pilot_milestone'] as const) {
    for (const y of [year - 1, year]) rules.push({ kind, year: y, daysBefore: kind === 'pilot_milestone' ? pilotDaysBefore : 3 });
  }
  rules.push({ kind: 'meeting_record', year: options.meetingsYear, daysBefore: 3 });
  rules.push({ kind: 'commitment_registration', year: roundYear, daysBefore: 3 });
  await step(`${rules.length} reminder rules at the root`, () =>
    pool.query(
      `INSERT INTO reminder_rule (root_unit_id, year, item_kind, days_before, on_due, days_after, digest_to_parent, valid_from, created_by)
       SELECT $1, y, k, b, true, 1, true, make_date(y, 1, 1), $5 FROM unnest($2::int[], $3::text[], $4::int[]) AS x(y, k, b)`,
      [ROOT, rules.map((r) => r.year), rules.map((r) => r.kind), rules.map((r) => r.daysBefore), signer],
    ),
  );
  await step('ANALYZE', async () => {
    for (const table of ['account', 'notification_preference', 'reminder_rule', 'follow_up', 'oversight_finding', 'pilot', 'pressing_issue', 'pressing_issue_milestone']) {
      await pool.query(`ANALYZE ${table}`);
    }
  });

  const stats = (await pool.query<{ with_email: number; weekly: number }>(
    `SELECT (SELECT count(*) FROM account WHERE email IS NOT NULL)::int AS with_email, (SELECT count(*) FROM notification_preference WHERE digest = 'weekly')::int AS weekly`,
  )).rows[0];
  const itemCounts = (await pool.query<Record<ItemKind, number>>(`
    SELECT (SELECT count(*) FROM cascade_obligation)::int AS plan,
           (SELECT count(*) FROM cascade_obligation WHERE conference_due_on IS NOT NULL)::int AS conference,
           (SELECT count(*) * 12 FROM unit WHERE kind IN ('cell', 'grassroots_cell') AND valid_to IS NULL)::int AS meeting_record,
           (SELECT count(*) FROM commitment_rollup WHERE round_id = $1)::int AS commitment_registration,
           (SELECT count(*) FROM follow_up)::int AS follow_up,
           (SELECT count(*) FROM pilot)::int AS pilot_milestone,
           (SELECT count(*) FROM pressing_issue_milestone)::int AS issue_milestone`, [options.roundId])).rows[0];
  return {
    date,
    year,
    accounts,
    withEmail: stats?.with_email ?? 0,
    weekly: stats?.weekly ?? 0,
    rules: rules.length,
    generated,
    items: itemCounts ?? ({} as Record<ItemKind, number>),
    steps,
    millis: Date.now() - started,
  };
}

// ---------------------------------------------------------------- the raw selection

/**
 * Per kind, the hits of the rules in force on D ($1), written from the capabilities' definitions (the
 * same as the run's, without labels and links): rule, item key, unit that must act, due date, stage.
 */
const RULES = (kind: ItemKind) => `
  SELECT r.*, root.path AS root_path FROM reminder_rule r JOIN unit root ON root.id = r.root_unit_id
   WHERE r.item_kind = '${kind}' AND r.valid_from <= $1::date AND (r.valid_to IS NULL OR r.valid_to >= $1::date)`;
const STAGE = (due: string) => `CASE
  WHEN ${due} = $1::date AND (r.on_due OR r.days_before = 0) THEN 'due'
  WHEN ${due} > $1::date AND ${due} - $1::date = r.days_before THEN 'before'
  WHEN ${due} < $1::date AND r.days_after IS NOT NULL AND ($1::date - ${due}) % r.days_after = 0 THEN 'after' END`;
const IN_YEAR = (due: string) => `${due} BETWEEN make_date(r.year, 1, 1) AND make_date(r.year, 12, 31)`;
const OPEN = (alias: string) => `(${alias}.valid_to IS NULL OR ${alias}.valid_to > $1::date)`;

const HITS: Record<ItemKind, string> = {
  plan: `
    WITH r AS (${RULES('plan')})
    SELECT 'plan:' || o.requirement_id || ':' || o.unit_id AS item_key, o.unit_id, o.due_on, ${STAGE('o.due_on')} AS stage
      FROM r JOIN cascade_obligation o ON ${IN_YEAR('o.due_on')} AND (o.done_on IS NULL OR o.done_on > $1::date)
      JOIN unit u ON u.id = o.unit_id AND u.path <@ r.root_path AND ${OPEN('u')}`,
  conference: `
    WITH r AS (${RULES('conference')})
    SELECT 'conference:' || o.requirement_id || ':' || o.unit_id, o.unit_id, o.conference_due_on, ${STAGE('o.conference_due_on')}
      FROM r JOIN cascade_obligation o ON ${IN_YEAR('o.conference_due_on')} AND (o.conference_on IS NULL OR o.conference_on > $1::date)
      JOIN unit u ON u.id = o.unit_id AND u.path <@ r.root_path AND ${OPEN('u')}`,
  meeting_record: `
    WITH r AS (${RULES('meeting_record')})
    SELECT 'meeting_record:' || c.id || ':' || r.year || '-' || m.m, c.id, m.due, ${STAGE('m.due')}
      FROM r JOIN unit c ON c.path <@ r.root_path AND c.kind IN ('cell', 'grassroots_cell') AND ${OPEN('c')}
      CROSS JOIN LATERAL (
        SELECT coalesce((SELECT st.record_days FROM study_topic st JOIN unit tu ON tu.id = st.unit_id
                          WHERE st.year = r.year AND tu.path @> c.path ORDER BY tu.depth DESC LIMIT 1), ${DEFAULT_TOPIC_RULE.recordDays}) AS days
      ) t
      CROSS JOIN LATERAL (
        SELECT g.m, (make_date(r.year, g.m, 1) + interval '1 month' - interval '1 day')::date + t.days AS due,
               (make_date(r.year, g.m, 1) + interval '1 month' - interval '1 day')::date AS month_end
          FROM generate_series(1, 12) AS g(m)
      ) m
      LEFT JOIN (
        SELECT cm.unit_id, cm.year, bit_or(1 << (cm.month - 1)) AS mask FROM cell_meeting cm
         WHERE cm.year IN (SELECT year FROM r) AND cm.kind = 'regular' AND cm.held_on <= $1::date GROUP BY 1, 2
      ) rec ON rec.unit_id = c.id AND rec.year = r.year
     WHERE m.month_end >= c.valid_from AND coalesce(rec.mask, 0) & (1 << (m.m - 1)) = 0`,
  commitment_registration: `
    WITH r AS (${RULES('commitment_registration')})
    SELECT 'commitment_registration:' || rd.id || ':' || c.id, c.id, rd.member_deadline, ${STAGE('rd.member_deadline')}
      FROM r JOIN commitment_round rd ON rd.year = r.year JOIN unit ru ON ru.id = rd.unit_id
      JOIN unit c ON c.path <@ r.root_path AND c.path <@ ru.path AND c.kind IN ('cell', 'grassroots_cell') AND c.member_count > 0 AND ${OPEN('c')}
      LEFT JOIN commitment_rollup cr ON cr.unit_id = c.id AND cr.round_id = rd.id
     WHERE coalesce(cr.members_on_time + cr.members_late, 0) < c.member_count`,
  follow_up: `
    WITH r AS (${RULES('follow_up')})
    SELECT 'follow_up:' || f.id, f.owner_unit_id, f.due_on, ${STAGE('f.due_on')}
      FROM r JOIN follow_up f ON ${IN_YEAR('f.due_on')} AND f.state <> 'cancelled' AND NOT (f.state = 'done' AND f.done_on <= $1::date)
      JOIN unit u ON u.id = f.owner_unit_id AND u.path <@ r.root_path AND ${OPEN('u')}`,
  pilot_milestone: `
    WITH r AS (${RULES('pilot_milestone')})
    SELECT 'pilot_milestone:' || p.id, p.committee_unit_id, make_date(p.year, 12, 31), ${STAGE('make_date(p.year, 12, 31)')}
      FROM r JOIN pilot p ON p.year = r.year AND (p.completed_on IS NULL OR p.completed_on > $1::date)
      JOIN unit u ON u.id = p.committee_unit_id AND u.path <@ r.root_path AND ${OPEN('u')}`,
  issue_milestone: `
    WITH r AS (${RULES('issue_milestone')})
    SELECT 'issue_milestone:' || m.id, i.committee_unit_id, m.due_on, ${STAGE('m.due_on')}
      FROM r JOIN pressing_issue i ON i.year = r.year AND (i.resolved_on IS NULL OR i.resolved_on > $1::date)
      JOIN unit u ON u.id = i.committee_unit_id AND u.path <@ r.root_path AND ${OPEN('u')}
      JOIN pressing_issue_milestone m ON m.issue_id = i.id AND ${IN_YEAR('m.due_on')} AND (m.done_on IS NULL OR m.done_on > $1::date)`,
};

/** Who is due or late today for one kind: hits that remind today × the recipient accounts of their unit. $1 D, $2 roles. */
const rawReminders = (kind: ItemKind) => `
  SELECT count(*)::int AS n
    FROM (${HITS[kind]}) AS x(item_key, unit_id, due_on, stage)
    JOIN account a ON a.scope_unit_id = x.unit_id AND a.disabled_at IS NULL AND a.role = ANY ($2::text[])
   WHERE x.stage IS NOT NULL`;

/**
 * Digests (checked, not timed): (parent unit, recipient) pairs with at least one line: an overdue item of
 * a child reminded as overdue today (daily), or any overdue item (weekly recipients, on Mondays). The
 * rules are all at the root, so every parent is inside a rule's subtree. $1 D, $2 roles, $3 Monday.
 */
const rawDigests = () => `
  WITH hits AS (${ITEM_KINDS.map((kind) => `SELECT * FROM (${HITS[kind]}) AS x(item_key, unit_id, due_on, stage)`).join(' UNION ALL ')})
  SELECT count(*)::int AS n FROM (
    SELECT DISTINCT p.id, a.id
      FROM hits h JOIN unit c ON c.id = h.unit_id JOIN unit p ON p.id = c.parent_id
      JOIN account a ON a.scope_unit_id = p.id AND a.disabled_at IS NULL AND a.role = ANY ($2::text[])
      LEFT JOIN notification_preference pr ON pr.account_id = a.id
     WHERE h.due_on < $1::date
       AND ((coalesce(pr.digest, 'daily') = 'daily' AND h.stage = 'after') OR (pr.digest = 'weekly' AND $3::boolean))
  ) pairs`;

export async function urgingBench(input: { pool: pg.Pool; db: Db; log: (message: string) => void; generation: UrgingGeneration }): Promise<UrgingResult> {
  const { pool, log, generation } = input;
  // The app's Kysely on the same pool, logging how long each statement of the run takes.
  const statements: { label: string; ms: number }[] = [];
  let capturing = false;
  const db: Db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (capturing && event.level === 'query') statements.push({ label: statementLabel(event.query.sql), ms: event.queryDurationMillis });
    },
  });
  const date = generation.date;
  const monday = new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
  await migrateJobQueue(pool);

  const rawPass = async () => {
    const out: { kind: ItemKind; rows: number; ms: number }[] = [];
    for (const kind of ITEM_KINDS) {
      let rows = 0;
      const ms = await timed(async () => {
        rows = (await pool.query<{ n: number }>(rawReminders(kind), [date, ROLES])).rows[0]?.n ?? 0;
      });
      out.push({ kind, rows, ms });
    }
    return out;
  };
  // Warm-up (untimed): the first pass reads the tables into the cache for both sides.
  log(`(i) urging: raw selection warm-up for ${date}`);
  await rawPass();

  log(`(i) urging: the daily run of ${date} (runDailyUrging queueing its e-mails, as the worker's daily_urging task)`);
  let first: Awaited<ReturnType<typeof runDailyUrging>> | null = null;
  capturing = true;
  const runMs = await timed(async () => {
    first = await runDailyUrging(db, { date, emailEnabled: true, queueEmails: true });
  });
  capturing = false;
  statements.sort((a, b) => b.ms - a.ms);
  // Queueing is one statement inside the run's transaction (send_email_batch jobs).
  const enqueueMs = statements.filter((s) => s.label === 'enqueue').reduce((sum, s) => sum + s.ms, 0);
  const computeMs = runMs - enqueueMs;
  const result = first as Awaited<ReturnType<typeof runDailyUrging>> | null;
  if (!result) throw new Error('no daily run result');
  log(`(i) urging: ${result.reminders} reminders, ${result.digests} digests, ${result.deliveryIds.length} e-mail deliveries in ${(runMs / 1000).toFixed(2)} s (compute ${(computeMs / 1000).toFixed(2)} s, enqueue ${(enqueueMs / 1000).toFixed(2)} s)`);

  // Compare counts before printing any ratio.
  const perKind = await pool.query<{ item_kind: ItemKind; n: number }>(
    `SELECT item_kind, count(*)::int AS n FROM notification WHERE business_date = $1 AND kind = 'reminder' GROUP BY item_kind`,
    [date],
  );
  const raw = await rawPass();
  const rawDigestCount = (await pool.query<{ n: number }>(rawDigests(), [date, ROLES, monday])).rows[0]?.n ?? 0;
  const kinds: UrgingKindResult[] = raw.map((r) => ({ kind: r.kind, reminders: perKind.rows.find((row) => row.item_kind === r.kind)?.n ?? 0, rawRows: r.rows, rawMs: r.ms }));
  const agree = kinds.every((k) => k.reminders === k.rawRows) && rawDigestCount === result.digests;
  if (!agree) {
    console.log('  (i) URGING COUNTS DISAGREE:');
    for (const k of kinds) if (k.reminders !== k.rawRows) console.log(`    ${k.kind}: run ${k.reminders} reminders, raw selection ${k.rawRows}`);
    if (rawDigestCount !== result.digests) console.log(`    digests: run ${result.digests}, raw ${rawDigestCount}`);
  }
  const rawMs = kinds.reduce((sum, k) => sum + k.rawMs, 0);

  log('(i) urging: the same day again (must create nothing)');
  let second: Awaited<ReturnType<typeof runDailyUrging>> | null = null;
  const secondRunMs = await timed(async () => {
    second = await runDailyUrging(db, { date, emailEnabled: true, queueEmails: true });
  });
  const again = second as Awaited<ReturnType<typeof runDailyUrging>> | null;
  const secondRunCreated = (again?.reminders ?? 0) + (again?.digests ?? 0) + (again?.deliveryIds.length ?? 0);

  return {
    date,
    runMs,
    computeMs,
    enqueueMs,
    hits: result.hits,
    reminders: result.reminders,
    digests: result.digests,
    rawDigests: rawDigestCount,
    deliveries: result.deliveryIds.length,
    rawMs,
    ratio: rawMs > 0 ? runMs / rawMs : 0,
    secondRunMs,
    secondRunCreated,
    statements,
    kinds,
    agree: agree && secondRunCreated === 0,
    target: `run < ${TARGET_MS / 1000} s`,
    verdict: runMs < TARGET_MS ? 'met' : 'NOT MET',
  };
}

function statementLabel(text: string): string {
  const kind = ITEM_KINDS.find((k) => text.includes(`item_kind = $`) && text.includes(`'${k}' AS item_kind`)) ?? ITEM_KINDS.find((k) => text.includes(`SELECT r.id, '${k}'`));
  if (text.startsWith('INSERT INTO urging_hit')) return `hits ${kind ?? '?'}`;
  if (text.includes("'reminder'")) return 'reminders';
  if (text.includes("'digest'")) return 'digests';
  if (text.includes('notification_delivery')) return 'deliveries';
  if (text.includes('graphile_worker.add_job')) return 'enqueue';
  return text.replace(/\s+/gu, ' ').slice(0, 50);
}

export function printUrging(g: UrgingGeneration, r: UrgingResult, scale: number): void {
  const n = (value: number) => value.toLocaleString('en');
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(
    `(i) daily urging of ${r.date} (${n(g.rules)} rules at the root, every day once late; ${n(g.accounts)} recipient accounts generated, ${n(g.withEmail)} with e-mail, ` +
      `${n(g.weekly)} weekly; generated ${n(g.generated.followUps)} follow-ups, ${n(g.generated.pilots)} pilots, ${n(g.generated.pressingIssues)} pressing issues, ` +
      `${n(g.generated.milestones)} milestones in ${(g.millis / 1000).toFixed(1)} s):`,
  );
  for (const k of r.kinds) {
    console.log(`    ${k.kind.padEnd(24)} ${n(g.items[k.kind] ?? 0).padStart(10)} items  ${n(k.reminders).padStart(9)} reminders  raw ${n(k.rawRows).padStart(9)} rows in ${ms(k.rawMs)}${k.reminders === k.rawRows ? '' : '  ← DISAGREE'}`);
  }
  console.log(
    `    run ${ms(r.runMs)} (compute ${ms(r.computeMs)} + enqueue ${ms(r.enqueueMs)}): ${n(r.hits)} hits → ${n(r.reminders)} reminders + ${n(r.digests)} digests ` +
      `(raw ${n(r.rawDigests)}), ${n(r.deliveries)} e-mail deliveries queued; raw selection ${ms(r.rawMs)}; run / raw ${r.ratio.toFixed(1)}×; ` +
      `second run of the same day ${ms(r.secondRunMs)}, created ${r.secondRunCreated}; counts ${r.agree ? 'agree' : 'DISAGREE'}`,
  );
  console.log(`    statements of the run, slowest first: ${r.statements.slice(0, 8).map((st) => `${st.label} ${ms(st.ms)}`).join(', ')}`);
  const linear = scale > 0 ? r.runMs / scale : r.runMs;
  console.log(`    target ${r.target}: ${r.verdict} at scale ${scale}${scale < 1 ? `; linear extrapolation to scale 1: ~${(linear / 1000).toFixed(1)} s (${linear < TARGET_MS ? 'would meet' : 'would NOT meet'})` : ''}`);
}
