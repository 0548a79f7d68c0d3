import type { z } from 'zod';
import { parseDocumentSymbol } from '../../../shared/domain/documents';
import { type StandardAction, type StandardKind, type StandardState, lengthWarnings, standardTransition } from '../../../shared/domain/standards';
import { viCollator } from '../../../shared/domain/text';
import { SECTORS, type UnitKind } from '../../../shared/domain/units';
import type { StandardVersion, StandardsCoverage, UnitStandards, createStandardSchema, issueStandardSchema, updateStandardSchema } from '../../../shared/schemas/standards';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canEditTree, canRecordFor, isInScope, isStrictlyBelowScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { type StandardsRepository, type VersionRow, standardsRepository } from './standards.repository';

type CreateBody = z.output<typeof createStandardSchema>;
type UpdateBody = z.output<typeof updateStandardSchema>;
type IssueBody = z.output<typeof issueStandardSchema>;

const NOT_FOUND = 'Không tìm thấy bộ chuẩn mực, hoặc bộ chuẩn mực nằm ngoài phạm vi của bạn.';
const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const field = (path: string, message: string) => Validation(message, [{ path, message }]);
const AUDIT_ACTIONS: Record<StandardAction, string> = { submit: 'standard.submit', approve: 'standard.approve', return: 'standard.return', issue: 'standard.issue' };

/** The unit's own officers (or those above) draft, submit and issue its standards. */
function canAuthor(principal: Principal, row: { unit_path: string }): boolean {
  return principal.role !== 'member' && canRecordFor(principal, { path: row.unit_path, valid_to: null });
}

/**
 * Approval belongs to the committee above the unit — never to the unit itself, and never to the account
 * that submitted it. The root committee, having nobody above in the tree, is approved by another of its
 * own officers (its Ban Thường vụ).
 */
function canApprove(principal: Principal, row: { unit_path: string; submitted_by: number | null }): boolean {
  if (principal.accountId === row.submitted_by) return false;
  if (!row.unit_path.includes('.')) return principal.role === 'province_officer' && principal.scope.path === row.unit_path;
  return canEditTree(principal) && isStrictlyBelowScope(principal, row.unit_path);
}

export function standardsService(db: Db) {
  const repo = standardsRepository(db);

  async function present(principal: Principal, rows: VersionRow[], repository: StandardsRepository = repo): Promise<StandardVersion[]> {
    const criteria = await repository.criteria(rows.map((r) => r.id));
    return rows.map((row) => {
      const own = criteria.filter((c) => c.version_id === row.id).map((c) => ({ number: c.number, group: c.group_label, text: c.text }));
      const state = row.state as StandardState;
      const author = canAuthor(principal, row);
      return {
        id: row.id,
        standardId: row.standard_id,
        unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind, sector: row.unit_sector },
        kind: row.kind as StandardKind,
        versionNo: row.version_no,
        title: row.title,
        state,
        criteria: own,
        warnings: lengthWarnings(own),
        returnComment: row.return_comment,
        documentSymbol: row.document_symbol,
        issuedOn: row.issued_on,
        supersededOn: row.superseded_on,
        version: row.version,
        can: {
          edit: author && state === 'draft',
          submit: author && state === 'draft',
          approve: state === 'submitted' && canApprove(principal, row),
          return: state === 'submitted' && canApprove(principal, row),
          issue: author && state === 'approved',
          revise: author && state === 'issued',
        },
      };
    });
  }

  async function visible(principal: Principal, id: number, repository: StandardsRepository = repo, forUpdate = false): Promise<VersionRow> {
    const row = await repository.findById(id, forUpdate);
    // Members read only issued standards (through their own page); drafts are the officers'.
    if (!row || !isInScope(principal, row.unit_path) || (principal.role === 'member' && row.state !== 'issued')) throw NotFound(NOT_FOUND);
    return row;
  }

  async function change(context: RequestContext, id: number, version: number, action: string, apply: (repository: StandardsRepository, row: VersionRow) => Promise<void>): Promise<StandardVersion> {
    return db.transaction().execute(async (trx) => {
      const repository = standardsRepository(trx);
      const before = await visible(context.principal, id, repository, true);
      if (before.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
      const criteriaBefore = await repository.criteria([id]);
      await apply(repository, before);
      const after = (await repository.findById(id)) as VersionRow;
      await recordAudit(trx, auditContext(context), {
        action,
        entityType: 'standard',
        entityId: id,
        unit: { id: before.unit_id, path: before.unit_path },
        before: audited(before, criteriaBefore),
        after: audited(after, await repository.criteria([id])),
      });
      return (await present(context.principal, [after], repository))[0] as StandardVersion;
    });
  }

  async function act(context: RequestContext, id: number, version: number, action: StandardAction, extra?: { comment?: string; issue?: IssueBody }) {
    return change(context, id, version, AUDIT_ACTIONS[action], async (repository, row) => {
      const approving = action === 'approve' || action === 'return';
      if (approving && !canApprove(context.principal, row)) {
        throw Forbidden(
          context.principal.accountId === row.submitted_by
            ? 'Người trình không tự duyệt bộ chuẩn mực của mình: cấp ủy cấp trên duyệt.'
            : 'Chỉ cấp ủy cấp trên của đơn vị duyệt hoặc trả lại bộ chuẩn mực.',
        );
      }
      if (!approving && !canAuthor(context.principal, row)) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của đơn vị được trình hoặc ban hành bộ chuẩn mực.');
      const next = standardTransition(row.state as StandardState, action);
      if ('problem' in next) throw Conflict(next.problem);
      if (action === 'submit') {
        await repository.updateVersion(id, { state: next.to, submitted_at: new Date(), submitted_by: context.principal.accountId, return_comment: null });
      } else if (action === 'approve') {
        await repository.updateVersion(id, { state: next.to, approved_at: new Date(), approved_by: context.principal.accountId });
      } else if (action === 'return') {
        await repository.updateVersion(id, { state: next.to, return_comment: extra?.comment ?? null, submitted_at: null, submitted_by: null });
      } else {
        const issue = extra?.issue as IssueBody;
        if (!parseDocumentSymbol(issue.documentSymbol)) throw field('documentSymbol', `Số, ký hiệu "${issue.documentSymbol}" không đúng mẫu <số>-<loại>/<cơ quan ban hành>, ví dụ 05-QĐ/ĐU.`);
        if (issue.issuedOn > todayInVietnam()) throw field('issuedOn', 'Ngày ban hành không được sau hôm nay.');
        // The issued version it revises stays current until this one is issued.
        const current = (await repository.versionsOf([row.standard_id])).find((v) => v.state === 'issued');
        if (current) {
          if (issue.issuedOn < (current.issued_on ?? '')) throw field('issuedOn', 'Bản sửa đổi không thể ban hành trước bản hiện hành.');
          await repository.updateVersion(current.id, { state: 'superseded', superseded_on: issue.issuedOn });
        }
        await repository.updateVersion(id, { state: next.to, document_symbol: issue.documentSymbol, issued_on: issue.issuedOn });
      }
    });
  }

  return {
    async ofUnit(principal: Principal, unitId: number | undefined): Promise<UnitStandards> {
      const unit = await repo.unit(unitId ?? principal.scope.id);
      if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
      const series = await repo.series(unit.id);
      const rows = await repo.versionsOf(series.map((s) => s.id));
      const presented = await present(principal, rows);
      const member = principal.role === 'member';
      const awaiting = member ? [] : (await repo.submittedBelow(principal.scope.path)).filter((r) => canApprove(principal, r));
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind, sector: unit.sector },
        series: series.map((s) => {
          const own = presented.filter((v) => v.standardId === s.id);
          return {
            id: s.id,
            kind: s.kind as StandardKind,
            current: own.find((v) => v.state === 'issued') ?? null,
            open: member ? null : (own.find((v) => v.state === 'draft' || v.state === 'submitted' || v.state === 'approved') ?? null),
            history: own.filter((v) => !member || v.state === 'issued' || v.state === 'superseded').map((v) => ({ id: v.id, versionNo: v.versionNo, state: v.state, documentSymbol: v.documentSymbol, issuedOn: v.issuedOn })),
          };
        }),
        awaitingApproval: awaiting.map((r) => ({ id: r.id, unit: { id: r.unit_id, name: r.unit_name, kind: r.unit_kind as UnitKind, parentName: r.parent_name }, kind: r.kind as StandardKind, title: r.title, versionNo: r.version_no })),
        can: { create: !member && canRecordFor(principal, unit) },
      };
    },

    async get(principal: Principal, id: number): Promise<StandardVersion> {
      return (await present(principal, [await visible(principal, id)]))[0] as StandardVersion;
    },

    /** A new standard, or a revision (the next version) of the issued one. */
    async create(context: RequestContext, body: CreateBody): Promise<StandardVersion> {
      return db.transaction().execute(async (trx) => {
        const repository = standardsRepository(trx);
        const unit = await repository.unit(body.unitId);
        if (!unit || !isInScope(context.principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
        if (context.principal.role === 'member' || !canRecordFor(context.principal, unit)) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của đơn vị được soạn bộ chuẩn mực.');
        // Two officers drafting the first standard of a unit at once: the second waits and finds the first's draft.
        await repository.lockUnit(unit.id);
        const series = (await repository.seriesOf(unit.id, body.kind)) ?? { id: (await repository.insertSeries(unit.id, body.kind)).id };
        const existing = await repository.versionsOf([series.id]);
        if (existing.some((v) => v.state === 'draft' || v.state === 'submitted' || v.state === 'approved')) {
          throw Conflict('Đơn vị đang có một bản dự thảo của bộ chuẩn mực này: hãy mở bản đó để sửa.');
        }
        const { id } = await repository.insertVersion({ standard_id: series.id, version_no: await repository.nextVersionNo(series.id), title: body.title });
        await repository.replaceCriteria(id, body.criteria);
        const row = (await repository.findById(id)) as VersionRow;
        await recordAudit(trx, auditContext(context), {
          action: existing.length > 0 ? 'standard.revise' : 'standard.create',
          entityType: 'standard',
          entityId: id,
          unit: { id: unit.id, path: unit.path },
          after: audited(row, await repository.criteria([id])),
        });
        return (await present(context.principal, [row], repository))[0] as StandardVersion;
      });
    },

    update: (context: RequestContext, id: number, body: UpdateBody) =>
      change(context, id, body.version, 'standard.update', async (repository, row) => {
        if (!canAuthor(context.principal, row)) throw Forbidden('Chỉ cấp ủy, bộ phận giúp việc của đơn vị được sửa bộ chuẩn mực.');
        if (row.state !== 'draft') throw Conflict('Chỉ sửa được bản dự thảo; bản đã trình chờ cấp trên duyệt hoặc trả lại.');
        if (body.criteria) await repository.replaceCriteria(id, body.criteria);
        await repository.updateVersion(id, body.title !== undefined ? { title: body.title } : {});
      }),

    submit: (context: RequestContext, id: number, version: number) => act(context, id, version, 'submit'),
    approve: (context: RequestContext, id: number, version: number) => act(context, id, version, 'approve'),
    return: (context: RequestContext, id: number, version: number, comment: string) => act(context, id, version, 'return', { comment }),
    issue: (context: RequestContext, id: number, body: IssueBody) => act(context, id, body.version, 'issue', { issue: body }),

    /** Current standards along the caller's lineage, nearest unit first. */
    async mine(principal: Principal): Promise<{ items: StandardVersion[] }> {
      const lineage = principal.scope.path.split('.').map(Number);
      const rows = await repo.currentOf(lineage);
      rows.sort((a, b) => lineage.indexOf(b.unit_id) - lineage.indexOf(a.unit_id) || a.kind.localeCompare(b.kind));
      return { items: await present(principal, rows) };
    },

    async coverage(principal: Principal, unitId: number | undefined): Promise<StandardsCoverage> {
      const unit = await repo.unit(unitId ?? principal.scope.id);
      if (!unit || !isInScope(principal, unit.path) || principal.role === 'member') throw NotFound(UNIT_NOT_FOUND);
      const priority = SECTORS.filter((s) => s.priority);
      const [children, sectorUnits] = await Promise.all([repo.coverageByChild(unit.id), repo.sectorUnits(unit.path, priority.map((s) => s.code))]);
      const rows = children
        .map((c) => ({ unit: { id: c.id, name: c.name, kind: c.kind as UnitKind, childCount: c.child_count }, units: c.units, withMoral: c.with_moral, withProfessional: c.with_professional }))
        .sort((a, b) => viCollator.compare(a.unit.name, b.unit.name));
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
        rows,
        total: {
          units: rows.reduce((sum, r) => sum + r.units, 0),
          withMoral: rows.reduce((sum, r) => sum + r.withMoral, 0),
          withProfessional: rows.reduce((sum, r) => sum + r.withProfessional, 0),
        },
        sectors: priority.map((sector) => {
          const units = sectorUnits.filter((u) => u.sector === sector.code);
          return {
            sector: sector.code,
            label: sector.label,
            units: units.length,
            withProfessional: units.filter((u) => u.has_professional).length,
            missing: units
              .filter((u) => !u.has_professional)
              .sort((a, b) => viCollator.compare(a.name, b.name))
              .slice(0, 100)
              .map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind, parentName: u.parent_name })),
          };
        }),
      };
    },
  };
}

function audited(row: VersionRow, criteria: { number: number; group_label: string | null; text: string }[]) {
  return {
    kind: row.kind,
    versionNo: row.version_no,
    title: row.title,
    state: row.state,
    returnComment: row.return_comment,
    documentSymbol: row.document_symbol,
    issuedOn: row.issued_on,
    criteria: criteria.map((c) => `${c.number}. ${c.group_label ? `[${c.group_label}] ` : ''}${c.text}`),
  };
}

export type StandardsService = ReturnType<typeof standardsService>;
