import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { stateCountsSql, timelinessSql } from '../../db/timeliness';

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
     * Obligations of the cascade under `lineage` in the subtree of the unit at `unitPath`, counted per state
     * for the unit itself and for each of its children's subtrees: one pass over the obligations.
     */
    async nodeCounts(lineage: string, unitPath: string, depth: number, today: string): Promise<NodeCountsRow[]> {
      const state = timelinessSql(sql.ref('o.done_on'), sql.ref('o.due_on'), today);
      const conference = sql`CASE WHEN o.conference_due_on IS NULL THEN NULL ELSE ${timelinessSql(sql.ref('o.conference_on'), sql.ref('o.conference_due_on'), today)} END`;
      const result = await sql<NodeCountsRow>`
        WITH s AS (
          SELECT CASE WHEN nlevel(u.path) = ${depth + 1} THEN u.id ELSE ltree2text(subltree(u.path, ${depth + 1}, ${depth + 2}))::bigint END AS node,
                 ${state} AS state, ${conference} AS cstate
            FROM cascade_obligation o JOIN unit u ON u.id = o.unit_id
           WHERE o.lineage <@ ${lineage}::ltree AND u.path <@ ${unitPath}::ltree
        )
        SELECT node, ${stateCountsSql(sql.ref('state'))},
               count(*) FILTER (WHERE cstate = 'done_on_time')::int AS c_done_on_time,
               count(*) FILTER (WHERE cstate = 'done_late')::int AS c_done_late,
               count(*) FILTER (WHERE cstate = 'pending')::int AS c_pending,
               count(*) FILTER (WHERE cstate = 'overdue')::int AS c_overdue
          FROM s GROUP BY node`.execute(db);
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
