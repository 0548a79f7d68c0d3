import { DEFAULT_TOPIC_RULE, type TopicRule } from '../../../shared/domain/meetings';
import type { StudyTopic, StudyTopicList, addMaterialBodySchema, createStudyTopicBodySchema, updateStudyTopicBodySchema } from '../../../shared/schemas/meetings';
import type { z } from 'zod';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canRecordExternal, isAboveOrAtScope, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import type { DocumentsService } from '../documents/documents.service';
import type { FilesService } from '../files/files.service';
import { type StudyTopicsRepository, type TopicRow, studyTopicsRepository } from './study-topics.repository';

type CreateStudyTopicBody = z.output<typeof createStudyTopicBodySchema>;
type UpdateStudyTopicBody = z.output<typeof updateStudyTopicBodySchema>;
type AddMaterialBody = z.output<typeof addMaterialBodySchema>;

const NOT_FOUND = 'Không tìm thấy chuyên đề, hoặc chuyên đề nằm ngoài phạm vi của bạn.';
const field = (path: string, message: string) => Validation(message, [{ path, message }]);

export function ruleOf(row: Pick<TopicRow, 'min_items' | 'max_items' | 'required_months' | 'plan_day' | 'record_days'> | undefined): TopicRule {
  if (!row) return { ...DEFAULT_TOPIC_RULE, requiredMonths: [] };
  return { minItems: row.min_items, maxItems: row.max_items, requiredMonths: row.required_months, planDay: row.plan_day, recordDays: row.record_days };
}

/** A topic is read by its committee's subtree; changed by the province officers of that committee. */
function canRead(principal: Principal, row: TopicRow): boolean {
  return isAboveOrAtScope(principal, row.unit_path) || isInScope(principal, row.unit_path);
}
function canEdit(principal: Principal, row: TopicRow): boolean {
  return canRecordExternal(principal) && principal.scope.path === row.unit_path;
}

function auditedTopic(row: TopicRow, items: { number: number; title: string }[]) {
  return { year: row.year, title: row.title, rule: ruleOf(row), items: items.map((i) => `${i.number}. ${i.title}`) };
}

export function studyTopicsService(db: Db, files: FilesService, documents: DocumentsService) {
  const repo = studyTopicsRepository(db);

  async function present(principal: Principal, rows: TopicRow[], repository: StudyTopicsRepository = repo): Promise<StudyTopic[]> {
    const ids = rows.map((r) => r.id);
    const [items, materials] = await Promise.all([repository.items(ids), repository.materials(ids)]);
    return rows.map((row) => ({
      id: row.id,
      year: row.year,
      title: row.title,
      description: row.description,
      campaignId: row.campaign_id,
      rule: { ...ruleOf(row), requiredMonths: [...ruleOf(row).requiredMonths] },
      items: items.filter((i) => i.topic_id === row.id).map((i) => ({ id: i.id, number: i.number, title: i.title, description: i.description })),
      materials: materials
        .filter((m) => m.topic_id === row.id)
        .map((m) => ({
          id: m.id,
          title: m.title,
          url: m.url,
          file: m.file_id !== null ? { id: m.file_id, name: m.file_name ?? '', mediaType: m.file_media_type ?? '', size: m.file_size ?? 0 } : null,
          document: m.document_id !== null ? { id: m.document_id, symbol: m.document_symbol ?? '', title: m.document_title ?? '' } : null,
        })),
      version: row.version,
      can: { edit: canEdit(principal, row) },
    }));
  }

  async function visible(principal: Principal, id: number, repository = repo, forUpdate = false): Promise<TopicRow> {
    const row = await repository.findById(id, forUpdate);
    if (!row || !canRead(principal, row)) throw NotFound(NOT_FOUND);
    return row;
  }

  async function editable(principal: Principal, id: number, repository: StudyTopicsRepository): Promise<TopicRow> {
    const row = await visible(principal, id, repository, true);
    if (!canEdit(principal, row)) throw Forbidden('Chỉ cán bộ cấp tỉnh đã ban hành chuyên đề được sửa chuyên đề.');
    return row;
  }

  function checkRule(rule: { minItems: number; maxItems: number }) {
    if (rule.minItems > rule.maxItems) throw field('minItems', 'Số nội dung tối thiểu không được lớn hơn số tối đa.');
  }

  async function one(principal: Principal, id: number, repository: StudyTopicsRepository): Promise<StudyTopic> {
    const row = await visible(principal, id, repository);
    const [topic] = await present(principal, [row], repository);
    if (!topic) throw NotFound(NOT_FOUND);
    return topic;
  }

  return {
    /**
     * The topic that applies to a unit in a year, with its items (for meetings). A caller inside a
     * transaction passes it: asking the pool for a second connection while holding one starves the pool
     * when every connection is held by such a caller (the month-end burst did exactly that).
     */
    async forUnit(principal: Principal, path: string, year: number, database: Db = db): Promise<StudyTopic | null> {
      const repository = database === db ? repo : studyTopicsRepository(database);
      const row = await repository.forUnit(path, year);
      if (!row) return null;
      const [topic] = await present(principal, [row], repository);
      return topic ?? null;
    },

    async list(principal: Principal, year: number | undefined): Promise<StudyTopicList> {
      const rows = await repo.listAbove(principal.scope.path, year);
      return { items: await present(principal, rows), can: { create: canRecordExternal(principal) } };
    },

    get: (principal: Principal, id: number) => one(principal, id, repo),

    async create(context: RequestContext, body: CreateStudyTopicBody): Promise<StudyTopic> {
      const { principal } = context;
      if (!canRecordExternal(principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh được ban hành chuyên đề năm.');
      const rule = { ...DEFAULT_TOPIC_RULE, ...definedRule(body) };
      checkRule(rule);
      return db.transaction().execute(async (trx) => {
        const repository = studyTopicsRepository(trx);
        if (await repository.yearTaken(principal.scope.id, body.year)) throw Conflict(`Năm ${body.year} đã có chuyên đề. Hãy sửa chuyên đề đó.`);
        if (body.campaignId && !(await repository.campaignVisible(body.campaignId, principal.scope.path))) throw field('campaignId', 'Không tìm thấy cuộc vận động.');
        const id = await repository.insert({
          unit_id: principal.scope.id,
          year: body.year,
          title: body.title,
          description: body.description ?? null,
          campaign_id: body.campaignId ?? null,
          min_items: rule.minItems,
          max_items: rule.maxItems,
          required_months: [...new Set(rule.requiredMonths)].sort((a, b) => a - b),
          plan_day: rule.planDay,
          record_days: rule.recordDays,
        });
        await repository.replaceItems(id, body.items.map((item) => ({ title: item.title, description: item.description ?? null })));
        const row = await visible(principal, id, repository);
        await recordAudit(trx, auditContext(context), {
          action: 'study_topic.create',
          entityType: 'study_topic',
          entityId: id,
          unit: { id: principal.scope.id, path: principal.scope.path },
          after: auditedTopic(row, await repository.items([id])),
        });
        return one(principal, id, repository);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateStudyTopicBody): Promise<StudyTopic> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const repository = studyTopicsRepository(trx);
        const before = await editable(principal, id, repository);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const beforeItems = await repository.items([id]);
        const rule = { ...ruleOf(before), ...definedRule(body) };
        checkRule(rule);
        if (body.campaignId && !(await repository.campaignVisible(body.campaignId, principal.scope.path))) throw field('campaignId', 'Không tìm thấy cuộc vận động.');
        if (body.items !== undefined) {
          const current = new Set(beforeItems.map((i) => i.id));
          const foreign = body.items.find((item) => item.id !== undefined && !current.has(item.id));
          if (foreign) throw field('items', 'Có nội dung không thuộc chuyên đề này; hãy tải lại trang.');
          const kept = new Set(body.items.flatMap((item) => (item.id === undefined ? [] : [item.id])));
          const used = await repository.usedItemIds(id);
          const removedButUsed = beforeItems.filter((item) => !kept.has(item.id) && used.has(item.id));
          if (removedButUsed.length > 0) {
            throw Conflict(`Không bỏ được nội dung đã có chi bộ lập kế hoạch hoặc học: ${removedButUsed.map((i) => `${i.number}. ${i.title}`).join('; ')}.`);
          }
          await repository.replaceItems(id, body.items.map((item) => ({ id: item.id, title: item.title, description: item.description ?? null })));
        }
        await repository.update(id, {
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.campaignId !== undefined ? { campaign_id: body.campaignId } : {}),
          min_items: rule.minItems,
          max_items: rule.maxItems,
          required_months: [...new Set(rule.requiredMonths)].sort((a, b) => a - b),
          plan_day: rule.planDay,
          record_days: rule.recordDays,
        });
        const after = await visible(principal, id, repository);
        await recordAudit(trx, auditContext(context), {
          action: 'study_topic.update',
          entityType: 'study_topic',
          entityId: id,
          unit: { id: principal.scope.id, path: principal.scope.path },
          before: auditedTopic(before, beforeItems),
          after: auditedTopic(after, await repository.items([id])),
        });
        return one(principal, id, repository);
      });
    },

    async addMaterial(context: RequestContext, id: number, body: AddMaterialBody): Promise<StudyTopic> {
      const { principal } = context;
      const sources = [body.url, body.fileId, body.documentId].filter((v) => v !== undefined);
      if (sources.length !== 1) throw Validation('Tài liệu cần đúng một nguồn: đường dẫn, tệp tải lên hoặc văn bản đã đăng ký.');
      return db.transaction().execute(async (trx) => {
        const repository = studyTopicsRepository(trx);
        const topic = await editable(principal, id, repository);
        if (body.fileId !== undefined) await files.attachable(trx, body.fileId, topic.unit_id);
        if (body.documentId !== undefined) await documents.visible(principal, body.documentId, trx);
        await repository.addMaterial({ topic_id: id, title: body.title, url: body.url ?? null, file_id: body.fileId ?? null, document_id: body.documentId ?? null });
        await repository.update(id, {});
        await recordAudit(trx, auditContext(context), {
          action: 'study_topic.material_add',
          entityType: 'study_topic',
          entityId: id,
          unit: { id: principal.scope.id, path: principal.scope.path },
          after: { title: body.title, url: body.url ?? null, fileId: body.fileId ?? null, documentId: body.documentId ?? null },
        });
        return one(principal, id, repository);
      });
    },

    async removeMaterial(context: RequestContext, id: number, materialId: number): Promise<void> {
      const { principal } = context;
      await db.transaction().execute(async (trx) => {
        const repository = studyTopicsRepository(trx);
        await editable(principal, id, repository);
        const material = await repository.material(id, materialId);
        if (!material) throw NotFound('Không tìm thấy tài liệu.');
        await repository.removeMaterial(id, materialId);
        await repository.update(id, {});
        await recordAudit(trx, auditContext(context), {
          action: 'study_topic.material_remove',
          entityType: 'study_topic',
          entityId: id,
          unit: { id: principal.scope.id, path: principal.scope.path },
          before: { title: material.title },
        });
      });
    },

    async materialFile(principal: Principal, id: number, materialId: number) {
      await visible(principal, id);
      const material = await repo.material(id, materialId);
      const file = material?.file_id ? await files.withContent(material.file_id) : undefined;
      if (!file) throw NotFound('Tài liệu này không có tệp.');
      return file;
    },
  };
}

function definedRule(body: { minItems?: number | undefined; maxItems?: number | undefined; requiredMonths?: number[] | undefined; planDay?: number | undefined; recordDays?: number | undefined }): Partial<TopicRule> {
  return {
    ...(body.minItems !== undefined ? { minItems: body.minItems } : {}),
    ...(body.maxItems !== undefined ? { maxItems: body.maxItems } : {}),
    ...(body.requiredMonths !== undefined ? { requiredMonths: body.requiredMonths } : {}),
    ...(body.planDay !== undefined ? { planDay: body.planDay } : {}),
    ...(body.recordDays !== undefined ? { recordDays: body.recordDays } : {}),
  };
}

export type StudyTopicsService = ReturnType<typeof studyTopicsService>;
