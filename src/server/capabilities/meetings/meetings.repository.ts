import { type Insertable, type SqlBool, sql } from 'kysely';
import type { CellMeetingTable } from '../../db/schema';
import type { Db } from '../../db/connect';
import type { TopicItem } from '../../../shared/schemas/meetings';
import type { FileDescription } from '../files/files.repository';
import type { auditRow } from '../../http/audit';

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

/** The year's topic as recording a meeting checks it: its rule and items. */
export interface RecordingTopic {
  id: number;
  year: number;
  min_items: number;
  max_items: number;
  required_months: number[];
  plan_day: number;
  record_days: number;
  items: TopicItem[];
}

export interface RollMember {
  id: number;
  family_name: string;
  middle_name: string;
  given_name: string;
  status: string;
}

/** What recording a meeting checks, read in one statement (see `recordingContext`). */
export interface RecordingContext {
  unit: { id: number; path: string; name: string; kind: string; valid_to: string | null };
  topic: RecordingTopic | null;
  roll: RollMember[];
  /** The month's regular meeting, if one is planned or held, with its planned items. */
  regular: { id: number; planned_on: string | null; held_on: string | null; version: number; planned_items: TopicItem[] } | null;
  minutes: FileDescription | null;
}

/** A meeting as written by `recordMeeting`. */
export interface RecordedMeeting {
  values: {
    unit_id: number;
    year: number;
    month: number;
    kind: string;
    created_by: number;
    held_on: string;
    recorded_at: Date;
    topic_id: number | null;
    studied_count: number;
    present_count: number;
    excused_count: number;
    absent_count: number;
    related_notes: string | null;
    actions: string | null;
    minutes_file_id: number | null;
  };
  /** The planned regular meeting this recording completes, as it was read; null when there was none. */
  plan: { id: number; version: number } | null;
  itemIds: number[];
  attendance: { memberId: number; status: string }[];
  /** The audit entry's columns; its entity id is the meeting's. */
  audit: ReturnType<typeof auditRow>;
}

const ITEM_JSON = sql`jsonb_build_object('id', i.id, 'number', i.number, 'title', i.title, 'description', i.description)`;

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

    /**
     * Recording a meeting is the write every cell makes each month, often in the same hours at month end
     * while leaders read dashboards. It reads what it checks in this one statement and writes in one
     * more (`recordMeeting`): two round trips instead of fifteen, and no transaction held open between
     * them. The unit is returned whether or not the caller may see it; the service checks the scope.
     */
    async recordingContext(args: { unitId: number; year: number; month: number; heldOn: string; minutesFileId: number | null }): Promise<RecordingContext | undefined> {
      const result = await sql<RecordingContext>`
        SELECT jsonb_build_object('id', u.id, 'path', u.path::text, 'name', u.name, 'kind', u.kind, 'valid_to', u.valid_to) AS unit,
               -- The topic set nearest above the unit (as studyTopicsRepository.forUnit).
               (SELECT jsonb_build_object('id', t.id, 'year', t.year, 'min_items', t.min_items, 'max_items', t.max_items,
                         'required_months', to_jsonb(t.required_months), 'plan_day', t.plan_day, 'record_days', t.record_days,
                         'items', coalesce((SELECT jsonb_agg(${ITEM_JSON} ORDER BY i.number) FROM study_topic_item i WHERE i.topic_id = t.id), '[]'::jsonb))
                  FROM study_topic t JOIN unit tu ON tu.id = t.unit_id
                 WHERE tu.path @> u.path AND t.year = ${args.year}
                 ORDER BY nlevel(tu.path) DESC LIMIT 1) AS topic,
               -- The roll on the day (as roll() below).
               coalesce((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'family_name', p.family_name, 'middle_name', p.middle_name, 'given_name', p.given_name, 'status', p.status))
                           FROM member p
                          WHERE p.unit_id = u.id AND p.left_on IS NULL AND (p.joined_on IS NULL OR p.joined_on <= ${args.heldOn}::date)), '[]'::jsonb) AS roll,
               (SELECT jsonb_build_object('id', m.id, 'planned_on', m.planned_on, 'held_on', m.held_on, 'version', m.version,
                         'planned_items', coalesce((SELECT jsonb_agg(${ITEM_JSON} ORDER BY i.number)
                                                      FROM cell_meeting_item mi JOIN study_topic_item i ON i.id = mi.item_id
                                                     WHERE mi.meeting_id = m.id AND mi.stage = 'planned'), '[]'::jsonb))
                  FROM cell_meeting m
                 WHERE m.unit_id = u.id AND m.year = ${args.year} AND m.month = ${args.month} AND m.kind = 'regular') AS regular,
               (SELECT jsonb_build_object('id', f.id, 'unit_id', f.unit_id, 'name', f.name, 'media_type', f.media_type, 'size', f.size, 'uploaded_by', f.uploaded_by)
                  FROM stored_file f WHERE f.id = ${args.minutesFileId}) AS minutes
          FROM unit u
         WHERE u.id = ${args.unitId}`.execute(db);
      return result.rows[0];
    },

    /**
     * Writes a recorded meeting, its studied items, its attendance and its audit entry in one statement
     * (atomic on its own; the summaries follow in the deferred triggers at its commit). With a plan read,
     * it completes that very row only if it is still at the version read and not yet held; without one,
     * it inserts the meeting unless a regular meeting of the month appeared meanwhile. Otherwise nothing
     * is written and `undefined` comes back. A plan has no studied items and no attendance (update()
     * writes both only with a held date, and a held date is never taken back), so nothing is deleted first.
     */
    async recordMeeting(meeting: RecordedMeeting) {
      const v = meeting.values;
      const a = meeting.audit;
      const returning = sql`RETURNING id, unit_id, year, month, kind, topic_id, planned_on, plan_note, planned_at, held_on, recorded_at,
                    studied_count, present_count, excused_count, absent_count, related_notes, actions, minutes_file_id, version`;
      const write = meeting.plan
        ? sql`UPDATE cell_meeting
                 SET held_on = ${v.held_on}, recorded_at = ${v.recorded_at}, topic_id = ${v.topic_id}, studied_count = ${v.studied_count},
                     present_count = ${v.present_count}, excused_count = ${v.excused_count}, absent_count = ${v.absent_count},
                     related_notes = ${v.related_notes}, actions = ${v.actions}, minutes_file_id = ${v.minutes_file_id},
                     version = version + 1, updated_at = now()
               WHERE id = ${meeting.plan.id} AND version = ${meeting.plan.version} AND held_on IS NULL
              ${returning}`
        : sql`INSERT INTO cell_meeting (unit_id, year, month, kind, created_by, held_on, recorded_at, topic_id, studied_count,
                                        present_count, excused_count, absent_count, related_notes, actions, minutes_file_id)
              VALUES (${v.unit_id}, ${v.year}, ${v.month}, ${v.kind}, ${v.created_by}, ${v.held_on}, ${v.recorded_at}, ${v.topic_id}, ${v.studied_count},
                      ${v.present_count}, ${v.excused_count}, ${v.absent_count}, ${v.related_notes}, ${v.actions}, ${v.minutes_file_id})
              ON CONFLICT (unit_id, year, month) WHERE kind = 'regular' DO NOTHING
              ${returning}`;
      const result = await sql<Omit<MeetingRow, 'unit_path' | 'unit_name' | 'unit_kind' | 'unit_valid_to' | 'record_days' | 'plan_day'>>`
        WITH m AS (${write}), studied AS (
          INSERT INTO cell_meeting_item (meeting_id, stage, item_id)
          SELECT m.id, 'studied', i.item_id FROM m, unnest(${meeting.itemIds}::bigint[]) AS i(item_id)
        ), attendance AS (
          INSERT INTO cell_meeting_attendance (meeting_id, member_id, status)
          SELECT m.id, x.member_id, x.status
            FROM m, unnest(${meeting.attendance.map((e) => e.memberId)}::bigint[], ${meeting.attendance.map((e) => e.status)}::text[]) AS x(member_id, status)
        ), audit AS (
          INSERT INTO audit_log (actor_id, action, entity_type, entity_id, unit_id, unit_path, before, after, request_id, ip)
          SELECT ${a.actor_id}, ${a.action}, ${a.entity_type}, m.id, ${a.unit_id}, ${a.unit_path}::ltree, ${a.before}::jsonb, ${a.after}::jsonb, ${a.request_id}, ${a.ip}
            FROM m
        )
        SELECT * FROM m`.execute(db);
      return result.rows[0];
    },

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
