import { z } from 'zod';
import { ATTENDANCE_STATUSES, MEETING_KINDS, SQUARE_STATES } from '../domain/meetings';
import { UNIT_KINDS } from '../domain/units';
import { idSchema, isoDateSchema, textSchema, versionSchema } from './common';
import { storedFileSchema } from './files';

const yearSchema = z.coerce.number({ error: 'Năm không hợp lệ.' }).int({ error: 'Năm không hợp lệ.' }).min(1945, { error: 'Năm không hợp lệ.' }).max(2100, { error: 'Năm không hợp lệ.' });
const monthSchema = z.coerce.number({ error: 'Tháng không hợp lệ.' }).int({ error: 'Tháng không hợp lệ.' }).min(1, { error: 'Tháng phải từ 1 đến 12.' }).max(12, { error: 'Tháng phải từ 1 đến 12.' });

// ——— The year's study topic ———

export const topicRuleSchema = z.object({
  minItems: z.number(),
  maxItems: z.number(),
  requiredMonths: z.array(z.number()),
  planDay: z.number(),
  recordDays: z.number(),
});

export const topicItemSchema = z.object({ id: z.number(), number: z.number(), title: z.string(), description: z.string().nullable() });
export type TopicItem = z.infer<typeof topicItemSchema>;

export const topicMaterialSchema = z.object({
  id: z.number(),
  title: z.string(),
  url: z.string().nullable(),
  file: storedFileSchema.nullable(),
  document: z.object({ id: z.number(), symbol: z.string(), title: z.string() }).nullable(),
});
export type TopicMaterial = z.infer<typeof topicMaterialSchema>;

export const studyTopicSchema = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  campaignId: z.number().nullable(),
  rule: topicRuleSchema,
  items: z.array(topicItemSchema),
  materials: z.array(topicMaterialSchema),
  version: z.number(),
  can: z.object({ edit: z.boolean() }),
});
export type StudyTopic = z.infer<typeof studyTopicSchema>;

export const studyTopicListSchema = z.object({ items: z.array(studyTopicSchema), can: z.object({ create: z.boolean() }) });
export type StudyTopicList = z.infer<typeof studyTopicListSchema>;

const topicItemInput = z.strictObject({
  /** Present when editing an existing item. */
  id: idSchema.optional(),
  title: textSchema('Tên nội dung', 500, 3),
  description: textSchema('Mô tả nội dung', 4000, 0).nullable().optional(),
});

const ruleFields = {
  minItems: z.number().int().min(0, { error: 'Số nội dung tối thiểu không được âm.' }).max(10).optional(),
  maxItems: z.number().int().min(1, { error: 'Số nội dung tối đa phải từ 1.' }).max(10, { error: 'Số nội dung tối đa không quá 10.' }).optional(),
  requiredMonths: z.array(monthSchema).max(12).optional(),
  planDay: z.number().int().min(1, { error: 'Hạn lập kế hoạch phải từ ngày 1 đến ngày 28.' }).max(28, { error: 'Hạn lập kế hoạch phải từ ngày 1 đến ngày 28.' }).optional(),
  recordDays: z.number().int().min(0, { error: 'Số ngày ghi biên bản không được âm.' }).max(60).optional(),
};

export const createStudyTopicBodySchema = z.strictObject({
  year: yearSchema,
  title: textSchema('Tên chuyên đề', 500, 5),
  description: textSchema('Mô tả', 4000, 0).nullable().optional(),
  campaignId: idSchema.nullable().optional(),
  ...ruleFields,
  items: z.array(topicItemInput, { error: 'Nhập các nội dung của chuyên đề.' }).min(1, { error: 'Chuyên đề cần ít nhất một nội dung.' }).max(30, { error: 'Tối đa 30 nội dung.' }),
});
export type CreateStudyTopicBody = z.input<typeof createStudyTopicBodySchema>;

export const updateStudyTopicBodySchema = createStudyTopicBodySchema.omit({ year: true }).partial().extend({ version: versionSchema });
export type UpdateStudyTopicBody = z.input<typeof updateStudyTopicBodySchema>;

export const addMaterialBodySchema = z.strictObject({
  title: textSchema('Tên tài liệu', 300, 2),
  url: z.url({ protocol: /^https?$/u, error: 'Đường dẫn phải bắt đầu bằng http:// hoặc https://' }).optional(),
  fileId: idSchema.optional(),
  documentId: idSchema.optional(),
});
export type AddMaterialBody = z.input<typeof addMaterialBodySchema>;
export const materialParamsSchema = z.strictObject({ id: idSchema, materialId: idSchema });

export const studyTopicListQuerySchema = z.object({ year: yearSchema.optional() });

// ——— Meetings ———

export const attendanceEntrySchema = z.object({ memberId: z.number(), fullName: z.string(), status: z.enum(ATTENDANCE_STATUSES) });

export const meetingSummarySchema = z.object({
  id: z.number(),
  kind: z.enum(MEETING_KINDS),
  year: z.number(),
  month: z.number(),
  plannedOn: z.string().nullable(),
  heldOn: z.string().nullable(),
  studiedCount: z.number(),
  present: z.number(),
  roll: z.number(),
  recordLate: z.boolean(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingDetailSchema = meetingSummarySchema.extend({
  unit: z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
  topicId: z.number().nullable(),
  planNote: z.string().nullable(),
  plannedAt: z.string().nullable(),
  /** Planned after the plan deadline (the 20th of the month before, by default). */
  planLate: z.boolean(),
  plannedItems: z.array(topicItemSchema),
  studiedItems: z.array(topicItemSchema),
  relatedNotes: z.string().nullable(),
  actions: z.string().nullable(),
  attendance: z.array(attendanceEntrySchema),
  excused: z.number(),
  absent: z.number(),
  recordedAt: z.string().nullable(),
  minutes: storedFileSchema.nullable(),
  version: z.number(),
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const cellYearQuerySchema = z.object({ unitId: idSchema, year: yearSchema });

export const cellYearSchema = z.object({
  cell: z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS), closedOn: z.string().nullable() }),
  year: z.number(),
  today: z.string(),
  topic: studyTopicSchema.nullable(),
  months: z.array(
    z.object({
      month: z.number(),
      state: z.enum(SQUARE_STATES),
      /** Plan by this date (the plan deadline of the topic's rule). */
      planBy: z.string(),
      meeting: meetingSummarySchema.nullable(),
      extraordinary: z.array(meetingSummarySchema),
    }),
  ),
  can: z.object({ plan: z.boolean(), record: z.boolean() }),
});
export type CellYear = z.infer<typeof cellYearSchema>;

export const rollQuerySchema = z.object({ unitId: idSchema, on: isoDateSchema.optional() });
export const rollSchema = z.array(z.object({ memberId: z.number(), fullName: z.string(), status: z.enum(['probationary', 'full']) }));
export type Roll = z.infer<typeof rollSchema>;

const itemIdsSchema = z.array(idSchema, { error: 'Danh sách nội dung không hợp lệ.' }).max(10, { error: 'Chọn quá nhiều nội dung.' });
const notesSchema = (label: string) => textSchema(label, 4000, 0).nullable().optional();

export const planMeetingBodySchema = z.strictObject({
  unitId: idSchema,
  /** Required when the month already has a plan: the version it was read at. */
  version: versionSchema.optional(),
  year: yearSchema,
  month: monthSchema,
  plannedOn: isoDateSchema.nullable().optional(),
  itemIds: itemIdsSchema.default([]),
  note: notesSchema('Tài liệu, ghi chú'),
});
export type PlanMeetingBody = z.input<typeof planMeetingBodySchema>;

export const recordMeetingBodySchema = z.strictObject({
  unitId: idSchema,
  heldOn: isoDateSchema,
  /** 'extraordinary' for a second meeting in a month; it never counts for the month. */
  kind: z.enum(MEETING_KINDS, { error: 'Loại buổi sinh hoạt không hợp lệ.' }).default('regular'),
  itemIds: itemIdsSchema,
  attendance: z
    .array(z.strictObject({ memberId: idSchema, status: z.enum(ATTENDANCE_STATUSES, { error: 'Tình trạng dự họp không hợp lệ.' }) }))
    .max(500, { error: 'Danh sách dự họp quá dài.' }),
  relatedNotes: notesSchema('Nội dung liên hệ'),
  actions: notesSchema('Việc làm theo'),
  minutesFileId: idSchema.nullable().optional(),
});
export type RecordMeetingBody = z.input<typeof recordMeetingBodySchema>;

export const updateMeetingBodySchema = recordMeetingBodySchema.omit({ unitId: true, kind: true }).partial().extend({
  version: versionSchema,
  plannedOn: isoDateSchema.nullable().optional(),
  plannedItemIds: itemIdsSchema.optional(),
  note: notesSchema('Tài liệu, ghi chú'),
});
export type UpdateMeetingBody = z.input<typeof updateMeetingBodySchema>;

// ——— Matrix: cells × 12 months ———

export const squareCountsSchema = z.object({ held: z.number(), held_without_topic: z.number(), not_held: z.number(), not_yet_due: z.number() });
export type SquareCounts = z.infer<typeof squareCountsSchema>;

export const matrixRowSchema = z.object({
  unit: z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS), childCount: z.number() }),
  /** Open cells counted in this row (1 for a cell). */
  cells: z.number(),
  /** Twelve squares; for a cell the counts are 0 or 1 (one state). */
  squares: z.array(squareCountsSchema),
  totals: squareCountsSchema,
  /** Share of due cell-months with a meeting that took up the topic, 0–1, or null before any is due. */
  validShare: z.number().nullable(),
  attendanceRate: z.number().nullable(),
  /** Cells with two or more due months in a row without a meeting. */
  cellsMissingTwoInRow: z.number(),
});
export type MatrixRow = z.infer<typeof matrixRowSchema>;

export const matrixQuerySchema = z.object({ unitId: idSchema.optional(), year: yearSchema });

export const meetingMatrixSchema = z.object({
  year: z.number(),
  today: z.string(),
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  /** The unit itself, rolled up. */
  unit: matrixRowSchema,
  /** Its children (or, for a cell, nothing). */
  rows: z.array(matrixRowSchema),
  /** Per month, over all rows. */
  columns: z.array(squareCountsSchema),
});
export type MeetingMatrix = z.infer<typeof meetingMatrixSchema>;

// ——— A member's own history ———

export const myMeetingsSchema = z.object({
  /** The next planned meeting of the member's cell, if any. */
  next: meetingDetailSchema.omit({ attendance: true }).nullable(),
  history: z.array(
    z.object({
      meetingId: z.number(),
      year: z.number(),
      month: z.number(),
      heldOn: z.string(),
      kind: z.enum(MEETING_KINDS),
      status: z.enum(ATTENDANCE_STATUSES),
      studiedItems: z.array(z.string()),
    }),
  ),
});
export type MyMeetings = z.infer<typeof myMeetingsSchema>;
