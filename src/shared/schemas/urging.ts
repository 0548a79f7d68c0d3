import { z } from 'zod';
import { DELIVERY_STATUSES, DIGEST_FREQUENCIES, ITEM_KINDS, MAX_OFFSET_DAYS, NOTIFICATION_KINDS, REMINDER_STAGES } from '../domain/urging';
import { idSchema, isoDateSchema, pageQuerySchema, textSchema, versionSchema } from './common';
import { unitRefSchema } from './units';

/**
 * Urging (issue #11): reminder rules per campaign year, the notification centre, preferences (with the
 * account's e-mail address), the sent log and one-off urging messages. Every object carries `can` flags
 * computed by the server's policies where the browser offers actions.
 */

const yearSchema = z.coerce.number({ error: 'Năm không hợp lệ.' }).int({ error: 'Năm không hợp lệ.' }).min(1945, { error: 'Năm không hợp lệ.' }).max(2100, { error: 'Năm không hợp lệ.' });

export const itemKindSchema = z.enum(ITEM_KINDS, { error: 'Loại việc không hợp lệ.' });
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS, { error: 'Loại thông báo không hợp lệ.' });
export const digestFrequencySchema = z.enum(DIGEST_FREQUENCIES, { error: 'Tần suất thư tổng hợp không hợp lệ (hằng ngày hoặc hằng tuần).' });

/** 'HH:MM', 24-hour, Vietnam time. */
export const timeOfDaySchema = z.string({ error: 'Giờ không hợp lệ (HH:MM).' }).regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/u, { error: 'Giờ không hợp lệ (định dạng HH:MM, 00:00–23:59).' });

const daysBeforeSchema = z
  .number({ error: 'Số ngày nhắc trước hạn phải là số.' })
  .int({ error: 'Số ngày nhắc trước hạn phải là số nguyên.' })
  .min(0, { error: 'Số ngày nhắc trước hạn không được âm.' })
  .max(MAX_OFFSET_DAYS, { error: `Số ngày nhắc trước hạn không được quá ${MAX_OFFSET_DAYS}.` });
const daysAfterSchema = z
  .number({ error: 'Số ngày nhắc lại khi quá hạn phải là số.' })
  .int({ error: 'Số ngày nhắc lại khi quá hạn phải là số nguyên.' })
  .min(0, { error: 'Số ngày nhắc lại khi quá hạn không được âm.' })
  .min(1, { error: 'Số ngày nhắc lại khi quá hạn phải từ 1 trở lên.' })
  .max(MAX_OFFSET_DAYS, { error: `Số ngày nhắc lại khi quá hạn không được quá ${MAX_OFFSET_DAYS}.` });

// ——— Rules ———

export const RULE_STATES = ['active', 'scheduled', 'closed'] as const;
export type RuleState = (typeof RULE_STATES)[number];
export const RULE_STATE_LABELS: Record<RuleState, string> = { active: 'Đang áp dụng', scheduled: 'Chưa đến ngày áp dụng', closed: 'Đã hết hiệu lực' };

export const reminderRuleSchema = z.object({
  id: z.number(),
  /** The committee that owns the rule: it applies to the items of this unit's subtree. */
  rootUnit: unitRefSchema,
  year: z.number(),
  itemKind: itemKindSchema,
  /** One reminder this many days before the due date (null: none). */
  daysBefore: z.number().nullable(),
  onDue: z.boolean(),
  /** Every this many days once overdue, until done (null: none). */
  daysAfter: z.number().nullable(),
  digestToParent: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  state: z.enum(RULE_STATES),
  createdBy: z.string().nullable(),
  version: z.number(),
  can: z.object({ edit: z.boolean(), close: z.boolean() }),
});
export type ReminderRule = z.infer<typeof reminderRuleSchema>;

export const ruleListQuerySchema = z.object({ year: yearSchema.optional() });
export type RuleListQuery = z.input<typeof ruleListQuerySchema>;

export const ruleListSchema = z.object({
  /** Rules whose root is the caller's scope, above it (read only) or below it. */
  items: z.array(reminderRuleSchema),
  can: z.object({ create: z.boolean() }),
});
export type RuleList = z.infer<typeof ruleListSchema>;

export const createRuleSchema = z.strictObject({
  /** Default: the caller's scope unit. */
  rootUnitId: idSchema.optional(),
  year: yearSchema,
  itemKind: itemKindSchema,
  daysBefore: daysBeforeSchema.nullable().default(null),
  onDue: z.boolean({ error: 'Nhắc đúng ngày hạn phải là có hoặc không.' }).default(true),
  daysAfter: daysAfterSchema.nullable().default(null),
  digestToParent: z.boolean({ error: 'Gửi tổng hợp cho cấp trên phải là có hoặc không.' }).default(true),
  /** Default: today (or 1/1 of the year when that is later). */
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.nullable().optional(),
});
export type CreateRuleBody = z.input<typeof createRuleSchema>;

export const updateRuleSchema = z.strictObject({
  daysBefore: daysBeforeSchema.nullable().optional(),
  onDue: z.boolean({ error: 'Nhắc đúng ngày hạn phải là có hoặc không.' }).optional(),
  daysAfter: daysAfterSchema.nullable().optional(),
  digestToParent: z.boolean({ error: 'Gửi tổng hợp cho cấp trên phải là có hoặc không.' }).optional(),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.nullable().optional(),
  version: versionSchema,
});
export type UpdateRuleBody = z.input<typeof updateRuleSchema>;

export const closeRuleSchema = z.strictObject({
  /** Last day the rule applies; default today. */
  validTo: isoDateSchema.optional(),
  version: versionSchema,
});
export type CloseRuleBody = z.input<typeof closeRuleSchema>;

// ——— Notifications ———

export const notificationSchema = z.object({
  id: z.number(),
  kind: notificationKindSchema,
  itemKind: itemKindSchema.nullable(),
  /** The unit that must act (reminder, urging) or the parent unit whose sub-units are late (digest). */
  unit: unitRefSchema,
  stage: z.enum(REMINDER_STAGES).nullable(),
  dueOn: z.string().nullable(),
  businessDate: z.string(),
  title: z.string(),
  body: z.string(),
  /** Path inside the web app ('/chi-dao?document=12&unit=34'). */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = pageQuerySchema.extend({
  /** 1 (or true): unread only. */
  unread: z.enum(['0', '1', 'true', 'false'], { error: 'Tham số unread phải là 0 hoặc 1.' }).optional(),
});
export type NotificationListQuery = z.input<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  unread: z.number(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationCountSchema = z.object({ unread: z.number() });
export type NotificationCount = z.infer<typeof notificationCountSchema>;

export const readAllResultSchema = z.object({ updated: z.number() });

// ——— Preferences ———

const emailSchema = z
  .string({ error: 'Địa chỉ thư điện tử phải là chuỗi ký tự.' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'Địa chỉ thư điện tử dài quá 254 ký tự.' })
  .pipe(z.email({ error: 'Địa chỉ thư điện tử không hợp lệ.' }));

export const preferencesSchema = z.object({
  email: z.string().nullable(),
  emailEnabled: z.boolean(),
  /** Which kinds are e-mailed (the notification centre always shows everything). */
  emailKinds: z.array(notificationKindSchema),
  digest: digestFrequencySchema,
  quietFrom: z.string().nullable(),
  quietTo: z.string().nullable(),
  /** False when the server has no SMTP_URL: no e-mail is sent at all. */
  emailConfigured: z.boolean(),
  version: z.number(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const updatePreferencesSchema = z
  .strictObject({
    email: emailSchema.nullable(),
    emailEnabled: z.boolean({ error: 'Nhận thư phải là có hoặc không.' }),
    emailKinds: z.array(notificationKindSchema, { error: 'Loại thông báo nhận qua thư phải là danh sách.' }).max(3),
    digest: digestFrequencySchema,
    quietFrom: timeOfDaySchema.nullable(),
    quietTo: timeOfDaySchema.nullable(),
    version: versionSchema,
  })
  .superRefine((value, ctx) => {
    if ((value.quietFrom === null) !== (value.quietTo === null)) ctx.addIssue({ code: 'custom', path: ['quietTo'], message: 'Giờ yên lặng cần cả giờ bắt đầu và giờ kết thúc.' });
    else if (value.quietFrom !== null && value.quietFrom === value.quietTo) ctx.addIssue({ code: 'custom', path: ['quietTo'], message: 'Giờ kết thúc phải khác giờ bắt đầu.' });
  });
export type UpdatePreferencesBody = z.input<typeof updatePreferencesSchema>;

// ——— Sent log ———

export const sentQuerySchema = pageQuerySchema.extend({
  /** Notifications about units of this subtree (default: the caller's scope). */
  unitId: idSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  kind: notificationKindSchema.optional(),
});
export type SentQuery = z.input<typeof sentQuerySchema>;

export const sentItemSchema = z.object({
  id: z.number(),
  kind: notificationKindSchema,
  itemKind: itemKindSchema.nullable(),
  unit: unitRefSchema,
  recipient: z.object({ id: z.number(), username: z.string(), displayName: z.string() }),
  /** Who sent a one-off urging message. */
  sender: z.string().nullable(),
  stage: z.enum(REMINDER_STAGES).nullable(),
  dueOn: z.string().nullable(),
  businessDate: z.string(),
  title: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  delivery: z
    .object({
      email: z.string(),
      status: z.enum(DELIVERY_STATUSES),
      attempts: z.number(),
      lastError: z.string().nullable(),
      sentAt: z.string().nullable(),
    })
    .nullable(),
});
export type SentItem = z.infer<typeof sentItemSchema>;

export const sentListSchema = z.object({
  items: z.array(sentItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type SentList = z.infer<typeof sentListSchema>;

// ——— One-off urging ———

export const urgingMessageSchema = z.strictObject({
  /** What the message is about (null: a general message); decides the link each recipient gets. */
  itemKind: itemKindSchema.nullable().optional(),
  /**
   * For `plan` / `conference`: the cascade's (parent) document id, the link opens the cascade on it for
   * the recipient unit; for `follow_up`: the oversight activity id; otherwise unused.
   */
  itemId: idSchema.nullable().optional(),
  unitIds: z
    .array(idSchema, { error: 'Danh sách đơn vị phải là danh sách mã.' })
    .min(1, { error: 'Hãy chọn ít nhất một đơn vị nhận.' })
    .max(500, { error: 'Mỗi lần đôn đốc tối đa 500 đơn vị.' }),
  text: textSchema('Nội dung đôn đốc', 2000),
});
export type UrgingMessageBody = z.input<typeof urgingMessageSchema>;

export const urgingResultSchema = z.object({
  id: z.number(),
  units: z.number(),
  /** Notifications created (accounts of those units). */
  recipients: z.number(),
  /** E-mails queued. */
  emails: z.number(),
  /** Units that have no account to receive it (the message is still recorded for them). */
  unitsWithoutRecipient: z.array(unitRefSchema),
});
export type UrgingResult = z.infer<typeof urgingResultSchema>;

