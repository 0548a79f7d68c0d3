import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { documentSymbolProblem, formatDocumentSymbol, issuerCodeForUnit, parseDocumentSymbol } from '../../../shared/domain/documents';
import {
  DECIDING_UNIT_KINDS,
  EDITABLE_STATES,
  EXEMPLAR_STATE_LABELS,
  type ExemplarState,
  PHOTO_MAX_BYTES,
  PHOTOS_PER_EXEMPLAR,
  type PublicityChannelKind,
  STORY_MAX,
  VERIFIED_STATES,
  approvalChain,
  exemplarTransition,
  nextLevel,
  pathIds,
  transitionProblem,
} from '../../../shared/domain/exemplars';
import { foldForSearch, formatDate } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type {
  ExemplarCan,
  ExemplarDetail,
  ExemplarList,
  PublicityChannel,
  PublicityChannelList,
  PublicitySummary,
  PublicityTotals,
  addPublicitySchema,
  commendExemplarSchema,
  createChannelSchema,
  createExemplarSchema,
  exemplarListQuerySchema,
  exemplarSubjectInputSchema,
  updateExemplarSchema,
} from '../../../shared/schemas/exemplars';
import type { UnitRef } from '../../../shared/schemas/units';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import type { Clock } from '../../http/clock';
import { AppError, Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canEditTree, canRecordExternal, canRecordFor, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { type FilesService, safeFileName } from '../files/files.service';
import { presentChannel, presentDetail, presentListItem } from './exemplars.presenter';
import { type ExemplarRow, type ExemplarsRepository, exemplarsRepository } from './exemplars.repository';
import { processPhoto } from './photos';
import { sanitizeStory } from './story-html';

type CreateBody = z.output<typeof createExemplarSchema>;
type UpdateBody = z.output<typeof updateExemplarSchema>;
type SubjectBody = z.output<typeof exemplarSubjectInputSchema>;
type CommendBody = z.output<typeof commendExemplarSchema>;
type PublicityBody = z.output<typeof addPublicitySchema>;
type ChannelBody = z.output<typeof createChannelSchema>;
type ListQuery = z.output<typeof exemplarListQuerySchema>;
type WorkflowAction = 'submit' | 'verify' | 'return' | 'reject';

const NOT_FOUND = 'Không tìm thấy đề nghị điển hình, hoặc đề nghị nằm ngoài phạm vi của bạn.';
const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const FILE_NOT_FOUND = 'Không tìm thấy tệp của đề nghị này.';
const PUBLICITY_NOT_FOUND = 'Không tìm thấy kết quả tuyên truyền, hoặc nằm ngoài phạm vi của bạn.';
const MEMBERS_READ_PUBLIC = 'Đảng viên xem các tấm gương điển hình đã công khai trên trang công khai.';
export const UNVERIFIED_PUBLICATION_MESSAGE =
  'Không thể công khai: đề nghị chưa được xác minh. Chỉ tấm gương đã được cấp xét công nhận xác minh (trạng thái "Đã xác minh" hoặc "Đã khen thưởng") mới được đưa lên trang công khai.';
const field = (path: string, message: string) => Validation(message, [{ path, message }]);
const rootOf = (path: string) => Number(path.split('.')[0]);
const open = (path: string | null, validTo: string | null) => ({ path: path ?? '', valid_to: validTo });

/**
 * Who may do what (sent to the browser as `can`):
 * - the nominating side (those who record for the nominating unit: its officers and those above, a cell
 *   secretary for their own cell) edits and submits drafts and returned nominations, attaches evidence
 *   and photos while editable, and records publicity of verified exemplars;
 * - officers who record for the level holding a pending nomination verify, return or reject it;
 * - officers who record for the deciding unit commend, publish / withdraw it, and manage its photos once
 *   verified (what the public page shows is theirs to decide).
 */
export function exemplarCan(principal: Principal, row: ExemplarRow): ExemplarCan {
  const state = row.state as ExemplarState;
  const nominating = canRecordFor(principal, open(row.nominating_path, row.nominating_valid_to));
  const deciding = canEditTree(principal) && canRecordFor(principal, open(row.deciding_path, row.deciding_valid_to));
  const acting = state === 'pending' && row.pending_path !== null && canEditTree(principal) && canRecordFor(principal, open(row.pending_path, row.pending_valid_to));
  const editable = EDITABLE_STATES.includes(state);
  const verified = VERIFIED_STATES.includes(state);
  return {
    edit: editable && nominating,
    submit: editable && nominating,
    verify: acting,
    return: acting,
    reject: acting,
    commend: state === 'approved' && deciding,
    publish: verified && deciding,
    addPublicity: verified && nominating,
    addPhoto: (editable && nominating) || (verified && deciding),
  };
}

function auditedExemplar(row: ExemplarRow) {
  return {
    state: row.state,
    year: row.year,
    subjectKind: row.subject_kind,
    memberId: row.member_id,
    familyName: row.family_name,
    middleName: row.middle_name,
    givenName: row.given_name,
    collectiveUnitId: row.collective_unit_id,
    collectiveName: row.collective_name,
    title: row.title,
    field: row.field,
    summary: row.summary,
    storyLength: row.story_html.length,
    decidingUnitId: row.deciding_unit_id,
    pendingUnitId: row.pending_unit_id,
    commendationForm: row.commendation_form,
    commendationTitle: row.commendation_title,
    decisionSymbol: row.decision_symbol,
    decisionDate: row.decision_date,
    decisionDocumentId: row.decision_document_id,
    isPublic: row.is_public,
  };
}

const emptyTotals = (): PublicityTotals => ({ nominated: 0, approved: 0, commended: 0, publicityEntries: 0, publicStories: 0 });

export function exemplarsService(db: Db, files: FilesService, clock: Clock) {
  const repo = exemplarsRepository(db);

  async function visible(principal: Principal, id: number, repository: ExemplarsRepository = repo, forUpdate = false): Promise<ExemplarRow> {
    const row = await repository.find(id, forUpdate);
    if (!row || principal.role === 'member' || !isInScope(principal, row.nominating_path)) throw NotFound(NOT_FOUND);
    return row;
  }

  async function detail(principal: Principal, id: number, repository: ExemplarsRepository = repo): Promise<ExemplarDetail> {
    const row = await visible(principal, id, repository);
    const chainIds = approvalChain(row.nominating_path, row.deciding_unit_id) ?? [row.deciding_unit_id];
    const [steps, fileRows, publicity, units] = await Promise.all([repository.steps(id), repository.files(id), repository.publicity(id), repository.units(chainIds)]);
    return presentDetail(row, exemplarCan(principal, row), { steps, files: fileRows, publicity, units: new Map(units.map((u) => [u.id, u])) });
  }

  /** The deciding unit: the nominating unit or an open ancestor, of a committee kind. */
  async function decidingUnit(repository: ExemplarsRepository, nominating: { id: number; path: string }, decidingId: number) {
    if (!pathIds(nominating.path).includes(decidingId)) {
      throw field('decidingUnitId', 'Cấp xét công nhận phải là chính đơn vị đề cử hoặc một cấp ủy cấp trên của đơn vị đề cử.');
    }
    const unit = await repository.unit(decidingId);
    if (!unit || unit.valid_to !== null) throw field('decidingUnitId', 'Cấp xét công nhận đã giải thể.');
    if (!DECIDING_UNIT_KINDS.includes(unit.kind as UnitKind)) {
      throw field('decidingUnitId', `${unit.name} không xét công nhận điển hình: cấp xét công nhận phải là Tỉnh ủy, Huyện ủy (Thị ủy, Thành ủy), Đảng ủy trực thuộc hoặc Đảng ủy cơ sở — không phải chi bộ.`);
    }
    return unit;
  }

  /** The subject's columns: a member of the subtree, a non-member by name, or a collective of the subtree or by name. */
  async function subjectColumns(repository: ExemplarsRepository, nominating: { path: string }, subject: SubjectBody) {
    const none = { member_id: null, family_name: null, middle_name: null, given_name: null, collective_unit_id: null, collective_name: null };
    if (subject.kind === 'member') {
      const member = await repository.member(subject.memberId);
      const inside = member && (member.unit_path === nominating.path || member.unit_path.startsWith(`${nominating.path}.`));
      if (!member || !inside) throw field('subject.memberId', 'Không tìm thấy đảng viên này trong đơn vị đề cử và các đơn vị trực thuộc.');
      if (member.left_on !== null) throw field('subject.memberId', 'Đảng viên này đã ra khỏi danh sách; chỉ đề cử đảng viên đang sinh hoạt.');
      return { ...none, subject_kind: 'member', member_id: member.id };
    }
    if (subject.kind === 'person') {
      return { ...none, subject_kind: 'person', family_name: subject.familyName, middle_name: subject.middleName, given_name: subject.givenName };
    }
    const unitId = subject.unitId ?? null;
    if (unitId !== null) {
      const unit = await repository.unit(unitId);
      const inside = unit && (unit.path === nominating.path || unit.path.startsWith(`${nominating.path}.`));
      if (!unit || !inside) throw field('subject.unitId', 'Tập thể được đề cử phải là đơn vị đề cử hoặc một đơn vị trực thuộc.');
    }
    return { ...none, subject_kind: 'collective', collective_unit_id: unitId, collective_name: subject.name ?? null };
  }

  function story(html: string): string {
    const clean = sanitizeStory(html);
    if (clean.length > STORY_MAX) throw field('storyHtml', `Câu chuyện dài quá ${STORY_MAX.toLocaleString('vi-VN')} ký tự (sau khi bỏ định dạng không được phép).`);
    return clean;
  }

  function checkYear(year: number) {
    const current = Number(clock.today().slice(0, 4));
    if (year > current) throw field('year', `Năm xét chọn không được sau năm hiện tại (${current}).`);
  }

  /** Lock, check visibility, permission (403), version (409) — then apply, audit and answer the new state. */
  async function change(
    context: RequestContext,
    id: number,
    version: number | null,
    apply: (
      repository: ExemplarsRepository,
      row: ExemplarRow,
      trx: Db,
    ) => Promise<{ action: string; entityType?: string; entityId?: number; after?: Record<string, unknown>; comment?: string | null } | null>,
    allowed: (row: ExemplarRow) => void,
  ): Promise<ExemplarDetail> {
    return db.transaction().execute(async (trx) => {
      const repository = exemplarsRepository(trx);
      const before = await visible(context.principal, id, repository, true);
      allowed(before);
      if (version !== null && before.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
      const audit = await apply(repository, before, trx);
      if (audit) {
        const after = (await repository.find(id)) as ExemplarRow;
        await recordAudit(trx, auditContext(context), {
          action: audit.action,
          entityType: audit.entityType ?? 'exemplar',
          entityId: audit.entityId ?? id,
          unit: { id: before.nominating_unit_id, path: before.nominating_path },
          before: audit.after ? null : auditedExemplar(before),
          after: audit.after ?? { ...auditedExemplar(after), ...(audit.comment ? { comment: audit.comment } : {}) },
        });
      }
      return detail(context.principal, id, repository);
    });
  }

  const step = (repository: ExemplarsRepository, context: RequestContext, row: ExemplarRow, unitId: number, action: string, comment: string | null) =>
    repository.insertStep({ exemplar_id: row.id, unit_id: unitId, action, comment, acted_by: context.principal.accountId, acted_at: clock.now() });

  function nominatingSide(principal: Principal, row: ExemplarRow, message: string) {
    if (!canRecordFor(principal, open(row.nominating_path, row.nominating_valid_to))) throw Forbidden(message);
  }
  function decidingSide(principal: Principal, row: ExemplarRow, message: string) {
    if (!canEditTree(principal) || !canRecordFor(principal, open(row.deciding_path, row.deciding_valid_to))) throw Forbidden(message);
  }
  const mustBeEditable = (row: ExemplarRow, what: string) => {
    if (!EDITABLE_STATES.includes(row.state as ExemplarState)) {
      throw Conflict(`Chỉ ${what} khi đề nghị ở trạng thái "Nháp" hoặc "Bị trả lại"; đề nghị này đang ở trạng thái "${EXEMPLAR_STATE_LABELS[row.state as ExemplarState]}".`);
    }
  };

  /** Photos: the nominating side while editable, the deciding side once verified. */
  function photoAllowed(principal: Principal, row: ExemplarRow) {
    const state = row.state as ExemplarState;
    if (state === 'pending' || state === 'rejected') throw Conflict(`Không thay đổi ảnh khi đề nghị đang ở trạng thái "${EXEMPLAR_STATE_LABELS[state]}".`);
    if (!exemplarCan(principal, row).addPhoto) {
      throw Forbidden(VERIFIED_STATES.includes(state) ? 'Ảnh của tấm gương đã xác minh do cấp xét công nhận quản lý.' : 'Chỉ đơn vị đề cử được thêm, bớt ảnh.');
    }
  }

  async function fileOf(principal: Principal, id: number, fileId: number, role: 'photo' | 'evidence') {
    await visible(principal, id);
    const link = await repo.fileLink(id, fileId);
    if (!link || link.role !== role) throw NotFound(FILE_NOT_FOUND);
    const file = await repo.fileContent(fileId);
    if (!file) throw NotFound(FILE_NOT_FOUND);
    return file;
  }

  return {
    get: (principal: Principal, id: number) => detail(principal, id),

    async list(principal: Principal, query: ListQuery): Promise<ExemplarList> {
      const unit = await repo.unit(query.unitId ?? principal.scope.id);
      if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
      if (principal.role === 'member') throw Forbidden(MEMBERS_READ_PUBLIC);
      if (query.awaiting && !canEditTree(principal)) return { items: [], total: 0 };
      const folded = query.q ? foldForSearch(query.q) : '';
      const filter = {
        path: unit.path,
        year: query.year,
        state: query.awaiting ? undefined : query.state,
        pendingWithin: query.awaiting ? principal.scope.path : undefined,
        q: folded || undefined,
      };
      const [rows, total] = await Promise.all([repo.list(filter, query.page, query.pageSize, query.awaiting === true), repo.count(filter)]);
      return { items: rows.map((row) => presentListItem(row, exemplarCan(principal, row))), total };
    },

    async decidingUnits(principal: Principal, unitId: number): Promise<{ items: UnitRef[] }> {
      const unit = await repo.unit(unitId);
      if (!unit || !isInScope(principal, unit.path) || principal.role === 'member') throw NotFound(UNIT_NOT_FOUND);
      const units = await repo.units(pathIds(unit.path));
      const items = units
        .filter((u) => u.valid_to === null && DECIDING_UNIT_KINDS.includes(u.kind as UnitKind))
        .sort((a, b) => b.path.length - a.path.length)
        .map((u) => ({ id: u.id, name: u.name, kind: u.kind as UnitKind }));
      return { items };
    },

    async create(context: RequestContext, body: CreateBody): Promise<ExemplarDetail> {
      const { principal } = context;
      const unit = await repo.unit(body.nominatingUnitId);
      if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
      if (unit.valid_to !== null) throw field('nominatingUnitId', `${unit.name} đã giải thể, không đề cử được.`);
      if (!canRecordFor(principal, unit)) throw Forbidden('Bạn không có quyền đề cử điển hình cho đơn vị này.');
      checkYear(body.year);
      await decidingUnit(repo, unit, body.decidingUnitId);
      const subject = await subjectColumns(repo, unit, body.subject);
      const storyHtml = story(body.storyHtml);
      return db.transaction().execute(async (trx) => {
        const repository = exemplarsRepository(trx);
        const { id } = await repository.insert({
          nominating_unit_id: unit.id,
          year: body.year,
          ...subject,
          title: body.title,
          field: body.field ?? null,
          summary: body.summary,
          story_html: storyHtml,
          deciding_unit_id: body.decidingUnitId,
          created_by: principal.accountId,
        });
        const row = (await repository.find(id)) as ExemplarRow;
        await recordAudit(trx, auditContext(context), { action: 'exemplar.create', entityType: 'exemplar', entityId: id, unit: { id: unit.id, path: unit.path }, after: auditedExemplar(row) });
        return detail(principal, id, repository);
      });
    },

    update(context: RequestContext, id: number, body: UpdateBody): Promise<ExemplarDetail> {
      return change(
        context,
        id,
        body.version,
        async (repository, row) => {
          const nominating = { id: row.nominating_unit_id, path: row.nominating_path };
          if (body.year !== undefined) checkYear(body.year);
          if (body.decidingUnitId !== undefined) await decidingUnit(repository, nominating, body.decidingUnitId);
          const subject = body.subject ? await subjectColumns(repository, nominating, body.subject) : {};
          await repository.update(id, {
            ...subject,
            ...(body.year !== undefined ? { year: body.year } : {}),
            ...(body.title !== undefined ? { title: body.title } : {}),
            ...(body.field !== undefined ? { field: body.field } : {}),
            ...(body.summary !== undefined ? { summary: body.summary } : {}),
            ...(body.storyHtml !== undefined ? { story_html: story(body.storyHtml) } : {}),
            ...(body.decidingUnitId !== undefined ? { deciding_unit_id: body.decidingUnitId } : {}),
          });
          return { action: 'exemplar.update' };
        },
        (row) => {
          nominatingSide(context.principal, row, 'Chỉ đơn vị đề cử được sửa đề nghị.');
          mustBeEditable(row, 'sửa được đề nghị');
        },
      );
    },

    /** submit | verify | return | reject: the state machine, one step in the history, one audit entry. */
    act(context: RequestContext, id: number, action: WorkflowAction, version: number, comment: string | null): Promise<ExemplarDetail> {
      const { principal } = context;
      return change(
        context,
        id,
        version,
        async (repository, row) => {
          const state = row.state as ExemplarState;
          const atDeciding = row.pending_unit_id === row.deciding_unit_id;
          const to = exemplarTransition(state, action, atDeciding);
          if (to === null) throw Conflict(transitionProblem(state, action));
          const chain = approvalChain(row.nominating_path, row.deciding_unit_id);
          if (action === 'submit') {
            const first = chain?.[0];
            if (first === undefined) throw Conflict('Cấp xét công nhận không còn là cấp trên của đơn vị đề cử (cây tổ chức đã thay đổi). Vui lòng sửa cấp xét công nhận rồi gửi lại.');
            await repository.update(id, { state: to, pending_unit_id: first });
            await step(repository, context, row, row.nominating_unit_id, 'submit', comment);
            return { action: 'exemplar.submit', comment };
          }
          const acting = row.pending_unit_id as number;
          if (action === 'verify' && (await repository.actorsOfCurrentRound(id)).includes(principal.accountId)) {
            // Each level's check must be someone else's: nobody verifies a nomination they sent, or twice up the chain.
            throw Forbidden('Bạn đã gửi hoặc đã xác minh đề nghị này ở một cấp khác. Mỗi cấp cần một người xác minh khác.');
          }
          if (action === 'verify') {
            let pending: number | null = null;
            if (to === 'pending') {
              pending = chain ? nextLevel(chain, acting) : null;
              if (pending === null) throw Conflict('Cây tổ chức đã thay đổi nên không xác định được cấp xác minh tiếp theo. Vui lòng trả lại để đơn vị đề cử gửi lại.');
            }
            await repository.update(id, { state: to, pending_unit_id: pending });
            await step(repository, context, row, acting, 'verify', comment);
            return { action: 'exemplar.verify', comment };
          }
          await repository.update(id, { state: to, pending_unit_id: null });
          await step(repository, context, row, acting, action, comment);
          return action === 'return' ? { action: 'exemplar.return', comment } : { action: 'exemplar.reject', comment };
        },
        (row) => {
          if (action === 'submit') {
            nominatingSide(principal, row, 'Chỉ đơn vị đề cử được gửi đề nghị xác minh.');
            return;
          }
          if (!canEditTree(principal)) throw Forbidden('Chỉ cán bộ giúp việc của cấp ủy được xác minh, trả lại hoặc không công nhận đề nghị.');
          if (row.state === 'pending' && !canRecordFor(principal, open(row.pending_path, row.pending_valid_to))) {
            throw Forbidden(`Đề nghị đang chờ ${row.pending_name ?? 'cấp trên'} xác minh; bạn không làm thay cấp này được.`);
          }
        },
      );
    },

    commend(context: RequestContext, id: number, body: CommendBody): Promise<ExemplarDetail> {
      return change(
        context,
        id,
        body.version,
        async (repository, row) => {
          const to = exemplarTransition(row.state as ExemplarState, 'commend', true);
          if (to === null) throw Conflict(transitionProblem(row.state as ExemplarState, 'commend'));
          const today = clock.today();
          if (body.decisionDate > today) throw field('decisionDate', 'Ngày quyết định khen thưởng không được sau hôm nay.');
          if (body.decisionDate < `${row.year}-01-01`) throw field('decisionDate', `Ngày quyết định khen thưởng phải từ năm ${row.year} (năm của tấm gương) trở đi.`);
          const problem = documentSymbolProblem(body.decisionSymbol, 'decision', issuerCodeForUnit({ kind: row.deciding_kind as UnitKind, name: row.deciding_name }));
          if (problem) throw field('decisionSymbol', problem);
          const parsed = parseDocumentSymbol(body.decisionSymbol);
          const symbol = parsed ? formatDocumentSymbol(parsed.number, parsed.typeSymbol, parsed.issuerCode) : body.decisionSymbol;
          const documentId = body.decisionDocumentId ?? null;
          if (documentId !== null) {
            const document = await repository.document(documentId);
            if (!document || document.issuer_unit_id !== row.deciding_unit_id) {
              throw field('decisionDocumentId', `Văn bản quyết định phải là văn bản đã đăng ký của ${row.deciding_name}.`);
            }
            if (document.symbol !== symbol || document.issued_on !== body.decisionDate) {
              throw field('decisionDocumentId', `Văn bản đã chọn là ${document.symbol} ngày ${formatDate(document.issued_on)}, không khớp với số, ký hiệu và ngày quyết định đã nhập.`);
            }
          }
          await repository.update(id, {
            state: to,
            commendation_form: body.form,
            commendation_title: body.commendationTitle,
            decision_symbol: symbol,
            decision_date: body.decisionDate,
            decision_document_id: documentId,
            commended_by: context.principal.accountId,
          });
          await step(repository, context, row, row.deciding_unit_id, 'commend', body.commendationTitle);
          return { action: 'exemplar.commend' };
        },
        (row) => decidingSide(context.principal, row, `Chỉ ${row.deciding_name} (cấp xét công nhận) ghi quyết định khen thưởng.`),
      );
    },

    /**
     * Make public or withdraw. Decided by the deciding unit's officers (who verified it last and answer for
     * what the public reads). The first publication also records a publicity entry on the public page.
     */
    setPublication(context: RequestContext, id: number, makePublic: boolean, version: number): Promise<ExemplarDetail> {
      return change(
        context,
        id,
        version,
        async (repository, row) => {
          if (makePublic && !VERIFIED_STATES.includes(row.state as ExemplarState)) throw Conflict(UNVERIFIED_PUBLICATION_MESSAGE);
          if (makePublic === row.is_public) return null;
          if (makePublic) {
            const first = !(await repository.hasStep(id, 'publish'));
            await repository.update(id, { is_public: true, published_at: clock.now() });
            await step(repository, context, row, row.deciding_unit_id, 'publish', null);
            if (first) {
              const channel = await repository.publicPageChannel();
              if (channel) {
                await repository.insertPublicity({ exemplar_id: id, channel_id: channel.id, published_on: clock.today(), title: row.title, url: null, file_id: null, recorded_by: context.principal.accountId });
              }
            }
            return { action: 'exemplar.publish' };
          }
          await repository.update(id, { is_public: false, published_at: null });
          await step(repository, context, row, row.deciding_unit_id, 'unpublish', null);
          return { action: 'exemplar.unpublish' };
        },
        (row) => decidingSide(context.principal, row, `Chỉ ${row.deciding_name} (cấp xét công nhận) quyết định công khai tấm gương.`),
      );
    },

    async addPhoto(context: RequestContext, id: number, rawName: string | undefined, caption: string | undefined, body: unknown): Promise<ExemplarDetail> {
      const row = await visible(context.principal, id);
      photoAllowed(context.principal, row);
      if (!Buffer.isBuffer(body) || body.length === 0) throw field('body', 'Tệp ảnh tải lên trống hoặc không gửi dưới dạng dữ liệu tệp (application/octet-stream).');
      if (body.length > PHOTO_MAX_BYTES) throw new AppError('payload_too_large', 413, 'Ảnh quá lớn (tối đa 10 MB).');
      const photo = await processPhoto(body);
      const base = safeFileName(rawName).replace(/\.[^.]*$/u, '') || 'anh';
      const name = `${base.slice(0, 250)}.jpg`;
      return change(
        context,
        id,
        null,
        async (repository) => {
          const existing = (await repository.files(id)).filter((f) => f.role === 'photo').length;
          if (existing >= PHOTOS_PER_EXEMPLAR) throw Conflict(`Mỗi tấm gương có tối đa ${PHOTOS_PER_EXEMPLAR} ảnh.`);
          const sha256 = createHash('sha256').update(photo.content).digest();
          const file = await repository.insertStoredFile({ unitId: row.nominating_unit_id, name, mediaType: photo.mediaType, size: photo.content.length, sha256, content: photo.content, uploadedBy: context.principal.accountId });
          await repository.insertFileLink({ exemplar_id: id, file_id: file.id, role: 'photo', caption: caption || null, position: await repository.nextPhotoPosition(id) });
          return {
            action: 'exemplar.photo_add',
            after: { fileId: file.id, name, caption: caption || null, uploadedBytes: body.length, size: photo.content.length, width: photo.width, height: photo.height, sha256: sha256.toString('hex') },
          };
        },
        (locked) => photoAllowed(context.principal, locked),
      );
    },

    photo: (principal: Principal, id: number, fileId: number) => fileOf(principal, id, fileId, 'photo'),

    removePhoto(context: RequestContext, id: number, fileId: number): Promise<ExemplarDetail> {
      return change(
        context,
        id,
        null,
        async (repository) => {
          const link = await repository.fileLink(id, fileId);
          if (!link || link.role !== 'photo') throw NotFound(FILE_NOT_FOUND);
          await repository.deleteFileLink(id, fileId);
          return { action: 'exemplar.photo_remove', after: { fileId, removed: true, caption: link.caption } };
        },
        (row) => photoAllowed(context.principal, row),
      );
    },

    addEvidence(context: RequestContext, id: number, fileId: number): Promise<ExemplarDetail> {
      return change(
        context,
        id,
        null,
        async (repository, row, trx) => {
          const file = await files.attachable(trx, fileId, row.nominating_unit_id);
          if (await repository.fileLink(id, fileId)) throw Conflict('Tệp này đã được đính kèm vào đề nghị.');
          await repository.insertFileLink({ exemplar_id: id, file_id: fileId, role: 'evidence', caption: null, position: 0 });
          return { action: 'exemplar.evidence_add', after: { fileId, name: file.name } };
        },
        (row) => {
          nominatingSide(context.principal, row, 'Chỉ đơn vị đề cử được đính kèm minh chứng.');
          mustBeEditable(row, 'đính kèm, gỡ minh chứng được');
        },
      );
    },

    evidence: (principal: Principal, id: number, fileId: number) => fileOf(principal, id, fileId, 'evidence'),

    removeEvidence(context: RequestContext, id: number, fileId: number): Promise<ExemplarDetail> {
      return change(
        context,
        id,
        null,
        async (repository) => {
          const link = await repository.fileLink(id, fileId);
          if (!link || link.role !== 'evidence') throw NotFound(FILE_NOT_FOUND);
          await repository.deleteFileLink(id, fileId);
          return { action: 'exemplar.evidence_remove', after: { fileId, removed: true } };
        },
        (row) => {
          nominatingSide(context.principal, row, 'Chỉ đơn vị đề cử được gỡ minh chứng.');
          mustBeEditable(row, 'đính kèm, gỡ minh chứng được');
        },
      );
    },

    addPublicity(context: RequestContext, id: number, body: PublicityBody): Promise<ExemplarDetail> {
      return change(
        context,
        id,
        null,
        async (repository, row, trx) => {
          if (!VERIFIED_STATES.includes(row.state as ExemplarState)) {
            throw Conflict('Chỉ ghi kết quả tuyên truyền cho tấm gương đã được xác minh ("Đã xác minh" hoặc "Đã khen thưởng").');
          }
          const channel = await repository.channel(body.channelId);
          if (!channel || (channel.root_unit_id !== null && channel.root_unit_id !== rootOf(row.nominating_path)) || !channel.active) {
            throw field('channelId', 'Kênh tuyên truyền không có trong danh sách kênh của tỉnh.');
          }
          if (body.publishedOn > clock.today()) throw field('publishedOn', 'Ngày đăng, phát không được sau hôm nay.');
          if (Number(body.publishedOn.slice(0, 4)) < row.year) throw field('publishedOn', `Ngày đăng, phát phải từ năm ${row.year} (năm của tấm gương) trở đi.`);
          const fileId = body.fileId ?? null;
          if (fileId !== null) await files.attachable(trx, fileId, row.nominating_unit_id);
          const entry = await repository.insertPublicity({
            exemplar_id: id,
            channel_id: channel.id,
            published_on: body.publishedOn,
            title: body.title,
            url: body.url ?? null,
            file_id: fileId,
            recorded_by: context.principal.accountId,
          });
          return {
            action: 'publicity.create',
            entityType: 'publicity_entry',
            entityId: entry.id,
            after: { exemplarId: id, channelId: channel.id, channel: channel.name, publishedOn: body.publishedOn, title: body.title, url: body.url ?? null, fileId },
          };
        },
        (row) => nominatingSide(context.principal, row, 'Bạn không có quyền ghi kết quả tuyên truyền cho đề nghị này.'),
      );
    },

    async removePublicity(context: RequestContext, entryId: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const repository = exemplarsRepository(trx);
        const entry = await repository.publicityEntry(entryId);
        if (!entry) throw NotFound(PUBLICITY_NOT_FOUND);
        const row = await repository.find(entry.exemplar_id, true);
        if (!row || context.principal.role === 'member' || !isInScope(context.principal, row.nominating_path)) throw NotFound(PUBLICITY_NOT_FOUND);
        nominatingSide(context.principal, row, 'Bạn không có quyền xóa kết quả tuyên truyền của đề nghị này.');
        await repository.deletePublicity(entryId);
        await recordAudit(trx, auditContext(context), {
          action: 'publicity.delete',
          entityType: 'publicity_entry',
          entityId: entryId,
          unit: { id: row.nominating_unit_id, path: row.nominating_path },
          before: { exemplarId: entry.exemplar_id, channelId: entry.channel_id, publishedOn: entry.published_on, title: entry.title, url: entry.url, fileId: entry.file_id },
        });
      });
    },

    async publicityFile(principal: Principal, entryId: number) {
      const entry = await repo.publicityEntry(entryId);
      if (!entry) throw NotFound(PUBLICITY_NOT_FOUND);
      await visible(principal, entry.exemplar_id).catch(() => {
        throw NotFound(PUBLICITY_NOT_FOUND);
      });
      const file = entry.file_id !== null ? await repo.fileContent(entry.file_id) : undefined;
      if (!file) throw NotFound(FILE_NOT_FOUND);
      return file;
    },

    async channels(principal: Principal): Promise<PublicityChannelList> {
      const rows = await repo.channels(rootOf(principal.scope.path));
      return { items: rows.map(presentChannel), can: { create: canRecordExternal(principal) } };
    },

    async createChannel(context: RequestContext, body: ChannelBody): Promise<PublicityChannel> {
      if (!canRecordExternal(context.principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh thêm kênh tuyên truyền của tỉnh.');
      const rootId = context.principal.scope.id;
      return db.transaction().execute(async (trx) => {
        const repository = exemplarsRepository(trx);
        await repository.lockRoot(rootId);
        if (await repository.channelNamed(rootId, body.name)) throw field('name', `Đã có kênh tuyên truyền "${body.name}".`);
        const { id } = await repository.insertChannel({ root_unit_id: rootId, kind: body.kind, name: body.name, position: await repository.nextChannelPosition(rootId) });
        await recordAudit(trx, auditContext(context), {
          action: 'publicity_channel.create',
          entityType: 'publicity_channel',
          entityId: id,
          unit: { id: rootId, path: context.principal.scope.path },
          after: { name: body.name, kind: body.kind },
        });
        return presentChannel((await repository.channel(id)) as NonNullable<Awaited<ReturnType<ExemplarsRepository['channel']>>>);
      });
    },

    /**
     * Counts for exemplars nominated in the unit's subtree, for the year and the one before: totals, per
     * channel and per month of publication, per child unit. The article's complaint, as numbers.
     */
    async summary(principal: Principal, unitId: number | undefined, year: number): Promise<PublicitySummary> {
      const unit = await repo.unit(unitId ?? principal.scope.id);
      if (!unit || !isInScope(principal, unit.path) || principal.role === 'member') throw NotFound(UNIT_NOT_FOUND);
      const previousYear = year - 1;
      const [exemplarCounts, entryCounts, children, channels] = await Promise.all([
        repo.exemplarCounts(unit.path, [year, previousYear]),
        repo.publicityCounts(unit.path, [year, previousYear]),
        repo.children(unit.id),
        repo.channels(rootOf(unit.path)),
      ]);
      const buckets = new Map<number, { current: PublicityTotals; previous: PublicityTotals }>();
      const bucket = (id: number) => {
        let pair = buckets.get(id);
        if (!pair) buckets.set(id, (pair = { current: emptyTotals(), previous: emptyTotals() }));
        return pair;
      };
      const total = { current: emptyTotals(), previous: emptyTotals() };
      const add = (target: PublicityTotals, values: Partial<PublicityTotals>) => {
        for (const [key, value] of Object.entries(values) as [keyof PublicityTotals, number][]) target[key] += value;
      };
      for (const row of exemplarCounts) {
        const which = row.year === year ? 'current' : 'previous';
        const values = { nominated: row.nominated, approved: row.approved, commended: row.commended, publicStories: row.public_stories };
        add(bucket(row.bucket)[which], values);
        add(total[which], values);
      }
      const perChannel = new Map<number, { current: number; previous: number }>();
      const months = Array.from({ length: 12 }, (_, index) => ({ month: index + 1, current: 0, previous: 0 }));
      for (const row of entryCounts) {
        const which = row.year === year ? 'current' : 'previous';
        add(bucket(row.bucket)[which], { publicityEntries: row.entries });
        add(total[which], { publicityEntries: row.entries });
        const channel = perChannel.get(row.channel_id) ?? { current: 0, previous: 0 };
        channel[which] += row.entries;
        perChannel.set(row.channel_id, channel);
        const month = months[row.month - 1];
        if (month) month[which] += row.entries;
      }
      const hasData = (id: number) => buckets.has(id);
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
        year,
        previousYear,
        totals: total,
        channels: channels
          .filter((c) => c.active || perChannel.has(c.id))
          .map((c) => ({ channel: { id: c.id, name: c.name, kind: c.kind as PublicityChannelKind }, current: perChannel.get(c.id)?.current ?? 0, previous: perChannel.get(c.id)?.previous ?? 0 })),
        months,
        children: children
          .filter((c) => c.valid_to === null || hasData(c.id))
          .map((c) => ({ unit: { id: c.id, name: c.name, kind: c.kind as UnitKind }, totals: buckets.get(c.id) ?? { current: emptyTotals(), previous: emptyTotals() } })),
        own: buckets.get(0) ?? { current: emptyTotals(), previous: emptyTotals() },
      };
    },
  };
}

export type ExemplarsService = ReturnType<typeof exemplarsService>;
