import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { timelinessSql } from '../../db/timeliness';

export interface NodeCountsRow {
  node: number;
  done_on_time: number;
  done_late: number;
  pending: number;
  overdue: number;
  c_done_on_time: number;
  c_done_late: number;
  c_pending: number;
  c_overdue: number;
}

export interface ObligationRow {
  unit_id: number;
  requirement_id: number;
  required_type: string;
  due_on: string;
  done_on: string | null;
  conference_due_on: string | null;
  conference_on: string | null;
  document_id: number | null;
  document_symbol: string | null;
  conference_id: number | null;
  parent_id: number;
  parent_symbol: string;
}

const OBLIGATION_COLUMNS = sql`o.unit_id, o.requirement_id, r.required_type, o.due_on, o.done_on, o.conference_due_on, o.conference_on,
  o.document_id, fd.symbol AS document_symbol, o.conference_id, pd.id AS parent_id, pd.symbol AS parent_symbol`;
const OBLIGATION_JOINS = sql`JOIN cascade_requirement r ON r.id = o.requirement_id
  JOIN party_document pd ON pd.id = r.document_id
  LEFT JOIN party_document fd ON fd.id = o.document_id`;

export function cascadeRepository(db: Db) {
  return {
    unit: (id: number) => db.selectFrom('unit').select(['id', 'path', 'depth', 'name', 'kind', 'child_count']).where('id', '=', id).executeTakeFirst(),

    units: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('unit').select(['id', 'path', 'name', 'kind', 'child_count']).where('id', 'in', ids).execute(),

    /**
     * Counts per state for the unit and each of its children over their subtrees, under the cascade of
     * `lineage`: the roll-up rows (obligations strictly below each node) plus the nodes' own obligations.
     * Reads one row per node and requirement, whatever the size of the tree.
     */
    async nodeCounts(lineage: string, unitId: number, today: string): Promise<NodeCountsRow[]> {
      const state = timelinessSql(sql.ref('o.done_on'), sql.ref('o.due_on'), today);
      const conference = sql`CASE WHEN o.conference_due_on IS NULL THEN NULL ELSE ${timelinessSql(sql.ref('o.conference_on'), sql.ref('o.conference_due_on'), today)} END`;
      const result = await sql<NodeCountsRow>`
        WITH nodes AS (SELECT ${unitId}::bigint AS id UNION ALL SELECT id FROM unit WHERE parent_id = ${unitId}),
        parts AS (
          SELECT r.unit_id AS node, r.on_time AS done_on_time, r.late AS done_late,
                 CASE WHEN ${today}::date <= r.due_on THEN r.open ELSE 0 END AS pending,
                 CASE WHEN ${today}::date > r.due_on THEN r.open ELSE 0 END AS overdue,
                 r.c_on_time AS c_done_on_time, r.c_late AS c_done_late,
                 CASE WHEN ${today}::date <= r.conference_due_on THEN r.c_open ELSE 0 END AS c_pending,
                 CASE WHEN ${today}::date > r.conference_due_on THEN r.c_open ELSE 0 END AS c_overdue
            FROM cascade_rollup r
           WHERE r.unit_id IN (SELECT id FROM nodes) AND r.lineage <@ ${lineage}::ltree
          UNION ALL
          SELECT o.unit_id, (s.state = 'done_on_time')::int, (s.state = 'done_late')::int, (s.state = 'pending')::int, (s.state = 'overdue')::int,
                 (s.cstate = 'done_on_time')::int, (s.cstate = 'done_late')::int, (s.cstate = 'pending')::int, (s.cstate = 'overdue')::int
            FROM cascade_obligation o
            CROSS JOIN LATERAL (SELECT ${state} AS state, ${conference} AS cstate) s
           WHERE o.unit_id IN (SELECT id FROM nodes) AND o.lineage <@ ${lineage}::ltree
        )
        SELECT node, sum(done_on_time)::int AS done_on_time, sum(done_late)::int AS done_late, sum(pending)::int AS pending, sum(overdue)::int AS overdue,
               sum(c_done_on_time)::int AS c_done_on_time, sum(c_done_late)::int AS c_done_late, sum(c_pending)::int AS c_pending, sum(c_overdue)::int AS c_overdue
          FROM parts GROUP BY node`.execute(db);
      return result.rows;
    },

    async obligationsOf(lineage: string, unitIds: number[]): Promise<ObligationRow[]> {
      if (unitIds.length === 0) return [];
      const result = await sql<ObligationRow>`
        SELECT ${OBLIGATION_COLUMNS}
          FROM cascade_obligation o ${OBLIGATION_JOINS}
         WHERE o.lineage <@ ${lineage}::ltree AND o.unit_id = ANY (${unitIds}::bigint[])
         ORDER BY o.due_on, pd.id`.execute(db);
      return result.rows;
    },

    /** Every obligation of the subtree, with the unit's and its parent's names, for the Excel export. */
    async exportRows(lineage: string, unitPath: string, limit: number) {
      const result = await sql<ObligationRow & { unit_name: string; unit_kind: string; parent_unit_name: string | null; unit_path: string }>`
        SELECT ${OBLIGATION_COLUMNS}, u.name AS unit_name, u.kind AS unit_kind, u.path::text AS unit_path, p.name AS parent_unit_name
          FROM cascade_obligation o ${OBLIGATION_JOINS}
          JOIN unit u ON u.id = o.unit_id
          LEFT JOIN unit p ON p.id = u.parent_id
         WHERE o.lineage <@ ${lineage}::ltree AND u.path <@ ${unitPath}::ltree
         LIMIT ${limit}`.execute(db);
      return result.rows;
    },

    /** Open obligations of the subtree falling due between `from` and `until` (documents and conferences). */
    async upcoming(unitPath: string, from: string, until: string, limit: number) {
      const result = await sql<{
        unit_id: number;
        unit_name: string;
        unit_kind: string;
        action: 'document' | 'conference';
        required_type: string;
        parent_id: number;
        parent_symbol: string;
        parent_title: string;
        due_on: string;
      }>`
        SELECT * FROM (
          SELECT u.id AS unit_id, u.name AS unit_name, u.kind AS unit_kind, 'document' AS action, r.required_type,
                 pd.id AS parent_id, pd.symbol AS parent_symbol, pd.title AS parent_title, o.due_on
            FROM cascade_obligation o JOIN unit u ON u.id = o.unit_id
            JOIN cascade_requirement r ON r.id = o.requirement_id JOIN party_document pd ON pd.id = r.document_id
           WHERE o.done_on IS NULL AND o.due_on BETWEEN ${from}::date AND ${until}::date AND u.path <@ ${unitPath}::ltree
          UNION ALL
          SELECT u.id, u.name, u.kind, 'conference', r.required_type, pd.id, pd.symbol, pd.title, o.conference_due_on
            FROM cascade_obligation o JOIN unit u ON u.id = o.unit_id
            JOIN cascade_requirement r ON r.id = o.requirement_id JOIN party_document pd ON pd.id = r.document_id
           WHERE o.conference_on IS NULL AND o.conference_due_on BETWEEN ${from}::date AND ${until}::date AND u.path <@ ${unitPath}::ltree
        ) x ORDER BY due_on, unit_name LIMIT ${limit}`.execute(db);
      return result.rows;
    },
  };
}
