import { type MeetingKind, type TopicRule, meetingDateProblem, meetingItemsProblem, monthIsDue, planDeadline, squareState } from '../../../shared/domain/meetings';
import { compareNames, fullName } from '../../../shared/domain/text';
import { holdsMembers, type UnitKind } from '../../../shared/domain/units';
import type { CellYear, MeetingDetail, MeetingMatrix, MyMeetings, Roll, TopicItem, planMeetingBodySchema, recordMeetingBodySchema, updateMeetingBodySchema } from '../../../shared/schemas/meetings';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import { auditContext, auditRow, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canRecordFor, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import type { FilesService } from '../files/files.service';
import { checkAttachable, presentFile } from '../files/files.service';
import type { FileDescription } from '../files/files.repository';
import { ruleOf, type StudyTopicsService } from '../study-topics/study-topics.service';
import { matrixRows, writeMatrixSheet } from './meeting-matrix';
import { auditedMeeting, type MeetingExtras, presentMeetingDetail, presentMeetingSummary } from './meetings.presenter';
import { type MeetingRow, type MeetingsRepository, meetingsRepository, type RollMember } from './meetings.repository';

type PlanBody = z.output<typeof planMeetingBodySchema>;
type RecordBody = z.output<typeof recordMeetingBodySchema>;
type UpdateBody = z.output<typeof updateMeetingBodySchema>;

const UNIT_NOT_FOUND = 'Không tìm thấy chi bộ, hoặc chi bộ nằm ngoài phạm vi của bạn.';
const NOT_FOUND = 'Không tìm thấy buổi sinh hoạt, hoặc buổi sinh hoạt nằm ngoài phạm vi của bạn.';
const field = (path: string, message: string) => Validation(message, [{ path, message }]);
const monthLabel = (year: number, month: number) => `${String(month).padStart(2, '0')}/${year}`;

const justRecorded = (year: number, month: number) => Conflict(`Tháng ${monthLabel(year, month)} vừa có người lập kế hoạch hoặc ghi sinh hoạt thường kỳ. Vui lòng tải lại trang.`);

const hasCode = (error: unknown, code: string) => typeof error === 'object' && error !== null && (error as { code?: string }).code === code;
const isUniqueViolation = (error: unknown) => hasCode(error, '23505');
const isForeignKeyViolation = (error: unknown) => hasCode(error, '23503');

/** What checking a meeting's items needs of the year's topic. */
type MeetingTopic = { rule: TopicRule; items: TopicItem[] };

interface Cell {
  id: number;
  path: string;
  name: string;
  kind: string;
  valid_to: string | null;
}

export function meetingsService(db: Db, files: FilesService, topics: StudyTopicsService) {
  const repo = meetingsRepository(db);

  async function visibleCell(principal: Principal, unitId: number, repository: MeetingsRepository = repo): Promise<Cell> {
    return checkedCell(principal, await repository.unit(unitId));
  }

  function checkedCell(principal: Principal, unit: Cell | undefined): Cell {
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    if (!holdsMembers(unit.kind as UnitKind)) throw field('unitId', `${unit.name} không phải chi bộ: sinh hoạt chi bộ được ghi cho từng chi bộ.`);
    return unit;
  }

  function requireRecorder(principal: Principal, cell: Cell) {
    if (!canRecordFor(principal, { path: cell.path, valid_to: null })) throw Forbidden('Chỉ bí thư chi bộ hoặc cán bộ cấp trên được ghi sinh hoạt của chi bộ này.');
  }

  async function visibleMeeting(principal: Principal, id: number, repository: MeetingsRepository = repo, forUpdate = false): Promise<MeetingRow> {
    const row = await repository.findById(id, forUpdate);
    if (!row || !isInScope(principal, row.unit_path)) throw NotFound(NOT_FOUND);
    return row;
  }

  /** The topic's items chosen for a meeting: they must belong to the topic of the year. */
  function chosenItems(topic: MeetingTopic | null, itemIds: number[], path: string): TopicItem[] {
    const unique = [...new Set(itemIds)];
    if (unique.length !== itemIds.length) throw field(path, 'Một nội dung được chọn hai lần.');
    if (unique.length > 0 && !topic) throw field(path, 'Năm này chưa có chuyên đề nên không chọn được nội dung.');
    const items = unique.map((id) => topic?.items.find((item) => item.id === id));
    if (items.some((item) => item === undefined)) throw field(path, 'Có nội dung không thuộc chuyên đề của năm.');
    return items as TopicItem[];
  }

  function ruleFor(topic: MeetingTopic | null): TopicRule {
    return topic ? topic.rule : { ...ruleOf(undefined) };
  }

  /** Attendance must cover the roll exactly: everyone ticked once, nobody from outside. */
  async function checkAttendance(repository: MeetingsRepository, cell: Cell, heldOn: string, attendance: RecordBody['attendance']) {
    return attendanceCounts(cell, await repository.roll(cell.id, heldOn), attendance);
  }

  function attendanceCounts(cell: Cell, roll: RollMember[], attendance: RecordBody['attendance']) {
    const onRoll = new Map(roll.map((m) => [m.id, m]));
    const seen = new Set<number>();
    for (const entry of attendance) {
      if (seen.has(entry.memberId)) throw field('attendance', 'Một đảng viên được điểm danh hai lần.');
      seen.add(entry.memberId);
      if (!onRoll.has(entry.memberId)) throw field('attendance', `Đảng viên mã ${entry.memberId} không có tên trong danh sách sinh hoạt của ${cell.name} ngày này.`);
    }
    const missing = roll.filter((m) => !seen.has(m.id));
    if (missing.length > 0) {
      const names = missing.map((m) => fullName({ familyName: m.family_name, middleName: m.middle_name, givenName: m.given_name }));
      throw field('attendance', `Chưa điểm danh: ${names.join(', ')}.`);
    }
    const count = (status: string) => attendance.filter((a) => a.status === status).length;
    return { present_count: count('present'), excused_count: count('excused'), absent_count: count('absent') };
  }

  async function detail(principal: Principal, row: MeetingRow, database: Db): Promise<MeetingDetail> {
    const repository = meetingsRepository(database);
    const [items, attendance, minutes] = await Promise.all([
      repository.items([row.id]),
      repository.attendance(row.id),
      row.minutes_file_id === null ? undefined : files.describe(row.minutes_file_id, database),
    ]);
    const pick = (stage: string) => items.filter((i) => i.stage === stage).map((i) => ({ id: i.id, number: i.number, title: i.title, description: i.description }));
    return detailOf(principal, row, { planned: pick('planned'), studied: pick('studied'), attendance, minutes });
  }

  function detailOf(principal: Principal, row: MeetingRow, parts: Omit<MeetingExtras, 'minutes' | 'can'> & { minutes: FileDescription | undefined }): MeetingDetail {
    const { attendance, minutes } = parts;
    attendance.sort((a, b) =>
      compareNames({ familyName: a.family_name, middleName: a.middle_name, givenName: a.given_name }, { familyName: b.family_name, middleName: b.middle_name, givenName: b.given_name }),
    );
    const editable = canRecordFor(principal, { path: row.unit_path, valid_to: null });
    return presentMeetingDetail(row, {
      planned: parts.planned,
      studied: parts.studied,
      attendance,
      minutes: minutes ? presentFile(minutes) : null,
      can: { edit: editable, delete: editable },
    });
  }

  async function audit(trx: Db, context: RequestContext, action: string, row: MeetingRow, before?: Record<string, unknown>) {
    await recordAudit(trx, auditContext(context), {
      action,
      entityType: 'meeting',
      entityId: row.id,
      unit: { id: row.unit_id, path: row.unit_path },
      ...(before ? { before } : {}),
      after: await auditedWithItems(meetingsRepository(trx), row),
    });
  }

  /** What the audit log keeps of a meeting, with the items studied and planned as they are now. */
  async function auditedWithItems(repository: MeetingsRepository, row: MeetingRow) {
    const items = await repository.items([row.id]);
    const pick = (stage: string) => items.filter((i) => i.stage === stage).map((i) => ({ id: i.id, number: i.number, title: i.title, description: i.description }));
    return { ...auditedMeeting(row, pick('studied')), planned: pick('planned').map((i) => i.number) };
  }

  async function withUniqueGuard<T>(work: () => Promise<T>, year: number, month: number): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw justRecorded(year, month);
      throw error;
    }
  }

  return {
    async cellYear(principal: Principal, unitId: number, year: number): Promise<CellYear> {
      const cell = await visibleCell(principal, unitId);
      const [topic, meetings] = await Promise.all([topics.forUnit(principal, cell.path, year), repo.ofCellYear(cell.id, year)]);
      const rule = ruleFor(topic);
      const today = todayInVietnam();
      const months = Array.from({ length: 12 }, (_, index) => {
        const month = index + 1;
        const regular = meetings.find((m) => m.month === month && m.kind === 'regular');
        const held = regular && regular.held_on !== null ? { studiedItems: regular.studied_count } : null;
        return {
          month,
          state: squareState(held, year, month, today),
          planBy: planDeadline(year, month, rule),
          meeting: regular ? presentMeetingSummary(regular) : null,
          extraordinary: meetings.filter((m) => m.month === month && m.kind === 'extraordinary').map(presentMeetingSummary),
        };
      });
      const can = cell.valid_to === null && canRecordFor(principal, { path: cell.path, valid_to: null });
      return {
        cell: { id: cell.id, name: cell.name, kind: cell.kind as UnitKind, closedOn: cell.valid_to },
        year,
        today,
        topic,
        months,
        can: { plan: can, record: can },
      };
    },

    async roll(principal: Principal, unitId: number, on: string | undefined): Promise<Roll> {
      const cell = await visibleCell(principal, unitId);
      const rows = await repo.roll(cell.id, on ?? todayInVietnam());
      const names = rows.map((m) => ({ memberId: m.id, name: { familyName: m.family_name, middleName: m.middle_name, givenName: m.given_name }, status: m.status as 'probationary' | 'full' }));
      names.sort((a, b) => compareNames(a.name, b.name));
      return names.map((m) => ({ memberId: m.memberId, fullName: fullName(m.name), status: m.status }));
    },

    async get(principal: Principal, id: number): Promise<MeetingDetail> {
      return detail(principal, await visibleMeeting(principal, id), db);
    },

    async plan(context: RequestContext, body: PlanBody): Promise<MeetingDetail> {
      const { principal } = context;
      return withUniqueGuard(
        () =>
          db.transaction().execute(async (trx) => {
            const repository = meetingsRepository(trx);
            const cell = await visibleCell(principal, body.unitId, repository);
            requireRecorder(principal, cell);
            if (cell.valid_to !== null) throw field('unitId', 'Chi bộ đã giải thể.');
            const plannedOn = body.plannedOn ?? null;
            if (plannedOn !== null && (Number(plannedOn.slice(0, 4)) !== body.year || Number(plannedOn.slice(5, 7)) !== body.month)) {
              throw field('plannedOn', `Ngày dự kiến phải thuộc tháng ${monthLabel(body.year, body.month)}.`);
            }
            const topic = await topics.forUnit(principal, cell.path, body.year, trx);
            const items = chosenItems(topic, body.itemIds, 'itemIds');
            const rule = ruleFor(topic);
            if (items.length > rule.maxItems) throw field('itemIds', meetingItemsProblem(items.length, rule, body.month) ?? 'Chọn quá nhiều nội dung.');
            const existing = await repository.regularOf(cell.id, body.year, body.month);
            if (existing && existing.held_on !== null) {
              throw Conflict(`Tháng ${monthLabel(body.year, body.month)} đã có biên bản sinh hoạt (ngày ${existing.held_on.split('-').reverse().join('/')}); không lập kế hoạch lại.`);
            }
            if (existing && existing.version !== body.version) {
              throw Conflict(`Tháng ${monthLabel(body.year, body.month)} đã có kế hoạch sinh hoạt. ${STALE_VERSION_MESSAGE}`);
            }
            // The first planning day is what counts against the plan deadline.
            const values = { planned_on: plannedOn, plan_note: body.note ?? null, planned_at: existing?.planned_at ?? new Date(), topic_id: topic?.id ?? null };
            const before = existing ? await auditedWithItems(repository, existing) : undefined;
            let id: number;
            if (existing) {
              id = existing.id;
              await repository.update(id, values);
            } else {
              id = await repository.insert({ unit_id: cell.id, year: body.year, month: body.month, kind: 'regular', created_by: principal.accountId, ...values });
            }
            await repository.replaceItems(id, 'planned', items.map((i) => i.id));
            const row = await visibleMeeting(principal, id, repository);
            await audit(trx, context, 'meeting.plan', row, before);
            return detail(principal, row, trx);
          }),
        body.year,
        body.month,
      );
    },

    /**
     * Two round trips (see `recordingContext`): read what is checked, check it here, then write the
     * meeting, its items, its attendance and its audit entry in one statement that completes the month's
     * plan only if nobody changed or recorded it meanwhile.
     */
    async record(context: RequestContext, body: RecordBody): Promise<MeetingDetail> {
      const { principal } = context;
      const year = Number(body.heldOn.slice(0, 4));
      const month = Number(body.heldOn.slice(5, 7));
      const found = await repo.recordingContext({ unitId: body.unitId, year, month, heldOn: body.heldOn, minutesFileId: body.minutesFileId ?? null });
      if (!found) throw NotFound(UNIT_NOT_FOUND);
      const cell = checkedCell(principal, found.unit);
      requireRecorder(principal, cell);
      const { roll, regular, topic: topicRow } = found;
      const topic: MeetingTopic | null = topicRow ? { rule: ruleOf(topicRow), items: topicRow.items } : null;
      const dateProblem = meetingDateProblem({ heldOn: body.heldOn, year: topicRow?.year ?? year, month, today: todayInVietnam(), cellClosedOn: cell.valid_to });
      if (dateProblem) throw field('heldOn', dateProblem);
      // In the topic's order, as every later read gives them.
      const items = chosenItems(topic, body.itemIds, 'itemIds').sort((x, y) => x.number - y.number);
      const itemsProblem = meetingItemsProblem(items.length, ruleFor(topic), month);
      if (itemsProblem) throw field('itemIds', itemsProblem);
      const counts = attendanceCounts(cell, roll, body.attendance);
      const minutes = body.minutesFileId ? checkAttachable(found.minutes, cell.id) : undefined;
      const plan = body.kind === 'regular' ? regular : null;
      if (plan && plan.held_on !== null) {
        throw Conflict(
          `Tháng ${monthLabel(year, month)} đã có biên bản sinh hoạt thường kỳ (ngày ${plan.held_on.split('-').reverse().join('/')}). Hãy sửa biên bản đó, hoặc ghi buổi này là sinh hoạt bất thường.`,
        );
      }
      const values = {
        unit_id: cell.id,
        year,
        month,
        kind: body.kind,
        created_by: principal.accountId,
        held_on: body.heldOn,
        recorded_at: new Date(),
        topic_id: topicRow?.id ?? null,
        studied_count: items.length,
        ...counts,
        related_notes: body.relatedNotes ?? null,
        actions: body.actions ?? null,
        minutes_file_id: body.minutesFileId ?? null,
      };
      const planned = plan?.planned_items ?? [];
      const after = { ...auditedMeeting({ ...values, planned_on: plan?.planned_on ?? null }, items), planned: planned.map((i) => i.number) };
      const entry = auditRow(auditContext(context), { action: 'meeting.record', entityType: 'meeting', entityId: null, unit: { id: cell.id, path: cell.path }, after });
      let written;
      try {
        written = await repo.recordMeeting({ values, plan: plan ? { id: plan.id, version: plan.version } : null, itemIds: items.map((i) => i.id), attendance: body.attendance, audit: entry });
      } catch (error) {
        // A topic item, member or file read a moment ago was deleted before the write.
        if (isForeignKeyViolation(error)) throw Conflict('Nội dung, danh sách đảng viên hoặc tệp đính kèm vừa được người khác thay đổi nên chưa có gì được lưu. Vui lòng tải lại trang.');
        throw error;
      }
      // The plan was changed, deleted or recorded, or a meeting of the month was made, between the read and the write.
      if (!written) throw justRecorded(year, month);
      const row: MeetingRow = { ...written, unit_path: cell.path, unit_name: cell.name, unit_kind: cell.kind, unit_valid_to: cell.valid_to, record_days: topicRow?.record_days ?? null, plan_day: topicRow?.plan_day ?? null };
      const status = new Map(body.attendance.map((a) => [a.memberId, a.status]));
      const attendance = roll.map((m) => ({ member_id: m.id, status: status.get(m.id) ?? 'absent', family_name: m.family_name, middle_name: m.middle_name, given_name: m.given_name }));
      return detailOf(principal, row, { planned, studied: items, attendance, minutes });
    },

    async update(context: RequestContext, id: number, body: UpdateBody): Promise<MeetingDetail> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const repository = meetingsRepository(trx);
        const before = await visibleMeeting(principal, id, repository, true);
        const cell = await visibleCell(principal, before.unit_id, repository);
        requireRecorder(principal, cell);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const beforeAudit = await auditedWithItems(repository, before);
        const topic = await topics.forUnit(principal, cell.path, before.year, trx);
        const set: Record<string, unknown> = {};
        if (body.plannedOn !== undefined) {
          if (body.plannedOn !== null && (Number(body.plannedOn.slice(0, 4)) !== before.year || Number(body.plannedOn.slice(5, 7)) !== before.month)) {
            throw field('plannedOn', `Ngày dự kiến phải thuộc tháng ${monthLabel(before.year, before.month)}.`);
          }
          set.planned_on = body.plannedOn;
          if (before.planned_at === null) set.planned_at = new Date();
        }
        if (body.note !== undefined) set.plan_note = body.note;
        if (body.plannedItemIds !== undefined) {
          const planned = chosenItems(topic, body.plannedItemIds, 'plannedItemIds');
          if (planned.length > ruleFor(topic).maxItems) throw field('plannedItemIds', meetingItemsProblem(planned.length, ruleFor(topic), before.month) ?? '');
          await repository.replaceItems(id, 'planned', planned.map((i) => i.id));
        }
        const recording = body.heldOn !== undefined || body.itemIds !== undefined || body.attendance !== undefined;
        if (recording) {
          const heldOn = body.heldOn ?? before.held_on;
          if (heldOn === null) throw field('heldOn', 'Nhập ngày sinh hoạt để ghi biên bản.');
          const problem = meetingDateProblem({ heldOn, year: before.year, month: before.month, today: todayInVietnam(), cellClosedOn: cell.valid_to });
          if (problem) throw field('heldOn', problem);
          const current = await repository.items([id]);
          const itemIds = body.itemIds ?? current.filter((i) => i.stage === 'studied').map((i) => i.id);
          const items = chosenItems(topic, itemIds, 'itemIds');
          const itemsProblem = meetingItemsProblem(items.length, ruleFor(topic), before.month);
          if (itemsProblem) throw field('itemIds', itemsProblem);
          const attendance = body.attendance ?? (await repository.attendance(id)).map((a) => ({ memberId: a.member_id, status: a.status as 'present' | 'excused' | 'absent' }));
          Object.assign(set, await checkAttendance(repository, cell, heldOn, attendance), { held_on: heldOn, studied_count: items.length });
          if (before.held_on === null) set.recorded_at = new Date();
          await repository.replaceItems(id, 'studied', items.map((i) => i.id));
          await repository.replaceAttendance(id, attendance);
        }
        if (body.relatedNotes !== undefined) set.related_notes = body.relatedNotes;
        if (body.actions !== undefined) set.actions = body.actions;
        if (body.minutesFileId !== undefined) {
          if (body.minutesFileId !== null) await files.attachable(trx, body.minutesFileId, cell.id);
          set.minutes_file_id = body.minutesFileId;
        }
        await repository.update(id, set);
        const after = await visibleMeeting(principal, id, repository);
        await audit(trx, context, 'meeting.update', after, beforeAudit);
        return detail(principal, after, trx);
      });
    },

    async remove(context: RequestContext, id: number, version: number): Promise<void> {
      const { principal } = context;
      await db.transaction().execute(async (trx) => {
        const repository = meetingsRepository(trx);
        const before = await visibleMeeting(principal, id, repository, true);
        const cell = await visibleCell(principal, before.unit_id, repository);
        requireRecorder(principal, cell);
        if (before.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
        await repository.delete(id);
        await recordAudit(trx, auditContext(context), {
          action: 'meeting.delete',
          entityType: 'meeting',
          entityId: id,
          unit: { id: before.unit_id, path: before.unit_path },
          before: await auditedWithItems(repository, before),
        });
      });
    },

    async minutes(principal: Principal, id: number) {
      const row = await visibleMeeting(principal, id);
      const file = row.minutes_file_id === null ? undefined : await files.withContent(row.minutes_file_id);
      if (!file) throw NotFound('Buổi sinh hoạt này chưa có biên bản đính kèm.');
      return file;
    },

    async matrix(principal: Principal, unitId: number | undefined, year: number): Promise<MeetingMatrix> {
      const unit = await repo.unit(unitId ?? principal.scope.id);
      if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
      const today = todayInVietnam();
      const due = Array.from({ length: 12 }, (_, i) => monthIsDue(year, i + 1, today));
      // Months are over in order, so the due months are always 1..k.
      const cells = await repo.cellsByChild(unit.id, year, due.filter(Boolean).length);
      const childIds = cells.map((c) => c.node).filter((id) => id !== unit.id);
      const ancestorIds = unit.path.split('.').map(Number).slice(principal.scope.path.split('.').length - 1, -1);
      const [children, ancestors, rollups] = await Promise.all([repo.units(childIds), repo.units(ancestorIds), repo.rollups([unit.id, ...childIds], year)]);
      const depthOf = (path: string) => path.split('.').length;
      ancestors.sort((a, b) => depthOf(a.path) - depthOf(b.path));
      const { self, rows, columns } = matrixRows({ unit, children, cells, rollups, due });
      return { year, today, ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })), unit: self, rows, columns };
    },

    async exportMatrix(principal: Principal, unitId: number | undefined, year: number) {
      const matrix = await this.matrix(principal, unitId, year);
      return { fileName: `sinh-hoat-chi-bo-${year}.xlsx`, body: await writeMatrixSheet(matrix) };
    },

    async mine(principal: Principal): Promise<MyMeetings> {
      if (principal.memberId === null) throw NotFound('Tài khoản này không gắn với hồ sơ đảng viên.');
      const member = await repo.member(principal.memberId);
      if (!member) throw NotFound('Không tìm thấy hồ sơ đảng viên của bạn.');
      const today = todayInVietnam();
      const [history, next] = await Promise.all([repo.history(member.id), repo.nextPlanned(member.unit_id, today)]);
      const items = await repo.items(history.map((h) => h.id));
      let nextDetail: MyMeetings['next'] = null;
      if (next) {
        const { attendance: _attendance, ...rest } = await detail(principal, next, db);
        void _attendance;
        nextDetail = { ...rest, can: { edit: false, delete: false } };
      }
      return {
        next: nextDetail,
        history: history.map((h) => ({
          meetingId: h.id,
          year: h.year,
          month: h.month,
          heldOn: h.held_on ?? '',
          kind: h.kind as MeetingKind,
          status: h.status as 'present' | 'excused' | 'absent',
          studiedItems: items.filter((i) => i.meeting_id === h.id && i.stage === 'studied').map((i) => `${i.number}. ${i.title}`),
        })),
      };
    },
  };
}

export type MeetingsService = ReturnType<typeof meetingsService>;
