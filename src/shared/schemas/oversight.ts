import { z } from 'zod';
import { DOCUMENT_TYPES } from '../domain/documents';
import { ACTIVITY_STATES, FINDING_KINDS, FOLLOW_UP_STATES, OVERSIGHT_KINDS, oversightDateProblem } from '../domain/oversight';
import { TIMELINESS_STATES } from '../domain/timeliness';
import { idSchema, isoDateSchema, pageQuerySchema, textSchema, versionSchema } from './common';
import { storedFileSchema } from './files';
import { unitRefSchema } from './units';

/**
 * The oversight calendar (issue #8): activities (kiểm tra, giám sát, giao ban, sơ kết, tổng kết) with the
 * units concerned, documents, findings, the follow-up task of a finding and the negative phenomena
 * (officers only). Every object carries `can` flags computed by the server's policies.
 */

const yearSchema = z.coerce.number({ error: 'Năm không hợp lệ.' }).int({ error: 'Năm không hợp lệ.' }).min(1945, { error: 'Năm không hợp lệ.' }).max(2100, { error: 'Năm không hợp lệ.' });

/** A date of the campaign's years (2011–2100). */
const oversightDate = (label: string) => isoDateSchema.superRefine((value, ctx) => {
  const problem = oversightDateProblem(value, label);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const oversightKindSchema = z.enum(OVERSIGHT_KINDS, { error: 'Loại hoạt động không hợp lệ.' });
export const activityStateSchema = z.enum(ACTIVITY_STATES, { error: 'Trạng thái hoạt động không hợp lệ.' });
export const findingKindSchema = z.enum(FINDING_KINDS, { error: 'Loại nhận xét không hợp lệ (ưu điểm, hạn chế, vi phạm).' });
export const followUpStateSchema = z.enum(FOLLOW_UP_STATES, { error: 'Trạng thái việc khắc phục không hợp lệ.' });
export const timelinessSchema = z.enum(TIMELINESS_STATES, { error: 'Tình trạng thời hạn không hợp lệ.' });

// ——— Responses ———

/** The activity a finding, follow-up or negative phenomenon comes from. */
export const activityRefSchema = z.object({
  id: z.number(),
  kind: z.enum(OVERSIGHT_KINDS),
  title: z.string(),
  organiser: unitRefSchema,
  plannedOn: z.string(),
  heldOn: z.string().nullable(),
  state: z.enum(ACTIVITY_STATES),
});
export type ActivityRef = z.infer<typeof activityRefSchema>;

export const findingRefSchema = z.object({ id: z.number(), number: z.number(), kind: z.enum(FINDING_KINDS), content: z.string(), unit: unitRefSchema });
export type FindingRef = z.infer<typeof findingRefSchema>;

export const followUpSchema = z.object({
  id: z.number(),
  findingId: z.number(),
  activityId: z.number(),
  owner: unitRefSchema,
  task: z.string(),
  dueOn: z.string(),
  state: z.enum(FOLLOW_UP_STATES),
  doneOn: z.string().nullable(),
  /** What was done: the evidence description. */
  result: z.string().nullable(),
  evidenceFile: storedFileSchema.nullable(),
  /** Who reported it done. */
  closedBy: z.string().nullable(),
  reopenComment: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** DOMAIN.md §5 against the server's today; null when cancelled. */
  timeliness: z.enum(TIMELINESS_STATES).nullable(),
  version: z.number(),
  can: z.object({ complete: z.boolean(), reopen: z.boolean(), cancel: z.boolean() }),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** A follow-up with where it comes from: lists and the answers of its actions. */
export const followUpItemSchema = followUpSchema.extend({ finding: findingRefSchema, activity: activityRefSchema });
export type FollowUpItem = z.infer<typeof followUpItemSchema>;

export const negativeSchema = z.object({
  id: z.number(),
  findingId: z.number(),
  activityId: z.number(),
  unit: unitRefSchema,
  description: z.string(),
  handling: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  can: z.object({ edit: z.boolean() }),
});
export type Negative = z.infer<typeof negativeSchema>;

export const negativeItemSchema = negativeSchema.extend({ finding: findingRefSchema, activity: activityRefSchema });
export type NegativeItem = z.infer<typeof negativeItemSchema>;

export const findingSchema = z.object({
  id: z.number(),
  activityId: z.number(),
  number: z.number(),
  unit: unitRefSchema,
  kind: z.enum(FINDING_KINDS),
  content: z.string(),
  followUp: followUpSchema.nullable(),
  /** Negative phenomena linked to the finding: present only for officers in scope, never sent to others. */
  negatives: z.array(negativeSchema).optional(),
  version: z.number(),
  createdAt: z.string(),
  can: z.object({ edit: z.boolean(), addFollowUp: z.boolean(), addNegative: z.boolean() }),
});
export type Finding = z.infer<typeof findingSchema>;

export const findingItemSchema = findingSchema.extend({ activity: activityRefSchema });
export type FindingItem = z.infer<typeof findingItemSchema>;

export const activityCanSchema = z.object({ edit: z.boolean(), hold: z.boolean(), cancel: z.boolean(), addFinding: z.boolean() });

export const activitySummarySchema = activityRefSchema.extend({
  location: z.string().nullable(),
  /** Units inspected, supervised or taking part. */
  units: z.array(unitRefSchema),
  /** Over the findings the caller may see. */
  counts: z.object({ findings: z.number(), followUps: z.number(), openFollowUps: z.number(), overdueFollowUps: z.number() }),
  version: z.number(),
  can: activityCanSchema,
});
export type ActivitySummary = z.infer<typeof activitySummarySchema>;

export const activityAttachmentSchema = z.object({
  id: z.number(),
  /** An uploaded file, or a registered Party document (plan, conclusion notice). */
  file: storedFileSchema.nullable(),
  document: z.object({ id: z.number(), symbol: z.string(), title: z.string(), docType: z.enum(DOCUMENT_TYPES), issuedOn: z.string() }).nullable(),
});
export type ActivityAttachment = z.infer<typeof activityAttachmentSchema>;

export const activityDetailSchema = activitySummarySchema.extend({
  cancelReason: z.string().nullable(),
  participants: z.string().nullable(),
  participantCount: z.number().nullable(),
  conclusion: z.string().nullable(),
  attachments: z.array(activityAttachmentSchema),
  /** The findings the caller may see, in number order, each with its follow-up. */
  findings: z.array(findingSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActivityDetail = z.infer<typeof activityDetailSchema>;

export const ACTIVITY_RELATIONS = ['organised', 'concerning'] as const;
export type ActivityRelation = (typeof ACTIVITY_RELATIONS)[number];

export const activityListSchema = z.object({
  unit: unitRefSchema,
  relation: z.enum(ACTIVITY_RELATIONS),
  items: z.array(activitySummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  can: z.object({ create: z.boolean() }),
});
export type ActivityList = z.infer<typeof activityListSchema>;

export const followUpListSchema = z.object({
  unit: unitRefSchema,
  /** Over the filtered follow-ups, whatever the timeliness filter: the four states of DOMAIN.md §5 and the cancelled ones. */
  counts: z.object({ done_on_time: z.number(), done_late: z.number(), pending: z.number(), overdue: z.number(), cancelled: z.number() }),
  items: z.array(followUpItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type FollowUpList = z.infer<typeof followUpListSchema>;

export const unitFindingsSchema = z.object({ unit: unitRefSchema, items: z.array(findingItemSchema) });
export type UnitFindings = z.infer<typeof unitFindingsSchema>;

export const negativeListSchema = z.object({ unit: unitRefSchema, items: z.array(negativeItemSchema) });
export type NegativeList = z.infer<typeof negativeListSchema>;

// ——— Queries ———

export const activityListQuerySchema = pageQuerySchema.extend({
  /** Default: the caller's scope. */
  unitId: idSchema.optional(),
  /** The year of the held date, or of the planned date while not held. */
  year: yearSchema.optional(),
  kind: oversightKindSchema.optional(),
  state: activityStateSchema.optional(),
  /** organised: the organiser is in the unit's subtree; concerning: a unit concerned is. */
  relation: z.enum(ACTIVITY_RELATIONS, { error: 'Quan hệ phải là organised hoặc concerning.' }).default('organised'),
});
export type ActivityListQuery = z.input<typeof activityListQuerySchema>;

export const followUpListQuerySchema = pageQuerySchema.extend({
  /** Follow-ups owned by units of this unit's subtree (default: the caller's scope). */
  unitId: idSchema.optional(),
  /** The year of the due date. */
  year: yearSchema.optional(),
  state: followUpStateSchema.optional(),
  timeliness: timelinessSchema.optional(),
});
export type FollowUpListQuery = z.input<typeof followUpListQuerySchema>;

/** The year of the activity's held date. */
export const yearQuerySchema = z.object({ year: yearSchema.optional() });
export const negativeListQuerySchema = z.object({ unitId: idSchema.optional(), year: yearSchema.optional() });
export type NegativeListQuery = z.input<typeof negativeListQuerySchema>;

// ——— Requests ———

const idList = (label: string) => z.array(idSchema, { error: `${label} phải là danh sách mã.` }).max(50, { error: `Tối đa 50 ${label.toLowerCase()}.` });
const participantCount = z.number({ error: 'Số người tham dự phải là số.' }).int({ error: 'Số người tham dự phải là số nguyên.' }).min(0, { error: 'Số người tham dự không được âm.' }).max(100000, { error: 'Số người tham dự quá lớn.' });

export const createActivitySchema = z.strictObject({
  organiserUnitId: idSchema,
  kind: oversightKindSchema,
  title: textSchema('Tên hoạt động', 300, 3),
  plannedOn: oversightDate('Ngày dự kiến'),
  /** Units concerned: open units of the organiser's subtree (the organiser itself allowed). */
  unitIds: idList('Đơn vị').default([]),
  location: textSchema('Địa điểm', 300, 0).nullable().optional(),
  /** Files uploaded for the organiser (POST /api/files?unitId=organiser). */
  fileIds: idList('Tệp').default([]),
  /** Registered Party documents the organiser can read. */
  documentIds: idList('Văn bản').default([]),
  /** Given: recorded as already held. */
  heldOn: isoDateSchema.optional(),
  participants: textSchema('Thành phần tham dự', 2000, 0).nullable().optional(),
  participantCount: participantCount.nullable().optional(),
  conclusion: textSchema('Kết luận', 8000, 0).nullable().optional(),
});
export type CreateActivityInput = z.input<typeof createActivitySchema>;

export const updateActivitySchema = z.strictObject({
  version: versionSchema,
  kind: oversightKindSchema.optional(),
  title: textSchema('Tên hoạt động', 300, 3).optional(),
  plannedOn: oversightDate('Ngày dự kiến').optional(),
  unitIds: idList('Đơn vị').optional(),
  location: textSchema('Địa điểm', 300, 0).nullable().optional(),
  fileIds: idList('Tệp').optional(),
  documentIds: idList('Văn bản').optional(),
  /** Only for a held activity (correcting the date). */
  heldOn: isoDateSchema.optional(),
  participants: textSchema('Thành phần tham dự', 2000, 0).nullable().optional(),
  participantCount: participantCount.nullable().optional(),
  conclusion: textSchema('Kết luận', 8000, 0).nullable().optional(),
});
export type UpdateActivityInput = z.input<typeof updateActivitySchema>;

export const holdActivitySchema = z.strictObject({
  version: versionSchema,
  heldOn: isoDateSchema,
  participants: textSchema('Thành phần tham dự', 2000, 0).nullable().optional(),
  participantCount: participantCount.nullable().optional(),
  conclusion: textSchema('Kết luận', 8000, 0).nullable().optional(),
});
export type HoldActivityInput = z.input<typeof holdActivitySchema>;

export const cancelActivitySchema = z.strictObject({ version: versionSchema, reason: textSchema('Lý do hủy', 1000, 3) });
export type CancelActivityInput = z.input<typeof cancelActivitySchema>;

export const followUpInputSchema = z.strictObject({
  task: textSchema('Việc phải khắc phục', 2000, 3),
  /** An open unit of the organiser's subtree. */
  ownerUnitId: idSchema,
  /** Not before the activity's held date. */
  dueOn: isoDateSchema,
});
export type FollowUpInput = z.input<typeof followUpInputSchema>;

export const createFindingSchema = z.strictObject({
  /** A unit concerned or one below it; for briefings and reviews any unit of the organiser's subtree. */
  unitId: idSchema,
  kind: findingKindSchema,
  content: textSchema('Nội dung nhận xét', 4000, 3),
  followUp: followUpInputSchema.optional(),
});
export type CreateFindingInput = z.input<typeof createFindingSchema>;

export const updateFindingSchema = z.strictObject({
  version: versionSchema,
  unitId: idSchema.optional(),
  kind: findingKindSchema.optional(),
  content: textSchema('Nội dung nhận xét', 4000, 3).optional(),
});
export type UpdateFindingInput = z.input<typeof updateFindingSchema>;

export const completeFollowUpSchema = z.strictObject({
  version: versionSchema,
  /** Default: today. Not after today, not before the activity. */
  doneOn: isoDateSchema.optional(),
  /** What was done: the evidence description. */
  result: textSchema('Kết quả thực hiện', 4000, 3),
  /** A file uploaded for the owner unit. */
  evidenceFileId: idSchema.nullable().optional(),
});
export type CompleteFollowUpInput = z.input<typeof completeFollowUpSchema>;

export const reopenFollowUpSchema = z.strictObject({ version: versionSchema, comment: textSchema('Lý do mở lại', 2000, 3) });
export type ReopenFollowUpInput = z.input<typeof reopenFollowUpSchema>;

export const cancelFollowUpSchema = z.strictObject({ version: versionSchema, reason: textSchema('Lý do hủy', 2000, 3) });
export type CancelFollowUpInput = z.input<typeof cancelFollowUpSchema>;

export const createNegativeSchema = z.strictObject({
  /** The finding's unit or a unit below it. */
  unitId: idSchema,
  description: textSchema('Mô tả hiện tượng tiêu cực', 4000, 3),
  handling: textSchema('Hình thức xử lý', 4000, 0).nullable().optional(),
});
export type CreateNegativeInput = z.input<typeof createNegativeSchema>;

export const updateNegativeSchema = z.strictObject({
  version: versionSchema,
  unitId: idSchema.optional(),
  description: textSchema('Mô tả hiện tượng tiêu cực', 4000, 3).optional(),
  handling: textSchema('Hình thức xử lý', 4000, 0).nullable().optional(),
});
export type UpdateNegativeInput = z.input<typeof updateNegativeSchema>;

/** GET /api/oversight/:id/attachments/:attachmentId/file downloads an uploaded file of the activity. */
export const attachmentParamsSchema = z.strictObject({ id: idSchema, attachmentId: idSchema });
