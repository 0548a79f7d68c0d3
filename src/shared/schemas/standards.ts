import { z } from 'zod';
import { ISSUE_STATUSES, PILOT_KINDS, PILOT_STATES, STANDARD_KINDS, STANDARD_STATES } from '../domain/standards';
import { TIMELINESS_STATES } from '../domain/timeliness';
import { UNIT_KINDS } from '../domain/units';
import { idSchema, isoDateSchema, textSchema, versionSchema } from './common';
import { storedFileSchema } from './files';

const yearSchema = z.coerce.number({ error: 'Năm không hợp lệ.' }).int({ error: 'Năm không hợp lệ.' }).min(1945, { error: 'Năm không hợp lệ.' }).max(2100, { error: 'Năm không hợp lệ.' });
const unitRef = z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) });

// ——— Standards ———

export const criterionSchema = z.object({ number: z.number(), group: z.string().nullable(), text: z.string() });

export const standardVersionSchema = z.object({
  id: z.number(),
  standardId: z.number(),
  unit: unitRef.extend({ sector: z.string().nullable() }),
  kind: z.enum(STANDARD_KINDS),
  versionNo: z.number(),
  title: z.string(),
  state: z.enum(STANDARD_STATES),
  criteria: z.array(criterionSchema),
  /** Gentle "ngắn gọn, dễ nhớ" warnings; never block. */
  warnings: z.array(z.string()),
  returnComment: z.string().nullable(),
  documentSymbol: z.string().nullable(),
  issuedOn: z.string().nullable(),
  supersededOn: z.string().nullable(),
  version: z.number(),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean(), issue: z.boolean(), revise: z.boolean() }),
});
export type StandardVersion = z.infer<typeof standardVersionSchema>;

export const standardSeriesSchema = z.object({
  id: z.number(),
  kind: z.enum(STANDARD_KINDS),
  current: standardVersionSchema.nullable(),
  /** The version being drafted, submitted or approved, if any. */
  open: standardVersionSchema.nullable(),
  history: z.array(z.object({ id: z.number(), versionNo: z.number(), state: z.enum(STANDARD_STATES), documentSymbol: z.string().nullable(), issuedOn: z.string().nullable() })),
});
export type StandardSeries = z.infer<typeof standardSeriesSchema>;

export const unitStandardsSchema = z.object({
  unit: unitRef.extend({ sector: z.string().nullable() }),
  series: z.array(standardSeriesSchema),
  /** Versions of units below waiting for this caller's approval. */
  awaitingApproval: z.array(z.object({ id: z.number(), unit: unitRef.extend({ parentName: z.string().nullable() }), kind: z.enum(STANDARD_KINDS), title: z.string(), versionNo: z.number() })),
  can: z.object({ create: z.boolean() }),
});
export type UnitStandards = z.infer<typeof unitStandardsSchema>;
export const unitQuerySchema = z.object({ unitId: idSchema.optional() });

const criterionInput = z.strictObject({
  group: textSchema('Nhóm tiêu chí', 100, 0).nullable().optional(),
  text: textSchema('Tiêu chí', 1000, 3),
});
const criteriaInput = z.array(criterionInput).min(1, { error: 'Bộ chuẩn mực phải có ít nhất 1 tiêu chí.' }).max(40, { error: 'Bộ chuẩn mực tối đa 40 tiêu chí.' });

/** A new standard, or a revision of the issued one (a new version). */
export const createStandardSchema = z.strictObject({
  unitId: idSchema,
  kind: z.enum(STANDARD_KINDS, { error: 'Loại chuẩn mực không hợp lệ.' }),
  title: textSchema('Tên bộ chuẩn mực', 300, 5),
  criteria: criteriaInput,
});
export type CreateStandardInput = z.input<typeof createStandardSchema>;
export const updateStandardSchema = z.strictObject({ version: versionSchema, title: textSchema('Tên bộ chuẩn mực', 300, 5).optional(), criteria: criteriaInput.optional() });
export type UpdateStandardInput = z.input<typeof updateStandardSchema>;
export const standardActionSchema = z.strictObject({ version: versionSchema });
export const returnStandardSchema = z.strictObject({ version: versionSchema, comment: textSchema('Ý kiến trả lại', 2000, 3) });
export const issueStandardSchema = z.strictObject({
  version: versionSchema,
  documentSymbol: textSchema('Số, ký hiệu văn bản ban hành', 60, 3),
  issuedOn: isoDateSchema,
});
export type IssueStandardInput = z.input<typeof issueStandardSchema>;

export const standardsCoverageSchema = z.object({
  unit: unitRef,
  rows: z.array(z.object({ unit: unitRef.extend({ childCount: z.number() }), units: z.number(), withMoral: z.number(), withProfessional: z.number() })),
  total: z.object({ units: z.number(), withMoral: z.number(), withProfessional: z.number() }),
  sectors: z.array(
    z.object({
      sector: z.string(),
      label: z.string(),
      units: z.number(),
      withProfessional: z.number(),
      /** Units of the sector still without an issued professional-ethics standard (first 100), with their parent's name (names repeat across districts). */
      missing: z.array(unitRef.extend({ parentName: z.string().nullable() })),
    }),
  ),
});
export type StandardsCoverage = z.infer<typeof standardsCoverageSchema>;

export const myStandardsSchema = z.object({ items: z.array(standardVersionSchema) });

// ——— Year rules ———

export const yearRuleSchema = z.object({
  year: z.number(),
  comprehensivePilots: z.number(),
  fieldPilots: z.number(),
  pressingIssues: z.number(),
  isDefault: z.boolean(),
  version: z.number().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export type YearRuleOut = z.infer<typeof yearRuleSchema>;
export const yearParamsSchema = z.strictObject({ year: yearSchema });
export const putYearRuleSchema = z.strictObject({
  version: versionSchema.nullable(),
  comprehensivePilots: z.number().int().min(0, { error: 'Số đơn vị điểm toàn diện từ 0 đến 20.' }).max(20, { error: 'Số đơn vị điểm toàn diện từ 0 đến 20.' }),
  fieldPilots: z.number().int().min(0, { error: 'Số đơn vị điểm theo lĩnh vực từ 0 đến 20.' }).max(20, { error: 'Số đơn vị điểm theo lĩnh vực từ 0 đến 20.' }),
  pressingIssues: z.number().int().min(0, { error: 'Số vấn đề nổi cộm từ 0 đến 5.' }).max(5, { error: 'Số vấn đề nổi cộm từ 0 đến 5.' }),
});
export type PutYearRuleInput = z.input<typeof putYearRuleSchema>;

// ——— Pilots ———

export const pilotSchema = z.object({
  id: z.number(),
  committee: unitRef,
  year: z.number(),
  kind: z.enum(PILOT_KINDS),
  field: z.string().nullable(),
  target: unitRef,
  goals: z.string(),
  responsible: z.string(),
  state: z.enum(PILOT_STATES),
  result: z.string().nullable(),
  lessons: z.string().nullable(),
  completedOn: z.string().nullable(),
  notes: z.array(z.object({ id: z.number(), notedOn: z.string(), note: z.string(), postedBy: z.string().nullable() })),
  version: z.number(),
  can: z.object({ edit: z.boolean() }),
});
export type Pilot = z.infer<typeof pilotSchema>;

export const committeeQuotaSchema = z.object({
  committee: unitRef,
  comprehensive: z.number(),
  field: z.number(),
  met: z.boolean(),
  issue: z.object({ id: z.number(), title: z.string(), status: z.enum(ISSUE_STATUSES), progress: z.number(), timeliness: z.enum(TIMELINESS_STATES) }).nullable(),
  can: z.object({ record: z.boolean() }),
});
export type CommitteeQuota = z.infer<typeof committeeQuotaSchema>;

/** Pilots and pressing issues of the committees at or below a unit, for a year. */
export const pilotsOverviewSchema = z.object({
  unit: unitRef,
  year: z.number(),
  rule: yearRuleSchema,
  committees: z.array(committeeQuotaSchema),
  pilots: z.array(pilotSchema),
});
export type PilotsOverview = z.infer<typeof pilotsOverviewSchema>;
export const overviewQuerySchema = z.object({ unitId: idSchema.optional(), year: yearSchema });

export const createPilotSchema = z.strictObject({
  committeeUnitId: idSchema,
  year: yearSchema,
  kind: z.enum(PILOT_KINDS, { error: 'Loại chỉ đạo điểm không hợp lệ.' }),
  field: textSchema('Lĩnh vực', 200, 2).nullable().optional(),
  targetUnitId: idSchema,
  goals: textSchema('Mục tiêu', 2000, 5),
  responsible: textSchema('Người phụ trách', 200, 3),
});
export type CreatePilotInput = z.input<typeof createPilotSchema>;
export const updatePilotSchema = z.strictObject({
  version: versionSchema,
  goals: textSchema('Mục tiêu', 2000, 5).optional(),
  responsible: textSchema('Người phụ trách', 200, 3).optional(),
  field: textSchema('Lĩnh vực', 200, 2).nullable().optional(),
});
export type UpdatePilotInput = z.input<typeof updatePilotSchema>;
export const pilotNoteSchema = z.strictObject({ note: textSchema('Ghi chép tiến độ', 2000, 3) });
export const completePilotSchema = z.strictObject({
  version: versionSchema,
  result: textSchema('Kết quả', 4000, 5),
  lessons: textSchema('Bài học kinh nghiệm', 4000, 0).nullable().optional(),
  completedOn: isoDateSchema,
});
export type CompletePilotInput = z.input<typeof completePilotSchema>;

// ——— Pressing issues ———

export const milestoneSchema = z.object({ id: z.number(), number: z.number(), title: z.string(), dueOn: z.string(), weight: z.number(), progress: z.number(), doneOn: z.string().nullable() });

export const pressingIssueSchema = z.object({
  id: z.number(),
  committee: unitRef,
  year: z.number(),
  title: z.string(),
  target: z.string(),
  status: z.enum(ISSUE_STATUSES),
  resolvedOn: z.string().nullable(),
  evidence: z.string().nullable(),
  evidenceFile: storedFileSchema.nullable(),
  milestones: z.array(milestoneSchema),
  /** Weighted mean of the milestones' progress, 0–100. */
  progress: z.number(),
  timeliness: z.enum(TIMELINESS_STATES),
  version: z.number(),
  can: z.object({ edit: z.boolean() }),
});
export type PressingIssue = z.infer<typeof pressingIssueSchema>;

const milestoneInput = z.strictObject({
  title: textSchema('Tên mốc', 300, 3),
  dueOn: isoDateSchema,
  weight: z.number({ error: 'Trọng số phải là số.' }).min(0.01, { error: 'Trọng số phải từ 0,01 trở lên.' }).max(1000, { error: 'Trọng số tối đa 1000.' }).multipleOf(0.01, { error: 'Trọng số lấy tối đa 2 chữ số thập phân.' }).default(1),
  progress: z.number().int().min(0, { error: 'Tiến độ từ 0 đến 100%.' }).max(100, { error: 'Tiến độ từ 0 đến 100%.' }).default(0),
  doneOn: isoDateSchema.nullable().optional(),
});
export type MilestoneInput = z.input<typeof milestoneInput>;

export const createIssueSchema = z.strictObject({
  committeeUnitId: idSchema,
  year: yearSchema,
  title: textSchema('Vấn đề', 500, 5),
  target: textSchema('Mục tiêu', 2000, 5),
  milestones: z.array(milestoneInput).max(24, { error: 'Tối đa 24 mốc.' }).default([]),
});
export type CreateIssueInput = z.input<typeof createIssueSchema>;
export const updateIssueSchema = z.strictObject({
  version: versionSchema,
  title: textSchema('Vấn đề', 500, 5).optional(),
  target: textSchema('Mục tiêu', 2000, 5).optional(),
  status: z.enum(ISSUE_STATUSES, { error: 'Trạng thái không hợp lệ.' }).optional(),
  resolvedOn: isoDateSchema.nullable().optional(),
  evidence: textSchema('Minh chứng', 4000, 0).nullable().optional(),
  evidenceFileId: idSchema.nullable().optional(),
  milestones: z.array(milestoneInput).max(24, { error: 'Tối đa 24 mốc.' }).optional(),
});
export type UpdateIssueInput = z.input<typeof updateIssueSchema>;
