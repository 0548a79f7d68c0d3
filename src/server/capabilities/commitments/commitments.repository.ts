import { type Insertable, type Updateable, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { CommitmentCheckinTable, CommitmentItemTable, CommitmentRoundTable, CommitmentTable } from '../../db/schema';

const COMMITMENT_COLUMNS = [
  'c.id',
  'c.round_id',
  'c.kind',
  'c.member_id',
  'c.unit_id',
  'c.is_leader',
  'c.state',
  'c.first_submitted_on',
  'c.return_comment',
  'c.self_level',
  'c.self_note',
  'c.self_reviewed_at',
  'c.cell_level',
  'c.cell_note',
  'c.decided_level',
  'c.not_assessed_reason',
  'c.version',
] as const;

export function commitmentsRepository(db: Db) {
  const commitments = () =>
    db
      .selectFrom('commitment as c')
      .innerJoin('unit as u', 'u.id', 'c.unit_id')
      .innerJoin('commitment_round as r', 'r.id', 'c.round_id')
      .leftJoin('member as m', 'm.id', 'c.member_id')
      .select(COMMITMENT_COLUMNS)
      .select([
        sql<string>`u.path::text`.as('unit_path'),
        'u.name as unit_name',
        'u.kind as unit_kind',
        'u.valid_to as unit_valid_to',
        'r.year',
        'r.unit_id as round_unit_id',
        'r.scheme_id',
        'r.leader_deadline',
        'r.member_deadline',
        'r.review_opens_on',
        'r.study_topic_id',
        'm.family_name',
        'm.middle_name',
        'm.given_name',
      ]);

  return {
    schemes: () => db.selectFrom('assessment_scheme').selectAll().orderBy('valid_from_year').execute(),
    levels: (schemeIds: number[]) =>
      schemeIds.length === 0 ? Promise.resolve([]) : db.selectFrom('assessment_level').selectAll().where('scheme_id', 'in', schemeIds).orderBy('rank').execute(),
    schemeForYear: (year: number) =>
      db
        .selectFrom('assessment_scheme')
        .select('id')
        .where('valid_from_year', '<=', year)
        .where((eb) => eb.or([eb('valid_to_year', 'is', null), eb('valid_to_year', '>=', year)]))
        .orderBy('valid_from_year', 'desc')
        .executeTakeFirst(),

    /** Rounds of the committees at or above `scopePath`: the ones whose commitments the caller's units make. */
    rounds: (scopePath: string, year?: number) => {
      let query = db
        .selectFrom('commitment_round as r')
        .innerJoin('unit as u', 'u.id', 'r.unit_id')
        .selectAll('r')
        .select(sql<string>`u.path::text`.as('unit_path'))
        .where(sql<boolean>`u.path @> ${scopePath}::ltree`)
        .orderBy('r.year', 'desc');
      if (year !== undefined) query = query.where('r.year', '=', year);
      return query.execute();
    },
    round: async (id: number, forUpdate = false) => {
      if (forUpdate) await db.selectFrom('commitment_round').select('id').where('id', '=', id).forUpdate().execute();
      return db
        .selectFrom('commitment_round as r')
        .innerJoin('unit as u', 'u.id', 'r.unit_id')
        .selectAll('r')
        .select(sql<string>`u.path::text`.as('unit_path'))
        .where('r.id', '=', id)
        .executeTakeFirst();
    },
    insertRound: (values: Insertable<CommitmentRoundTable>) => db.insertInto('commitment_round').values(values).returning('id').executeTakeFirstOrThrow(),
    updateRound: (id: number, values: Updateable<CommitmentRoundTable>) =>
      db
        .updateTable('commitment_round')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute(),
    campaigns: (ids: number[]) => (ids.length === 0 ? Promise.resolve([]) : db.selectFrom('campaign').select(['id', 'name']).where('id', 'in', ids).execute()),
    topics: (ids: number[]) => (ids.length === 0 ? Promise.resolve([]) : db.selectFrom('study_topic').select(['id', 'title', 'year']).where('id', 'in', ids).execute()),
    topicItems: (topicIds: number[]) =>
      topicIds.length === 0 ? Promise.resolve([]) : db.selectFrom('study_topic_item').select(['id', 'topic_id', 'number', 'title']).where('topic_id', 'in', topicIds).orderBy('number').execute(),

    unit: (id: number) =>
      db
        .selectFrom('unit')
        .select(['id', sql<string>`path::text`.as('path'), 'depth', 'name', 'kind', 'is_grassroots', 'valid_to', 'child_count', 'member_count'])
        .where('id', '=', id)
        .executeTakeFirst(),
    units: (ids: number[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'depth', 'name', 'kind', 'is_grassroots', 'child_count', 'member_count']).where('id', 'in', ids).execute(),
    children: (parentId: number) =>
      db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'child_count', 'member_count']).where('parent_id', '=', parentId).execute(),
    lockUnit: (id: number) => db.selectFrom('unit').select('id').where('id', '=', id).forNoKeyUpdate().execute(),

    member: (id: number) =>
      db
        .selectFrom('member as m')
        .innerJoin('unit as u', 'u.id', 'm.unit_id')
        .select(['m.id', 'm.unit_id', 'm.family_name', 'm.middle_name', 'm.given_name', 'm.is_key_leader', 'm.is_head', 'm.left_on', sql<string>`u.path::text`.as('unit_path'), 'u.name as unit_name', 'u.kind as unit_kind'])
        .where('m.id', '=', id)
        .executeTakeFirst(),

    async findById(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('commitment').select('id').where('id', '=', id).forUpdate().execute();
      return commitments().where('c.id', '=', id).executeTakeFirst();
    },
    ofMember: (roundId: number, memberId: number) => commitments().where('c.round_id', '=', roundId).where('c.member_id', '=', memberId).where('c.kind', '=', 'personal').executeTakeFirst(),
    collectiveOf: (roundId: number, unitId: number) => commitments().where('c.round_id', '=', roundId).where('c.unit_id', '=', unitId).where('c.kind', '=', 'collective').executeTakeFirst(),
    /** Lock many commitments in one statement, in id order (two deciders never deadlock). */
    lockMany: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('commitment').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute(),
    manyById: (ids: number[]) => (ids.length === 0 ? Promise.resolve([]) : commitments().where('c.id', 'in', ids).execute()),

    insert: (values: Insertable<CommitmentTable>) => db.insertInto('commitment').values(values).returning('id').executeTakeFirstOrThrow(),
    update: (id: number, values: Updateable<CommitmentTable>) =>
      db
        .updateTable('commitment')
        .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute(),

    items: (commitmentIds: number[]) =>
      commitmentIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('commitment_item as i')
            .leftJoin('study_topic_item as t', 't.id', 'i.topic_item_id')
            .select(['i.id', 'i.commitment_id', 'i.number', 'i.kind', 'i.action', 'i.measure', 'i.due_on', 'i.topic_item_id', 'i.standard_ref', 'i.self_result', 'i.self_note', 't.number as topic_number', 't.title as topic_title'])
            .where('i.commitment_id', 'in', commitmentIds)
            .orderBy('i.commitment_id')
            .orderBy('i.number')
            .execute(),
    deleteItems: (commitmentId: number, keepIds: number[]) => {
      let query = db.deleteFrom('commitment_item').where('commitment_id', '=', commitmentId);
      if (keepIds.length > 0) query = query.where('id', 'not in', keepIds);
      return query.execute();
    },
    insertItem: (values: Insertable<CommitmentItemTable>) => db.insertInto('commitment_item').values(values).execute(),
    updateItem: (id: number, values: Updateable<CommitmentItemTable>) => db.updateTable('commitment_item').set(values).where('id', '=', id).execute(),

    checkins: (commitmentIds: number[]) =>
      commitmentIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('commitment_checkin as k')
            .leftJoin('stored_file as f', 'f.id', 'k.evidence_file_id')
            .leftJoin('account as a', 'a.id', 'k.posted_by')
            .select(['k.id', 'k.commitment_id', 'k.item_id', 'k.posted_on', 'k.percent', 'k.note', 'k.evidence_file_id', 'f.name as file_name', 'f.media_type as file_media_type', 'f.size as file_size', 'a.display_name as posted_by'])
            .where('k.commitment_id', 'in', commitmentIds)
            .orderBy('k.posted_on', 'desc')
            .orderBy('k.id', 'desc')
            .execute(),
    insertCheckin: (values: Insertable<CommitmentCheckinTable>) => db.insertInto('commitment_checkin').values(values).returning('id').executeTakeFirstOrThrow(),

    /** Active members of the subtree (at most `limit`), with their cell and their commitment of the round. */
    registerRows: (path: string, roundId: number, limit: number) =>
      sql<{
        member_id: number;
        family_name: string;
        middle_name: string;
        given_name: string;
        is_leader: boolean;
        cell_id: number;
        cell_name: string;
        commitment_id: number | null;
        state: string | null;
        c_is_leader: boolean | null;
        first_submitted_on: string | null;
        self_level: string | null;
        cell_level: string | null;
        decided_level: string | null;
        not_assessed_reason: string | null;
        version: number | null;
        item_count: number;
        done_share: number | null;
        last_checkin_on: string | null;
      }>`
        SELECT m.id AS member_id, m.family_name, m.middle_name, m.given_name, (m.is_key_leader OR m.is_head) AS is_leader,
               u.id AS cell_id, u.name AS cell_name,
               c.id AS commitment_id, c.state, c.is_leader AS c_is_leader, c.first_submitted_on::text, c.self_level, c.cell_level,
               c.decided_level, c.not_assessed_reason, c.version,
               coalesce(i.item_count, 0)::int AS item_count, i.done_share::float8 AS done_share, k.last_checkin_on::text
          FROM unit u
          JOIN member m ON m.unit_id = u.id AND m.left_on IS NULL
          LEFT JOIN commitment c ON c.member_id = m.id AND c.round_id = ${roundId} AND c.kind = 'personal'
          LEFT JOIN LATERAL (
            SELECT count(*) AS item_count,
                   CASE WHEN count(self_result) = 0 THEN NULL
                        ELSE sum(CASE self_result WHEN 'done' THEN 1 WHEN 'partly' THEN 0.5 ELSE 0 END) / count(*) END AS done_share
              FROM commitment_item WHERE commitment_id = c.id
          ) i ON true
          LEFT JOIN LATERAL (SELECT max(posted_on) AS last_checkin_on FROM commitment_checkin WHERE commitment_id = c.id) k ON true
         WHERE u.path <@ ${path}::ltree
         LIMIT ${limit}`.execute(db),

    collectivesOf: (unitIds: number[], roundId: number) =>
      unitIds.length === 0
        ? Promise.resolve([])
        : db.selectFrom('commitment').select(['id', 'unit_id', 'state', 'first_submitted_on']).where('round_id', '=', roundId).where('kind', '=', 'collective').where('unit_id', 'in', unitIds).execute(),

    /** Decided member levels in the subtree of a grassroots unit, for the cap. */
    decidedLevels: async (path: string, roundId: number) => {
      const rows = await sql<{ level: string; n: number }>`
        SELECT c.decided_level AS level, count(*)::int AS n
          FROM commitment c JOIN unit u ON u.id = c.unit_id
         WHERE c.round_id = ${roundId} AND c.kind = 'personal' AND c.decided_level IS NOT NULL AND u.path <@ ${path}::ltree
         GROUP BY 1`.execute(db);
      return Object.fromEntries(rows.rows.map((r) => [r.level, r.n])) as Record<string, number>;
    },

    rollups: (unitIds: number[], roundId: number) =>
      unitIds.length === 0
        ? Promise.resolve([])
        : sql<{
            unit_id: number;
            members_on_time: number;
            members_late: number;
            leaders_on_time: number;
            leaders_late: number;
            collectives_on_time: number;
            collectives_late: number;
            accepted: number;
            self_reviewed: number;
            decided: number;
          }>`SELECT unit_id::int, members_on_time, members_late, leaders_on_time, leaders_late, collectives_on_time, collectives_late,
                    accepted, self_reviewed, decided
               FROM commitment_rollup WHERE round_id = ${roundId} AND unit_id = ANY (${unitIds}::bigint[])`
            .execute(db)
            .then((r) => r.rows),
    levelRollups: (unitIds: number[], roundId: number) =>
      unitIds.length === 0
        ? Promise.resolve([])
        : sql<{ unit_id: number; level: string; members: number }>`
            SELECT unit_id::int, level, members FROM assessment_rollup WHERE round_id = ${roundId} AND unit_id = ANY (${unitIds}::bigint[]) AND members <> 0`
            .execute(db)
            .then((r) => r.rows),
    leaders: (unitIds: number[]) =>
      unitIds.length === 0
        ? Promise.resolve([])
        : sql<{ unit_id: number; leaders: number }>`SELECT unit_id::int, leaders FROM leader_rollup WHERE unit_id = ANY (${unitIds}::bigint[])`
            .execute(db)
            .then((r) => r.rows),
  };
}

export type CommitmentsRepository = ReturnType<typeof commitmentsRepository>;
export type CommitmentRow = NonNullable<Awaited<ReturnType<CommitmentsRepository['findById']>>>;
export type RoundRow = NonNullable<Awaited<ReturnType<CommitmentsRepository['round']>>>;
