import { type RawBuilder, sql } from 'kysely';
import { DEFAULT_YEAR_RULE, PILOT_COMMITTEE_KINDS } from '../../../shared/domain/standards';
import type { Db } from '../../db/connect';
import { type Limit, unlimited } from './query-limit';

/**
 * All SQL of the dashboard. Every query answers for several periods at once (the current period, the
 * previous one and the same period a year earlier: one scan, `windows`) and for a set of nodes: either
 * one unit (`self`) or the direct children of a unit (`children`), each over its whole subtree.
 *
 * - Heavy figures read the summary tables kept by triggers, one row per node: cascade_rollup (+ the
 *   node's own cascade_obligation rows), meeting_rollup and cell_span_rollup, commitment_rollup,
 *   assessment_rollup and leader_rollup — the same rows the cascade view, the meeting matrix and the
 *   registration coverage read, so the figures agree with those pages.
 * - Unit figures (helper units, standards, priority sectors) read unit_figure_rollup (migration 0015);
 *   the committees behind pilots and pressing issues are found through a partial index on their path.
 * - Dated tables (conferences, inspections, follow-ups, nominations, commendations, publicity) read
 *   their trigger-kept summaries (migration 0016): one row per ancestor-or-self of the owning unit and
 *   per day (or year), so each node reads its own rows and sums the days of each window.
 */

export interface Window {
  from: string;
  to: string;
  /** Campaign year of the period (year of `to`). */
  year: number;
  /** Day the as-of figures are read on: min(to, today). */
  asOf: string;
}

export interface NodeSet {
  /** The unit whose dashboard this is. */
  parent: { id: number; path: string };
  /** `self`: the parent's own subtree; `children`: each direct child's subtree. */
  mode: 'self' | 'children';
  /** The nodes answered for: [parent.id], or the children's ids. */
  ids: number[];
  /**
   * A subtree too large to scan `unit` for each small table (the root of a province or a country):
   * each small-table row then looks its unit up by primary key.
   */
  large: boolean;
  /** `self` on the only root of the database: the subtree is every unit, no path needs reading. */
  whole?: boolean;
}

/** Subtrees of at least this many units are `large`. */
export const LARGE_SUBTREE = 20_000;

/** Node of a row whose unit path is `path`: the parent, or the child of the parent that holds it. */
function bucket(path: RawBuilder<unknown>, nodes: NodeSet): RawBuilder<number> {
  if (nodes.mode === 'self') return sql<number>`${nodes.parent.id}::bigint`;
  return sql<number>`ltree2text(subpath(${path}, nlevel(${nodes.parent.path}::ltree), 1))::bigint`;
}

function windowsSql(windows: Window[]): RawBuilder<unknown> {
  return sql`(SELECT * FROM unnest(${windows.map((w) => w.from)}::date[], ${windows.map((w) => w.to)}::date[],
                                    ${windows.map((w) => w.year)}::int[], ${windows.map((w) => w.asOf)}::date[])
                     WITH ORDINALITY AS x(f, t, y, d, i))`;
}

const n = (value: unknown): number => Number(value ?? 0);

/** Rows keyed by window index (0-based) and node. */
export type Keyed<T> = Map<string, T>;
export const keyOf = (window: number, node: number) => `${window}:${node}`;

function keyed<T extends { i: number; node: number }>(rows: T[]): Keyed<T> {
  return new Map(rows.map((row) => [keyOf(Number(row.i) - 1, Number(row.node)), row]));
}

export interface CascadeCounts {
  i: number;
  node: number;
  on_time: number;
  late: number;
  pending: number;
  overdue: number;
  c_on_time: number;
  c_late: number;
  c_pending: number;
  c_overdue: number;
}

export interface MeetingMonthRow {
  node: number;
  year: number;
  month: number;
  held: number;
  present: number;
  roll: number;
}

export interface UnitFiguresRow {
  i: number;
  node: number;
  /** A priority sector, or null for the units of none. */
  sector: string | null;
  helper_committees: number;
  helper_set_up: number;
  helper_complete: number;
  standard_units: number;
  with_moral: number;
  with_professional: number;
  priority_units: number;
  priority_professional: number;
  committees: number;
  quota_met: number;
  comprehensive: number;
  field: number;
  no_issue: number;
  on_track: number;
  at_risk: number;
  resolved: number;
  not_resolved: number;
  resolved_by: number;
}

/**
 * The dashboard's queries on `db`; each runs through `limit` (see query-limit.ts: a request's
 * queries share one pool fairly with writes).
 */
export function dashboardRepository(db: Db, limit: Limit = unlimited) {
  const run = <R>(query: RawBuilder<R>) => limit(() => query.execute(db));
  return {
    unit: (id: number) =>
      limit(() =>
        db
          .selectFrom('unit')
          .select([
            'id',
            'parent_id',
            sql<string>`path::text`.as('path'),
            'name',
            'kind',
            'child_count',
            'descendant_count',
            'member_count',
            'valid_to',
            sql<number>`(SELECT count(*)::int FROM unit r WHERE r.parent_id IS NULL)`.as('roots'),
          ])
          .where('id', '=', id)
          .executeTakeFirst(),
      ),

    units: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : limit(() => db.selectFrom('unit').select(['id', 'name', sql<string>`path::text`.as('path')]).where('id', 'in', ids).execute()),

    /** Direct children open on `since` or later (closed before the period are left out). */
    children: (parentId: number, since: string) =>
      limit(() =>
        db
          .selectFrom('unit')
          .select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'child_count', 'descendant_count', 'member_count'])
          .where('parent_id', '=', parentId)
          .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', since)]))
          .execute(),
      ),

    /**
     * Cascade obligations (documents and conferences) falling due in each window: the roll-up rows of
     * each node (obligations strictly below it) plus the node's own obligations, as the cascade view
     * counts them. Not-done obligations are pending or overdue on `today`.
     */
    async cascade(nodes: NodeSet, windows: Window[], today: string): Promise<Keyed<CascadeCounts>> {
      if (nodes.ids.length === 0) return new Map();
      const result = await run(sql<CascadeCounts>`
        WITH parts AS (
          SELECT r.unit_id AS node, r.due_on, r.conference_due_on, r.on_time, r.late, r.open, r.c_on_time, r.c_late, r.c_open
            FROM cascade_rollup r
           WHERE r.unit_id = ANY (${nodes.ids}::bigint[])
          UNION ALL
          SELECT o.unit_id, o.due_on, o.conference_due_on,
                 coalesce(o.done_on <= o.due_on, false)::int, coalesce(o.done_on > o.due_on, false)::int, (o.done_on IS NULL)::int,
                 coalesce(o.conference_on <= o.conference_due_on, false)::int, coalesce(o.conference_on > o.conference_due_on, false)::int,
                 (o.conference_due_on IS NOT NULL AND o.conference_on IS NULL)::int
            FROM cascade_obligation o
           WHERE o.unit_id = ANY (${nodes.ids}::bigint[])
        )
        SELECT w.i::int AS i, p.node::int AS node,
               coalesce(sum(p.on_time) FILTER (WHERE p.due_on BETWEEN w.f AND w.t), 0)::int AS on_time,
               coalesce(sum(p.late) FILTER (WHERE p.due_on BETWEEN w.f AND w.t), 0)::int AS late,
               coalesce(sum(p.open) FILTER (WHERE p.due_on BETWEEN w.f AND w.t AND ${today}::date <= p.due_on), 0)::int AS pending,
               coalesce(sum(p.open) FILTER (WHERE p.due_on BETWEEN w.f AND w.t AND ${today}::date > p.due_on), 0)::int AS overdue,
               coalesce(sum(p.c_on_time) FILTER (WHERE p.conference_due_on BETWEEN w.f AND w.t), 0)::int AS c_on_time,
               coalesce(sum(p.c_late) FILTER (WHERE p.conference_due_on BETWEEN w.f AND w.t), 0)::int AS c_late,
               coalesce(sum(p.c_open) FILTER (WHERE p.conference_due_on BETWEEN w.f AND w.t AND ${today}::date <= p.conference_due_on), 0)::int AS c_pending,
               coalesce(sum(p.c_open) FILTER (WHERE p.conference_due_on BETWEEN w.f AND w.t AND ${today}::date > p.conference_due_on), 0)::int AS c_overdue
          FROM parts p CROSS JOIN ${windowsSql(windows)} w
         GROUP BY 1, 2`);
      return keyed(result.rows);
    },

    /**
     * Dissemination conferences held in each window in the subtrees: participants expected and present.
     * Read from conference_rollup (one row per ancestor-or-self of the conference's unit and day, kept by
     * triggers, migration 0016): a node's own rows are its subtree's.
     */
    async conferences(nodes: NodeSet, windows: Window[]) {
      if (nodes.ids.length === 0) return new Map();
      const result = await run(sql<{ i: number; node: number; conferences: number; expected_cadres: number; attended_cadres: number; expected_members: number; attended_members: number }>`
        SELECT w.i::int AS i, r.unit_id AS node, sum(r.conferences)::int AS conferences,
               sum(r.expected_cadres)::bigint AS expected_cadres, sum(r.attended_cadres)::bigint AS attended_cadres,
               sum(r.expected_members)::bigint AS expected_members, sum(r.attended_members)::bigint AS attended_members
          FROM conference_rollup r
          JOIN ${windowsSql(windows)} w ON r.held_on BETWEEN w.f AND w.t
         WHERE r.unit_id = ANY (${nodes.ids}::bigint[])
         GROUP BY 1, 2
        HAVING sum(r.conferences) > 0`);
      return keyed(
        result.rows.map((r) => ({
          ...r,
          expected_cadres: n(r.expected_cadres),
          attended_cadres: n(r.attended_cadres),
          expected_members: n(r.expected_members),
          attended_members: n(r.attended_members),
        })),
      );
    },

    /**
     * The units of the subtrees that are not cells inside a grassroots unit (plus the priority-sector
     * cells), counted on each window's as-of day, for four families of figures:
     * - helper units: committees that must set one up (province, district-level, affiliated; a grassroots
     *   committee when it is the node itself, as the helper-unit coverage does), set up by the as-of day,
     *   and with a regulation (complete);
     * - standards: units that issue standards (every unit but `cell`, as the standards coverage counts
     *   them) with a moral / professional standard issued by the as-of day;
     * - priority sectors, per sector: units of a priority sector (one inside a committee of the same
     *   sector counts with it) with a professional standard by then;
     * - district-level and affiliated committees: pilots of the window's year against the quota of their
     *   province (campaign_year_rule of the tree's root, default 2 + 3), and their pressing issue.
     * Rows per window, node and priority sector (null for the units of no priority sector).
     *
     * The first three read the nodes' rows of unit_figure_rollup (migration 0015: the units of each
     * subtree grouped by what the windows compare — closing day, helper unit, standards' dates — kept by
     * triggers), a few hundred to a few thousand groups per node instead of a pass over its units. The
     * committees are read through a partial index on their paths.
     */
    async unitFigures(nodes: NodeSet, windows: Window[]) {
      if (nodes.ids.length === 0) return [];
      const years = [...new Set(windows.map((w) => w.year))];
      // Literal kinds, so that the planner matches the predicate of the partial index unit_pilot_committee_path.
      const committeeKinds = sql.join(PILOT_COMMITTEE_KINDS.map((kind) => sql.lit(kind)));
      // Children mode: strictly below the parent; otherwise (also on the whole tree) the parent's subtree.
      const committeeScope =
        nodes.mode === 'self'
          ? sql`u.path <@ ${nodes.parent.path}::ltree`
          : sql`u.path <@ ${nodes.parent.path}::ltree AND nlevel(u.path) > nlevel(${nodes.parent.path}::ltree)`;
      const result = await run(sql<UnitFiguresRow>`
        WITH grouped AS (
          SELECT r.unit_id AS node, r.priority_sector, r.issues_standards, r.helper_kind, r.valid_to, r.established_on, r.has_regulation,
                 r.moral_on, r.professional_on, r.n
            FROM unit_figure_rollup r
           WHERE r.unit_id = ANY (${nodes.ids}::bigint[]) AND r.n <> 0
          UNION ALL
          -- A grassroots committee that is the node itself must set up a helper unit: its own unit moves
          -- from its stored key (not a helper kind) to the same key as a helper kind, with its helper unit.
          SELECT k.unit_id, k.priority_sector, k.issues_standards, c.helper_kind, k.valid_to,
                 CASE WHEN c.helper_kind THEN h.established_on END, c.helper_kind AND h.regulation_document_id IS NOT NULL,
                 k.moral_on, k.professional_on, c.n
            FROM unit_figure_key k
            JOIN unit u ON u.id = k.unit_id
            LEFT JOIN helper_unit h ON h.unit_id = k.unit_id
            CROSS JOIN (VALUES (false, -1), (true, 1)) AS c(helper_kind, n)
           WHERE k.unit_id = ANY (${nodes.ids}::bigint[]) AND u.kind = 'grassroots_committee' AND NOT k.helper_kind
        ), committees AS MATERIALIZED (
          SELECT ${bucket(sql.ref('u.path'), nodes)} AS node, u.id, u.valid_to, ltree2text(subpath(u.path, 0, 1))::bigint AS root
            FROM unit u
           WHERE u.kind IN (${committeeKinds}) AND ${committeeScope}
        ), pilots AS (
          SELECT p.committee_unit_id AS id, p.year,
                 count(*) FILTER (WHERE p.kind = 'comprehensive')::int AS comprehensive, count(*) FILTER (WHERE p.kind = 'field')::int AS field
            FROM pilot p
           WHERE p.year = ANY (${years}::int[]) AND p.committee_unit_id IN (SELECT id FROM committees)
           GROUP BY 1, 2
        ), issues AS (
          SELECT DISTINCT ON (i.committee_unit_id, i.year) i.committee_unit_id AS id, i.year, i.status, i.resolved_on
            FROM pressing_issue i
           WHERE i.year = ANY (${years}::int[]) AND i.committee_unit_id IN (SELECT id FROM committees)
           ORDER BY i.committee_unit_id, i.year, i.id
        ), windows AS MATERIALIZED (SELECT * FROM ${windowsSql(windows)} w)
        SELECT w.i::int AS i, g.node::bigint AS node, g.priority_sector AS sector,
               coalesce(sum(g.n) FILTER (WHERE g.helper_kind), 0)::int AS helper_committees,
               coalesce(sum(g.n) FILTER (WHERE g.helper_kind AND g.established_on <= w.d), 0)::int AS helper_set_up,
               coalesce(sum(g.n) FILTER (WHERE g.helper_kind AND g.established_on <= w.d AND g.has_regulation), 0)::int AS helper_complete,
               coalesce(sum(g.n) FILTER (WHERE g.issues_standards), 0)::int AS standard_units,
               coalesce(sum(g.n) FILTER (WHERE g.issues_standards AND g.moral_on <= w.d), 0)::int AS with_moral,
               coalesce(sum(g.n) FILTER (WHERE g.issues_standards AND g.professional_on <= w.d), 0)::int AS with_professional,
               coalesce(sum(g.n) FILTER (WHERE g.priority_sector IS NOT NULL), 0)::int AS priority_units,
               coalesce(sum(g.n) FILTER (WHERE g.priority_sector IS NOT NULL AND g.professional_on <= w.d), 0)::int AS priority_professional,
               0 AS committees, 0 AS quota_met, 0 AS comprehensive, 0 AS field, 0 AS no_issue, 0 AS on_track, 0 AS at_risk, 0 AS resolved,
               0 AS not_resolved, 0 AS resolved_by
          FROM grouped g
          JOIN windows w ON g.valid_to IS NULL OR g.valid_to > w.d
         GROUP BY 1, 2, 3
        -- A group exists when a unit is counted in it (as when the units were counted one by one).
        HAVING sum(g.n) > 0
        UNION ALL
        SELECT w.i::int, c.node::bigint, NULL, 0, 0, 0, 0, 0, 0, 0, 0,
               count(*)::int,
               count(*) FILTER (WHERE coalesce(p.comprehensive, 0) >= coalesce(r.comprehensive_pilots, ${DEFAULT_YEAR_RULE.comprehensivePilots})
                                  AND coalesce(p.field, 0) >= coalesce(r.field_pilots, ${DEFAULT_YEAR_RULE.fieldPilots}))::int,
               coalesce(sum(p.comprehensive), 0)::int, coalesce(sum(p.field), 0)::int,
               count(*) FILTER (WHERE pi.id IS NULL)::int,
               count(*) FILTER (WHERE pi.status = 'on_track')::int,
               count(*) FILTER (WHERE pi.status = 'at_risk')::int,
               count(*) FILTER (WHERE pi.status = 'resolved')::int,
               count(*) FILTER (WHERE pi.status = 'not_resolved')::int,
               count(*) FILTER (WHERE pi.status = 'resolved' AND pi.resolved_on <= w.d)::int
          FROM committees c
          JOIN windows w ON c.valid_to IS NULL OR c.valid_to > w.d
          LEFT JOIN pilots p ON p.id = c.id AND p.year = w.y
          LEFT JOIN issues pi ON pi.id = c.id AND pi.year = w.y
          LEFT JOIN campaign_year_rule r ON r.unit_id = c.root AND r.year = w.y
         GROUP BY 1, 2`);
      return result.rows.map((r) => ({ ...r, window: Number(r.i) - 1, node: Number(r.node) }));
    },

    /**
     * Registration rounds of each window's year: the nodes' rows of commitment_rollup (summed over the
     * rounds of that year, one per province), the decided levels, the leaders (leader_rollup), and the
     * deadlines and review day of the rounds concerning each node.
     */
    async commitments(ids: number[], years: number[]) {
      if (ids.length === 0) return { rollups: [], levels: [], leaders: [], rounds: [] };
      const [rollups, levels, leaders, rounds] = await Promise.all([
        run(sql<{ node: number; year: number; members_on_time: number; members_late: number; leaders_on_time: number; leaders_late: number; decided: number; self_reviewed: number }>`
          SELECT r.unit_id::int AS node, cr.year,
                 sum(r.members_on_time)::int AS members_on_time, sum(r.members_late)::int AS members_late,
                 sum(r.leaders_on_time)::int AS leaders_on_time, sum(r.leaders_late)::int AS leaders_late,
                 sum(r.decided)::int AS decided, sum(r.self_reviewed)::int AS self_reviewed
            FROM commitment_rollup r JOIN commitment_round cr ON cr.id = r.round_id
           WHERE r.unit_id = ANY (${ids}::bigint[]) AND cr.year = ANY (${years}::int[])
           GROUP BY 1, 2`),
        run(sql<{ node: number; year: number; level: string; label: string | null; rank: number | null; members: number }>`
          SELECT a.unit_id::int AS node, cr.year, a.level, min(l.label) AS label, min(l.rank) AS rank, sum(a.members)::int AS members
            FROM assessment_rollup a
            JOIN commitment_round cr ON cr.id = a.round_id
            LEFT JOIN assessment_level l ON l.scheme_id = cr.scheme_id AND l.applies_to = 'member' AND l.code = a.level
           WHERE a.unit_id = ANY (${ids}::bigint[]) AND cr.year = ANY (${years}::int[]) AND a.members <> 0
           GROUP BY 1, 2, 3`),
        run(sql<{ node: number; leaders: number }>`SELECT unit_id::int AS node, leaders FROM leader_rollup WHERE unit_id = ANY (${ids}::bigint[])`),
        // The rounds that concern each node: of a committee at or above it (or, above the provinces, below it).
        run(sql<{ node: number; year: number; leader_deadline: string; member_deadline: string; review_opens_on: string }>`
          SELECT n.id::int AS node, cr.year, max(cr.leader_deadline)::text AS leader_deadline, max(cr.member_deadline)::text AS member_deadline,
                 min(cr.review_opens_on)::text AS review_opens_on
            FROM unit n
            JOIN commitment_round cr ON cr.year = ANY (${years}::int[])
            JOIN unit ru ON ru.id = cr.unit_id
           WHERE n.id = ANY (${ids}::bigint[]) AND (ru.path @> n.path OR ru.path <@ n.path)
           GROUP BY 1, 2`),
      ]);
      return { rollups: rollups.rows, levels: levels.rows, leaders: leaders.rows, rounds: rounds.rows };
    },

    /** Cells under each node open at some time in each year (cell_span_rollup, the node itself included). */
    async cellsByYear(ids: number[], years: number[]) {
      if (ids.length === 0 || years.length === 0) return [];
      const result = await run(sql<{ node: number; year: number; cells: number }>`
        SELECT s.unit_id::int AS node, y.year::int, sum(s.cells)::int AS cells
          FROM cell_span_rollup s
          JOIN unnest(${years}::int[]) AS y(year) ON s.from_year <= y.year AND s.to_year >= y.year
         WHERE s.unit_id = ANY (${ids}::bigint[])
         GROUP BY 1, 2`);
      return result.rows;
    },

    /** Regular meetings per node and month (meeting_rollup): held with 1–2 topic items, present, roll. */
    async meetingMonths(ids: number[], years: number[]): Promise<MeetingMonthRow[]> {
      if (ids.length === 0 || years.length === 0) return [];
      const result = await run(sql<MeetingMonthRow>`
        SELECT unit_id::int AS node, year, month, held, present, roll
          FROM meeting_rollup
         WHERE unit_id = ANY (${ids}::bigint[]) AND year = ANY (${years}::int[])`);
      return result.rows;
    },

    /**
     * Inspections and supervisions organised in the subtrees, dated (held, or planned when not held) in each
     * window; cancelled ones left out (inspection_rollup, per ancestor-or-self, day, kind and held).
     */
    async inspections(nodes: NodeSet, windows: Window[]) {
      if (nodes.ids.length === 0) return new Map();
      const result = await run(sql<{ i: number; node: number; total: number; held: number; held_inspection: number; held_supervision: number }>`
        SELECT w.i::int AS i, r.unit_id AS node, sum(r.n)::int AS total,
               coalesce(sum(r.n) FILTER (WHERE r.held), 0)::int AS held,
               coalesce(sum(r.n) FILTER (WHERE r.held AND r.kind = 'inspection'), 0)::int AS held_inspection,
               coalesce(sum(r.n) FILTER (WHERE r.held AND r.kind = 'supervision'), 0)::int AS held_supervision
          FROM inspection_rollup r
          JOIN ${windowsSql(windows)} w ON r.day BETWEEN w.f AND w.t
         WHERE r.unit_id = ANY (${nodes.ids}::bigint[])
         GROUP BY 1, 2
        HAVING sum(r.n) > 0`);
      return keyed(result.rows);
    },

    /**
     * Follow-ups owned by units of the subtrees, given by the as-of day (their activity held, or planned,
     * by then), not cancelled, in the four timeliness states of that day: a task done after it was
     * still open on it. follow_up_rollup stores each state's +1/−1 events by day (migration 0016), so a
     * state's count on the as-of day is the sum of its events up to that day.
     */
    async followUps(nodes: NodeSet, windows: Window[]) {
      if (nodes.ids.length === 0) return new Map();
      const result = await run(sql<{ i: number; node: number; done_on_time: number; done_late: number; pending: number; overdue: number }>`
        SELECT w.i::int AS i, r.unit_id AS node,
               sum(r.on_time)::int AS done_on_time, sum(r.late)::int AS done_late, sum(r.pending)::int AS pending, sum(r.overdue)::int AS overdue
          FROM follow_up_rollup r
          JOIN ${windowsSql(windows)} w ON r.day <= w.d
         WHERE r.unit_id = ANY (${nodes.ids}::bigint[])
         GROUP BY 1, 2
        HAVING sum(r.on_time) > 0 OR sum(r.late) > 0 OR sum(r.pending) > 0 OR sum(r.overdue) > 0`);
      return keyed(result.rows);
    },

    /** Exemplars nominated (not drafts) by units of the subtrees for each window's year, by state (nomination_rollup). */
    async nominations(nodes: NodeSet, windows: Window[]) {
      if (nodes.ids.length === 0) return new Map();
      const result = await run(sql<{ i: number; node: number; nominated: number; in_review: number; approved: number; commended: number; rejected: number }>`
        SELECT w.i::int AS i, r.unit_id AS node,
               sum(r.n)::int AS nominated,
               coalesce(sum(r.n) FILTER (WHERE r.state IN ('pending', 'returned')), 0)::int AS in_review,
               coalesce(sum(r.n) FILTER (WHERE r.state = 'approved'), 0)::int AS approved,
               coalesce(sum(r.n) FILTER (WHERE r.state = 'commended'), 0)::int AS commended,
               coalesce(sum(r.n) FILTER (WHERE r.state = 'rejected'), 0)::int AS rejected
          FROM nomination_rollup r
          JOIN ${windowsSql(windows)} w ON r.year = w.y
         WHERE r.unit_id = ANY (${nodes.ids}::bigint[])
         GROUP BY 1, 2
        HAVING sum(r.n) > 0`);
      return keyed(result.rows);
    },

    /** Commendations decided in each window for exemplars nominated in the subtrees, by form (commendation_rollup). */
    async commendations(nodes: NodeSet, windows: Window[]) {
      if (nodes.ids.length === 0) return [];
      const result = await run(sql<{ i: number; node: number; form: string | null; commended: number }>`
        SELECT w.i::int AS i, r.unit_id AS node, r.form, sum(r.n)::int AS commended
          FROM commendation_rollup r
          JOIN ${windowsSql(windows)} w ON r.decision_date BETWEEN w.f AND w.t
         WHERE r.unit_id = ANY (${nodes.ids}::bigint[])
         GROUP BY 1, 2, 3
        HAVING sum(r.n) > 0`);
      return result.rows.map((r) => ({ ...r, window: Number(r.i) - 1, node: Number(r.node) }));
    },

    /**
     * Publicity entries published in each window about exemplars nominated in the subtrees, by channel
     * name (publicity_rollup, per channel id; channels of one name are counted together).
     */
    async publicity(nodes: NodeSet, windows: Window[]) {
      if (nodes.ids.length === 0) return [];
      const result = await run(sql<{ i: number; node: number; channel: string; position: number; entries: number }>`
        SELECT w.i::int AS i, r.unit_id AS node, c.name AS channel,
               min(c.position + CASE WHEN c.root_unit_id IS NULL THEN 0 ELSE 100000 END) FILTER (WHERE r.n > 0)::int AS position,
               sum(r.n)::int AS entries
          FROM publicity_rollup r
          JOIN publicity_channel c ON c.id = r.channel_id
          JOIN ${windowsSql(windows)} w ON r.published_on BETWEEN w.f AND w.t
         WHERE r.unit_id = ANY (${nodes.ids}::bigint[])
         GROUP BY 1, 2, 3
        HAVING sum(r.n) > 0`);
      return result.rows.map((r) => ({ ...r, window: Number(r.i) - 1, node: Number(r.node) }));
    },
  };
}

export type DashboardRepository = ReturnType<typeof dashboardRepository>;
