import {
  DOCUMENT_TYPE_INFO,
  type DocumentType,
  documentSymbolProblem,
  formatDocumentSymbol,
  issuerCodeForUnit,
  parseDocumentSymbol,
  termFor,
} from '../../../shared/domain/documents';
import { addDays } from '../../../shared/domain/timeliness';
import { foldForSearch, formatDate } from '../../../shared/domain/text';
import { ALLOWED_CHILD_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../../shared/domain/units';
import type {
  CreateDocumentBody,
  CreateRequirementBody,
  DocumentDetail,
  DocumentList,
  NextNumber,
  Requirement,
  UpdateDocumentBody,
  UpdateRequirementBody,
  documentListQuerySchema,
  nextNumberQuerySchema,
} from '../../../shared/schemas/documents';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canRecordExternal, canRecordFor, isAboveOrAtScope, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import type { FilesService } from '../files/files.service';
import { presentFile } from '../files/files.service';
import { auditedDocument, auditedRequirement, presentDocumentSummary, presentRequirement } from './documents.presenter';
import { type DocumentRow, type DocumentsRepository, documentsRepository } from './documents.repository';
import { type RequirementRow, requirementsRepository } from './requirements.repository';

type ListQuery = z.output<typeof documentListQuerySchema>;
type NextNumberQuery = z.output<typeof nextNumberQuerySchema>;

const NOT_FOUND = 'Không tìm thấy văn bản, hoặc văn bản nằm ngoài phạm vi bạn được xem.';
const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const REQUIREMENT_NOT_FOUND = 'Không tìm thấy yêu cầu triển khai, hoặc yêu cầu nằm ngoài phạm vi của bạn.';

interface Issuer {
  /** Null for a body above the tree. */
  unitId: number | null;
  path: string | null;
  kind: UnitKind | null;
  name: string;
  code: string;
  /** The issuing unit, or the committee registering a document from above the tree; files belong to it. */
  ownerUnitId: number;
}

const field = (path: string, message: string) => Validation(message, [{ path, message }]);

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** A document is read inside its owner's subtree and by the levels below it (guidance from above). */
export function canReadDocument(principal: Principal, row: Pick<DocumentRow, 'owner_path'>): boolean {
  return isInScope(principal, row.owner_path) || isAboveOrAtScope(principal, row.owner_path);
}

function canEditDocument(principal: Principal, row: DocumentRow): boolean {
  if (!canRecordFor(principal, { path: row.owner_path, valid_to: row.owner_valid_to })) return false;
  return row.issuer_unit_id !== null || canRecordExternal(principal);
}

function issuerOf(row: DocumentRow): Issuer {
  const internal = row.issuer_unit_id !== null;
  return {
    unitId: row.issuer_unit_id,
    path: internal ? row.owner_path : null,
    kind: internal ? (row.owner_kind as UnitKind) : null,
    name: row.issuer_name,
    code: row.issuer_code,
    ownerUnitId: row.owner_unit_id,
  };
}

/** Kinds a requirement of this issuer may name: the kinds that can stand directly under it. */
function targetKindsFor(issuer: Issuer): readonly UnitKind[] {
  return issuer.kind === null ? ['province_committee'] : ALLOWED_CHILD_KINDS[issuer.kind];
}

export function documentsService(db: Db, files: FilesService) {
  const repo = documentsRepository(db);

  async function visible(principal: Principal, id: number, repository: DocumentsRepository = repo, forUpdate = false): Promise<DocumentRow> {
    const row = await repository.findById(id, forUpdate);
    if (!row || !canReadDocument(principal, row)) throw NotFound(NOT_FOUND);
    return row;
  }

  async function editable(principal: Principal, id: number, repository: DocumentsRepository): Promise<DocumentRow> {
    const row = await visible(principal, id, repository, true);
    if (!canEditDocument(principal, row)) throw Forbidden('Bạn không có quyền sửa văn bản của đơn vị này.');
    return row;
  }

  async function resolveIssuer(principal: Principal, body: CreateDocumentBody, repository: DocumentsRepository): Promise<Issuer> {
    if (body.issuerUnitId === null) {
      if (!canRecordExternal(principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh được đăng ký văn bản của cơ quan cấp trên.');
      if (!body.issuerName) throw field('issuerName', 'Nhập tên cơ quan ban hành (ví dụ: Ban Bí thư).');
      if (!body.issuerCode) throw field('issuerCode', 'Nhập ký hiệu cơ quan ban hành (ví dụ: TW).');
      return { unitId: null, path: null, kind: null, name: body.issuerName, code: body.issuerCode, ownerUnitId: principal.scope.id };
    }
    const unit = await repository.unit(body.issuerUnitId);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    if (unit.valid_to !== null) throw field('issuerUnitId', 'Đơn vị đã đóng (giải thể), không đăng ký thêm văn bản.');
    if (!canRecordFor(principal, unit)) throw Forbidden('Bạn không có quyền đăng ký văn bản cho đơn vị này.');
    const code = issuerCodeForUnit({ kind: unit.kind as UnitKind, name: unit.name });
    if (body.issuerCode !== undefined && body.issuerCode !== code) {
      throw field('issuerCode', `Ký hiệu cơ quan ban hành của ${unit.name} là "${code}".`);
    }
    return { unitId: unit.id, path: unit.path, kind: unit.kind as UnitKind, name: unit.name, code, ownerUnitId: unit.id };
  }

  async function termOf(repository: DocumentsRepository, issuedOn: string) {
    const terms = (await repository.terms()).map((t) => ({ ...t, startsOn: t.starts_on, endsOn: t.ends_on }));
    const term = termFor(terms, issuedOn);
    if (!term) throw field('issuedOn', `Ngày ${formatDate(issuedOn)} không thuộc nhiệm kỳ nào đã khai báo, nên không đánh được số văn bản.`);
    return term;
  }

  /** The symbol must parse, fit the type and issuer, and its number be free in the issuer's series for the term. */
  async function checkSymbol(repository: DocumentsRepository, issuer: Issuer, docType: DocumentType, symbol: string, issuedOn: string, exceptId?: number) {
    const problem = documentSymbolProblem(symbol, docType, issuer.code);
    if (problem) throw field('symbol', problem);
    const parsed = parseDocumentSymbol(symbol);
    if (!parsed) throw field('symbol', 'Số, ký hiệu không hợp lệ.');
    const term = await termOf(repository, issuedOn);
    const key = { ownerUnitId: issuer.ownerUnitId, issuerCode: issuer.code, typeSymbol: parsed.typeSymbol, termId: term.id };
    const holder = await repository.numberHolder({ ...key, number: parsed.number }, exceptId);
    if (holder) throw await numberTaken(repository, key, parsed.number, term.name, holder);
    return { number: parsed.number, typeSymbol: parsed.typeSymbol, termId: term.id, symbol: formatDocumentSymbol(parsed.number, parsed.typeSymbol, issuer.code) };
  }

  async function numberTaken(
    repository: DocumentsRepository,
    key: { ownerUnitId: number; issuerCode: string; typeSymbol: string; termId: number },
    number: number,
    termName: string,
    holder?: { issued_on: string },
  ) {
    const next = (await repository.highestNumber(key)) + 1;
    const when = holder ? ` (văn bản ngày ${formatDate(holder.issued_on)})` : '';
    return Conflict(
      `Số ${formatDocumentSymbol(number, key.typeSymbol, key.issuerCode)} đã được dùng trong nhiệm kỳ ${termName}${when}. Số tiếp theo còn trống: ${formatDocumentSymbol(next, key.typeSymbol, key.issuerCode)}.`,
    );
  }

  /** The implemented document must reach the issuer from above (or be its own) and not be dated after it. */
  async function checkParent(principal: Principal, repository: DocumentsRepository, implementsId: number, issuer: Issuer, issuedOn: string, self?: DocumentRow) {
    const parent = await repository.findById(implementsId);
    if (!parent || !canReadDocument(principal, parent)) throw field('implementsId', 'Không tìm thấy văn bản được thực hiện trong phạm vi của bạn.');
    // Guidance reaches a unit from its own committee or from above; a document from above the tree is
    // implemented by the committee that registered it, or by another document from above the tree.
    const reachesIssuer =
      issuer.path === null
        ? parent.issuer_unit_id === null
        : issuer.path === parent.owner_path || issuer.path.startsWith(`${parent.owner_path}.`);
    if (!reachesIssuer) throw field('implementsId', `Văn bản ${parent.symbol} không phải của cấp trên ${issuer.name}, nên không thể là văn bản được thực hiện.`);
    if (issuedOn < parent.issued_on) {
      throw field('issuedOn', `Ngày ban hành ${formatDate(issuedOn)} trước ngày của văn bản được thực hiện ${parent.symbol} (${formatDate(parent.issued_on)}).`);
    }
    if (self && (parent.lineage === self.lineage || parent.lineage.startsWith(`${self.lineage}.`))) {
      throw field('implementsId', 'Một văn bản không thể thực hiện chính nó hoặc văn bản thực hiện nó.');
    }
    return parent;
  }

  function checkNotFuture(issuedOn: string) {
    if (issuedOn > todayInVietnam()) throw field('issuedOn', 'Ngày ban hành không được sau ngày hôm nay.');
  }

  async function checkCampaign(repository: DocumentsRepository, campaignId: number | null | undefined) {
    if (campaignId === null || campaignId === undefined) return;
    if (!(await repository.campaign(campaignId))) throw field('campaignId', 'Không tìm thấy cuộc vận động.');
  }

  async function detail(principal: Principal, row: DocumentRow, database: Db): Promise<DocumentDetail> {
    const repository = documentsRepository(database);
    const requirements = requirementsRepository(database);
    const [term, campaign, parent, children, reqRows, file] = await Promise.all([
      repository.term(row.term_id),
      row.campaign_id === null ? undefined : repository.campaign(row.campaign_id),
      row.implements_id === null ? undefined : repository.findById(row.implements_id),
      repository.implementedBy(row.id, principal.scope.path),
      requirements.forDocument(row.id),
      row.file_id === null ? undefined : files.describe(row.file_id, database),
    ]);
    const counts = await requirements.counts(reqRows.map((r) => r.id), principal.scope.path, todayInVietnam());
    const canEdit = canEditDocument(principal, row);
    return {
      ...presentDocumentSummary(row),
      number: row.number,
      termName: term?.name ?? '',
      signer: row.signer,
      campaign: campaign ?? null,
      implements: parent && canReadDocument(principal, parent) ? presentDocumentSummary(parent) : null,
      implementedBy: children.map(presentDocumentSummary),
      requirements: reqRows.map((r) => presentRequirement(r, counts, canEdit)),
      file: file ? presentFile(file) : null,
      version: row.version,
      can: { edit: canEdit, delete: canEdit, addRequirement: canEdit && targetKindsFor(issuerOf(row)).length > 0 },
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  function unitOfDocument(row: Pick<DocumentRow, 'owner_unit_id' | 'owner_path'>) {
    return { id: row.owner_unit_id, path: row.owner_path };
  }

  /** Load a requirement with its document, for a caller allowed to change it. */
  async function editableRequirement(principal: Principal, id: number, trx: Db) {
    const requirements = requirementsRepository(trx);
    const requirement = await requirements.findById(id, true);
    if (!requirement) throw NotFound(REQUIREMENT_NOT_FOUND);
    const document = await documentsRepository(trx).findById(requirement.document_id);
    if (!document || !canReadDocument(principal, document)) throw NotFound(REQUIREMENT_NOT_FOUND);
    if (!canEditDocument(principal, document)) throw Forbidden('Bạn không có quyền sửa yêu cầu triển khai của văn bản này.');
    return { requirement, document };
  }

  function requirementValues(document: DocumentRow, principal: Principal, body: CreateRequirementBody) {
    const allowed = targetKindsFor(issuerOf(document));
    const wrong = body.targetKinds.filter((kind) => !allowed.includes(kind));
    if (allowed.length === 0) throw Validation(`Đơn vị ban hành ${document.issuer_name} không có tổ chức trực thuộc để giao triển khai.`);
    if (wrong.length > 0) {
      throw field(
        'targetKinds',
        `${wrong.map((k) => UNIT_KIND_LABELS[k]).join(', ')} không trực thuộc ${document.issuer_name}. Chọn trong: ${allowed.map((k) => UNIT_KIND_LABELS[k]).join(', ')}.`,
      );
    }
    const workingDays = body.workingDays ?? false;
    const conferenceDays = body.conferenceDays ?? null;
    return {
      target_kinds: [...new Set(body.targetKinds)],
      required_type: body.requiredType,
      days: body.days,
      working_days: workingDays,
      due_on: addDays(document.issued_on, body.days, { workingDays }),
      conference_days: conferenceDays,
      conference_due_on: conferenceDays === null ? null : addDays(document.issued_on, conferenceDays, { workingDays }),
    };
  }

  async function presentOne(principal: Principal, trx: Db, requirement: RequirementRow, document: DocumentRow): Promise<Requirement> {
    const counts = await requirementsRepository(trx).counts([requirement.id], principal.scope.path, todayInVietnam());
    return presentRequirement(requirement, counts, canEditDocument(principal, document));
  }

  return {
    /** Inside a transaction pass it (see the pool note in study-topics' forUnit). */
    visible: (principal: Principal, id: number, database: Db = db) => visible(principal, id, database === db ? repo : documentsRepository(database)),

    async list(principal: Principal, query: ListQuery): Promise<DocumentList> {
      let unitPath = principal.scope.path;
      if (query.unitId !== undefined) {
        const unit = await repo.unit(query.unitId);
        if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
        unitPath = unit.path;
      }
      const { items, total } = await repo.list({
        scopePath: principal.scope.path,
        unitPath,
        includeAbove: query.includeAbove,
        campaignId: query.campaignId,
        docType: query.docType,
        withRequirements: query.withRequirements,
        q: query.q ? foldForSearch(query.q) : undefined,
        page: query.page,
        pageSize: query.pageSize,
      });
      const scopeUnit = { path: principal.scope.path, valid_to: null };
      return { items: items.map(presentDocumentSummary), total, can: { create: canRecordFor(principal, scopeUnit), createExternal: canRecordExternal(principal) } };
    },

    async get(principal: Principal, id: number): Promise<DocumentDetail> {
      return detail(principal, await visible(principal, id), db);
    },

    async nextNumber(principal: Principal, query: NextNumberQuery): Promise<NextNumber> {
      let issuer: { ownerUnitId: number; code: string };
      if (query.issuerUnitId !== undefined) {
        const unit = await repo.unit(query.issuerUnitId);
        if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
        issuer = { ownerUnitId: unit.id, code: issuerCodeForUnit({ kind: unit.kind as UnitKind, name: unit.name }) };
      } else if (query.issuerCode !== undefined) {
        if (!canRecordExternal(principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh được đăng ký văn bản của cơ quan cấp trên.');
        issuer = { ownerUnitId: principal.scope.id, code: query.issuerCode };
      } else {
        throw Validation('Chọn đơn vị ban hành.');
      }
      const term = await termOf(repo, query.issuedOn);
      const typeSymbol = DOCUMENT_TYPE_INFO[query.docType].symbol;
      const number = (await repo.highestNumber({ ownerUnitId: issuer.ownerUnitId, issuerCode: issuer.code, typeSymbol, termId: term.id })) + 1;
      return { number, symbol: formatDocumentSymbol(number, typeSymbol, issuer.code), issuerCode: issuer.code, termName: term.name };
    },

    async create(context: RequestContext, body: CreateDocumentBody): Promise<DocumentDetail> {
      const { principal } = context;
      checkNotFuture(body.issuedOn);
      try {
        return await db.transaction().execute(async (trx) => {
          const repository = documentsRepository(trx);
          const issuer = await resolveIssuer(principal, body, repository);
          const numbering = await checkSymbol(repository, issuer, body.docType, body.symbol, body.issuedOn);
          const parent = body.implementsId ? await checkParent(principal, repository, body.implementsId, issuer, body.issuedOn) : null;
          await checkCampaign(repository, body.campaignId);
          if (body.fileId) await files.attachable(trx, body.fileId, issuer.ownerUnitId);
          const id = await repository.nextId();
          await repository.insert({
            id,
            campaign_id: body.campaignId ?? parent?.campaign_id ?? null,
            issuer_unit_id: issuer.unitId,
            owner_unit_id: issuer.ownerUnitId,
            issuer_name: issuer.name,
            issuer_code: issuer.code,
            doc_type: body.docType,
            type_symbol: numbering.typeSymbol,
            term_id: numbering.termId,
            number: numbering.number,
            symbol: numbering.symbol,
            issued_on: body.issuedOn,
            title: body.title,
            search_text: foldForSearch(`${numbering.symbol} ${body.title} ${issuer.name}`),
            signer: body.signer ?? null,
            implements_id: parent?.id ?? null,
            lineage: parent ? `${parent.lineage}.${id}` : String(id),
            file_id: body.fileId ?? null,
            created_by: principal.accountId,
          });
          const created = await visible(principal, id, repository);
          await recordAudit(trx, auditContext(context), {
            action: 'document.create',
            entityType: 'document',
            entityId: id,
            unit: unitOfDocument(created),
            after: auditedDocument(created),
          });
          return detail(principal, created, trx);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw Conflict('Số văn bản vừa được người khác dùng. Vui lòng lấy số tiếp theo và lưu lại.');
        throw error;
      }
    },

    async update(context: RequestContext, id: number, body: UpdateDocumentBody): Promise<DocumentDetail> {
      const { principal } = context;
      if (body.issuedOn !== undefined) checkNotFuture(body.issuedOn);
      try {
        return await db.transaction().execute(async (trx) => {
          const repository = documentsRepository(trx);
          const before = await editable(principal, id, repository);
          if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
          const issuer = issuerOf(before);
          const issuedOn = body.issuedOn ?? before.issued_on;
          const set: Record<string, unknown> = {};
          if (body.symbol !== undefined || body.issuedOn !== undefined) {
            const numbering = await checkSymbol(repository, issuer, before.doc_type as DocumentType, body.symbol ?? before.symbol, issuedOn, id);
            Object.assign(set, { number: numbering.number, type_symbol: numbering.typeSymbol, term_id: numbering.termId, symbol: numbering.symbol, issued_on: issuedOn });
          }
          const implementsId = body.implementsId === undefined ? before.implements_id : body.implementsId;
          const parent = implementsId === null ? null : await checkParent(principal, repository, implementsId, issuer, issuedOn, before);
          if (body.issuedOn !== undefined) {
            const earlier = await repository.dateConflictingChildren(id, issuedOn);
            if (earlier) {
              throw field('issuedOn', `Văn bản ${earlier.symbol} thực hiện văn bản này lại ban hành ngày ${formatDate(earlier.issued_on)}, trước ngày ${formatDate(issuedOn)}.`);
            }
            const conference = await repository.conferenceBefore(id, issuedOn);
            if (conference) {
              throw field('issuedOn', `Văn bản đã được quán triệt tại hội nghị ngày ${formatDate(conference.held_on)}, trước ngày ${formatDate(issuedOn)}.`);
            }
            const helper = await repository.helperFoundedBefore(id, issuedOn);
            if (helper) {
              throw field('issuedOn', `${helper.name} được thành lập ngày ${formatDate(helper.established_on)} theo quyết định này, trước ngày ${formatDate(issuedOn)}.`);
            }
          }
          await checkCampaign(repository, body.campaignId);
          if (body.fileId) await files.attachable(trx, body.fileId, issuer.ownerUnitId);
          if (body.title !== undefined) set.title = body.title;
          if (body.signer !== undefined) set.signer = body.signer;
          if (body.campaignId !== undefined) set.campaign_id = body.campaignId;
          if (body.fileId !== undefined) set.file_id = body.fileId;
          if (body.implementsId !== undefined) set.implements_id = implementsId;
          const symbol = (set.symbol as string | undefined) ?? before.symbol;
          set.search_text = foldForSearch(`${symbol} ${(set.title as string | undefined) ?? before.title} ${before.issuer_name}`);
          await repository.update(id, set);
          const newLineage = parent ? `${parent.lineage}.${id}` : String(id);
          if (newLineage !== before.lineage) await repository.relineage(before.lineage, newLineage);
          if (issuedOn !== before.issued_on) {
            // Deadlines of this document's requirements run from its date.
            const requirements = requirementsRepository(trx);
            for (const row of await requirements.forDocument(id)) {
              await requirements.update(row.id, {
                due_on: addDays(issuedOn, row.days, { workingDays: row.working_days }),
                conference_due_on: row.conference_days === null ? null : addDays(issuedOn, row.conference_days, { workingDays: row.working_days }),
              });
              const moved = await requirements.findById(row.id);
              if (moved) {
                await recordAudit(trx, auditContext(context), {
                  action: 'requirement.update',
                  entityType: 'requirement',
                  entityId: row.id,
                  unit: unitOfDocument(before),
                  before: auditedRequirement(row),
                  after: auditedRequirement(moved),
                });
              }
            }
          }
          const after = await visible(principal, id, repository);
          await recordAudit(trx, auditContext(context), {
            action: 'document.update',
            entityType: 'document',
            entityId: id,
            unit: unitOfDocument(after),
            before: auditedDocument(before),
            after: auditedDocument(after),
          });
          return detail(principal, after, trx);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw Conflict('Số văn bản vừa được người khác dùng. Vui lòng lấy số tiếp theo và lưu lại.');
        throw error;
      }
    },

    async remove(context: RequestContext, id: number, version: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const repository = documentsRepository(trx);
        const before = await editable(context.principal, id, repository);
        if (before.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
        const references = await repository.references(id);
        if (references.length > 0) throw Conflict(`Không xóa được văn bản ${before.symbol}: văn bản ${references.join(', ')}.`);
        for (const requirement of await requirementsRepository(trx).forDocument(id)) {
          await recordAudit(trx, auditContext(context), {
            action: 'requirement.delete',
            entityType: 'requirement',
            entityId: requirement.id,
            unit: unitOfDocument(before),
            before: { document: before.symbol, ...auditedRequirement(requirement) },
          });
        }
        await repository.delete(id);
        await recordAudit(trx, auditContext(context), {
          action: 'document.delete',
          entityType: 'document',
          entityId: id,
          unit: unitOfDocument(before),
          before: auditedDocument(before),
        });
      });
    },

    async file(principal: Principal, id: number) {
      const row = await visible(principal, id);
      const file = row.file_id === null ? undefined : await files.withContent(row.file_id);
      if (!file) throw NotFound('Văn bản này chưa có tệp đính kèm.');
      return file;
    },

    async addRequirement(context: RequestContext, documentId: number, body: CreateRequirementBody): Promise<Requirement> {
      return db.transaction().execute(async (trx) => {
        const document = await editable(context.principal, documentId, documentsRepository(trx));
        const requirements = requirementsRepository(trx);
        // The insert trigger computes the obligations.
        const id = await requirements.insert({ document_id: documentId, ...requirementValues(document, context.principal, body) });
        const created = await requirements.findById(id);
        if (!created) throw NotFound(REQUIREMENT_NOT_FOUND);
        await recordAudit(trx, auditContext(context), {
          action: 'requirement.create',
          entityType: 'requirement',
          entityId: id,
          unit: unitOfDocument(document),
          after: { document: document.symbol, ...auditedRequirement(created) },
        });
        return presentOne(context.principal, trx, created, document);
      });
    },

    async updateRequirement(context: RequestContext, id: number, body: UpdateRequirementBody): Promise<Requirement> {
      return db.transaction().execute(async (trx) => {
        const { requirement, document } = await editableRequirement(context.principal, id, trx);
        if (requirement.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const requirements = requirementsRepository(trx);
        await requirements.update(id, requirementValues(document, context.principal, body));
        const after = await requirements.findById(id);
        if (!after) throw NotFound(REQUIREMENT_NOT_FOUND);
        await recordAudit(trx, auditContext(context), {
          action: 'requirement.update',
          entityType: 'requirement',
          entityId: id,
          unit: unitOfDocument(document),
          before: auditedRequirement(requirement),
          after: auditedRequirement(after),
        });
        return presentOne(context.principal, trx, after, document);
      });
    },

    async removeRequirement(context: RequestContext, id: number, version: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const { requirement, document } = await editableRequirement(context.principal, id, trx);
        if (requirement.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
        await requirementsRepository(trx).delete(id);
        await recordAudit(trx, auditContext(context), {
          action: 'requirement.delete',
          entityType: 'requirement',
          entityId: id,
          unit: unitOfDocument(document),
          before: { document: document.symbol, ...auditedRequirement(requirement) },
        });
      });
    },
  };
}

export type DocumentsService = ReturnType<typeof documentsService>;
