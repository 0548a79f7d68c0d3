import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import { containsPattern } from '../../db/like';
import type { DisseminationConferenceTable } from '../../db/schema';

export type ConferenceRow = Selectable<DisseminationConferenceTable> & {
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  unit_valid_to: string | null;
};

export type ConferenceDocumentRow = { conference_id: number; id: number; symbol: string; title: string; doc_type: string; issued_on: string };

/**
 * What the rules need to know about a document a conference disseminates. The owner is the issuing
 * unit, or for a document from above the tree the committee that registered it.
 */
export type CandidateDocumentRow = { id: number; symbol: string; issued_on: string; issuer_name: string; owner_path: string };

export interface CoverageSums {
  conferences: number;
  expected_cadres: number;
  attended_cadres: number;
  expected_members: number;
  attended_members: number;
}

export type CoverageChildRow = CoverageSums & { id: number; name: string; kind: string };

const CONFERENCE_COLUMNS = [
  'k.id',
  'k.unit_id',
  'k.held_on',
  'k.form',
  'k.expected_cadres',
  'k.attended_cadres',
  'k.expected_members',
  'k.attended_members',
  'k.note',
  'k.minutes_file_id',
  'k.created_by',
  'k.version',
  'k.created_at',
  'k.updated_at',
  'u.name as unit_name',
  'u.kind as unit_kind',
  sql<string>`u.path::text`.as('unit_path'),
  'u.valid_to as unit_valid_to',
] as const;

/** [from, to) of a calendar year, for the held_on index. */
function yearRange(year: number): [string, string] {
  return [`${String(year).padStart(4, '0')}-01-01`, `${String(year + 1).padStart(4, '0')}-01-01`];
}

export interface ConferenceListFilter {
  unitId: number;
  unitPath: string;
  subtree: boolean;
  year?: number | undefined;
  page: number;
  pageSize: number;
}

export function conferencesRepository(db: Db) {
  const base = () => db.selectFrom('dissemination_conference as k').innerJoin('unit as u', 'u.id', 'k.unit_id');

  return {
    unit(id: number) {
      return db
        .selectFrom('unit')
        .select(['id', 'name', 'kind', 'valid_to', 'depth', sql<string>`path::text`.as('path')])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    async findById(id: number, forUpdate = false): Promise<ConferenceRow | undefined> {
      let query = base().select(CONFERENCE_COLUMNS).where('k.id', '=', id);
      if (forUpdate) query = query.forUpdate(['k']);
      return query.executeTakeFirst();
    },

    async list(filter: ConferenceListFilter): Promise<{ items: ConferenceRow[]; total: number }> {
      let query = base();
      query = filter.subtree ? query.where(sql<boolean>`u.path <@ ${filter.unitPath}::ltree`) : query.where('k.unit_id', '=', filter.unitId);
      if (filter.year !== undefined) {
        const [from, to] = yearRange(filter.year);
        query = query.where('k.held_on', '>=', from).where('k.held_on', '<', to);
      }
      const [items, total] = await Promise.all([
        query
          .select(CONFERENCE_COLUMNS)
          .orderBy('k.held_on', 'desc')
          .orderBy('k.id', 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
      ]);
      return { items, total };
    },

    /** The documents of many conferences at once, oldest first within each. */
    documentsOf(conferenceIds: number[]): Promise<ConferenceDocumentRow[]> {
      if (conferenceIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('conference_document as kd')
        .innerJoin('party_document as d', 'd.id', 'kd.document_id')
        .select(['kd.conference_id', 'd.id', 'd.symbol', 'd.title', 'd.doc_type', 'd.issued_on'])
        .where('kd.conference_id', 'in', conferenceIds)
        .orderBy('kd.conference_id')
        .orderBy('d.issued_on')
        .orderBy('d.id')
        .execute();
    },

    candidateDocuments(ids: number[]): Promise<CandidateDocumentRow[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('party_document as d')
        .innerJoin('unit as o', 'o.id', 'd.owner_unit_id')
        .select(['d.id', 'd.symbol', 'd.issued_on', 'd.issuer_name', sql<string>`o.path::text`.as('owner_path')])
        .where('d.id', 'in', ids)
        .execute();
    },

    /**
     * Documents owned by the unit or one of its ancestors (their ids are the unit's path), newest
     * first: what a conference of that unit may disseminate.
     */
    documentOptions(unitPath: string, folded: string | undefined, limit: number) {
      let query = db
        .selectFrom('party_document as d')
        .select(['d.id', 'd.symbol', 'd.title', 'd.doc_type', 'd.issued_on', 'd.issuer_name'])
        .where('d.owner_unit_id', 'in', unitPath.split('.').map(Number));
      if (folded) query = query.where('d.search_text', 'like', containsPattern(folded));
      return query.orderBy('d.issued_on', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
    },

    async insert(values: Insertable<DisseminationConferenceTable>): Promise<number> {
      const row = await db.insertInto('dissemination_conference').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** Update when the version still matches; false when someone else changed the row first. */
    async update(id: number, version: number, set: Partial<Insertable<DisseminationConferenceTable>>): Promise<boolean> {
      const result = await db
        .updateTable('dissemination_conference')
        .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** Link and unlink documents; the triggers on conference_document refresh the cascade obligations. */
    async changeDocuments(conferenceId: number, add: number[], remove: number[]): Promise<void> {
      if (remove.length > 0) await db.deleteFrom('conference_document').where('conference_id', '=', conferenceId).where('document_id', 'in', remove).execute();
      if (add.length > 0) await db.insertInto('conference_document').values(add.map((document_id) => ({ conference_id: conferenceId, document_id }))).execute();
    },

    async delete(id: number, version: number): Promise<boolean> {
      // The links go first, in their own statement, so their trigger refreshes the obligations.
      await db.deleteFrom('conference_document').where('conference_id', '=', id).execute();
      const result = await db.deleteFrom('dissemination_conference').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return result.numDeletedRows === 1n;
    },

    /**
     * Coverage of a unit's subtree in one pass over its conferences: each conference is counted for
     * the direct child whose subtree holds it (the id at the child's level of the path), or for the
     * unit itself. Children are the open ones plus closed ones that held conferences.
     */
    async coverage(unit: { id: number; path: string }, year: number | undefined): Promise<{ own: CoverageSums; children: CoverageChildRow[] }> {
      const [from, to] = year === undefined ? [null, null] : yearRange(year);
      const result = await sql<CoverageSums & { child_id: number | null }>`
        SELECT CASE WHEN nlevel(u.path) = nlevel(${unit.path}::ltree) THEN NULL
                    ELSE ltree2text(subpath(u.path, nlevel(${unit.path}::ltree), 1))::bigint END AS child_id,
               count(*)::int AS conferences,
               coalesce(sum(k.expected_cadres), 0)::bigint AS expected_cadres,
               coalesce(sum(k.attended_cadres), 0)::bigint AS attended_cadres,
               coalesce(sum(k.expected_members), 0)::bigint AS expected_members,
               coalesce(sum(k.attended_members), 0)::bigint AS attended_members
          FROM dissemination_conference k
          JOIN unit u ON u.id = k.unit_id
         WHERE u.path <@ ${unit.path}::ltree
           AND (${from}::date IS NULL OR k.held_on >= ${from}::date)
           AND (${to}::date IS NULL OR k.held_on < ${to}::date)
         GROUP BY 1`.execute(db);
      const empty: CoverageSums = { conferences: 0, expected_cadres: 0, attended_cadres: 0, expected_members: 0, attended_members: 0 };
      const byChild = new Map<number, CoverageSums>();
      let own = empty;
      for (const row of result.rows) {
        const sums = {
          conferences: Number(row.conferences),
          expected_cadres: Number(row.expected_cadres),
          attended_cadres: Number(row.attended_cadres),
          expected_members: Number(row.expected_members),
          attended_members: Number(row.attended_members),
        };
        if (row.child_id === null) own = sums;
        else byChild.set(Number(row.child_id), sums);
      }
      const children = await db
        .selectFrom('unit')
        .select(['id', 'name', 'kind', 'valid_to'])
        .where('parent_id', '=', unit.id)
        .orderBy(sql`name COLLATE "vi-x-icu"`)
        .orderBy('id')
        .execute();
      return {
        own,
        children: children
          .filter((child) => child.valid_to === null || byChild.has(child.id))
          .map((child) => ({ id: child.id, name: child.name, kind: child.kind, ...(byChild.get(child.id) ?? empty) })),
      };
    },
  };
}

export type ConferencesRepository = ReturnType<typeof conferencesRepository>;
