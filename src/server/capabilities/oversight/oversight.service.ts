import type { z } from 'zod';
import {
  type ActivityState,
  type FollowUpState,
  type OversightKind,
  OVERSIGHT_KIND_LABELS,
  activityTransitionProblem,
  doneOnProblem,
  findingsReachOrganiserSubtree,
  followUpDueProblem,
  followUpTransitionProblem,
  heldOnProblem,
  unitsConcernedProblem,
} from '../../../shared/domain/oversight';
import { formatDate } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type {
  ActivityDetail,
  ActivityList,
  Finding,
  FollowUpItem,
  FollowUpList,
  NegativeItem,
  NegativeList,
  UnitFindings,
  activityListQuerySchema,
  cancelActivitySchema,
  cancelFollowUpSchema,
  completeFollowUpSchema,
  createActivitySchema,
  createFindingSchema,
  createNegativeSchema,
  followUpInputSchema,
  followUpListQuerySchema,
  holdActivitySchema,
  negativeListQuerySchema,
  reopenFollowUpSchema,
  updateActivitySchema,
  updateFindingSchema,
  updateNegativeSchema,
} from '../../../shared/schemas/oversight';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import type { Clock } from '../../http/clock';
import { AppError, Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canEditTree, canRecordFor, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { type DocumentsService, canReadDocument } from '../documents/documents.service';
import type { FilesService } from '../files/files.service';
import {
  auditedActivity,
  auditedFinding,
  auditedFollowUp,
  auditedNegative,
  canCompleteFollowUp,
  canRecordOversight,
  canSeeFinding,
  canSeeNegative,
  presentDetail,
  presentFinding,
  presentFindingItem,
  presentFollowUpItem,
  presentNegativeItem,
  presentSummary,
} from './oversight.presenter';
import { type ActivityRow, type FindingRow, type NegativeRow, type OversightRepository, oversightRepository } from './oversight.repository';

type CreateActivityBody = z.output<typeof createActivitySchema>;
type UpdateActivityBody = z.output<typeof updateActivitySchema>;
type HoldActivityBody = z.output<typeof holdActivitySchema>;
type CancelActivityBody = z.output<typeof cancelActivitySchema>;
type ActivityListQuery = z.output<typeof activityListQuerySchema>;
type CreateFindingBody = z.output<typeof createFindingSchema>;
type UpdateFindingBody = z.output<typeof updateFindingSchema>;
type FollowUpBody = z.output<typeof followUpInputSchema>;
type CompleteFollowUpBody = z.output<typeof completeFollowUpSchema>;
type ReopenFollowUpBody = z.output<typeof reopenFollowUpSchema>;
type CancelFollowUpBody = z.output<typeof cancelFollowUpSchema>;
type FollowUpListQuery = z.output<typeof followUpListQuerySchema>;
type CreateNegativeBody = z.output<typeof createNegativeSchema>;
type UpdateNegativeBody = z.output<typeof updateNegativeSchema>;
type NegativeListQuery = z.output<typeof negativeListQuerySchema>;

interface UnitRow {
  id: number;
  path: string;
  name: string;
  kind: string;
  valid_to: string | null;
}

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const ACTIVITY_NOT_FOUND = 'Không tìm thấy hoạt động kiểm tra, giám sát, hoặc hoạt động nằm ngoài phạm vi của bạn.';
const FINDING_NOT_FOUND = 'Không tìm thấy nhận xét, hoặc nhận xét nằm ngoài phạm vi của bạn.';
const FOLLOW_UP_NOT_FOUND = 'Không tìm thấy việc khắc phục, hoặc việc khắc phục nằm ngoài phạm vi của bạn.';
const NEGATIVE_NOT_FOUND = 'Không tìm thấy hiện tượng tiêu cực, hoặc nằm ngoài phạm vi của bạn.';
const MEMBERS_REFUSED = 'Đảng viên không xem được lịch kiểm tra, giám sát và các nhận xét.';
const OFFICERS_ONLY = 'Chỉ cán bộ giúp việc của cấp ủy được lập và ghi hoạt động kiểm tra, giám sát, giao ban, sơ kết, tổng kết.';
const ORGANISER_ONLY = 'Chỉ cán bộ giúp việc của đơn vị tổ chức hoặc cấp trên được ghi cho hoạt động này.';
const NEGATIVES_OFFICERS_ONLY = 'Chỉ cán bộ giúp việc của cấp ủy được xem và ghi hiện tượng tiêu cực.';

/** A validation error on one field of the body (the same path zod reports). */
const field = (path: string, message: string) => Validation(message, [{ path: `body.${path}`, message }]);
const inSubtree = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

export function oversightService(db: Db, files: FilesService, documents: DocumentsService, clock: Clock) {
  const repo = oversightRepository(db);

  function refuseMembers(principal: Principal): void {
    if (principal.role === 'member') throw Forbidden(MEMBERS_REFUSED);
  }

  async function visibleUnit(principal: Principal, id: number, repository: OversightRepository = repo): Promise<UnitRow> {
    const unit = await repository.unit(id);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    return unit;
  }

  async function visibleActivity(principal: Principal, id: number, repository: OversightRepository = repo, forUpdate = false): Promise<ActivityRow> {
    refuseMembers(principal);
    const row = await repository.activity(id, forUpdate);
    if (!row || !(await repository.activityVisible(id, principal.scope.path))) throw NotFound(ACTIVITY_NOT_FOUND);
    return row;
  }

  /** An activity the caller records for (organiser side), locked for the write. */
  async function organisedActivity(principal: Principal, id: number, repository: OversightRepository, version: number): Promise<ActivityRow> {
    if (!canEditTree(principal)) throw Forbidden(OFFICERS_ONLY);
    const row = await visibleActivity(principal, id, repository, true);
    if (!canRecordOversight(principal, row)) throw Forbidden(ORGANISER_ONLY);
    if (row.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
    return row;
  }

  async function visibleFinding(principal: Principal, id: number, repository: OversightRepository = repo, forUpdate = false): Promise<FindingRow> {
    refuseMembers(principal);
    const row = await repository.finding(id, forUpdate);
    if (!row || !canSeeFinding(principal, row)) throw NotFound(FINDING_NOT_FOUND);
    return row;
  }

  async function visibleFollowUp(principal: Principal, id: number, repository: OversightRepository = repo, forUpdate = false): Promise<FindingRow> {
    refuseMembers(principal);
    const row = await repository.followUp(id, forUpdate);
    if (!row || !canSeeFinding(principal, row)) throw NotFound(FOLLOW_UP_NOT_FOUND);
    return row;
  }

  function officersOnlyForNegatives(principal: Principal): void {
    if (!canEditTree(principal)) throw Forbidden(NEGATIVES_OFFICERS_ONLY);
  }

  /**
   * Units concerned: open units of the organiser's subtree (the organiser itself allowed); inspections and
   * supervisions need one. A unit already concerned (`kept`) may have closed since: editing keeps it.
   */
  async function checkUnits(repository: OversightRepository, organiser: UnitRow, kind: OversightKind, unitIds: number[], kept: ReadonlySet<number> = new Set()): Promise<UnitRow[]> {
    const ids = [...new Set(unitIds)];
    const rows = new Map((await repository.units(ids)).map((u) => [u.id, u]));
    const units: UnitRow[] = [];
    for (const id of ids) {
      const unit = rows.get(id);
      if (!unit || !inSubtree(unit.path, organiser.path)) throw field('unitIds', `Đơn vị được ${OVERSIGHT_KIND_LABELS[kind].toLowerCase()} phải là ${organiser.name} hoặc đơn vị trực thuộc.`);
      if (unit.valid_to !== null && !kept.has(unit.id)) throw field('unitIds', `${unit.name} đã giải thể (${formatDate(unit.valid_to)}).`);
      units.push(unit);
    }
    const problem = unitsConcernedProblem(kind, units.length);
    if (problem) throw field('unitIds', problem);
    return units;
  }

  /** Files uploaded for the organiser; Party documents the caller and the organiser can read. */
  async function checkAttachments(trx: Db, principal: Principal, organiser: UnitRow, fileIds: number[], documentIds: number[]): Promise<void> {
    for (const id of new Set(fileIds)) {
      try {
        await files.attachable(trx, id, organiser.id);
      } catch (error) {
        if (error instanceof AppError) throw field('fileIds', error.message);
        throw error;
      }
    }
    for (const id of new Set(documentIds)) {
      const document = await documents.visible(principal, id, trx).catch((error: unknown) => {
        if (error instanceof AppError) throw field('documentIds', 'Không tìm thấy văn bản đã chọn, hoặc văn bản nằm ngoài phạm vi bạn được xem.');
        throw error;
      });
      if (!inSubtree(document.owner_path, organiser.path) && !inSubtree(organiser.path, document.owner_path)) {
        throw field('documentIds', `Văn bản ${document.symbol} không phải văn bản của ${organiser.name}, của đơn vị trực thuộc hay của cấp trên.`);
      }
    }
  }

  /** A finding's unit: a unit concerned or one below it; for briefings and reviews any unit of the organiser's subtree. */
  function findingUnitProblem(activity: Pick<ActivityRow, 'kind' | 'organiser_path' | 'organiser_name'>, concerned: { path: string }[], unit: UnitRow): string | null {
    if (unit.valid_to !== null) return `${unit.name} đã giải thể (${formatDate(unit.valid_to)}).`;
    if (concerned.some((c) => inSubtree(unit.path, c.path))) return null;
    const kind = activity.kind as OversightKind;
    if (findingsReachOrganiserSubtree(kind) && inSubtree(unit.path, activity.organiser_path)) return null;
    if (findingsReachOrganiserSubtree(kind)) return `Nhận xét chỉ gửi tới ${activity.organiser_name} hoặc đơn vị trực thuộc.`;
    return `Nhận xét của buổi ${OVERSIGHT_KIND_LABELS[kind].toLowerCase()} chỉ gửi tới đơn vị được ${OVERSIGHT_KIND_LABELS[kind].toLowerCase()} hoặc đơn vị trực thuộc của đơn vị đó.`;
  }

  async function findingUnit(repository: OversightRepository, activity: ActivityRow, unitId: number): Promise<UnitRow> {
    const unit = await repository.unit(unitId);
    const concerned = await repository.concernedUnits([activity.id]);
    const problem = unit ? findingUnitProblem(activity, concerned, unit) : 'Không tìm thấy đơn vị đã chọn.';
    if (problem || !unit) throw field('unitId', problem ?? 'Không tìm thấy đơn vị đã chọn.');
    return unit;
  }

  /** A follow-up's owner is an open unit of the organiser's subtree, and it cannot fall due before the activity. */
  async function checkFollowUp(repository: OversightRepository, activity: { kind: string; held_on: string | null; organiser_path: string; organiser_name: string }, body: FollowUpBody, prefix: string): Promise<UnitRow> {
    const owner = await repository.unit(body.ownerUnitId);
    if (!owner || !inSubtree(owner.path, activity.organiser_path)) throw field(`${prefix}ownerUnitId`, `Đơn vị thực hiện phải là ${activity.organiser_name} hoặc đơn vị trực thuộc.`);
    if (owner.valid_to !== null) throw field(`${prefix}ownerUnitId`, `${owner.name} đã giải thể (${formatDate(owner.valid_to)}).`);
    const problem = followUpDueProblem(body.dueOn, activity.held_on ?? body.dueOn, activity.kind as OversightKind);
    if (problem) throw field(`${prefix}dueOn`, problem);
    return owner;
  }

  async function negativesFor(principal: Principal, repository: OversightRepository, findingIds: number[]): Promise<NegativeRow[]> {
    if (!canEditTree(principal)) return [];
    return (await repository.negativesOf(findingIds)).filter((n) => canSeeNegative(principal, n));
  }

  /** hold | cancel: scope and version, the state machine, the action's own check, the update, one audit entry. */
  function transitionActivity(
    context: RequestContext,
    id: number,
    version: number,
    action: 'hold' | 'cancel',
    check: () => void,
    values: Parameters<OversightRepository['updateActivity']>[1],
  ): Promise<ActivityDetail> {
    const { principal } = context;
    return db.transaction().execute(async (trx) => {
      const repository = oversightRepository(trx);
      const before = await organisedActivity(principal, id, repository, version);
      const illegal = activityTransitionProblem(before.state as ActivityState, action);
      if (illegal) throw Conflict(illegal);
      check();
      const auditedBefore = await auditedActivityOf(repository, before);
      await repository.updateActivity(id, values);
      const after = (await repository.activity(id)) as ActivityRow;
      await recordAudit(trx, auditContext(context), { action: `oversight.${action}`, entityType: 'oversight_activity', ...activityAudit(after), before: auditedBefore, after: await auditedActivityOf(repository, after) });
      return detail(principal, after, repository);
    });
  }

  async function detail(principal: Principal, row: ActivityRow, repository: OversightRepository = repo): Promise<ActivityDetail> {
    const [units, attachments, findings] = await Promise.all([repository.concernedUnits([row.id]), repository.attachments(row.id), repository.findingsOf([row.id])]);
    const negatives = await negativesFor(principal, repository, findings.map((f) => f.id));
    return presentDetail(principal, row, {
      units,
      // A document the caller cannot read is not listed (documents keep their own visibility).
      attachments: attachments.filter((a) => a.document_id === null || (a.document_owner_path !== null && canReadDocument(principal, { owner_path: a.document_owner_path }))),
      findings,
      negatives,
      today: clock.today(),
    });
  }

  async function findingOut(principal: Principal, repository: OversightRepository, id: number): Promise<Finding> {
    const row = (await repository.finding(id)) as FindingRow;
    return presentFinding(principal, row, await negativesFor(principal, repository, [id]), clock.today());
  }

  async function auditedActivityOf(repository: OversightRepository, row: ActivityRow) {
    const [units, attachments] = await Promise.all([repository.concernedUnits([row.id]), repository.attachments(row.id)]);
    return auditedActivity(row, units, attachments);
  }

  const activityAudit = (row: ActivityRow) => ({ entityId: row.id, unit: { id: row.organiser_unit_id, path: row.organiser_path } });

  return {
    // ——— Activities ———

    async list(principal: Principal, query: ActivityListQuery): Promise<ActivityList> {
      refuseMembers(principal);
      const unit = await visibleUnit(principal, query.unitId ?? principal.scope.id);
      const { items, total } = await repo.listActivities({
        unitPath: unit.path,
        relation: query.relation,
        year: query.year,
        kind: query.kind,
        state: query.state,
        page: query.page,
        pageSize: query.pageSize,
      });
      const ids = items.map((a) => a.id);
      const [units, counts] = await Promise.all([repo.concernedUnits(ids), repo.activityCounts(ids, principal.scope.path, clock.today())]);
      const countOf = new Map(counts.map((c) => [c.activityId, c]));
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
        relation: query.relation,
        items: items.map((row) => {
          const c = countOf.get(row.id);
          return presentSummary(principal, row, units, c && { findings: c.findings, followUps: c.followUps, openFollowUps: c.openFollowUps, overdueFollowUps: c.overdueFollowUps });
        }),
        total,
        page: query.page,
        pageSize: query.pageSize,
        can: { create: canEditTree(principal) && canRecordFor(principal, unit) },
      };
    },

    async get(principal: Principal, id: number): Promise<ActivityDetail> {
      return detail(principal, await visibleActivity(principal, id));
    },

    async attachmentFile(principal: Principal, id: number, attachmentId: number) {
      await visibleActivity(principal, id);
      const attachment = (await repo.attachments(id)).find((a) => a.id === attachmentId);
      const file = attachment?.file_id ? await files.withContent(attachment.file_id) : undefined;
      if (!file) throw NotFound('Không tìm thấy tệp đính kèm của hoạt động này.');
      return file;
    },

    async create(context: RequestContext, body: CreateActivityBody): Promise<ActivityDetail> {
      const { principal } = context;
      if (!canEditTree(principal)) throw Forbidden(OFFICERS_ONLY);
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const organiser = await visibleUnit(principal, body.organiserUnitId, repository);
        if (!canRecordFor(principal, organiser)) throw field('organiserUnitId', `${organiser.name} đã giải thể (${formatDate(organiser.valid_to)}).`);
        const units = await checkUnits(repository, organiser, body.kind, body.unitIds);
        if (body.heldOn !== undefined) {
          const problem = heldOnProblem(body.heldOn, clock.today());
          if (problem) throw field('heldOn', problem);
        }
        await checkAttachments(trx, principal, organiser, body.fileIds, body.documentIds);
        const { id } = await repository.insertActivity({
          organiser_unit_id: organiser.id,
          kind: body.kind,
          title: body.title,
          planned_on: body.plannedOn,
          held_on: body.heldOn ?? null,
          state: body.heldOn === undefined ? 'planned' : 'held',
          location: body.location ?? null,
          participants: body.participants ?? null,
          participant_count: body.participantCount ?? null,
          conclusion: body.conclusion ?? null,
          created_by: principal.accountId,
        });
        await repository.replaceUnits(
          id,
          units.map((u) => u.id),
        );
        await repository.replaceAttachments(id, [...new Set(body.fileIds)], [...new Set(body.documentIds)]);
        const row = (await repository.activity(id)) as ActivityRow;
        await recordAudit(trx, auditContext(context), { action: 'oversight.create', entityType: 'oversight_activity', ...activityAudit(row), after: await auditedActivityOf(repository, row) });
        return detail(principal, row, repository);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateActivityBody): Promise<ActivityDetail> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const before = await organisedActivity(principal, id, repository, body.version);
        if (before.state === 'cancelled') throw Conflict('Hoạt động đã hủy, không sửa được.');
        const organiser = (await repository.unit(before.organiser_unit_id)) as UnitRow;
        const auditedBefore = await auditedActivityOf(repository, before);
        const kind = body.kind ?? (before.kind as OversightKind);
        const findings = await repository.findingsOf([id]);
        if (body.unitIds !== undefined || body.kind !== undefined) {
          const alreadyConcerned = new Set((await repository.concernedUnits([id])).map((u) => u.id));
          const units = await checkUnits(repository, organiser, kind, body.unitIds ?? [...alreadyConcerned], alreadyConcerned);
          // Findings already written must stay addressed to a unit the activity concerns.
          for (const finding of findings) {
            const unit = { id: finding.unit_id, path: finding.unit_path, name: finding.unit_name, kind: finding.unit_kind, valid_to: null };
            const problem = findingUnitProblem({ ...before, kind }, units, unit);
            if (problem) throw field('unitIds', `Nhận xét số ${finding.number} gửi tới ${finding.unit_name}: hãy giữ đơn vị này (hoặc đơn vị cấp trên của nó) trong danh sách đơn vị liên quan.`);
          }
          if (body.unitIds !== undefined) {
            await repository.replaceUnits(
              id,
              units.map((u) => u.id),
            );
          }
        }
        if (body.heldOn !== undefined) {
          if (before.state !== 'held') throw field('heldOn', 'Hoạt động chưa tổ chức: hãy dùng "Ghi nhận đã tổ chức" để ghi ngày tổ chức.');
          const problem = heldOnProblem(body.heldOn, clock.today());
          if (problem) throw field('heldOn', problem);
          const early = findings.find((f) => f.due_on !== null && f.due_on < body.heldOn!);
          if (early?.due_on) throw field('heldOn', `Việc khắc phục của nhận xét số ${early.number} có hạn ${formatDate(early.due_on)}, trước ngày tổ chức mới ${formatDate(body.heldOn)}.`);
          const doneEarly = findings.find((f) => f.follow_up_state === 'done' && f.done_on !== null && f.done_on < body.heldOn!);
          if (doneEarly?.done_on) throw field('heldOn', `Việc khắc phục của nhận xét số ${doneEarly.number} đã hoàn thành ngày ${formatDate(doneEarly.done_on)}, trước ngày tổ chức mới ${formatDate(body.heldOn)}.`);
        }
        if (body.fileIds !== undefined || body.documentIds !== undefined) {
          const current = await repository.attachments(id);
          const fileIds = body.fileIds ?? current.flatMap((a) => (a.file_id === null ? [] : [a.file_id]));
          const documentIds = body.documentIds ?? current.flatMap((a) => (a.document_id === null ? [] : [a.document_id]));
          await checkAttachments(trx, principal, organiser, fileIds, documentIds);
          await repository.replaceAttachments(id, [...new Set(fileIds)], [...new Set(documentIds)]);
        }
        await repository.updateActivity(id, {
          kind,
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.plannedOn !== undefined ? { planned_on: body.plannedOn } : {}),
          ...(body.location !== undefined ? { location: body.location } : {}),
          ...(body.heldOn !== undefined ? { held_on: body.heldOn } : {}),
          ...(body.participants !== undefined ? { participants: body.participants } : {}),
          ...(body.participantCount !== undefined ? { participant_count: body.participantCount } : {}),
          ...(body.conclusion !== undefined ? { conclusion: body.conclusion } : {}),
        });
        const after = (await repository.activity(id)) as ActivityRow;
        await recordAudit(trx, auditContext(context), { action: 'oversight.update', entityType: 'oversight_activity', ...activityAudit(after), before: auditedBefore, after: await auditedActivityOf(repository, after) });
        return detail(principal, after, repository);
      });
    },

    hold(context: RequestContext, id: number, body: HoldActivityBody): Promise<ActivityDetail> {
      const checkDate = () => {
        const problem = heldOnProblem(body.heldOn, clock.today());
        if (problem) throw field('heldOn', problem);
      };
      return transitionActivity(context, id, body.version, 'hold', checkDate, {
        state: 'held',
        held_on: body.heldOn,
        ...(body.participants !== undefined ? { participants: body.participants } : {}),
        ...(body.participantCount !== undefined ? { participant_count: body.participantCount } : {}),
        ...(body.conclusion !== undefined ? { conclusion: body.conclusion } : {}),
      });
    },

    cancel(context: RequestContext, id: number, body: CancelActivityBody): Promise<ActivityDetail> {
      return transitionActivity(context, id, body.version, 'cancel', () => undefined, { state: 'cancelled', cancel_reason: body.reason });
    },

    // ——— Findings ———

    async addFinding(context: RequestContext, activityId: number, body: CreateFindingBody): Promise<Finding> {
      const { principal } = context;
      if (!canEditTree(principal)) throw Forbidden(OFFICERS_ONLY);
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const activity = await visibleActivity(principal, activityId, repository, true);
        if (!canRecordOversight(principal, activity)) throw Forbidden(ORGANISER_ONLY);
        if (activity.state !== 'held') throw Conflict(`Chỉ ghi nhận xét sau khi hoạt động đã tổ chức (hoạt động đang ở trạng thái "${activity.state === 'planned' ? 'Kế hoạch' : 'Đã hủy'}").`);
        const unit = await findingUnit(repository, activity, body.unitId);
        const owner = body.followUp ? await checkFollowUp(repository, activity, body.followUp, 'followUp.') : null;
        const number = await repository.nextFindingNumber(activityId);
        const { id } = await repository.insertFinding({ activity_id: activityId, number, unit_id: unit.id, kind: body.kind, content: body.content, created_by: principal.accountId });
        const auditUnit = { id: activity.organiser_unit_id, path: activity.organiser_path };
        let row = (await repository.finding(id)) as FindingRow;
        await recordAudit(trx, auditContext(context), { action: 'finding.create', entityType: 'oversight_finding', entityId: id, unit: auditUnit, after: auditedFinding(row) });
        if (body.followUp && owner) {
          const followUp = await repository.insertFollowUp({ finding_id: id, owner_unit_id: owner.id, task: body.followUp.task, due_on: body.followUp.dueOn });
          row = (await repository.finding(id)) as FindingRow;
          await recordAudit(trx, auditContext(context), { action: 'follow_up.create', entityType: 'follow_up', entityId: followUp.id, unit: { id: owner.id, path: owner.path }, after: auditedFollowUp(row) });
        }
        return findingOut(principal, repository, id);
      });
    },

    async updateFinding(context: RequestContext, id: number, body: UpdateFindingBody): Promise<Finding> {
      const { principal } = context;
      if (!canEditTree(principal)) throw Forbidden(OFFICERS_ONLY);
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const before = await visibleFinding(principal, id, repository, true);
        if (!canRecordOversight(principal, before)) throw Forbidden(ORGANISER_ONLY);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        if (body.unitId !== undefined && body.unitId !== before.unit_id) {
          const activity = (await repository.activity(before.activity_id)) as ActivityRow;
          await findingUnit(repository, activity, body.unitId);
        }
        await repository.updateFinding(id, {
          ...(body.unitId !== undefined ? { unit_id: body.unitId } : {}),
          ...(body.kind !== undefined ? { kind: body.kind } : {}),
          ...(body.content !== undefined ? { content: body.content } : {}),
        });
        const after = (await repository.finding(id)) as FindingRow;
        await recordAudit(trx, auditContext(context), {
          action: 'finding.update',
          entityType: 'oversight_finding',
          entityId: id,
          unit: { id: before.organiser_unit_id, path: before.organiser_path },
          before: auditedFinding(before),
          after: auditedFinding(after),
        });
        return findingOut(principal, repository, id);
      });
    },

    async addFollowUp(context: RequestContext, findingId: number, body: FollowUpBody): Promise<FollowUpItem> {
      const { principal } = context;
      if (!canEditTree(principal)) throw Forbidden(OFFICERS_ONLY);
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const finding = await visibleFinding(principal, findingId, repository, true);
        if (!canRecordOversight(principal, finding)) throw Forbidden(ORGANISER_ONLY);
        if (finding.follow_up_id !== null) throw Conflict('Nhận xét này đã có việc khắc phục; hãy mở việc đó để cập nhật.');
        const owner = await checkFollowUp(repository, { kind: finding.activity_kind, held_on: finding.activity_held_on, organiser_path: finding.organiser_path, organiser_name: finding.organiser_name }, body, '');
        const { id } = await repository.insertFollowUp({ finding_id: findingId, owner_unit_id: owner.id, task: body.task, due_on: body.dueOn });
        const row = (await repository.followUp(id)) as FindingRow;
        await recordAudit(trx, auditContext(context), { action: 'follow_up.create', entityType: 'follow_up', entityId: id, unit: { id: owner.id, path: owner.path }, after: auditedFollowUp(row) });
        return presentFollowUpItem(principal, row, clock.today());
      });
    },

    async unitFindings(principal: Principal, unitId: number, year: number | undefined): Promise<UnitFindings> {
      refuseMembers(principal);
      const unit = await visibleUnit(principal, unitId);
      const rows = await repo.findingsAddressedTo(unit.id, year);
      const negatives = await negativesFor(principal, repo, rows.map((r) => r.id));
      const today = clock.today();
      return { unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind }, items: rows.map((row) => presentFindingItem(principal, row, negatives, today)) };
    },

    // ——— Follow-ups ———

    async listFollowUps(principal: Principal, query: FollowUpListQuery): Promise<FollowUpList> {
      refuseMembers(principal);
      const unit = await visibleUnit(principal, query.unitId ?? principal.scope.id);
      const today = clock.today();
      const { items, total, counts } = await repo.listFollowUps({
        unitPath: unit.path,
        year: query.year,
        state: query.state,
        timeliness: query.timeliness,
        today,
        page: query.page,
        pageSize: query.pageSize,
      });
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
        counts,
        items: items.map((row) => presentFollowUpItem(principal, row, today)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async evidence(principal: Principal, id: number) {
      const row = await visibleFollowUp(principal, id);
      const file = row.evidence_file_id === null ? undefined : await files.withContent(row.evidence_file_id);
      if (!file) throw NotFound('Việc khắc phục này chưa có tệp minh chứng.');
      return file;
    },

    async completeFollowUp(context: RequestContext, id: number, body: CompleteFollowUpBody): Promise<FollowUpItem> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const before = await visibleFollowUp(principal, id, repository, true);
        if (!canCompleteFollowUp(principal, before)) throw Forbidden('Chỉ đơn vị thực hiện hoặc đơn vị tổ chức được báo hoàn thành việc khắc phục.');
        if (before.follow_up_version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const illegal = followUpTransitionProblem(before.follow_up_state as FollowUpState, 'complete');
        if (illegal) throw Conflict(illegal);
        const today = clock.today();
        const doneOn = body.doneOn ?? today;
        const problem = doneOnProblem(doneOn, before.activity_held_on ?? doneOn, today);
        if (problem) throw field('doneOn', problem);
        if (body.evidenceFileId) {
          try {
            await files.attachable(trx, body.evidenceFileId, before.owner_unit_id);
          } catch (error) {
            if (error instanceof AppError) throw field('evidenceFileId', error.message);
            throw error;
          }
        }
        await repository.updateFollowUp(id, { state: 'done', done_on: doneOn, result: body.result, evidence_file_id: body.evidenceFileId ?? null, closed_by: principal.accountId });
        const after = (await repository.followUp(id)) as FindingRow;
        await recordAudit(trx, auditContext(context), {
          action: 'follow_up.complete',
          entityType: 'follow_up',
          entityId: id,
          unit: { id: after.owner_unit_id as number, path: after.owner_path as string },
          before: auditedFollowUp(before),
          after: auditedFollowUp(after),
        });
        return presentFollowUpItem(principal, after, today);
      });
    },

    async reopenFollowUp(context: RequestContext, id: number, body: ReopenFollowUpBody): Promise<FollowUpItem> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const before = await visibleFollowUp(principal, id, repository, true);
        if (!canRecordOversight(principal, before)) throw Forbidden('Chỉ đơn vị tổ chức hoạt động được mở lại việc khắc phục.');
        if (before.follow_up_version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const illegal = followUpTransitionProblem(before.follow_up_state as FollowUpState, 'reopen');
        if (illegal) throw Conflict(illegal);
        await repository.updateFollowUp(id, { state: 'open', done_on: null, result: null, evidence_file_id: null, closed_by: null, reopen_comment: body.comment });
        const after = (await repository.followUp(id)) as FindingRow;
        await recordAudit(trx, auditContext(context), {
          action: 'follow_up.reopen',
          entityType: 'follow_up',
          entityId: id,
          unit: { id: after.owner_unit_id as number, path: after.owner_path as string },
          before: auditedFollowUp(before),
          after: auditedFollowUp(after),
        });
        return presentFollowUpItem(principal, after, clock.today());
      });
    },

    async cancelFollowUp(context: RequestContext, id: number, body: CancelFollowUpBody): Promise<FollowUpItem> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const before = await visibleFollowUp(principal, id, repository, true);
        if (!canRecordOversight(principal, before)) throw Forbidden('Chỉ đơn vị tổ chức hoạt động được hủy việc khắc phục.');
        if (before.follow_up_version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const illegal = followUpTransitionProblem(before.follow_up_state as FollowUpState, 'cancel');
        if (illegal) throw Conflict(illegal);
        await repository.updateFollowUp(id, { state: 'cancelled', cancel_reason: body.reason });
        const after = (await repository.followUp(id)) as FindingRow;
        await recordAudit(trx, auditContext(context), {
          action: 'follow_up.cancel',
          entityType: 'follow_up',
          entityId: id,
          unit: { id: after.owner_unit_id as number, path: after.owner_path as string },
          before: auditedFollowUp(before),
          after: auditedFollowUp(after),
        });
        return presentFollowUpItem(principal, after, clock.today());
      });
    },

    // ——— Negative phenomena (officers in scope only) ———

    async listNegatives(principal: Principal, query: NegativeListQuery): Promise<NegativeList> {
      officersOnlyForNegatives(principal);
      const unit = await visibleUnit(principal, query.unitId ?? principal.scope.id);
      const rows = await repo.negativesUnder(unit.path, query.year);
      return { unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind }, items: rows.filter((n) => canSeeNegative(principal, n)).map((n) => presentNegativeItem(principal, n)) };
    },

    async addNegative(context: RequestContext, findingId: number, body: CreateNegativeBody): Promise<NegativeItem> {
      const { principal } = context;
      officersOnlyForNegatives(principal);
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const finding = await visibleFinding(principal, findingId, repository, true);
        if (!canRecordOversight(principal, finding)) throw Forbidden(ORGANISER_ONLY);
        const unit = await negativeUnit(repository, finding.unit_path, finding.unit_name, body.unitId);
        const { id } = await repository.insertNegative({ finding_id: findingId, unit_id: unit.id, description: body.description, handling: body.handling ?? null, created_by: principal.accountId });
        const row = (await repository.negative(id)) as NegativeRow;
        await recordAudit(trx, auditContext(context), { action: 'negative.create', entityType: 'negative_phenomenon', entityId: id, unit: { id: unit.id, path: unit.path }, after: auditedNegative(row) });
        return presentNegativeItem(principal, row);
      });
    },

    async updateNegative(context: RequestContext, id: number, body: UpdateNegativeBody): Promise<NegativeItem> {
      const { principal } = context;
      officersOnlyForNegatives(principal);
      return db.transaction().execute(async (trx) => {
        const repository = oversightRepository(trx);
        const before = await repository.negative(id, true);
        if (!before || !canSeeNegative(principal, before)) throw NotFound(NEGATIVE_NOT_FOUND);
        if (!canRecordOversight(principal, before)) throw Forbidden(ORGANISER_ONLY);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        if (body.unitId !== undefined && body.unitId !== before.unit_id) await negativeUnit(repository, before.finding_unit_path, before.finding_unit_name, body.unitId);
        await repository.updateNegative(id, {
          ...(body.unitId !== undefined ? { unit_id: body.unitId } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.handling !== undefined ? { handling: body.handling } : {}),
        });
        const after = (await repository.negative(id)) as NegativeRow;
        await recordAudit(trx, auditContext(context), {
          action: 'negative.update',
          entityType: 'negative_phenomenon',
          entityId: id,
          unit: { id: after.unit_id, path: after.unit_path },
          before: auditedNegative(before),
          after: auditedNegative(after),
        });
        return presentNegativeItem(principal, after);
      });
    },
  };

  /** A negative phenomenon concerns the finding's unit or a unit below it, still open. */
  async function negativeUnit(repository: OversightRepository, findingUnitPath: string, findingUnitName: string, unitId: number): Promise<UnitRow> {
    const unit = await repository.unit(unitId);
    if (!unit || !inSubtree(unit.path, findingUnitPath)) throw field('unitId', `Hiện tượng tiêu cực phải thuộc ${findingUnitName} hoặc đơn vị trực thuộc.`);
    if (unit.valid_to !== null) throw field('unitId', `${unit.name} đã giải thể (${formatDate(unit.valid_to)}).`);
    return unit;
  }
}

export type OversightService = ReturnType<typeof oversightService>;
