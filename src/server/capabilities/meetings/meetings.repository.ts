import { type Insertable, type SqlBool, sql } from 'kysely';
import type { CellMeetingTable } from '../../db/schema';
import type { Db } from '../../db/connect';

const MEETING_COLUMNS = [
  'm.id',
  'm.unit_id',
  'm.year',
  'm.month',
  'm.kind',
  'm.topic_id',
  'm.planned_on',
  'm.plan_note',
  'm.planned_at',
  'm.held_on',
  'm.recorded_at',
  'm.studied_count',
  'm.present_count',
  'm.excused_count',
  'm.absent_count',
  'm.related_notes',
  'm.actions',
  'm.minutes_file_id',
  'm.version',
] as const;

export interface MatrixCountsRow {
  node: number;
  month: number;
  held: number;
  held_without_topic: number;
  present: number;
  roll: number;
}

export function meetingsRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('cell_meeting as m')
      .innerJoin('unit as u', 'u.id', 'm.unit_id')
      .leftJoin('study_topic as t', 't.id', 'm.topic_id')
      .select(MEETING_COLUMNS)
      .select(['u.path as unit_path', 'u.name as unit_name', 'u.kind as unit_kind', 'u.valid_to as unit_valid_to', 't.record_days', 't.plan_day']);

  return {
    unit: (id: number) => db.selectFrom('unit').select(['id', 'path', 'depth', 'name', 'kind', 'valid_to', 'child_count']).where('id', '=', id).executeTakeFirst(),
    units: (ids: number[]) =>
      ids.length === 0 ? Promise.resolve([]) : db.selectFrom('unit').select(['id', 'path', 'name', 'kind', 'child_count']).where('id', 'in', ids).execute(),

    async findById(id: number, forUpdate = false) {
      if (forUpdate) await db.selectFrom('cell_meeting').select('id').where('id', '=', id).forUpdate().execute();
      return base().where('m.id', '=', id).executeTakeFirst();
    },

    ofCellYear: (unitId: number, year: number) => base().where('m.unit_id', '=', unitId).where('m.year', '=', year).orderBy('m.month').orderBy('m.id').execute(),

    /** The month's regular meeting, locked: a concurrent plan or record of the same month waits, then sees it. */
    async regularOf(unitId: number, year: number, month: number) {
      await db.selectFrom('cell_meeting').select('id').where('unit_id', '=', unitId).where('year', '=', year).where('month', '=', month).where('kind', '=', 'regular').forUpdate().execute();
      return base().where('m.unit_id', '=', unitId).where('m.year', '=', year).where('m.month', '=', month).where('m.kind', '=', 'regular').executeTakeFirst();
    },

    items: (meetingIds: number[]) =>
      meetingIds.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('cell_meeting_item as mi')
            .innerJoin('study_topic_item as i', 'i.id', 'mi.item_id')
            .select(['mi.meeting_id', 'mi.stage', 'i.id', 'i.number', 'i.title', 'i.description'])
            .where('mi.meeting_id', 'in', meetingIds)
            .orderBy('i.number')
            .execute(),

    attendance: (meetingId: number) =>
      db
        .selectFrom('cell_meeting_attendance as a')
        .innerJoin('member as p', 'p.id', 'a.member_id')
        .select(['a.member_id', 'a.status', 'p.family_name', 'p.middle_name', 'p.given_name'])
        .where('a.meeting_id', '=', meetingId)
        .execute(),

    /** Members of the cell on a day: joined by then (when known) and not left. */
    roll: (unitId: number, on: string) =>
      db
        .selectFrom('member')
        .select(['id', 'family_name', 'middle_name', 'given_name', 'status'])
        .where('unit_id', '=', unitId)
        .where('left_on', 'is', null)
        .where((eb) => eb.or([eb('joined_on', 'is', null), eb('joined_on', '<=', on)]))
        .execute(),

    topicItems: (topicId: number) => db.selectFrom('study_topic_item').select(['id', 'number', 'title']).where('topic_id', '=', topicId).execute(),

    async insert(values: Insertable<CellMeetingTable>): Promise<number> {
      const row = await db.insertInto('cell_meeting').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: number, set: Record<string, unknown>) {
      await db
        .updateTable('cell_meeting')
        .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .execute();
    },

    async replaceItems(meetingId: number, stage: 'planned' | 'studied', itemIds: number[]) {
      await db.deleteFrom('cell_meeting_item').where('meeting_id', '=', meetingId).where('stage', '=', stage).execute();
      if (itemIds.length > 0) await db.insertInto('cell_meeting_item').values(itemIds.map((item_id) => ({ meeting_id: meetingId, stage, item_id }))).execute();
    },

    async replaceAttendance(meetingId: number, entries: { memberId: number; status: string }[]) {
      await db.deleteFrom('cell_meeting_attendance').where('meeting_id', '=', meetingId).execute();
      if (entries.length > 0) {
        await db.insertInto('cell_meeting_attendance').values(entries.map((e) => ({ meeting_id: meetingId, member_id: e.memberId, status: e.status }))).execute();
      }
    },

    delete: async (id: number) => {
      await db.deleteFrom('cell_meeting').where('id', '=', id).execute();
    },

    /** Summary rows of the unit and its children for a year. */
    rollups: (unitIds: number[], year: number) =>
      unitIds.length === 0
        ? Promise.resolve([])
        : db.selectFrom('meeting_rollup').select(['unit_id', 'month', 'held', 'held_without_topic', 'present', 'roll']).where('year', '=', year).where('unit_id', 'in', unitIds).execute(),

    /**
     * Cells open at some time in the year under each child of the unit (the unit itself when it is a
     * cell), with how many of them missed two due months in a row, from the per-ancestor summaries:
     * `dueMonths` is k when the months 1..k are over. A cell without a mask row held no meeting that year,
     * so its gap ends in February. A cell closed during the year still counts for that year, so its
     * meetings never outnumber the cells.
     */
    async cellsByChild(unitId: number, year: number, dueMonths: number) {
      const result = await sql<{ node: number; cells: number; missing_two: number }>`
        WITH nodes AS (
          SELECT id FROM unit WHERE parent_id = ${unitId}
          UNION ALL
          SELECT id FROM unit WHERE id = ${unitId} AND kind IN ('cell', 'grassroots_cell')
        ), open_cells AS (
          SELECT s.unit_id, sum(s.cells)::int AS cells
            FROM cell_span_rollup s JOIN nodes n ON n.id = s.unit_id
           WHERE s.from_year <= ${year} AND s.to_year >= ${year}
           GROUP BY 1
          HAVING sum(s.cells) > 0
        ), gaps AS (
          SELECT g.unit_id, sum(g.cells)::int AS with_mask, coalesce(sum(g.cells) FILTER (WHERE g.gap_end <= ${dueMonths}), 0)::int AS gapped
            FROM meeting_gap_rollup g JOIN nodes n ON n.id = g.unit_id
           WHERE g.year = ${year}
           GROUP BY 1
        )
        SELECT o.unit_id::int AS node, o.cells,
               (coalesce(g.gapped, 0) + CASE WHEN ${dueMonths} >= 2 THEN greatest(0, o.cells - coalesce(g.with_mask, 0)) ELSE 0 END)::int AS missing_two
          FROM open_cells o LEFT JOIN gaps g ON g.unit_id = o.unit_id`.execute(db);
      return result.rows;
    },

    /** The member's attendance history, newest first. */
    history: (memberId: number) =>
      db
        .selectFrom('cell_meeting_attendance as a')
        .innerJoin('cell_meeting as m', 'm.id', 'a.meeting_id')
        .select(['m.id', 'm.year', 'm.month', 'm.held_on', 'm.kind', 'a.status'])
        .where('a.member_id', '=', memberId)
        .where('m.held_on', 'is not', null)
        .orderBy('m.held_on', 'desc')
        .limit(60)
        .execute(),

    /** The cell's next planned, not yet held regular meeting. */
    nextPlanned: (unitId: number, today: string) =>
      base()
        .where('m.unit_id', '=', unitId)
        .where('m.held_on', 'is', null)
        .where(sql<SqlBool>`m.planned_on >= ${today}::date`)
        .orderBy('m.planned_on')
        .limit(1)
        .executeTakeFirst(),

    member: (id: number) => db.selectFrom('member').select(['id', 'unit_id']).where('id', '=', id).executeTakeFirst(),
  };
}

export type MeetingsRepository = ReturnType<typeof meetingsRepository>;
export type MeetingRow = NonNullable<Awaited<ReturnType<MeetingsRepository['findById']>>>;
