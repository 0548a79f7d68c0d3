import type { z } from 'zod';
import { HELPER_ROLE_LABELS, HELPER_UNIT_KINDS, type HelperRole } from '../../../shared/domain/direction';
import { DOCUMENT_TYPE_INFO, type DocumentType } from '../../../shared/domain/documents';
import { formatDate, fullName } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type {
  HelperCoverage,
  HelperUnitByUnit,
  HelperUnitDetail,
  addHelperActivityBodySchema,
  addHelperMemberBodySchema,
  createHelperUnitBodySchema,
  helperCoverageQuerySchema,
  updateHelperUnitBodySchema,
} from '../../../shared/schemas/helper-units';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canRecordFor, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { auditedHelperUnit, presentHelperCoverageRow, presentHelperUnitDetail } from './helper-units.presenter';
import { type HelperUnitRow, type HelperUnitsRepository, helperUnitsRepository } from './helper-units.repository';

type CreateBody = z.output<typeof createHelperUnitBodySchema>;
type UpdateBody = z.output<typeof updateHelperUnitBodySchema>;
type AddMemberBody = z.output<typeof addHelperMemberBodySchema>;
type AddActivityBody = z.output<typeof addHelperActivityBodySchema>;
type CoverageQuery = z.output<typeof helperCoverageQuerySchema>;
type UnitRow = NonNullable<Awaited<ReturnType<HelperUnitsRepository['unit']>>>;

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi bạn được xem.';
const NOT_FOUND = 'Không tìm thấy Bộ phận giúp việc, hoặc bộ phận nằm ngoài phạm vi bạn được xem.';
const ACTIVITY_LIMIT = 50;

/** Committees that may have a Bộ phận giúp việc: those expected to have one, and grassroots committees. */
export function mayHaveHelperUnit(kind: UnitKind): boolean {
  return HELPER_UNIT_KINDS.includes(kind) || kind === 'grassroots_committee';
}

function isAncestorOrSelf(ancestor: string, path: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

function field(path: string, message: string) {
  return Validation(message, [{ path: `body.${path}`, message }]);
}

export function helperUnitsService(db: Db) {
  const repo = helperUnitsRepository(db);

  async function visibleUnit(principal: Principal, id: number, repository = repo): Promise<UnitRow> {
    const unit = await repository.unit(id);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    return unit;
  }

  async function visible(principal: Principal, id: number, repository = repo, forUpdate = false): Promise<HelperUnitRow> {
    const row = await repository.findById(id, forUpdate);
    if (!row || !isInScope(principal, row.unit_path)) throw NotFound(NOT_FOUND);
    return row;
  }

  /** The role first (403), then an open committee (400). */
  function requireRecorder(principal: Principal, unit: { path: string; valid_to: string | null; name: string }): void {
    if (!canRecordFor(principal, { path: unit.path, valid_to: null })) throw Forbidden('Bạn không có quyền ghi nhận Bộ phận giúp việc của cấp ủy này.');
    if (unit.valid_to !== null) throw Validation(`${unit.name} đã đóng (giải thể) ngày ${formatDate(unit.valid_to)}: không sửa Bộ phận giúp việc được nữa.`);
  }

  async function detail(row: HelperUnitRow, repository = repo): Promise<HelperUnitDetail> {
    const documentIds = [row.founding_document_id, row.regulation_document_id].filter((id): id is number => id !== null);
    const [documents, members, activities, activityCount] = await Promise.all([
      repository.documents(documentIds),
      repository.members(row.id),
      repository.activities(row.id, ACTIVITY_LIMIT),
      repository.activityCount(row.id),
    ]);
    return presentHelperUnitDetail(row, { documents, members, activities, activityCount });
  }

  /** The founding decision and the regulation are the committee's own documents, of the right type. */
  async function checkDocuments(
    unit: UnitRow,
    values: { establishedOn: string; foundingDocumentId: number | null; regulationDocumentId: number | null },
    repository: HelperUnitsRepository,
  ): Promise<void> {
    if (values.establishedOn > todayInVietnam()) throw field('establishedOn', 'Ngày thành lập không được sau hôm nay.');
    const wanted = [values.foundingDocumentId, values.regulationDocumentId].filter((id): id is number => id !== null);
    const documents = new Map((await repository.documents(wanted)).map((d) => [d.id, d]));
    const check = (id: number | null, key: string, label: string, type: DocumentType) => {
      if (id === null) return undefined;
      const doc = documents.get(id);
      if (!doc || doc.issuer_unit_id !== unit.id) throw field(key, `${label} phải là văn bản do chính ${unit.name} ban hành (đã đăng ký trong hệ thống).`);
      if (doc.doc_type !== type) {
        const info = DOCUMENT_TYPE_INFO[type];
        const actual = DOCUMENT_TYPE_INFO[doc.doc_type as DocumentType]?.label ?? doc.doc_type;
        throw field(key, `Văn bản ${doc.symbol} là ${actual.toLowerCase()}; ${label.toLowerCase()} phải là ${info.label.toLowerCase()} (${info.symbol}).`);
      }
      return doc;
    };
    const founding = check(values.foundingDocumentId, 'foundingDocumentId', 'Quyết định thành lập', 'decision');
    check(values.regulationDocumentId, 'regulationDocumentId', 'Quy chế làm việc', 'rules');
    if (founding && values.establishedOn < founding.issued_on) {
      throw field('establishedOn', `Ngày thành lập (${formatDate(values.establishedOn)}) không được trước ngày ban hành quyết định thành lập ${founding.symbol} (${formatDate(founding.issued_on)}).`);
    }
  }

  /**
   * One change to a helper unit, in one transaction: lock its row, check scope and role, let `plan`
   * validate and write, audit, answer with the fresh detail.
   */
  async function change(
    context: RequestContext,
    id: number,
    plan: (before: HelperUnitRow, repository: HelperUnitsRepository) => Promise<{ action: string; before?: Record<string, unknown>; after?: Record<string, unknown> }>,
  ): Promise<HelperUnitDetail> {
    return db.transaction().execute(async (tx) => {
      const txRepo = helperUnitsRepository(tx);
      const before = await visible(context.principal, id, txRepo, true);
      requireRecorder(context.principal, { path: before.unit_path, valid_to: before.unit_valid_to, name: before.unit_name });
      const entry = await plan(before, txRepo);
      await recordAudit(tx, auditContext(context), {
        action: entry.action,
        entityType: 'helper_unit',
        entityId: id,
        unit: { id: before.unit_id, path: before.unit_path },
        before: entry.before ?? null,
        after: entry.after ?? null,
      });
      return detail(await visible(context.principal, id, txRepo), txRepo);
    });
  }

  return {
    async coverage(principal: Principal, query: CoverageQuery): Promise<HelperCoverage> {
      const root = await visibleUnit(principal, query.unitId ?? principal.scope.id);
      const rows = (await repo.coverage(root, HELPER_UNIT_KINDS, root.kind === 'grassroots_committee')).map(presentHelperCoverageRow);
      const counts = { missing: 0, no_regulation: 0, complete: 0 };
      for (const row of rows) counts[row.state]++;
      return { items: query.state ? rows.filter((row) => row.state === query.state) : rows, counts };
    },

    async byUnit(principal: Principal, unitId: number): Promise<HelperUnitByUnit> {
      const unit = await visibleUnit(principal, unitId);
      const row = await repo.findByUnit(unit.id);
      const recorder = canRecordFor(principal, unit);
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind, closedOn: unit.valid_to },
        helperUnit: row ? await detail(row) : null,
        can: { create: !row && recorder && mayHaveHelperUnit(unit.kind as UnitKind), edit: Boolean(row) && recorder },
      };
    },

    async create(context: RequestContext, body: CreateBody): Promise<HelperUnitDetail> {
      const { principal } = context;
      return db.transaction().execute(async (tx) => {
        const txRepo = helperUnitsRepository(tx);
        const unit = await visibleUnit(principal, body.unitId, txRepo);
        requireRecorder(principal, unit);
        if (!mayHaveHelperUnit(unit.kind as UnitKind)) {
          throw field('unitId', 'Chỉ Tỉnh ủy, Huyện ủy (Thị ủy, Thành ủy), Đảng ủy trực thuộc và Đảng ủy cơ sở mới thành lập Bộ phận giúp việc.');
        }
        const existing = await txRepo.findByUnit(unit.id);
        if (existing) throw Conflict(`${unit.name} đã có Bộ phận giúp việc (${existing.name}); hãy sửa bộ phận hiện có thay vì thành lập mới.`);
        const values = { establishedOn: body.establishedOn, foundingDocumentId: body.foundingDocumentId ?? null, regulationDocumentId: body.regulationDocumentId ?? null };
        await checkDocuments(unit, values, txRepo);
        let id: number;
        try {
          id = await txRepo.insert({
            unit_id: unit.id,
            name: body.name,
            established_on: values.establishedOn,
            founding_document_id: values.foundingDocumentId,
            regulation_document_id: values.regulationDocumentId,
          });
        } catch (error) {
          // Another officer set one up at the same moment.
          if ((error as { code?: string }).code === '23505') throw Conflict(`${unit.name} vừa được người khác thành lập Bộ phận giúp việc. Vui lòng tải lại trang.`);
          throw error;
        }
        const created = await visible(principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'helper_unit.create',
          entityType: 'helper_unit',
          entityId: id,
          unit: { id: unit.id, path: unit.path },
          after: auditedHelperUnit(created),
        });
        return detail(created, txRepo);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateBody): Promise<HelperUnitDetail> {
      return change(context, id, async (before, txRepo) => {
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const unit = await visibleUnit(context.principal, before.unit_id, txRepo);
        const merged = {
          establishedOn: body.establishedOn ?? before.established_on,
          foundingDocumentId: body.foundingDocumentId === undefined ? before.founding_document_id : body.foundingDocumentId,
          regulationDocumentId: body.regulationDocumentId === undefined ? before.regulation_document_id : body.regulationDocumentId,
        };
        await checkDocuments(unit, merged, txRepo);
        const set = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          established_on: merged.establishedOn,
          founding_document_id: merged.foundingDocumentId,
          regulation_document_id: merged.regulationDocumentId,
        };
        if (!(await txRepo.update(id, body.version, set))) throw Conflict(STALE_VERSION_MESSAGE);
        const after = { ...before, ...set };
        return { action: 'helper_unit.update', before: auditedHelperUnit(before), after: auditedHelperUnit(after) };
      });
    },

    async addMember(context: RequestContext, id: number, body: AddMemberBody): Promise<HelperUnitDetail> {
      return change(context, id, async (helper, txRepo) => {
        const candidate = await txRepo.candidate(body.memberId);
        if (!candidate || !isAncestorOrSelf(helper.unit_path, candidate.unit_path)) {
          throw field('memberId', `Chỉ chọn được đảng viên đang sinh hoạt ở một chi bộ thuộc ${helper.unit_name}.`);
        }
        const name = fullName({ familyName: candidate.family_name, middleName: candidate.middle_name, givenName: candidate.given_name });
        if (candidate.left_on !== null) throw field('memberId', `${name} đã ra khỏi danh sách đảng viên ngày ${formatDate(candidate.left_on)}.`);
        if (await txRepo.membership(helper.id, candidate.id)) throw Conflict(`${name} đã là thành viên của ${helper.name}.`);
        if (body.role === 'head') {
          const head = await txRepo.head(helper.id);
          if (head) {
            const headName = fullName({ familyName: head.family_name, middleName: head.middle_name, givenName: head.given_name });
            throw field('role', `${helper.name} đã có Trưởng bộ phận (${headName}). Hãy bỏ người đó khỏi bộ phận trước, hoặc chọn vai trò khác.`);
          }
        }
        await txRepo.addMember({ helper_unit_id: helper.id, member_id: candidate.id, role: body.role, duty: body.duty ?? null });
        return {
          action: 'helper_unit.member_add',
          after: { memberId: candidate.id, fullName: name, role: HELPER_ROLE_LABELS[body.role], duty: body.duty ?? null },
        };
      });
    },

    async removeMember(context: RequestContext, id: number, memberId: number): Promise<void> {
      await change(context, id, async (helper, txRepo) => {
        const membership = await txRepo.membership(helper.id, memberId);
        if (!membership) throw NotFound('Đảng viên này không có trong Bộ phận giúp việc.');
        const candidate = await txRepo.candidate(memberId);
        await txRepo.removeMember(helper.id, memberId);
        return {
          action: 'helper_unit.member_remove',
          before: {
            memberId,
            fullName: candidate ? fullName({ familyName: candidate.family_name, middleName: candidate.middle_name, givenName: candidate.given_name }) : null,
            role: HELPER_ROLE_LABELS[membership.role as HelperRole] ?? membership.role,
            duty: membership.duty,
          },
        };
      });
    },

    async addActivity(context: RequestContext, id: number, body: AddActivityBody): Promise<HelperUnitDetail> {
      return change(context, id, async (helper, txRepo) => {
        if (body.heldOn > todayInVietnam()) throw field('heldOn', 'Ngày hoạt động không được sau hôm nay.');
        if (body.heldOn < helper.established_on) {
          throw field('heldOn', `Ngày hoạt động không được trước ngày thành lập bộ phận (${formatDate(helper.established_on)}).`);
        }
        const activityId = await txRepo.addActivity({ helper_unit_id: helper.id, held_on: body.heldOn, kind: body.kind, content: body.content, created_by: context.principal.accountId });
        return { action: 'helper_unit.activity_add', after: { activityId, heldOn: body.heldOn, kind: body.kind, content: body.content } };
      });
    },
  };
}

export type HelperUnitsService = ReturnType<typeof helperUnitsService>;
