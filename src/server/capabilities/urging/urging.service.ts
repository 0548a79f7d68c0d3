import {
  type ItemKind,
  type NotificationKind,
  itemLink,
  offsetsProblem,
  previousDay,
  urgingTitle,
} from '../../../shared/domain/urging';
import type {
  CloseRuleBody,
  CreateRuleBody,
  NotificationCount,
  NotificationList,
  NotificationListQuery,
  Preferences,
  ReminderRule,
  RuleList,
  RuleListQuery,
  SentList,
  SentQuery,
  UpdatePreferencesBody,
  UpdateRuleBody,
  UrgingMessageBody,
  UrgingResult,
} from '../../../shared/schemas/urging';
import {
  closeRuleSchema,
  createRuleSchema,
  notificationListQuerySchema,
  ruleListQuerySchema,
  sentQuerySchema,
  updatePreferencesSchema,
  updateRuleSchema,
  urgingMessageSchema,
} from '../../../shared/schemas/urging';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import type { Clock } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canEditTree, isInScope, isStrictlyBelowScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import type { JobQueue } from '../../jobs/queue';
import { createDeliveries, notificationsOf } from './deliveries';
import { auditedRule, presentNotification, presentRule, presentSent, type RuleRow } from './urging.presenter';
import { urgingRepository } from './urging.repository';

export interface UrgingOptions {
  /** SMTP is configured: deliveries are created for accounts with an address. */
  emailEnabled: boolean;
  /** Null when no worker queue is reachable from here (the sweep picks the deliveries up). */
  jobs: JobQueue | null;
  log?: { error(object: object, message: string): void };
}

const field = (path: string, message: string) => Validation(message, [{ path, message }]);
const DEFAULT_EMAIL_KINDS: NotificationKind[] = ['reminder', 'digest', 'urging'];

export function urgingService(db: Db, clock: Clock, options: UrgingOptions) {
  const repo = urgingRepository(db);

  const canManage = (principal: Principal, rootPath: string) => canEditTree(principal) && isInScope(principal, rootPath);

  function present(principal: Principal, row: RuleRow): ReminderRule {
    const today = clock.today();
    const open = row.valid_to === null || row.valid_to >= today;
    const manage = canManage(principal, row.root_path);
    return presentRule(row, today, { edit: manage && open, close: manage && open });
  }

  function checkOffsets(values: { daysBefore: number | null; onDue: boolean; daysAfter: number | null }) {
    const problem = offsetsProblem(values);
    if (problem) throw field(values.daysBefore !== null && values.daysBefore < 0 ? 'daysBefore' : 'daysAfter', problem);
  }

  function checkValidity(year: number, validFrom: string, validTo: string | null) {
    const fromYear = Number(validFrom.slice(0, 4));
    if (fromYear < year - 1 || fromYear > year) throw field('validFrom', `Ngày bắt đầu áp dụng phải trong năm ${year} hoặc năm trước đó.`);
    if (validTo !== null && validTo < validFrom) throw field('validTo', 'Ngày hết hiệu lực không được trước ngày bắt đầu áp dụng.');
  }

  async function readPreferences(principal: Principal, database: Db = db): Promise<Preferences> {
    const row = await urgingRepository(database).preferences(principal.accountId);
    if (!row) throw NotFound();
    return {
      email: row.email,
      emailEnabled: row.email_enabled ?? true,
      emailKinds: (row.email_kinds ?? DEFAULT_EMAIL_KINDS) as NotificationKind[],
      digest: (row.digest ?? 'daily') as Preferences['digest'],
      quietFrom: row.quiet_from,
      quietTo: row.quiet_to,
      emailConfigured: options.emailEnabled,
      version: row.version ?? 1,
    };
  }

  async function enqueue(deliveryIds: number[]) {
    if (deliveryIds.length === 0 || !options.jobs) return;
    try {
      await options.jobs.enqueueDeliveries(deliveryIds);
    } catch (error) {
      // Committed deliveries stay pending; the worker's sweep queues them.
      options.log?.error({ err: error }, 'could not queue e-mail deliveries; the sweep will');
    }
  }

  return {
    // ——— Rules ———

    async listRules(principal: Principal, query: RuleListQuery): Promise<RuleList> {
      const { year } = ruleListQuerySchema.parse(query);
      const rows = await repo.rulesVisible(principal.scope.path, year);
      return { items: rows.map((row) => present(principal, row)), can: { create: canEditTree(principal) } };
    },

    async createRule(context: RequestContext, input: CreateRuleBody): Promise<ReminderRule> {
      const { principal } = context;
      const body = createRuleSchema.parse(input);
      if (!canEditTree(principal)) throw Forbidden('Chỉ cán bộ giúp việc các cấp được đặt quy tắc đôn đốc.');
      checkOffsets(body);
      const validFrom = body.validFrom ?? `${body.year}-01-01`;
      const validTo = body.validTo ?? null;
      checkValidity(body.year, validFrom, validTo);
      return db.transaction().execute(async (trx) => {
        const txRepo = urgingRepository(trx);
        const rootId = body.rootUnitId ?? principal.scope.id;
        const root = await txRepo.unit(rootId);
        if (!root || !isInScope(principal, root.path)) throw NotFound('Không tìm thấy đơn vị áp dụng quy tắc.');
        if (root.valid_to !== null) throw field('rootUnitId', `${root.name} đã giải thể: không đặt quy tắc mới.`);
        await txRepo.lockRoot(root.id);
        const clash = await txRepo.overlapping({ rootUnitId: root.id, year: body.year, itemKind: body.itemKind, validFrom, validTo });
        if (clash) throw Conflict(`${root.name} đã có quy tắc đôn đốc cùng loại việc cho năm ${body.year} trong thời gian này. Hãy sửa quy tắc đó, hoặc cho nó hết hiệu lực trước.`);
        const values = {
          root_unit_id: root.id,
          year: body.year,
          item_kind: body.itemKind,
          days_before: body.daysBefore,
          on_due: body.onDue,
          days_after: body.daysAfter,
          digest_to_parent: body.digestToParent,
          valid_from: validFrom,
          valid_to: validTo,
          created_by: principal.accountId,
        };
        const id = await txRepo.insertRule(values);
        await recordAudit(trx, auditContext(context), { action: 'reminder_rule.create', entityType: 'reminder_rule', entityId: id, unit: { id: root.id, path: root.path }, after: auditedRule({ id, ...values }) });
        const row = await txRepo.ruleById(id);
        if (!row) throw NotFound();
        return present(principal, row);
      });
    },

    async updateRule(context: RequestContext, id: number, input: UpdateRuleBody): Promise<ReminderRule> {
      const { principal } = context;
      const body = updateRuleSchema.parse(input);
      return db.transaction().execute(async (trx) => {
        const txRepo = urgingRepository(trx);
        const locked = await txRepo.lockRule(id);
        const before = locked ? await txRepo.ruleById(id) : undefined;
        if (!locked || !before || !(isInScope(principal, before.root_path) || principal.scope.path.startsWith(`${before.root_path}.`))) throw NotFound('Không tìm thấy quy tắc đôn đốc.');
        if (!canManage(principal, before.root_path)) throw Forbidden('Quy tắc này do cấp trên đặt: đồng chí không sửa được.');
        if (locked.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        if (before.valid_to !== null && before.valid_to < clock.today()) throw Conflict('Quy tắc đã hết hiệu lực: không sửa được. Hãy đặt quy tắc mới.');
        await txRepo.lockRoot(before.root_unit_id);
        const next = {
          days_before: body.daysBefore === undefined ? before.days_before : body.daysBefore,
          on_due: body.onDue ?? before.on_due,
          days_after: body.daysAfter === undefined ? before.days_after : body.daysAfter,
          digest_to_parent: body.digestToParent ?? before.digest_to_parent,
          valid_from: body.validFrom ?? before.valid_from,
          valid_to: body.validTo === undefined ? before.valid_to : body.validTo,
        };
        checkOffsets({ daysBefore: next.days_before, onDue: next.on_due, daysAfter: next.days_after });
        checkValidity(before.year, next.valid_from, next.valid_to);
        const clash = await txRepo.overlapping({ rootUnitId: before.root_unit_id, year: before.year, itemKind: before.item_kind, validFrom: next.valid_from, validTo: next.valid_to, exceptId: id });
        if (clash) throw Conflict(`Thời gian áp dụng trùng với một quy tắc cùng loại việc khác của năm ${before.year}.`);
        await txRepo.updateRule(id, next);
        await recordAudit(trx, auditContext(context), {
          action: 'reminder_rule.update',
          entityType: 'reminder_rule',
          entityId: id,
          unit: { id: before.root_unit_id, path: before.root_path },
          before: auditedRule(before),
          after: auditedRule({ ...before, ...next }),
        });
        const row = await txRepo.ruleById(id);
        if (!row) throw NotFound();
        return present(principal, row);
      });
    },

    async closeRule(context: RequestContext, id: number, input: CloseRuleBody): Promise<ReminderRule> {
      const { principal } = context;
      const body = closeRuleSchema.parse(input);
      const today = clock.today();
      return db.transaction().execute(async (trx) => {
        const txRepo = urgingRepository(trx);
        const locked = await txRepo.lockRule(id);
        const before = locked ? await txRepo.ruleById(id) : undefined;
        if (!locked || !before || !(isInScope(principal, before.root_path) || principal.scope.path.startsWith(`${before.root_path}.`))) throw NotFound('Không tìm thấy quy tắc đôn đốc.');
        if (!canManage(principal, before.root_path)) throw Forbidden('Quy tắc này do cấp trên đặt: đồng chí không cho hết hiệu lực được.');
        if (locked.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        if (before.valid_to !== null && before.valid_to < today) throw Conflict('Quy tắc đã hết hiệu lực từ trước.');
        const validTo = body.validTo ?? (today < before.valid_from ? previousDay(before.valid_from) : today);
        if (validTo < previousDay(before.valid_from)) throw field('validTo', 'Ngày hết hiệu lực không được trước ngày bắt đầu áp dụng.');
        if (before.valid_to !== null && validTo > before.valid_to) throw field('validTo', 'Ngày hết hiệu lực chỉ được sớm hơn ngày đã đặt.');
        await txRepo.updateRule(id, { valid_to: validTo });
        await recordAudit(trx, auditContext(context), {
          action: 'reminder_rule.close',
          entityType: 'reminder_rule',
          entityId: id,
          unit: { id: before.root_unit_id, path: before.root_path },
          before: { validTo: before.valid_to },
          after: { validTo },
        });
        const row = await txRepo.ruleById(id);
        if (!row) throw NotFound();
        return present(principal, row);
      });
    },

    // ——— Notification centre (own notifications only) ———

    async listNotifications(principal: Principal, query: NotificationListQuery): Promise<NotificationList> {
      const { page, pageSize, unread } = notificationListQuerySchema.parse(query);
      const unreadOnly = unread === '1' || unread === 'true';
      const [rows, counts] = await Promise.all([repo.notifications(principal.accountId, unreadOnly, pageSize, (page - 1) * pageSize), repo.notificationCounts(principal.accountId)]);
      return { items: rows.map(presentNotification), total: unreadOnly ? counts.unread : counts.total, page, pageSize, unread: counts.unread };
    },

    async countNotifications(principal: Principal): Promise<NotificationCount> {
      return { unread: (await repo.notificationCounts(principal.accountId)).unread };
    },

    async markRead(context: RequestContext, id: number): Promise<NotificationCount> {
      const { principal } = context;
      await db.transaction().execute(async (trx) => {
        const txRepo = urgingRepository(trx);
        const row = await txRepo.notificationOf(id, principal.accountId);
        if (!row) throw NotFound('Không tìm thấy thông báo.');
        // Reading twice is harmless; every successful write is audited, so the second one too.
        if (row.read_at === null) await txRepo.markRead(id);
        await recordAudit(trx, auditContext(context), { action: 'notification.read', entityType: 'notification', entityId: id, unit: { id: principal.scope.id, path: principal.scope.path }, after: { kind: row.kind, alreadyRead: row.read_at !== null } });
      });
      return { unread: (await repo.notificationCounts(principal.accountId)).unread };
    },

    async markAllRead(context: RequestContext): Promise<{ updated: number }> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const updated = await urgingRepository(trx).markAllRead(principal.accountId);
        await recordAudit(trx, auditContext(context), { action: 'notification.read_all', entityType: 'notification', entityId: null, unit: { id: principal.scope.id, path: principal.scope.path }, after: { count: updated } });
        return { updated };
      });
    },

    // ——— Preferences ———

    preferences: (principal: Principal) => readPreferences(principal),

    async updatePreferences(context: RequestContext, input: UpdatePreferencesBody): Promise<Preferences> {
      const { principal } = context;
      const body = updatePreferencesSchema.parse(input);
      return db.transaction().execute(async (trx) => {
        const txRepo = urgingRepository(trx);
        await txRepo.lockAccount(principal.accountId);
        const before = await readPreferences(principal, trx);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const emailKinds = [...new Set(body.emailKinds)];
        await txRepo.savePreferences(principal.accountId, { emailKinds, digest: body.digest, quietFrom: body.quietFrom, quietTo: body.quietTo, emailEnabled: body.emailEnabled });
        await txRepo.setEmail(principal.accountId, body.email);
        const after = await readPreferences(principal, trx);
        const audited = (p: Preferences) => ({ email: p.email, emailEnabled: p.emailEnabled, emailKinds: p.emailKinds, digest: p.digest, quietFrom: p.quietFrom, quietTo: p.quietTo });
        await recordAudit(trx, auditContext(context), {
          action: 'notification_preference.update',
          entityType: 'notification_preference',
          entityId: principal.accountId,
          unit: { id: principal.scope.id, path: principal.scope.path },
          before: audited(before),
          after: audited(after),
        });
        return after;
      });
    },

    // ——— Sent log ———

    async sent(principal: Principal, query: SentQuery): Promise<SentList> {
      const { page, pageSize, unitId, from, to, kind } = sentQuerySchema.parse(query);
      if (!canEditTree(principal)) throw Forbidden('Chỉ cán bộ giúp việc xem được nhật ký đôn đốc.');
      let path = principal.scope.path;
      if (unitId !== undefined) {
        const unit = await repo.unit(unitId);
        if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị.');
        path = unit.path;
      }
      if (from && to && to < from) throw field('to', 'Ngày kết thúc không được trước ngày bắt đầu.');
      const { rows, total } = await repo.sent({ path, from, to, kind, limit: pageSize, offset: (page - 1) * pageSize });
      return { items: rows.map(presentSent), total, page, pageSize };
    },

    // ——— One-off urging ———

    async urge(context: RequestContext, input: UrgingMessageBody): Promise<UrgingResult> {
      const { principal } = context;
      const body = urgingMessageSchema.parse(input);
      if (!canEditTree(principal)) throw Forbidden('Chỉ cán bộ giúp việc được gửi đôn đốc.');
      const unitIds = [...new Set(body.unitIds)];
      const itemKind = (body.itemKind ?? null) as ItemKind | null;
      const itemId = body.itemId ?? null;
      const today = clock.today();
      const { result, deliveries } = await db.transaction().execute(async (trx) => {
        const txRepo = urgingRepository(trx);
        const units = await txRepo.units(unitIds);
        const byId = new Map(units.map((u) => [u.id, u]));
        for (const [index, id] of unitIds.entries()) {
          const unit = byId.get(id);
          // Out of scope is 404 like every record the caller may not see; nothing is written.
          if (!unit || !isInScope(principal, unit.path)) throw NotFound(`Không tìm thấy đơn vị nhận đôn đốc thứ ${index + 1}, hoặc đơn vị nằm ngoài phạm vi của đồng chí. Chưa gửi cho đơn vị nào.`);
          if (!isStrictlyBelowScope(principal, unit.path)) throw field(`unitIds.${index}`, 'Chỉ đôn đốc được các đơn vị cấp dưới.');
          if (unit.valid_to !== null && unit.valid_to <= today) throw field(`unitIds.${index}`, `${unit.name} đã giải thể.`);
        }
        const messageId = await txRepo.insertMessage({ sender_id: principal.accountId, unit_id: principal.scope.id, item_kind: itemKind, item_id: itemId, unit_ids: unitIds, text: body.text });
        const year = Number(today.slice(0, 4));
        const links = Object.fromEntries(unitIds.map((id) => [id, itemLink(itemKind, id, year, itemId)]));
        const { rows } = await txRepo.insertUrgings({ messageId, unitIds, title: urgingTitle(principal.scope.name), body: body.text, businessDate: today, itemKind, links });
        const deliveryIds = options.emailEnabled && rows.length > 0 ? await createDeliveries(trx, notificationsOf(rows.map((r) => r.id))) : [];
        const reached = new Set(rows.map((r) => r.unit_id));
        const withoutRecipient = unitIds.filter((id) => !reached.has(id)).map((id) => byId.get(id)!);
        await recordAudit(trx, auditContext(context), {
          action: 'urging.send',
          entityType: 'urging_message',
          entityId: messageId,
          unit: { id: principal.scope.id, path: principal.scope.path },
          after: { itemKind, itemId, unitIds, text: body.text, recipients: rows.length, emails: deliveryIds.length },
        });
        return {
          deliveries: deliveryIds,
          result: {
            id: messageId,
            units: unitIds.length,
            recipients: rows.length,
            emails: deliveryIds.length,
            unitsWithoutRecipient: withoutRecipient.map((u) => ({ id: u.id, name: u.name, kind: u.kind as UrgingResult['unitsWithoutRecipient'][number]['kind'] })),
          },
        };
      });
      await enqueue(deliveries);
      return result;
    },

    // ——— Unsubscribe (no login) ———

    async unsubscribeInfo(token: string): Promise<{ email: string | null; enabled: boolean } | null> {
      if (!/^[0-9a-f]{64}$/u.test(token)) return null;
      const row = await repo.byToken(token);
      return row ? { email: row.email, enabled: row.email_enabled } : null;
    },

    async unsubscribe(token: string, meta: { requestId: string; ip: string }): Promise<{ email: string | null } | null> {
      if (!/^[0-9a-f]{64}$/u.test(token)) return null;
      return db.transaction().execute(async (trx) => {
        const txRepo = urgingRepository(trx);
        const locked = await txRepo.lockToken(token);
        const row = locked ? await txRepo.byToken(token) : undefined;
        if (!locked || !row) return null;
        if (locked.email_enabled) {
          await txRepo.unsubscribe(locked.account_id);
          await recordAudit(trx, { actorId: null, requestId: meta.requestId, ip: meta.ip }, {
            action: 'notification_preference.unsubscribe',
            entityType: 'notification_preference',
            entityId: locked.account_id,
            unit: { id: row.scope_unit_id, path: row.unit_path },
            before: { emailEnabled: true },
            after: { emailEnabled: false },
          });
        }
        return { email: row.email };
      });
    },

    /** For tests and the CLI: today's business day of this app. */
    today: () => clock.today(),
  };
}

export type UrgingService = ReturnType<typeof urgingService>;
