import { type RawBuilder, sql } from 'kysely';
import { DEFAULT_TOPIC_RULE } from '../../../shared/domain/meetings';
import {
  DIGEST_HEADER,
  DIGEST_LINE_TEMPLATE,
  DIGEST_LINK_TEMPLATES,
  DIGEST_MAX_LINES,
  DIGEST_MORE_TEMPLATE,
  DIGEST_TITLE_TEMPLATE,
  ITEM_LABEL_PREFIXES,
  type ItemKind,
  REMINDER_BODY_TEMPLATES,
  REMINDER_TITLE_TEMPLATES,
  isDigestDay,
} from '../../../shared/domain/urging';
import type { Db } from '../../db/connect';
import { EMAIL_BATCH_SIZE, EMAIL_MAX_ATTEMPTS, TASKS } from '../../jobs/queue';
import { createDeliveries } from './deliveries';
import { RECIPIENT_ROLES } from './urging.repository';

/**
 * The daily run of issue #11: on business day D, for every reminder rule in force, which items of its
 * subtree are due or late, as ONE SQL statement per item kind, each reusing its capability's own
 * definition of the due date and of "done" (as of D, from the business dates):
 * - plan / conference: cascade_obligation.due_on / conference_due_on, done when done_on / conference_on ≤ D;
 * - meeting_record: every open cell, every month of the year: due `record_days` (the year's topic of the
 *   nearest committee above, else 7) after the month's last day; done when the month's regular meeting
 *   is recorded as held on or before D;
 * - commitment_registration: every open cell with active members in the round's tree: due on the round's
 *   member deadline; done when every active member has submitted (the round's roll-up: on time + late ≥
 *   members);
 * - follow_up: due_on; done when state = 'done' with done_on ≤ D; cancelled ones never remind;
 * - pilot_milestone: 31/12 of the pilot's year; done when completed_on ≤ D;
 * - issue_milestone: each milestone's due_on; done when its done_on ≤ D or the issue resolved ≤ D.
 * The item's due date must fall in the rule's campaign year.
 *
 * Hits go to a temporary table; reminders go to the accounts of the unit that must act, one digest per
 * parent unit and recipient lists its late sub-units. Every notification carries a unique dedupe key,
 * inserted only when the day has no notification with that key yet (runs of one day take turns on an
 * advisory lock), and an e-mail delivery is created only for a newly inserted notification: running a
 * day twice (two workers, a retry, a manual run) adds nothing.
 */

export interface DailyRunOptions {
  /** Business day, yyyy-mm-dd (Vietnam). */
  date: string;
  /** SMTP configured: create e-mail deliveries. */
  emailEnabled: boolean;
  /**
   * Queue the new deliveries in graphile-worker inside the run's transaction, as send_email_batch jobs
   * of EMAIL_BATCH_SIZE deliveries (the worker and the CLI; the schema graphile_worker must exist).
   * Committed together with the notifications: no e-mail can be lost between commit and queueing, and
   * one job per delivery (~70–190 µs each) is not paid at national scale (issue #11 bench (i)).
   */
  queueEmails?: boolean;
}

export interface DailyRunResult {
  date: string;
  hits: number;
  reminders: number;
  digests: number;
  /** New e-mail deliveries, to hand to the job queue after commit. */
  deliveryIds: number[];
  millis: number;
}

const OPEN_UNIT = (alias: string, d: RawBuilder<unknown>) => sql`(${sql.ref(`${alias}.valid_to`)} IS NULL OR ${sql.ref(`${alias}.valid_to`)} > ${d})`;

export async function runDailyUrging(db: Db, options: DailyRunOptions): Promise<DailyRunResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(options.date)) throw new Error(`invalid business date ${options.date}`);
  const started = Date.now();
  const d = sql`${options.date}::date`;
  const monday = isDigestDay('weekly', options.date);
  const year = Number(options.date.slice(0, 4));

  /** The stage of a rule `r` for an item due on `due`, or NULL (shared/domain/urging.ts reminderStage()). */
  const stage = (due: RawBuilder<unknown>) => sql`CASE
      WHEN ${due} = ${d} AND (r.on_due OR r.days_before = 0) THEN 'due'
      WHEN ${due} > ${d} AND ${due} - ${d} = r.days_before THEN 'before'
      WHEN ${due} < ${d} AND r.days_after IS NOT NULL AND (${d} - ${due}) % r.days_after = 0 THEN 'after'
    END`;
  /** Due dates worth looking at: the day of a "before" reminder, today, or overdue. */
  const candidate = (due: RawBuilder<unknown>) => sql`(${due} <= ${d} OR ${due} = ${d} + r.days_before)`;
  /** The rules of a kind in force on D, with their root's path. */
  const rules = (kind: ItemKind) => sql`
    SELECT r.*, root.path AS root_path FROM reminder_rule r JOIN unit root ON root.id = r.root_unit_id
     WHERE r.item_kind = ${kind} AND r.valid_from <= ${d} AND (r.valid_to IS NULL OR r.valid_to >= ${d})`;
  const prefix = (kind: ItemKind) => sql`${ITEM_LABEL_PREFIXES[kind]}::text`;
  /** Keep a row when it reminds today, or (Mondays) when it is overdue and goes to weekly digests. */
  const keep = sql`x.stage IS NOT NULL OR (${monday}::boolean AND x.digest AND x.due_on < ${d})`;
  /** Due dates any rule `r` of the kind could remind about on D: within the rules' years, not after D + their longest lead. */
  const openWindow = (due: RawBuilder<unknown>) =>
    sql`${due} >= (SELECT make_date(min(year), 1, 1) FROM r) AND ${due} <= ${d} + (SELECT coalesce(max(days_before), 0) FROM r)`;
  const yearRange = (due: RawBuilder<unknown>) => sql`${due} BETWEEN make_date(r.year, 1, 1) AND make_date(r.year, 12, 31)`;

  /**
   * Plans and conferences of the direction cascade. The open obligations first (a few per cent of them),
   * then the rules: started from a rule's subtree the planner walked every unit of it (GiST) and probed
   * each unit's obligations, 9 s for a rule at the root (issue #11 bench (i)).
   */
  const obligations = (kind: 'plan' | 'conference', due: 'due_on' | 'conference_due_on', done: 'done_on' | 'conference_on') => {
    const dueOn = sql.ref(`o.${due}`);
    const doneOn = sql.ref(`o.${done}`);
    return sql`
      WITH r AS (${rules(kind)}), o AS MATERIALIZED (
        SELECT o.requirement_id, o.unit_id, ${dueOn} AS due_on, u.path
          FROM cascade_obligation o
          JOIN unit u ON u.id = o.unit_id AND ${OPEN_UNIT('u', d)}
         WHERE ${dueOn} IS NOT NULL AND (${doneOn} IS NULL OR ${doneOn} > ${d}) AND ${openWindow(dueOn)}
      )
      SELECT r.id AS rule_id, ${sql.lit(kind)} AS item_kind, ${sql.lit(kind)} || ':' || o.requirement_id || ':' || o.unit_id AS item_key, o.unit_id, o.due_on,
             ${stage(sql`o.due_on`)} AS stage, ${prefix(kind)} || ' ' || pd.symbol AS label,
             '/chi-dao?document=' || q.document_id || '&unit=' || o.unit_id AS link, r.digest_to_parent AS digest
        FROM r
        JOIN o ON ${yearRange(sql`o.due_on`)} AND ${candidate(sql`o.due_on`)} AND o.path <@ r.root_path
        JOIN cascade_requirement q ON q.id = o.requirement_id
        JOIN party_document pd ON pd.id = q.document_id`;
  };

  const perKind: Record<ItemKind, RawBuilder<unknown>> = {
    plan: obligations('plan', 'due_on', 'done_on'),
    conference: obligations('conference', 'conference_due_on', 'conference_on'),
    meeting_record: sql`
      WITH r AS (${rules('meeting_record')}),
      -- The months missing from each 12-bit mask of recorded months: joined by mask, a cell yields only its
      -- unrecorded months (expanding all twelve and filtering by the mask made 3.4 million rows for ~220,000
      -- kept at national scale, issue #11 bench (i)).
      missing AS (
        SELECT mask, m FROM generate_series(0, 4095) AS mask CROSS JOIN generate_series(1, 12) AS m WHERE mask & (1 << (m - 1)) = 0
      ),
      -- Materialized so that it is hash-joined: from a rule's subtree the planner expects 1 % of the cells
      -- and probed the masks one by one (2.5 s at national scale).
      rec AS MATERIALIZED (SELECT unit_id, year, held_mask FROM cell_meeting_year WHERE year IN (SELECT year FROM r))
      SELECT r.id, 'meeting_record', 'meeting_record:' || c.id || ':' || r.year || '-' || lpad(mo.m::text, 2, '0'), c.id, mo.due,
             ${stage(sql`mo.due`)}, ${prefix('meeting_record')} || ' ' || mo.m || '/' || r.year,
             '/sinh-hoat/' || c.id || '?year=' || r.year, r.digest_to_parent
        FROM r
        JOIN unit c ON c.path <@ r.root_path AND c.kind IN ('cell', 'grassroots_cell') AND ${OPEN_UNIT('c', d)}
        LEFT JOIN LATERAL (
          SELECT st.record_days FROM study_topic st JOIN unit tu ON tu.id = st.unit_id
           WHERE st.year = r.year AND tu.path @> c.path ORDER BY tu.depth DESC LIMIT 1
        ) t ON true
        -- The months recorded as held by D, one bit per month: the cell's year mask kept by the meeting
        -- triggers (cell_meeting_year) without the months whose meeting was held after D (only a run for a
        -- past day finds any). Aggregating every meeting of the year instead cost ~4 s at national scale,
        -- and a per-cell-month NOT EXISTS ~80 s (issue #11 bench (i)).
        LEFT JOIN rec ON rec.unit_id = c.id AND rec.year = r.year
        LEFT JOIN (
          SELECT cm.unit_id, cm.year, bit_or(1 << (cm.month - 1)) AS late_mask
            FROM cell_meeting cm
           WHERE cm.year IN (SELECT year FROM r) AND cm.kind = 'regular' AND cm.held_on > ${d}
           GROUP BY cm.unit_id, cm.year
        ) late ON late.unit_id = c.id AND late.year = r.year
        JOIN missing g ON g.mask = coalesce(rec.held_mask, 0) & ~coalesce(late.late_mask, 0)
        CROSS JOIN LATERAL (
          SELECT g.m, (make_date(r.year, g.m, 1) + interval '1 month' - interval '1 day')::date AS month_end,
                 (make_date(r.year, g.m, 1) + interval '1 month' - interval '1 day')::date + coalesce(t.record_days, ${DEFAULT_TOPIC_RULE.recordDays}::int) AS due
        ) mo
       WHERE ${candidate(sql`mo.due`)} AND mo.month_end >= c.valid_from`,
    commitment_registration: sql`
      WITH r AS (${rules('commitment_registration')}),
      -- Materialized so that it is hash-joined (the cells of a rule's subtree are misestimated at 1 %, and
      -- the roll-ups were probed one by one, ~1 s at national scale).
      cr AS MATERIALIZED (
        SELECT cr.unit_id, cr.round_id, cr.members_on_time + cr.members_late AS submitted FROM commitment_rollup cr
         WHERE cr.round_id IN (SELECT rd.id FROM commitment_round rd WHERE rd.year IN (SELECT year FROM r))
      )
      SELECT r.id, 'commitment_registration', 'commitment_registration:' || rd.id || ':' || c.id, c.id, rd.member_deadline,
             ${stage(sql`rd.member_deadline`)}, ${prefix('commitment_registration')} || ' ' || rd.year,
             '/dang-ky?year=' || rd.year || '&unit=' || c.id, r.digest_to_parent
        FROM r
        JOIN commitment_round rd ON rd.year = r.year AND ${candidate(sql`rd.member_deadline`)}
        JOIN unit ru ON ru.id = rd.unit_id
        JOIN unit c ON c.path <@ r.root_path AND c.path <@ ru.path AND c.kind IN ('cell', 'grassroots_cell') AND c.member_count > 0 AND ${OPEN_UNIT('c', d)}
        LEFT JOIN cr ON cr.unit_id = c.id AND cr.round_id = rd.id
       WHERE coalesce(cr.submitted, 0) < c.member_count`,
    follow_up: sql`
      WITH r AS (${rules('follow_up')})
      SELECT r.id, 'follow_up', 'follow_up:' || f.id, f.owner_unit_id, f.due_on,
             ${stage(sql`f.due_on`)}, ${prefix('follow_up')} || ': ' || left(f.task, 120),
             '/giam-sat/' || fi.activity_id, r.digest_to_parent
        FROM r
        JOIN follow_up f ON ${yearRange(sql`f.due_on`)} AND ${candidate(sql`f.due_on`)}
                        AND f.state <> 'cancelled' AND NOT (f.state = 'done' AND f.done_on <= ${d})
        JOIN unit u ON u.id = f.owner_unit_id AND u.path <@ r.root_path AND ${OPEN_UNIT('u', d)}
        JOIN oversight_finding fi ON fi.id = f.finding_id`,
    pilot_milestone: sql`
      WITH r AS (${rules('pilot_milestone')})
      SELECT r.id, 'pilot_milestone', 'pilot_milestone:' || p.id, p.committee_unit_id, make_date(p.year, 12, 31),
             ${stage(sql`make_date(p.year, 12, 31)`)}, ${prefix('pilot_milestone')} || ' ' || tu.name,
             '/chi-dao-diem?year=' || p.year || '&unit=' || p.committee_unit_id, r.digest_to_parent
        FROM r
        JOIN pilot p ON p.year = r.year AND ${candidate(sql`make_date(p.year, 12, 31)`)} AND (p.completed_on IS NULL OR p.completed_on > ${d})
        JOIN unit u ON u.id = p.committee_unit_id AND u.path <@ r.root_path AND ${OPEN_UNIT('u', d)}
        JOIN unit tu ON tu.id = p.target_unit_id`,
    issue_milestone: sql`
      WITH r AS (${rules('issue_milestone')})
      SELECT r.id, 'issue_milestone', 'issue_milestone:' || m.id, i.committee_unit_id, m.due_on,
             ${stage(sql`m.due_on`)}, ${prefix('issue_milestone')} || ' ' || m.number || ' (' || m.title || ') — ' || i.title,
             '/chi-dao-diem?year=' || i.year || '&unit=' || i.committee_unit_id, r.digest_to_parent
        FROM r
        JOIN pressing_issue i ON i.year = r.year AND (i.resolved_on IS NULL OR i.resolved_on > ${d})
        JOIN unit u ON u.id = i.committee_unit_id AND u.path <@ r.root_path AND ${OPEN_UNIT('u', d)}
        JOIN pressing_issue_milestone m ON m.issue_id = i.id AND ${yearRange(sql`m.due_on`)} AND ${candidate(sql`m.due_on`)}
                                       AND (m.done_on IS NULL OR m.done_on > ${d})`,
  };

  const roles = sql`${[...RECIPIENT_ROLES]}::text[]`;
  const dateKey = sql`${options.date}::text`;
  /**
   * Not yet notified today. The day's keys (they end with the day) are written only by this run, under
   * the day's advisory lock, so a plain INSERT filtered by this test cannot collide; the unique index stays
   * as the backstop (a collision fails the run, it never duplicates). ON CONFLICT DO NOTHING cost a
   * speculative insertion per row: 4–6 s of the 572,055 reminders at national scale (issue #11 bench (i)).
   */
  const notYet = (key: RawBuilder<unknown>) => sql`NOT EXISTS (SELECT 1 FROM notification n WHERE n.business_date = ${d} AND n.dedupe_key = ${key})`;

  return db.transaction().execute(async (trx) => {
    // Two runs of the same day (two workers, a manual run) take turns; the second then finds everything
    // already inserted.
    await sql`SELECT pg_advisory_xact_lock(hashtext('lamtheo.daily_urging'), ${options.date}::date - DATE '2000-01-01')`.execute(trx);
    // One background job sorting and hashing ~570,000 rows a statement at national scale: with the default
    // 4 MB every sort spilled to disk (external merges of ~100 MB, issue #11 bench (i)).
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
    await sql`CREATE TEMP TABLE urging_hit (rule_id bigint, item_kind text, item_key text, unit_id bigint, due_on date, stage text, label text, link text, digest boolean) ON COMMIT DROP`.execute(trx);
    // The new notifications (no index: read whole; the deliveries need no lookup of the notifications).
    await sql`CREATE TEMP TABLE urging_new (id bigint, kind text, account_id bigint) ON COMMIT DROP`.execute(trx);

    let hits = 0;
    // Only the kinds some rule covers on D (each kind's statement reads its whole table).
    const ruled = await sql<{ item_kind: ItemKind }>`
      SELECT DISTINCT item_kind FROM reminder_rule WHERE valid_from <= ${d} AND (valid_to IS NULL OR valid_to >= ${d})`.execute(trx);
    for (const kind of ruled.rows.map((row) => row.item_kind).filter((kind) => kind in perKind)) {
      const result = await sql`INSERT INTO urging_hit SELECT * FROM (${perKind[kind]}) AS x(rule_id, item_kind, item_key, unit_id, due_on, stage, label, link, digest) WHERE ${keep}`.execute(trx);
      hits += Number(result.numAffectedRows ?? 0);
    }
    // A temporary table has no statistics: without them the reminder and digest statements are planned
    // for a handful of hits (nested loops over the hits; the digests took 13 s of a 16 s run at 2 % of
    // the national data, issue #11 bench (i)).
    await sql`ANALYZE urging_hit`.execute(trx);

    // Reminders: one per item and recipient (overlapping rules of several levels remind once).
    await sql`
      WITH picked AS (
        SELECT DISTINCT ON (h.item_key, a.id) h.*, a.id AS account_id, u.name AS unit_name
          FROM urging_hit h
          JOIN unit u ON u.id = h.unit_id
          JOIN account a ON a.scope_unit_id = h.unit_id AND a.disabled_at IS NULL AND a.role = ANY (${roles})
         WHERE h.stage IS NOT NULL
         ORDER BY h.item_key, a.id, CASE h.stage WHEN 'due' THEN 0 WHEN 'after' THEN 1 ELSE 2 END, h.rule_id
      ), inserted AS (
        INSERT INTO notification (account_id, kind, item_kind, item_key, unit_id, rule_id, stage, due_on, business_date, title, body, link, dedupe_key)
        SELECT account_id, 'reminder', item_kind, item_key, unit_id, rule_id, stage, due_on, ${d},
               format(CASE stage WHEN 'before' THEN ${REMINDER_TITLE_TEMPLATES.before}::text WHEN 'due' THEN ${REMINDER_TITLE_TEMPLATES.due}::text ELSE ${REMINDER_TITLE_TEMPLATES.after}::text END, label),
               format(CASE stage WHEN 'before' THEN ${REMINDER_BODY_TEMPLATES.before}::text WHEN 'due' THEN ${REMINDER_BODY_TEMPLATES.due}::text ELSE ${REMINDER_BODY_TEMPLATES.after}::text END,
                      unit_name, label, to_char(due_on, 'DD/MM/YYYY'), abs(${d} - due_on)),
               link, 'reminder:' || item_key || ':' || account_id || ':' || ${dateKey}
          FROM picked p
         WHERE ${notYet(sql`'reminder:' || p.item_key || ':' || p.account_id || ':' || ${dateKey}`)}
        RETURNING id, kind, account_id
      )
      INSERT INTO urging_new SELECT id, kind, account_id FROM inserted`.execute(trx);

    // Digests: one per parent unit and recipient, listing its late sub-units (daily: those reminded as
    // overdue today; weekly, on Mondays: everything overdue). The lines are ranked and counted once per
    // parent (~570,000 overdue lines at national scale), and only the first DIGEST_MAX_LINES of each are
    // written out; each recipient then takes its parent's daily or weekly variant.
    await sql`
      WITH lines AS (
        -- The parent of a hit's unit lies in the rule's subtree unless the unit is the rule's root.
        SELECT DISTINCT ON (p.id, h.item_key) p.id AS parent_id, p.name AS parent_name, c.id AS child_id, c.name AS unit_name,
               h.item_key, h.item_kind, h.label, h.due_on, h.stage = 'after' AS cadence
          FROM urging_hit h
          JOIN reminder_rule r ON r.id = h.rule_id
          JOIN unit c ON c.id = h.unit_id
          JOIN unit p ON p.id = c.parent_id
         WHERE h.digest AND h.due_on < ${d} AND c.id <> r.root_unit_id
         ORDER BY p.id, h.item_key, (h.stage = 'after') DESC
      ), ranked AS (
        SELECT l.*,
               row_number() OVER w AS all_rank,
               CASE WHEN l.cadence THEN count(*) FILTER (WHERE l.cadence) OVER w END AS daily_rank
          FROM lines l
        WINDOW w AS (PARTITION BY l.parent_id ORDER BY l.unit_name COLLATE "vi-x-icu", l.due_on, l.item_key ROWS UNBOUNDED PRECEDING)
      ), parents AS (
        SELECT parent_id, min(parent_name) AS parent_name,
               count(*) FILTER (WHERE cadence) AS daily_items, count(DISTINCT child_id) FILTER (WHERE cadence) AS daily_units,
               array_agg(format(${DIGEST_LINE_TEMPLATE}::text, unit_name, label, to_char(due_on, 'DD/MM/YYYY'), ${d} - due_on) ORDER BY daily_rank)
                 FILTER (WHERE daily_rank <= ${DIGEST_MAX_LINES}::int) AS daily_lines,
               CASE WHEN min(item_kind) FILTER (WHERE cadence) = max(item_kind) FILTER (WHERE cadence) THEN min(item_kind) FILTER (WHERE cadence) END AS daily_kind,
               count(*) AS all_items, count(DISTINCT child_id) AS all_units,
               array_agg(format(${DIGEST_LINE_TEMPLATE}::text, unit_name, label, to_char(due_on, 'DD/MM/YYYY'), ${d} - due_on) ORDER BY all_rank)
                 FILTER (WHERE all_rank <= ${DIGEST_MAX_LINES}::int) AS all_lines,
               CASE WHEN min(item_kind) = max(item_kind) THEN min(item_kind) END AS all_kind
          FROM ranked
         GROUP BY parent_id
      ), recipients AS (
        SELECT a.id AS account_id, a.scope_unit_id AS parent_id, coalesce(pr.digest, 'daily') AS frequency
          FROM account a
          LEFT JOIN notification_preference pr ON pr.account_id = a.id
         WHERE a.scope_unit_id IN (SELECT parent_id FROM parents) AND a.disabled_at IS NULL AND a.role = ANY (${roles})
      ), per AS (
        SELECT rc.account_id, p.parent_id, p.parent_name,
               CASE WHEN rc.frequency = 'daily' THEN p.daily_units ELSE p.all_units END AS units,
               CASE WHEN rc.frequency = 'daily' THEN p.daily_items ELSE p.all_items END AS items,
               CASE WHEN rc.frequency = 'daily' THEN p.daily_lines ELSE p.all_lines END AS lines,
               CASE WHEN rc.frequency = 'daily' THEN p.daily_kind ELSE p.all_kind END AS item_kind
          FROM recipients rc
          JOIN parents p ON p.parent_id = rc.parent_id
         WHERE (rc.frequency = 'daily' AND p.daily_items > 0) OR (rc.frequency = 'weekly' AND ${monday}::boolean)
      ), inserted AS (
        INSERT INTO notification (account_id, kind, item_kind, unit_id, business_date, title, body, link, dedupe_key)
        SELECT account_id, 'digest', item_kind, parent_id, ${d},
               format(${DIGEST_TITLE_TEMPLATE}::text, parent_name, units),
               ${DIGEST_HEADER}::text || E'\n' || array_to_string(lines, E'\n')
                 || CASE WHEN items > ${DIGEST_MAX_LINES}::int THEN E'\n' || format(${DIGEST_MORE_TEMPLATE}::text, items - ${DIGEST_MAX_LINES}::int) ELSE '' END,
               replace(replace(${JSON.stringify(DIGEST_LINK_TEMPLATES)}::jsonb ->> item_kind, '{unit}', parent_id::text), '{year}', ${year}::text),
               'digest:' || parent_id || ':' || account_id || ':' || ${dateKey}
          FROM per
         WHERE ${notYet(sql`'digest:' || per.parent_id || ':' || per.account_id || ':' || ${dateKey}`)}
        RETURNING id, kind, account_id
      )
      INSERT INTO urging_new SELECT id, kind, account_id FROM inserted`.execute(trx);

    const counts = await sql<{ kind: string; n: number }>`SELECT kind, count(*)::int AS n FROM urging_new GROUP BY kind`.execute(trx);
    const deliveryIds = options.emailEnabled ? await createDeliveries(trx, sql`SELECT id, kind, account_id FROM urging_new`, { fresh: true }) : [];
    if (options.queueEmails && deliveryIds.length > 0) {
      await sql`
        SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
          SELECT ROW(${TASKS.sendEmailBatch}::text, json_build_object('deliveryIds', array_agg(id ORDER BY id)), NULL::text, NULL::timestamptz,
                     ${EMAIL_MAX_ATTEMPTS}::smallint, 'deliveries:' || min(id) || '-' || max(id), NULL::smallint, NULL::text[])::graphile_worker.job_spec
            FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${EMAIL_BATCH_SIZE}::int AS batch FROM unnest(${deliveryIds}::bigint[]) AS id) x
           GROUP BY batch))`.execute(trx);
    }
    const count = (kind: string) => counts.rows.find((row) => row.kind === kind)?.n ?? 0;
    return { date: options.date, hits, reminders: count('reminder'), digests: count('digest'), deliveryIds, millis: Date.now() - started };
  });
}
