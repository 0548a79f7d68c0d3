import { foldForSearch, formatDate } from '../../../shared/domain/text';
import {
  type ConferenceCoverage,
  type ConferenceDetail,
  type ConferenceList,
  type conferenceDocumentOptionsQuerySchema,
  type conferenceDocumentOptionsSchema,
  type ConferenceListQuery,
  attendanceProblems,
  type conferenceCoverageQuerySchema,
  type createConferenceBodySchema,
  type updateConferenceBodySchema,
} from '../../../shared/schemas/conferences';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canRecordFor, isAboveOrAtScope, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { type FilesService, presentFile } from '../files/files.service';
import { auditedConference, presentConferenceDetail, presentConferenceDocument, presentConferenceSummary, presentCoverageRow } from './conferences.presenter';
import { type ConferenceRow, type ConferencesRepository, type CoverageSums, conferencesRepository } from './conferences.repository';

type CreateBody = z.output<typeof createConferenceBodySchema>;
type UpdateBody = z.output<typeof updateConferenceBodySchema>;
type CoverageQuery = z.output<typeof conferenceCoverageQuerySchema>;
type DocumentOptionsQuery = z.output<typeof conferenceDocumentOptionsQuerySchema>;
type ConferenceDocumentOptions = z.output<typeof conferenceDocumentOptionsSchema>;
type UnitRow = NonNullable<Awaited<ReturnType<ConferencesRepository['unit']>>>;

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi bạn được xem.';
const DOCUMENT_OPTIONS_LIMIT = 30;
const NOT_FOUND = 'Không tìm thấy hội nghị quán triệt, hoặc hội nghị nằm ngoài phạm vi bạn được xem.';

/** Path `path` is `ancestor` itself or lies below it. */
function isAncestorOrSelf(ancestor: string, path: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

export function conferencesService(db: Db, files: FilesService) {
  const repo = conferencesRepository(db);

  async function visibleUnit(principal: Principal, id: number, repository = repo): Promise<UnitRow> {
    const unit = await repository.unit(id);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    return unit;
  }

  /** A unit the caller records for: the role first (403), then an open unit (400). */
  function requireRecorder(principal: Principal, unit: Pick<UnitRow, 'path' | 'valid_to' | 'name'>): void {
    if (!canRecordFor(principal, { path: unit.path, valid_to: null })) throw Forbidden('Bạn không có quyền ghi nhận hội nghị quán triệt cho đơn vị này.');
    if (unit.valid_to !== null) throw Validation(`${unit.name} đã đóng (giải thể) ngày ${formatDate(unit.valid_to)}: không ghi nhận hay sửa hội nghị được nữa.`);
  }

  async function visible(principal: Principal, id: number, repository = repo, forUpdate = false): Promise<ConferenceRow> {
    const row = await repository.findById(id, forUpdate);
    if (!row || !isInScope(principal, row.unit_path)) throw NotFound(NOT_FOUND);
    return row;
  }

  /** Inside a transaction pass it as `database` too: the minutes file is read on it (see study-topics' forUnit). */
  async function detail(principal: Principal, row: ConferenceRow, repository = repo, database: Db = db): Promise<ConferenceDetail> {
    const [documents, file] = await Promise.all([
      repository.documentsOf([row.id]),
      row.minutes_file_id === null ? Promise.resolve(undefined) : files.describe(row.minutes_file_id, database),
    ]);
    const editable = canRecordFor(principal, { path: row.unit_path, valid_to: row.unit_valid_to });
    return presentConferenceDetail(row, { documents, minutesFile: file ? presentFile(file) : null, can: { edit: editable, delete: editable } });
  }

  function checkDatesAndCounts(values: { heldOn: string; expectedCadres: number; attendedCadres: number; expectedMembers: number; attendedMembers: number }): void {
    if (values.heldOn > todayInVietnam()) {
      throw Validation('Ngày tổ chức hội nghị không được sau hôm nay.', [{ path: 'body.heldOn', message: 'Ngày tổ chức hội nghị không được sau hôm nay.' }]);
    }
    const problems = attendanceProblems(values);
    const first = problems[0];
    if (first) throw Validation(first.message, problems.map((p) => ({ path: `body.${p.field}`, message: p.message })));
  }

  /**
   * Every document must be readable by the conference's unit: issued by the unit itself or by one of
   * its ancestors, or registered by one of them for a body above the tree (its owner is an ancestor or
   * the unit itself); and the conference cannot come before any of them.
   */
  async function checkDocuments(principal: Principal, unit: UnitRow, documentIds: number[], heldOn: string, repository: ConferencesRepository): Promise<void> {
    const rows = new Map((await repository.candidateDocuments(documentIds)).map((row) => [row.id, row]));
    for (const id of documentIds) {
      const doc = rows.get(id);
      const callerSees = doc && (isInScope(principal, doc.owner_path) || isAboveOrAtScope(principal, doc.owner_path));
      if (!doc || !callerSees) {
        const message = 'Không tìm thấy văn bản đã chọn, hoặc văn bản nằm ngoài phạm vi bạn được xem.';
        throw Validation(message, [{ path: 'body.documentIds', message }]);
      }
      if (!isAncestorOrSelf(doc.owner_path, unit.path)) {
        const message = `Văn bản ${doc.symbol} do ${doc.issuer_name} ban hành: ${unit.name} chỉ quán triệt văn bản của chính mình, của cấp ủy cấp trên hoặc của Trung ương.`;
        throw Validation(message, [{ path: 'body.documentIds', message }]);
      }
      if (heldOn < doc.issued_on) {
        const message = `Hội nghị ngày ${formatDate(heldOn)} không thể diễn ra trước ngày ban hành văn bản ${doc.symbol} (${formatDate(doc.issued_on)}).`;
        throw Validation(message, [{ path: 'body.heldOn', message }]);
      }
    }
  }

  return {
    async list(principal: Principal, query: ConferenceListQuery): Promise<ConferenceList> {
      const unit = await visibleUnit(principal, query.unitId ?? principal.scope.id);
      const { items, total } = await repo.list({ unitId: unit.id, unitPath: unit.path, subtree: query.subtree, year: query.year, page: query.page, pageSize: query.pageSize });
      const documents = await repo.documentsOf(items.map((row) => row.id));
      return {
        items: items.map((row) => presentConferenceSummary(row, documents.filter((d) => d.conference_id === row.id))),
        total,
        can: { create: canRecordFor(principal, unit) },
      };
    },

    /** The documents a conference of `unitId` may disseminate, for the form's picker (the same rule as checkDocuments). */
    async documentOptions(principal: Principal, query: DocumentOptionsQuery): Promise<ConferenceDocumentOptions> {
      const unit = await visibleUnit(principal, query.unitId);
      const q = query.q?.trim() ? foldForSearch(query.q) : undefined;
      const rows = await repo.documentOptions(unit.path, q, DOCUMENT_OPTIONS_LIMIT);
      return { items: rows.map((row) => ({ ...presentConferenceDocument(row), issuerName: row.issuer_name })) };
    },

    async get(principal: Principal, id: number): Promise<ConferenceDetail> {
      return detail(principal, await visible(principal, id));
    },

    /** The minutes file with its bytes, for download. */
    async minutes(principal: Principal, id: number) {
      const row = await visible(principal, id);
      const file = row.minutes_file_id === null ? undefined : await files.withContent(row.minutes_file_id);
      if (!file) throw NotFound('Hội nghị này chưa có biên bản đính kèm.');
      return file;
    },

    async coverage(principal: Principal, query: CoverageQuery): Promise<ConferenceCoverage> {
      const unit = await visibleUnit(principal, query.unitId ?? principal.scope.id);
      const { own, children } = await repo.coverage(unit, query.year);
      const total: CoverageSums = { ...own };
      for (const child of children) {
        total.conferences += child.conferences;
        total.expected_cadres += child.expected_cadres;
        total.attended_cadres += child.attended_cadres;
        total.expected_members += child.expected_members;
        total.attended_members += child.attended_members;
      }
      return {
        year: query.year ?? null,
        unit: presentCoverageRow(unit, total),
        own: presentCoverageRow(unit, own),
        children: children.map((child) => presentCoverageRow(child, child)),
      };
    },

    async create(context: RequestContext, body: CreateBody): Promise<ConferenceDetail> {
      const { principal } = context;
      return db.transaction().execute(async (tx) => {
        const txRepo = conferencesRepository(tx);
        const unit = await visibleUnit(principal, body.unitId, txRepo);
        requireRecorder(principal, unit);
        checkDatesAndCounts(body);
        await checkDocuments(principal, unit, body.documentIds, body.heldOn, txRepo);
        const minutesFileId = body.minutesFileId ?? null;
        if (minutesFileId !== null) await files.attachable(tx, minutesFileId, unit.id);
        const id = await txRepo.insert({
          unit_id: unit.id,
          held_on: body.heldOn,
          form: body.form,
          expected_cadres: body.expectedCadres,
          attended_cadres: body.attendedCadres,
          expected_members: body.expectedMembers,
          attended_members: body.attendedMembers,
          note: body.note ?? null,
          minutes_file_id: minutesFileId,
          created_by: principal.accountId,
        });
        await txRepo.changeDocuments(id, body.documentIds, []);
        const created = await visible(principal, id, txRepo);
        const documents = await txRepo.documentsOf([id]);
        await recordAudit(tx, auditContext(context), {
          action: 'conference.create',
          entityType: 'conference',
          entityId: id,
          unit: { id: unit.id, path: unit.path },
          after: auditedConference(created, documents),
        });
        return detail(principal, created, txRepo, tx);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateBody): Promise<ConferenceDetail> {
      const { principal } = context;
      return db.transaction().execute(async (tx) => {
        const txRepo = conferencesRepository(tx);
        const before = await visible(principal, id, txRepo, true);
        const currentUnit = await visibleUnit(principal, before.unit_id, txRepo);
        requireRecorder(principal, currentUnit);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const unit = body.unitId === undefined || body.unitId === before.unit_id ? currentUnit : await visibleUnit(principal, body.unitId, txRepo);
        if (unit !== currentUnit) requireRecorder(principal, unit);
        const beforeDocuments = await txRepo.documentsOf([id]);
        const merged = {
          heldOn: body.heldOn ?? before.held_on,
          expectedCadres: body.expectedCadres ?? before.expected_cadres,
          attendedCadres: body.attendedCadres ?? before.attended_cadres,
          expectedMembers: body.expectedMembers ?? before.expected_members,
          attendedMembers: body.attendedMembers ?? before.attended_members,
          documentIds: body.documentIds ?? beforeDocuments.map((d) => d.id),
          minutesFileId: body.minutesFileId === undefined ? before.minutes_file_id : body.minutesFileId,
        };
        checkDatesAndCounts(merged);
        if (body.documentIds !== undefined || body.heldOn !== undefined || unit !== currentUnit) {
          await checkDocuments(principal, unit, merged.documentIds, merged.heldOn, txRepo);
        }
        if (merged.minutesFileId !== null && (merged.minutesFileId !== before.minutes_file_id || unit !== currentUnit)) {
          await files.attachable(tx, merged.minutesFileId, unit.id);
        }
        const updated = await txRepo.update(id, body.version, {
          unit_id: unit.id,
          held_on: merged.heldOn,
          ...(body.form !== undefined ? { form: body.form } : {}),
          expected_cadres: merged.expectedCadres,
          attended_cadres: merged.attendedCadres,
          expected_members: merged.expectedMembers,
          attended_members: merged.attendedMembers,
          ...(body.note !== undefined ? { note: body.note } : {}),
          minutes_file_id: merged.minutesFileId,
        });
        if (!updated) throw Conflict(STALE_VERSION_MESSAGE);
        const kept = new Set(merged.documentIds);
        const had = new Set(beforeDocuments.map((d) => d.id));
        await txRepo.changeDocuments(
          id,
          merged.documentIds.filter((documentId) => !had.has(documentId)),
          [...had].filter((documentId) => !kept.has(documentId)),
        );
        const after = await visible(principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'conference.update',
          entityType: 'conference',
          entityId: id,
          unit: { id: unit.id, path: unit.path },
          before: auditedConference(before, beforeDocuments),
          after: auditedConference(after, await txRepo.documentsOf([id])),
        });
        return detail(principal, after, txRepo, tx);
      });
    },

    async delete(context: RequestContext, id: number, version: number): Promise<void> {
      const { principal } = context;
      await db.transaction().execute(async (tx) => {
        const txRepo = conferencesRepository(tx);
        const before = await visible(principal, id, txRepo, true);
        requireRecorder(principal, { path: before.unit_path, valid_to: before.unit_valid_to, name: before.unit_name });
        if (before.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
        const documents = await txRepo.documentsOf([id]);
        if (!(await txRepo.delete(id, version))) throw Conflict(STALE_VERSION_MESSAGE);
        await recordAudit(tx, auditContext(context), {
          action: 'conference.delete',
          entityType: 'conference',
          entityId: id,
          unit: { id: before.unit_id, path: before.unit_path },
          before: auditedConference(before, documents),
        });
      });
    },
  };
}

export type ConferencesService = ReturnType<typeof conferencesService>;
