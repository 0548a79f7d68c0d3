import type { z } from 'zod';
import {
  DEFAULT_YEAR_RULE,
  type IssueStatus,
  PILOT_COMMITTEE_KINDS,
  type PilotKind,
  type PilotState,
  type YearRule,
  issueTimeliness,
  milestonesProblem,
  pilotQuotaProblem,
  quotaMet,
  weightedProgress,
} from '../../../shared/domain/standards';
import { viCollator } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type {
  Pilot,
  PilotsOverview,
  PressingIssue,
  YearRuleOut,
  completePilotSchema,
  createIssueSchema,
  createPilotSchema,
  putYearRuleSchema,
  updateIssueSchema,
  updatePilotSchema,
} from '../../../shared/schemas/standards';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canRecordExternal, canRecordFor, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import type { FilesService } from '../files/files.service';
import { type IssueRow, type PilotRow, type PilotsRepository, pilotsRepository } from './pilots.repository';

type PutRuleBody = z.output<typeof putYearRuleSchema>;
type CreatePilotBody = z.output<typeof createPilotSchema>;
type UpdatePilotBody = z.output<typeof updatePilotSchema>;
type CompletePilotBody = z.output<typeof completePilotSchema>;
type CreateIssueBody = z.output<typeof createIssueSchema>;
type UpdateIssueBody = z.output<typeof updateIssueSchema>;

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const PILOT_NOT_FOUND = 'Không tìm thấy đơn vị chỉ đạo điểm, hoặc nằm ngoài phạm vi của bạn.';
const ISSUE_NOT_FOUND = 'Không tìm thấy vấn đề nổi cộm, hoặc nằm ngoài phạm vi của bạn.';
const field = (path: string, message: string) => Validation(message, [{ path, message }]);
const rootOf = (path: string) => Number(path.split('.')[0]);

function canRecordCommittee(principal: Principal, committee: { path: string }): boolean {
  return principal.role !== 'member' && principal.role !== 'cell_secretary' && canRecordFor(principal, { path: committee.path, valid_to: null });
}

export function pilotsService(db: Db, files: FilesService) {
  const repo = pilotsRepository(db);

  async function ruleFor(repository: PilotsRepository, rootId: number, year: number): Promise<YearRule & { isDefault: boolean; version: number | null; id: number | null }> {
    const row = await repository.rule(rootId, year);
    if (!row) return { ...DEFAULT_YEAR_RULE, isDefault: true, version: null, id: null };
    return { comprehensivePilots: row.comprehensive_pilots, fieldPilots: row.field_pilots, pressingIssues: row.pressing_issues, isDefault: false, version: row.version, id: row.id };
  }

  async function committeeFor(principal: Principal, repository: PilotsRepository, id: number) {
    const committee = await repository.unit(id);
    if (!committee || !isInScope(principal, committee.path)) throw NotFound(UNIT_NOT_FOUND);
    if (!PILOT_COMMITTEE_KINDS.includes(committee.kind as UnitKind)) {
      throw field('committeeUnitId', `${committee.name} không phải cấp ủy cấp huyện hoặc đảng ủy trực thuộc: chỉ các cấp ủy này chọn đơn vị điểm và vấn đề nổi cộm.`);
    }
    if (!canRecordCommittee(principal, committee)) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của cấp ủy này hoặc cấp trên được ghi.');
    return committee;
  }

  async function presentPilots(principal: Principal, rows: PilotRow[], repository: PilotsRepository = repo): Promise<Pilot[]> {
    const notes = await repository.notes(rows.map((r) => r.id));
    return rows.map((row) => ({
      id: row.id,
      committee: { id: row.committee_unit_id, name: row.committee_name, kind: row.committee_kind as UnitKind },
      year: row.year,
      kind: row.kind as PilotKind,
      field: row.field,
      target: { id: row.target_unit_id, name: row.target_name, kind: row.target_kind as UnitKind },
      goals: row.goals,
      responsible: row.responsible,
      state: row.state as PilotState,
      result: row.result,
      lessons: row.lessons,
      completedOn: row.completed_on,
      notes: notes.filter((n) => n.pilot_id === row.id).map((n) => ({ id: n.id, notedOn: n.noted_on, note: n.note, postedBy: n.posted_by })),
      version: row.version,
      can: { edit: canRecordCommittee(principal, { path: row.committee_path }) },
    }));
  }

  async function presentIssues(principal: Principal, rows: IssueRow[], repository: PilotsRepository = repo): Promise<PressingIssue[]> {
    const milestones = await repository.milestones(rows.map((r) => r.id));
    const today = todayInVietnam();
    return rows.map((row) => {
      const own = milestones
        .filter((m) => m.issue_id === row.id)
        .map((m) => ({ id: m.id, number: m.number, title: m.title, dueOn: m.due_on, weight: Number(m.weight), progress: m.progress, doneOn: m.done_on }));
      return {
        id: row.id,
        committee: { id: row.committee_unit_id, name: row.committee_name, kind: row.committee_kind as UnitKind },
        year: row.year,
        title: row.title,
        target: row.target,
        status: row.status as IssueStatus,
        resolvedOn: row.resolved_on,
        evidence: row.evidence,
        evidenceFile: row.evidence_file_id !== null ? { id: row.evidence_file_id, name: row.file_name ?? '', mediaType: row.file_media_type ?? '', size: row.file_size ?? 0 } : null,
        milestones: own,
        progress: weightedProgress(own),
        timeliness: issueTimeliness(row.year, row.resolved_on, today),
        version: row.version,
        can: { edit: canRecordCommittee(principal, { path: row.committee_path }) },
      };
    });
  }

  async function visiblePilot(principal: Principal, id: number, repository: PilotsRepository = repo, forUpdate = false) {
    const row = await repository.pilot(id, forUpdate);
    if (!row || !isInScope(principal, row.committee_path)) throw NotFound(PILOT_NOT_FOUND);
    return row;
  }

  async function visibleIssue(principal: Principal, id: number, repository: PilotsRepository = repo, forUpdate = false) {
    const row = await repository.issue(id, forUpdate);
    if (!row || !isInScope(principal, row.committee_path)) throw NotFound(ISSUE_NOT_FOUND);
    return row;
  }

  async function changePilot(context: RequestContext, id: number, version: number, action: string, apply: (repository: PilotsRepository, row: PilotRow) => Promise<void>) {
    return db.transaction().execute(async (trx) => {
      const repository = pilotsRepository(trx);
      const before = await visiblePilot(context.principal, id, repository, true);
      if (!canRecordCommittee(context.principal, { path: before.committee_path })) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của cấp ủy này hoặc cấp trên được ghi.');
      if (before.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
      await apply(repository, before);
      const after = (await repository.pilot(id)) as PilotRow;
      await recordAudit(trx, auditContext(context), { action, entityType: 'pilot', entityId: id, unit: { id: before.committee_unit_id, path: before.committee_path }, before: auditedPilot(before), after: auditedPilot(after) });
      return (await presentPilots(context.principal, [after], repository))[0] as Pilot;
    });
  }

  /** Milestones in date order within the year; resolved exactly when a resolution date is given, never in the future. */
  function checkIssue(year: number, body: { milestones?: CreateIssueBody['milestones'] | undefined; status?: IssueStatus | undefined; resolvedOn?: string | null | undefined }) {
    if (body.milestones) {
      const problem = milestonesProblem(body.milestones, year);
      if (problem) throw field('milestones', problem);
    }
    if (body.status !== undefined || body.resolvedOn !== undefined) {
      if ((body.status === 'resolved') !== (body.resolvedOn !== null && body.resolvedOn !== undefined)) {
        throw field('resolvedOn', 'Vấn đề "Đã giải quyết" cần ngày giải quyết; trạng thái khác thì không ghi ngày giải quyết.');
      }
      if (body.resolvedOn && body.resolvedOn > todayInVietnam()) throw field('resolvedOn', 'Ngày giải quyết không được sau hôm nay.');
    }
  }

  return {
    async rule(principal: Principal, year: number): Promise<YearRuleOut> {
      const rule = await ruleFor(repo, rootOf(principal.scope.path), year);
      return { year, comprehensivePilots: rule.comprehensivePilots, fieldPilots: rule.fieldPilots, pressingIssues: rule.pressingIssues, isDefault: rule.isDefault, version: rule.version, can: { edit: canRecordExternal(principal) } };
    },

    async putRule(context: RequestContext, year: number, body: PutRuleBody): Promise<YearRuleOut> {
      if (!canRecordExternal(context.principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh đặt chỉ tiêu của năm.');
      const rootId = context.principal.scope.id;
      await db.transaction().execute(async (trx) => {
        const repository = pilotsRepository(trx);
        await repository.lockUnit(rootId);
        const before = await ruleFor(repository, rootId, year);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const values = { comprehensive_pilots: body.comprehensivePilots, field_pilots: body.fieldPilots, pressing_issues: body.pressingIssues };
        if (before.id === null) await repository.insertRule({ unit_id: rootId, year, ...values });
        else await repository.updateRule(before.id, values);
        await recordAudit(trx, auditContext(context), {
          action: 'year_rule.update',
          entityType: 'year_rule',
          entityId: year,
          unit: { id: rootId, path: context.principal.scope.path },
          before: { comprehensivePilots: before.comprehensivePilots, fieldPilots: before.fieldPilots, pressingIssues: before.pressingIssues },
          after: { comprehensivePilots: body.comprehensivePilots, fieldPilots: body.fieldPilots, pressingIssues: body.pressingIssues },
        });
      });
      return this.rule(context.principal, year);
    },

    async overview(principal: Principal, unitId: number | undefined, year: number): Promise<PilotsOverview> {
      const unit = await repo.unit(unitId ?? principal.scope.id);
      if (!unit || !isInScope(principal, unit.path) || principal.role === 'member') throw NotFound(UNIT_NOT_FOUND);
      const committees = (await repo.committees(unit.path, PILOT_COMMITTEE_KINDS)).sort((a, b) => viCollator.compare(a.name, b.name));
      const ids = committees.map((c) => c.id);
      const [pilotRows, issueRows, rule] = await Promise.all([repo.pilotsOf(ids, year), repo.issuesOf(ids, year), this.rule(principal, year)]);
      const [pilots, issues] = await Promise.all([presentPilots(principal, pilotRows), presentIssues(principal, issueRows)]);
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
        year,
        rule,
        committees: committees.map((c) => {
          const own = pilots.filter((p) => p.committee.id === c.id);
          const counts = { comprehensive: own.filter((p) => p.kind === 'comprehensive').length, field: own.filter((p) => p.kind === 'field').length };
          const issue = issues.find((i) => i.committee.id === c.id);
          return {
            committee: { id: c.id, name: c.name, kind: c.kind as UnitKind },
            ...counts,
            met: quotaMet(rule, counts),
            issue: issue ? { id: issue.id, title: issue.title, status: issue.status, progress: issue.progress, timeliness: issue.timeliness } : null,
            can: { record: canRecordCommittee(principal, c) },
          };
        }),
        pilots,
      };
    },

    async getPilot(principal: Principal, id: number): Promise<Pilot> {
      return (await presentPilots(principal, [await visiblePilot(principal, id)]))[0] as Pilot;
    },

    async createPilot(context: RequestContext, body: CreatePilotBody): Promise<Pilot> {
      return db.transaction().execute(async (trx) => {
        const repository = pilotsRepository(trx);
        const committee = await committeeFor(context.principal, repository, body.committeeUnitId);
        const target = await repository.unit(body.targetUnitId);
        if (!target || !target.path.startsWith(`${committee.path}.`)) throw field('targetUnitId', `Đơn vị điểm phải thuộc ${committee.name}.`);
        if (target.valid_to !== null) throw field('targetUnitId', `${target.name} đã giải thể.`);
        if ((body.kind === 'field') !== Boolean(body.field)) throw field('field', body.kind === 'field' ? 'Hãy ghi lĩnh vực của đơn vị điểm theo lĩnh vực.' : 'Đơn vị điểm toàn diện không ghi lĩnh vực.');
        // Two officers choosing at once check the quota one after the other.
        await repository.lockUnit(committee.id);
        const existing = await repository.pilotsOf([committee.id], body.year);
        if (existing.some((p) => p.target_unit_id === target.id)) throw field('targetUnitId', `${target.name} đã là đơn vị điểm năm ${body.year}.`);
        const rule = await ruleFor(repository, rootOf(committee.path), body.year);
        const counts = { comprehensive: existing.filter((p) => p.kind === 'comprehensive').length, field: existing.filter((p) => p.kind === 'field').length };
        const problem = pilotQuotaProblem(rule, counts, body.kind, body.year);
        if (problem) throw field('kind', problem);
        const { id } = await repository.insertPilot({
          committee_unit_id: committee.id,
          year: body.year,
          kind: body.kind,
          field: body.kind === 'field' ? (body.field ?? null) : null,
          target_unit_id: target.id,
          goals: body.goals,
          responsible: body.responsible,
        });
        const row = (await repository.pilot(id)) as PilotRow;
        await recordAudit(trx, auditContext(context), { action: 'pilot.create', entityType: 'pilot', entityId: id, unit: { id: committee.id, path: committee.path }, after: auditedPilot(row) });
        return (await presentPilots(context.principal, [row], repository))[0] as Pilot;
      });
    },

    updatePilot: (context: RequestContext, id: number, body: UpdatePilotBody) =>
      changePilot(context, id, body.version, 'pilot.update', async (repository, row) => {
        if (body.field !== undefined && (row.kind === 'field') !== Boolean(body.field)) throw field('field', row.kind === 'field' ? 'Hãy ghi lĩnh vực.' : 'Đơn vị điểm toàn diện không ghi lĩnh vực.');
        await repository.updatePilot(id, {
          ...(body.goals !== undefined ? { goals: body.goals } : {}),
          ...(body.responsible !== undefined ? { responsible: body.responsible } : {}),
          ...(body.field !== undefined ? { field: body.field } : {}),
        });
      }),

    completePilot: (context: RequestContext, id: number, body: CompletePilotBody) =>
      changePilot(context, id, body.version, 'pilot.complete', async (repository, row) => {
        if (body.completedOn < `${row.year}-01-01`) throw field('completedOn', `Ngày tổng kết phải từ năm ${row.year}.`);
        if (body.completedOn > todayInVietnam()) throw field('completedOn', 'Ngày tổng kết không được sau hôm nay.');
        await repository.updatePilot(id, { state: 'completed', result: body.result, lessons: body.lessons ?? null, completed_on: body.completedOn });
      }),

    async addNote(context: RequestContext, id: number, note: string): Promise<Pilot> {
      return db.transaction().execute(async (trx) => {
        const repository = pilotsRepository(trx);
        const row = await visiblePilot(context.principal, id, repository, true);
        if (!canRecordCommittee(context.principal, { path: row.committee_path })) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của cấp ủy này hoặc cấp trên được ghi.');
        const { id: noteId } = await repository.insertNote({ pilot_id: id, noted_on: todayInVietnam(), note, posted_by: context.principal.accountId });
        await recordAudit(trx, auditContext(context), { action: 'pilot.note', entityType: 'pilot', entityId: id, unit: { id: row.committee_unit_id, path: row.committee_path }, after: { noteId, note } });
        return (await presentPilots(context.principal, [row], repository))[0] as Pilot;
      });
    },

    async removePilot(context: RequestContext, id: number, version: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const repository = pilotsRepository(trx);
        const row = await visiblePilot(context.principal, id, repository, true);
        if (!canRecordCommittee(context.principal, { path: row.committee_path })) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của cấp ủy này hoặc cấp trên được ghi.');
        if (row.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
        await repository.deletePilot(id);
        await recordAudit(trx, auditContext(context), { action: 'pilot.delete', entityType: 'pilot', entityId: id, unit: { id: row.committee_unit_id, path: row.committee_path }, before: auditedPilot(row) });
      });
    },

    async evidence(principal: Principal, id: number) {
      const row = await visibleIssue(principal, id);
      const file = row.evidence_file_id === null ? undefined : await files.withContent(row.evidence_file_id);
      if (!file) throw NotFound('Vấn đề này chưa có tệp minh chứng.');
      return file;
    },

    async getIssue(principal: Principal, id: number): Promise<PressingIssue> {
      return (await presentIssues(principal, [await visibleIssue(principal, id)]))[0] as PressingIssue;
    },

    async createIssue(context: RequestContext, body: CreateIssueBody): Promise<PressingIssue> {
      return db.transaction().execute(async (trx) => {
        const repository = pilotsRepository(trx);
        const committee = await committeeFor(context.principal, repository, body.committeeUnitId);
        checkIssue(body.year, body);
        await repository.lockUnit(committee.id);
        const rule = await ruleFor(repository, rootOf(committee.path), body.year);
        const existing = await repository.issuesOf([committee.id], body.year);
        if (existing.length >= rule.pressingIssues) {
          throw field('year', `Năm ${body.year} mỗi cấp ủy chọn ${rule.pressingIssues} vấn đề nổi cộm để giải quyết; ${committee.name} đã chọn "${existing[0]?.title ?? ''}".`);
        }
        const { id } = await repository.insertIssue({ committee_unit_id: committee.id, year: body.year, title: body.title, target: body.target });
        await repository.replaceMilestones(id, body.milestones);
        const row = (await repository.issue(id)) as IssueRow;
        await recordAudit(trx, auditContext(context), { action: 'pressing_issue.create', entityType: 'pressing_issue', entityId: id, unit: { id: committee.id, path: committee.path }, after: auditedIssue(row, body.milestones) });
        return (await presentIssues(context.principal, [row], repository))[0] as PressingIssue;
      });
    },

    async updateIssue(context: RequestContext, id: number, body: UpdateIssueBody): Promise<PressingIssue> {
      return db.transaction().execute(async (trx) => {
        const repository = pilotsRepository(trx);
        const before = await visibleIssue(context.principal, id, repository, true);
        if (!canRecordCommittee(context.principal, { path: before.committee_path })) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của cấp ủy này hoặc cấp trên được ghi.');
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const status = body.status ?? (before.status as IssueStatus);
        const resolvedOn = body.resolvedOn === undefined ? before.resolved_on : body.resolvedOn;
        checkIssue(before.year, { milestones: body.milestones, status, resolvedOn });
        if (body.evidenceFileId) await files.attachable(trx, body.evidenceFileId, before.committee_unit_id);
        const milestonesBefore = await repository.milestones([id]);
        await repository.updateIssue(id, {
          status,
          resolved_on: resolvedOn,
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.target !== undefined ? { target: body.target } : {}),
          ...(body.evidence !== undefined ? { evidence: body.evidence } : {}),
          ...(body.evidenceFileId !== undefined ? { evidence_file_id: body.evidenceFileId } : {}),
        });
        if (body.milestones) await repository.replaceMilestones(id, body.milestones);
        const after = (await repository.issue(id)) as IssueRow;
        const asInput = (rows: typeof milestonesBefore) => rows.map((m) => ({ title: m.title, dueOn: m.due_on, weight: Number(m.weight), progress: m.progress }));
        await recordAudit(trx, auditContext(context), {
          action: 'pressing_issue.update',
          entityType: 'pressing_issue',
          entityId: id,
          unit: { id: before.committee_unit_id, path: before.committee_path },
          before: auditedIssue(before, asInput(milestonesBefore)),
          after: auditedIssue(after, asInput(await repository.milestones([id]))),
        });
        return (await presentIssues(context.principal, [after], repository))[0] as PressingIssue;
      });
    },
  };
}

function auditedPilot(row: PilotRow) {
  return { year: row.year, kind: row.kind, field: row.field, target: row.target_name, goals: row.goals, responsible: row.responsible, state: row.state, result: row.result, lessons: row.lessons, completedOn: row.completed_on };
}

function auditedIssue(row: IssueRow, milestones: { title: string; dueOn: string; weight: number; progress: number }[]) {
  return {
    year: row.year,
    title: row.title,
    target: row.target,
    status: row.status,
    resolvedOn: row.resolved_on,
    evidence: row.evidence,
    evidenceFileId: row.evidence_file_id,
    milestones: milestones.map((m, i) => `${i + 1}. ${m.title} (${m.dueOn}, ×${m.weight}, ${m.progress}%)`),
  };
}

export type PilotsService = ReturnType<typeof pilotsService>;
