import { type Insertable, type Selectable, sql } from 'kysely';
import { AGE_BAND_RANGES } from '../../../shared/domain/members';
import type { MemberListQuery } from '../../../shared/schemas/members';
import type { Db } from '../../db/connect';
import { containsPattern } from '../../db/like';
import type { MemberTable } from '../../db/schema';

export type MemberRow = Omit<Selectable<MemberTable>, 'search_name'> & {
  unit_name: string;
  unit_kind: string;
  unit_code: string;
  unit_path: string;
  positions: string[] | null;
};

const MEMBER_COLUMNS = [
  'm.id',
  'm.unit_id',
  'm.family_name',
  'm.middle_name',
  'm.given_name',
  'm.gender',
  'm.birth_date',
  'm.ethnicity',
  'm.status',
  'm.joined_on',
  'm.official_on',
  'm.card_number',
  'm.id_number',
  'm.phone',
  'm.is_key_leader',
  'm.is_head',
  'm.left_on',
  'm.left_reason',
  'm.version',
  'm.created_at',
  'm.updated_at',
  'u.name as unit_name',
  'u.kind as unit_kind',
  'u.code as unit_code',
  sql<string>`u.path::text`.as('unit_path'),
  sql<string[] | null>`(SELECT array_agg(p.position ORDER BY p.started_on) FROM member_position p WHERE p.member_id = m.id AND p.ended_on IS NULL)`.as('positions'),
] as const;

/** Vietnamese list order: tên, tên đệm, họ (DOMAIN.md §6), matching the member_name_order_idx index. */
const NAME_ORDER = sql`m.given_name COLLATE "vi-x-icu", m.middle_name COLLATE "vi-x-icu", m.family_name COLLATE "vi-x-icu", m.id`;

export interface ListScope {
  unitId: number;
  unitPath: string;
  subtree: boolean;
}

export function membersRepository(db: Db) {
  const base = () => db.selectFrom('member as m').innerJoin('unit as u', 'u.id', 'm.unit_id');

  function filtered(scope: ListScope, filter: Omit<MemberListQuery, 'unitId' | 'subtree' | 'page' | 'pageSize'>, today: string) {
    let query = base();
    query = scope.subtree ? query.where(sql<boolean>`u.path <@ ${scope.unitPath}::ltree`) : query.where('m.unit_id', '=', scope.unitId);
    if (!filter.includeLeft) query = query.where('m.left_on', 'is', null);
    if (filter.q) query = query.where('m.search_name', 'like', containsPattern(filter.q));
    if (filter.status) query = query.where('m.status', '=', filter.status);
    if (filter.keyLeader !== undefined) query = query.where('m.is_key_leader', '=', filter.keyLeader);
    if (filter.head !== undefined) query = query.where('m.is_head', '=', filter.head);
    if (filter.sector) query = query.where('u.sector', '=', filter.sector);
    if (filter.ageBand) {
      const [min, max] = AGE_BAND_RANGES[filter.ageBand];
      query = query
        .where('m.birth_date', '<=', sql<string>`(${today}::date - make_interval(years => ${min}))::date`)
        .where('m.birth_date', '>', sql<string>`(${today}::date - make_interval(years => ${max + 1}))::date`);
    }
    if (filter.position) {
      const position = filter.position;
      query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom('member_position as p').select('p.id').whereRef('p.member_id', '=', 'm.id').where('p.ended_on', 'is', null).where('p.position', '=', position)),
      );
    }
    return query;
  }

  return {
    async list(scope: ListScope, filter: MemberListQuery, today: string, knownTotal: number | null, largeSubtree = false): Promise<{ items: MemberRow[]; total: number }> {
      if (largeSubtree) {
        // PostgreSQL cannot estimate how many members an ltree subtree holds and would sort the whole
        // subtree for every page; for a big subtree, walking the name-ordered index is far cheaper.
        return db.transaction().execute(async (tx) => {
          await sql`SET LOCAL enable_sort = off`.execute(tx);
          return membersRepository(tx).list(scope, filter, today, knownTotal, false);
        });
      }
      const query = filtered(scope, filter, today);
      const [items, total] = await Promise.all([
        query.select(MEMBER_COLUMNS).orderBy(NAME_ORDER).limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute(),
        knownTotal ?? query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
      ]);
      return { items: items as MemberRow[], total };
    },

    /** Every row of a filtered list, in list order, for export. */
    all(scope: ListScope, filter: MemberListQuery, today: string, limit: number) {
      return filtered(scope, filter, today).select(MEMBER_COLUMNS).orderBy(NAME_ORDER).limit(limit).execute() as Promise<MemberRow[]>;
    },

    async findById(id: number, forUpdate = false): Promise<MemberRow | undefined> {
      let query = base().select(MEMBER_COLUMNS).where('m.id', '=', id);
      if (forUpdate) query = query.forUpdate(['m']);
      return (await query.executeTakeFirst()) as MemberRow | undefined;
    },

    positionHistory(memberId: number) {
      return db
        .selectFrom('member_position as p')
        .innerJoin('unit as u', 'u.id', 'p.unit_id')
        .select(['p.id', 'p.position', 'p.started_on', 'p.ended_on', 'u.id as unit_id', 'u.name as unit_name', 'u.kind as unit_kind', sql<string>`u.path::text`.as('unit_path')])
        .where('p.member_id', '=', memberId)
        .orderBy('p.ended_on', (ob) => ob.desc().nullsFirst())
        .orderBy('p.started_on', 'desc')
        .execute();
    },

    ancestorsOf(path: string, fromDepth: number) {
      return db
        .selectFrom('unit')
        .select(['id', 'name', 'kind'])
        .where(sql<boolean>`path @> ${path}::ltree`)
        .where('depth', '>=', fromDepth)
        .orderBy('depth')
        .execute();
    },

    unit(id: number) {
      return db
        .selectFrom('unit')
        .select(['id', 'name', 'kind', 'valid_to', 'valid_from', 'member_count', 'direct_member_count', sql<string>`path::text`.as('path')])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    unitsByCode(codes: string[]) {
      if (codes.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('unit')
        .select(['id', 'code', 'name', 'kind', 'valid_to', sql<string>`path::text`.as('path')])
        .where('code', 'in', codes)
        .execute();
    },

    async cardNumberOwner(cardNumber: string, exceptId?: number): Promise<number | null> {
      let query = db.selectFrom('member').select('id').where('card_number', '=', cardNumber);
      if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
      return (await query.executeTakeFirst())?.id ?? null;
    },

    existingCardNumbers(cardNumbers: string[]) {
      if (cardNumbers.length === 0) return Promise.resolve([]);
      return db.selectFrom('member').select('card_number').where('card_number', 'in', cardNumbers).execute();
    },

    async insert(values: Insertable<MemberTable>): Promise<number> {
      const row = await db.insertInto('member').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** Many members in chunks that stay under PostgreSQL's parameter limit; returns their ids in order. */
    async insertMany(values: Insertable<MemberTable>[], onProgress?: (done: number) => Promise<void>): Promise<number[]> {
      const ids: number[] = [];
      const chunk = 2000;
      for (let start = 0; start < values.length; start += chunk) {
        const rows = await db.insertInto('member').values(values.slice(start, start + chunk)).returning('id').execute();
        ids.push(...rows.map((r) => r.id));
        await onProgress?.(Math.min(start + chunk, values.length));
      }
      return ids;
    },

    async insertPosition(values: { member_id: number; unit_id: number; position: string; started_on: string }): Promise<number> {
      const row = await db.insertInto('member_position').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async endPosition(id: number, endedOn: string): Promise<void> {
      await db.updateTable('member_position').set({ ended_on: endedOn }).where('id', '=', id).execute();
    },

    async update(id: number, version: number, set: Record<string, unknown>): Promise<boolean> {
      const result = await db
        .updateTable('member')
        .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async endPositions(memberId: number, endedOn: string, keepUnderPath: string | null): Promise<void> {
      let query = db.updateTable('member_position').set({ ended_on: endedOn }).where('member_id', '=', memberId).where('ended_on', 'is', null);
      if (keepUnderPath) {
        query = query.where('unit_id', 'not in', db.selectFrom('unit').select('id').where(sql<boolean>`path @> ${keepUnderPath}::ltree`));
      }
      await query.execute();
    },

    position(memberId: number, positionId: number) {
      return db.selectFrom('member_position').select(['id', 'position', 'unit_id', 'started_on', 'ended_on']).where('id', '=', positionId).where('member_id', '=', memberId).executeTakeFirst();
    },

    timeline(memberId: number) {
      return db
        .selectFrom('audit_log as l')
        .leftJoin('account as a', 'a.id', 'l.actor_id')
        .select(['l.at', 'l.action', 'l.before', 'l.after', 'a.display_name as actor'])
        .where('l.entity_type', '=', 'member')
        .where('l.entity_id', '=', memberId)
        .orderBy('l.at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(500)
        .execute();
    },
  };
}

export type MembersRepository = ReturnType<typeof membersRepository>;
