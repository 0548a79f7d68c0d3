import { type Insertable, type SqlBool, type Updateable, sql } from 'kysely';
import type { TimelinessState } from '../../../shared/domain/timeliness';
import type { Db } from '../../db/connect';
import type { FollowUpTable, NegativePhenomenonTable, OversightActivityTable, OversightFindingTable } from '../../db/schema';

/**
 * Oversight activities, their units concerned and attachments, findings with their follow-up, and the
 * negative phenomena. Paths travel as text ('1.12.345'); "in the subtree of P" is `path <@ P`.
 */

const bump = () => ({ version: sql<number>`version + 1`, updated_at: new Date() });

/** Filters follow-ups (alias x) by their timeliness state on `today`. */
function timelinessWhere(state: TimelinessState, today: string) {
  switch (state) {
    case 'done_on_time':
      return sql<SqlBool>`x.state = 'done' AND x.done_on <= x.due_on`;
    case 'done_late':
      return sql<SqlBool>`x.state = 'done' AND x.done_on > x.due_on`;
    case 'pending':
      return sql<SqlBool>`x.state = 'open' AND x.due_on >= ${today}::date`;
    case 'overdue':
      return sql<SqlBool>`x.state = 'open' AND x.due_on < ${today}::date`;
  }
}

export interface ActivityFilter {
  unitPath: string;
  relation: 'organised' | 'concerning';
  year?: number | undefined;
  kind?: string | undefined;
  state?: string | undefined;
  page: number;
  pageSize: number;
}

export interface FollowUpFilter {
  unitPath: string;
  year?: number | undefined;
  state?: string | undefined;
  timeliness?: TimelinessState | undefined;
  today: string;
  page: number;
  pageSize: number;
}

export function oversightRepository(db: Db) {
  const activities = () =>
    db
      .selectFrom('oversight_activity as a')
      .innerJoin('unit as o', 'o.id', 'a.organiser_unit_id')
      .selectAll('a')
      .select(['o.name as organiser_name', 'o.kind as organiser_kind', sql<string>`o.path::text`.as('organiser_path'), 'o.valid_to as organiser_valid_to']);

  /** A finding with its activity, its unit and its follow-up (if any), with the follow-up's owner, evidence file and closer. */
  const findings = () =>
    db
      .selectFrom('oversight_finding as f')
      .innerJoin('unit as fu', 'fu.id', 'f.unit_id')
      .innerJoin('oversight_activity as a', 'a.id', 'f.activity_id')
      .innerJoin('unit as o', 'o.id', 'a.organiser_unit_id')
      .leftJoin('follow_up as x', 'x.finding_id', 'f.id')
      .leftJoin('unit as ou', 'ou.id', 'x.owner_unit_id')
      .leftJoin('stored_file as ef', 'ef.id', 'x.evidence_file_id')
      .leftJoin('account as cb', 'cb.id', 'x.closed_by')
      .select([
        'f.id',
        'f.activity_id',
        'f.number',
        'f.unit_id',
        'f.kind',
        'f.content',
        'f.version',
        'f.created_at',
        'fu.name as unit_name',
        'fu.kind as unit_kind',
        sql<string>`fu.path::text`.as('unit_path'),
        'fu.valid_to as unit_valid_to',
        'a.kind as activity_kind',
        'a.title as activity_title',
        'a.planned_on as activity_planned_on',
        'a.held_on as activity_held_on',
        'a.state as activity_state',
        'a.organiser_unit_id',
        'o.name as organiser_name',
        'o.kind as organiser_kind',
        sql<string>`o.path::text`.as('organiser_path'),
        'o.valid_to as organiser_valid_to',
        'x.id as follow_up_id',
        'x.owner_unit_id',
        'x.task',
        'x.due_on',
        'x.state as follow_up_state',
        'x.done_on',
        'x.result',
        'x.evidence_file_id',
        'x.reopen_comment',
        'x.cancel_reason',
        'x.version as follow_up_version',
        'ou.name as owner_name',
        'ou.kind as owner_kind',
        sql<string | null>`ou.path::text`.as('owner_path'),
        'ou.valid_to as owner_valid_to',
        'ef.name as file_name',
        'ef.media_type as file_media_type',
        'ef.size as file_size',
        'cb.display_name as closed_by_name',
      ]);

  const negatives = () =>
    db
      .selectFrom('negative_phenomenon as n')
      .innerJoin('unit as nu', 'nu.id', 'n.unit_id')
      .innerJoin('oversight_finding as f', 'f.id', 'n.finding_id')
      .innerJoin('unit as fu', 'fu.id', 'f.unit_id')
      .innerJoin('oversight_activity as a', 'a.id', 'f.activity_id')
      .innerJoin('unit as o', 'o.id', 'a.organiser_unit_id')
      .select([
        'n.id',
        'n.finding_id',
        'n.unit_id',
        'n.description',
        'n.handling',
        'n.version',
        'n.created_at',
        'nu.name as unit_name',
        'nu.kind as unit_kind',
        sql<string>`nu.path::text`.as('unit_path'),
        'f.activity_id',
        'f.number as finding_number',
        'f.kind as finding_kind',
        'f.content as finding_content',
        'f.unit_id as finding_unit_id',
        'fu.name as finding_unit_name',
        'fu.kind as finding_unit_kind',
        sql<string>`fu.path::text`.as('finding_unit_path'),
        'a.kind as activity_kind',
        'a.title as activity_title',
        'a.planned_on as activity_planned_on',
        'a.held_on as activity_held_on',
        'a.state as activity_state',
        'a.organiser_unit_id',
        'o.name as organiser_name',
        'o.kind as organiser_kind',
        sql<string>`o.path::text`.as('organiser_path'),
        'o.valid_to as organiser_valid_to',
      ]);

  return {
    unit: (id: number) => db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'valid_to']).where('id', '=', id).executeTakeFirst(),
    units: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'valid_to']).where('id', 'in', ids).execute(),

    // ——— Activities ———

    async activity(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('oversight_activity').select('id').where('id', '=', id).forUpdate().execute();
      return activities().where('a.id', '=', id).executeTakeFirst();
    },

    /**
     * Whether a caller whose scope is `scopePath` sees the activity: the organiser, a unit concerned, a
     * finding's unit or a follow-up's owner is in the scope.
     */
    async activityVisible(id: number, scopePath: string): Promise<boolean> {
      const row = await sql<{ visible: boolean }>`
        SELECT EXISTS (SELECT 1 FROM oversight_activity a JOIN unit o ON o.id = a.organiser_unit_id WHERE a.id = ${id} AND o.path <@ ${scopePath}::ltree)
          OR EXISTS (SELECT 1 FROM oversight_activity_unit au JOIN unit u ON u.id = au.unit_id WHERE au.activity_id = ${id} AND u.path <@ ${scopePath}::ltree)
          OR EXISTS (
            SELECT 1 FROM oversight_finding f
              JOIN unit fu ON fu.id = f.unit_id
              LEFT JOIN follow_up x ON x.finding_id = f.id
              LEFT JOIN unit ou ON ou.id = x.owner_unit_id
            WHERE f.activity_id = ${id} AND (fu.path <@ ${scopePath}::ltree OR ou.path <@ ${scopePath}::ltree)
          ) AS visible`.execute(db);
      return row.rows[0]?.visible === true;
    },

    async listActivities(filter: ActivityFilter) {
      let query = activities();
      query =
        filter.relation === 'organised'
          ? query.where(sql<SqlBool>`o.path <@ ${filter.unitPath}::ltree`)
          : query.where(({ exists, selectFrom }) =>
              exists(
                selectFrom('oversight_activity_unit as au')
                  .innerJoin('unit as u', 'u.id', 'au.unit_id')
                  .select('au.unit_id')
                  .whereRef('au.activity_id', '=', 'a.id')
                  .where(sql<SqlBool>`u.path <@ ${filter.unitPath}::ltree`),
              ),
            );
      if (filter.year !== undefined) query = query.where(sql<SqlBool>`coalesce(a.held_on, a.planned_on) BETWEEN ${`${filter.year}-01-01`}::date AND ${`${filter.year}-12-31`}::date`);
      if (filter.kind !== undefined) query = query.where('a.kind', '=', filter.kind);
      if (filter.state !== undefined) query = query.where('a.state', '=', filter.state);
      const [items, total] = await Promise.all([
        query
          .orderBy(sql`coalesce(a.held_on, a.planned_on)`, 'desc')
          .orderBy('a.id', 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        query
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    /** Per activity, counts over the findings a caller with `scopePath` sees. */
    async activityCounts(ids: number[], scopePath: string, today: string) {
      if (ids.length === 0) return [];
      const result = await sql<{ activity_id: number; findings: string; follow_ups: string; open_follow_ups: string; overdue_follow_ups: string }>`
        SELECT f.activity_id,
               count(f.id) AS findings,
               count(x.id) AS follow_ups,
               count(x.id) FILTER (WHERE x.state = 'open') AS open_follow_ups,
               count(x.id) FILTER (WHERE x.state = 'open' AND x.due_on < ${today}::date) AS overdue_follow_ups
          FROM oversight_finding f
          JOIN oversight_activity a ON a.id = f.activity_id
          JOIN unit o ON o.id = a.organiser_unit_id
          JOIN unit fu ON fu.id = f.unit_id
          LEFT JOIN follow_up x ON x.finding_id = f.id
          LEFT JOIN unit ou ON ou.id = x.owner_unit_id
         WHERE f.activity_id IN (${sql.join(ids)})
           AND (o.path <@ ${scopePath}::ltree OR fu.path <@ ${scopePath}::ltree OR ou.path <@ ${scopePath}::ltree)
         GROUP BY f.activity_id`.execute(db);
      return result.rows.map((r) => ({
        activityId: Number(r.activity_id),
        findings: Number(r.findings),
        followUps: Number(r.follow_ups),
        openFollowUps: Number(r.open_follow_ups),
        overdueFollowUps: Number(r.overdue_follow_ups),
      }));
    },

    concernedUnits: (activityIds: number[]) =>
      activityIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('oversight_activity_unit as au')
            .innerJoin('unit as u', 'u.id', 'au.unit_id')
            .select(['au.activity_id', 'u.id', 'u.name', 'u.kind', sql<string>`u.path::text`.as('path'), 'u.valid_to'])
            .where('au.activity_id', 'in', activityIds)
            .execute(),

    attachments: (activityId: number) =>
      db
        .selectFrom('oversight_activity_attachment as t')
        .leftJoin('stored_file as sf', 'sf.id', 't.file_id')
        .leftJoin('party_document as d', 'd.id', 't.document_id')
        .leftJoin('unit as du', 'du.id', 'd.owner_unit_id')
        .select([
          't.id',
          't.file_id',
          't.document_id',
          'sf.name as file_name',
          'sf.media_type as file_media_type',
          'sf.size as file_size',
          'd.symbol',
          'd.title',
          'd.doc_type',
          'd.issued_on',
          sql<string | null>`du.path::text`.as('document_owner_path'),
        ])
        .where('t.activity_id', '=', activityId)
        .orderBy('t.id')
        .execute(),

    insertActivity: (values: Insertable<OversightActivityTable>) => db.insertInto('oversight_activity').values(values).returning('id').executeTakeFirstOrThrow(),
    updateActivity: (id: number, values: Updateable<OversightActivityTable>) =>
      db
        .updateTable('oversight_activity')
        .set({ ...values, ...bump() })
        .where('id', '=', id)
        .execute(),

    async replaceUnits(activityId: number, unitIds: number[]) {
      await db.deleteFrom('oversight_activity_unit').where('activity_id', '=', activityId).execute();
      if (unitIds.length > 0) await db.insertInto('oversight_activity_unit').values(unitIds.map((unitId) => ({ activity_id: activityId, unit_id: unitId }))).execute();
    },

    async replaceAttachments(activityId: number, fileIds: number[], documentIds: number[]) {
      await db.deleteFrom('oversight_activity_attachment').where('activity_id', '=', activityId).execute();
      const rows = [...fileIds.map((id) => ({ activity_id: activityId, file_id: id, document_id: null })), ...documentIds.map((id) => ({ activity_id: activityId, file_id: null, document_id: id }))];
      if (rows.length > 0) await db.insertInto('oversight_activity_attachment').values(rows).execute();
    },

    // ——— Findings and follow-ups ———

    findingsOf: (activityIds: number[]) =>
      activityIds.length === 0 ? Promise.resolve([]) : findings().where('f.activity_id', 'in', activityIds).orderBy('f.activity_id').orderBy('f.number').execute(),

    async finding(id: number, forUpdate = false) {
      if (forUpdate) {
        // The activity first (as every write on an activity does), so its held date and units concerned
        // cannot change under a check made here; then the finding.
        await sql`SELECT a.id FROM oversight_activity a WHERE a.id = (SELECT f.activity_id FROM oversight_finding f WHERE f.id = ${id}) FOR UPDATE`.execute(db);
        await db.selectFrom('oversight_finding').select('id').where('id', '=', id).forUpdate().execute();
      }
      return findings().where('f.id', '=', id).executeTakeFirst();
    },

    /** Findings addressed to exactly this unit, newest activity first. */
    findingsAddressedTo: (unitId: number, year: number | undefined) => {
      let query = findings().where('f.unit_id', '=', unitId);
      if (year !== undefined) query = query.where(sql<SqlBool>`a.held_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date`);
      return query.orderBy('a.held_on', 'desc').orderBy('a.id', 'desc').orderBy('f.number').limit(1000).execute();
    },

    nextFindingNumber: async (activityId: number) => {
      const row = await db
        .selectFrom('oversight_finding')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('activity_id', '=', activityId)
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },

    insertFinding: (values: Insertable<OversightFindingTable>) => db.insertInto('oversight_finding').values(values).returning('id').executeTakeFirstOrThrow(),
    updateFinding: (id: number, values: Updateable<OversightFindingTable>) =>
      db
        .updateTable('oversight_finding')
        .set({ ...values, ...bump() })
        .where('id', '=', id)
        .execute(),

    async followUp(id: number, forUpdate = false) {
      if (forUpdate) {
        await sql`SELECT a.id FROM oversight_activity a WHERE a.id = (SELECT f.activity_id FROM follow_up x JOIN oversight_finding f ON f.id = x.finding_id WHERE x.id = ${id}) FOR UPDATE`.execute(db);
        await db.selectFrom('follow_up').select('id').where('id', '=', id).forUpdate().execute();
      }
      return findings().where('x.id', '=', id).executeTakeFirst();
    },

    insertFollowUp: (values: Insertable<FollowUpTable>) => db.insertInto('follow_up').values(values).returning('id').executeTakeFirstOrThrow(),
    updateFollowUp: (id: number, values: Updateable<FollowUpTable>) =>
      db
        .updateTable('follow_up')
        .set({ ...values, ...bump() })
        .where('id', '=', id)
        .execute(),

    /** Follow-ups owned by units of a subtree: a page, its total and the counts per timeliness state (whatever the timeliness filter). */
    async listFollowUps(filter: FollowUpFilter) {
      let query = findings()
        .where('x.id', 'is not', null)
        .where(sql<SqlBool>`ou.path <@ ${filter.unitPath}::ltree`);
      if (filter.year !== undefined) query = query.where(sql<SqlBool>`x.due_on BETWEEN ${`${filter.year}-01-01`}::date AND ${`${filter.year}-12-31`}::date`);
      if (filter.state !== undefined) query = query.where('x.state', '=', filter.state);
      const counted = query;
      if (filter.timeliness !== undefined) query = query.where(timelinessWhere(filter.timeliness, filter.today));
      const [items, total, counts] = await Promise.all([
        query
          .orderBy('x.due_on')
          .orderBy('x.id')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)
          .execute(),
        query
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow(),
        counted
          .clearSelect()
          .select([
            sql<string>`count(*) FILTER (WHERE ${timelinessWhere('done_on_time', filter.today)})`.as('done_on_time'),
            sql<string>`count(*) FILTER (WHERE ${timelinessWhere('done_late', filter.today)})`.as('done_late'),
            sql<string>`count(*) FILTER (WHERE ${timelinessWhere('pending', filter.today)})`.as('pending'),
            sql<string>`count(*) FILTER (WHERE ${timelinessWhere('overdue', filter.today)})`.as('overdue'),
            sql<string>`count(*) FILTER (WHERE x.state = 'cancelled')`.as('cancelled'),
          ])
          .executeTakeFirstOrThrow(),
      ]);
      return {
        items,
        total: Number(total.n),
        counts: {
          done_on_time: Number(counts.done_on_time),
          done_late: Number(counts.done_late),
          pending: Number(counts.pending),
          overdue: Number(counts.overdue),
          cancelled: Number(counts.cancelled),
        },
      };
    },

    // ——— Negative phenomena ———

    negativesOf: (findingIds: number[]) =>
      findingIds.length === 0 ? Promise.resolve([]) : negatives().where('n.finding_id', 'in', findingIds).orderBy('n.id').execute(),

    async negative(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('negative_phenomenon').select('id').where('id', '=', id).forUpdate().execute();
      return negatives().where('n.id', '=', id).executeTakeFirst();
    },

    /** Negative phenomena about units of a subtree, newest activity first. */
    negativesUnder: (unitPath: string, year: number | undefined) => {
      let query = negatives().where(sql<SqlBool>`nu.path <@ ${unitPath}::ltree`);
      if (year !== undefined) query = query.where(sql<SqlBool>`a.held_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date`);
      return query.orderBy('a.held_on', 'desc').orderBy('n.id', 'desc').limit(1000).execute();
    },

    insertNegative: (values: Insertable<NegativePhenomenonTable>) => db.insertInto('negative_phenomenon').values(values).returning('id').executeTakeFirstOrThrow(),
    updateNegative: (id: number, values: Updateable<NegativePhenomenonTable>) =>
      db
        .updateTable('negative_phenomenon')
        .set({ ...values, ...bump() })
        .where('id', '=', id)
        .execute(),
  };
}

export type OversightRepository = ReturnType<typeof oversightRepository>;
export type ActivityRow = NonNullable<Awaited<ReturnType<OversightRepository['activity']>>>;
export type FindingRow = NonNullable<Awaited<ReturnType<OversightRepository['finding']>>>;
export type NegativeRow = NonNullable<Awaited<ReturnType<OversightRepository['negative']>>>;
export type ConcernedUnitRow = Awaited<ReturnType<OversightRepository['concernedUnits']>>[number];
export type AttachmentRow = Awaited<ReturnType<OversightRepository['attachments']>>[number];
