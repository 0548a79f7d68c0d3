import { z } from 'zod';
import { AGE_BANDS, GENDERS, LEFT_REASONS, MEMBER_STATUSES } from '../domain/members';
import { POSITIONS } from '../domain/roles';
import { SECTOR_CODES } from '../domain/units';
import { idSchema, isoDateSchema, textSchema, versionSchema } from './common';
import { unitRefSchema } from './units';

const nameSchema = (label: string) => textSchema(label, 60);
const optionalDate = isoDateSchema.nullable();
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const memberPositionSchema = z.object({
  id: z.number(),
  position: z.enum(POSITIONS),
  label: z.string(),
  unit: unitRefSchema,
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});

export const memberSummarySchema = z.object({
  id: z.number(),
  familyName: z.string(),
  middleName: z.string(),
  givenName: z.string(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  gender: z.enum(GENDERS),
  status: z.enum(MEMBER_STATUSES),
  cardNumber: z.string().nullable(),
  unit: unitRefSchema,
  positions: z.array(z.string()),
  isKeyLeader: z.boolean(),
  isHead: z.boolean(),
  leftOn: z.string().nullable(),
  leftReason: z.enum(LEFT_REASONS).nullable(),
});
export type MemberSummary = z.infer<typeof memberSummarySchema>;

export const memberDetailSchema = memberSummarySchema.extend({
  ethnicity: z.string().nullable(),
  joinedOn: z.string().nullable(),
  officialOn: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  positionHistory: z.array(memberPositionSchema),
  /** Units from the caller's scope down to the member's cell. */
  unitPath: z.array(unitRefSchema),
  version: z.number(),
  can: z.object({ edit: z.boolean(), editPhone: z.boolean(), transfer: z.boolean(), leave: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberDetail = z.infer<typeof memberDetailSchema>;

/** The logged-in member's own record (the member home page). */
export const myMemberSchema = memberDetailSchema;
export type MyMember = MemberDetail;

export const memberListQuerySchema = z.object({
  unitId: idSchema,
  subtree: boolQuery.default(false),
  q: z.string().max(100, { error: 'Từ khóa dài quá 100 ký tự.' }).optional(),
  status: z.enum(MEMBER_STATUSES, { error: 'Trạng thái không hợp lệ.' }).optional(),
  position: z.enum(POSITIONS, { error: 'Chức vụ không hợp lệ.' }).optional(),
  keyLeader: boolQuery.optional(),
  head: boolQuery.optional(),
  sector: z.enum(SECTOR_CODES, { error: 'Lĩnh vực không hợp lệ.' }).optional(),
  ageBand: z.enum(AGE_BANDS, { error: 'Nhóm tuổi không hợp lệ.' }).optional(),
  includeLeft: boolQuery.default(false),
  page: z.coerce.number().int().min(1, { error: 'Trang phải từ 1.' }).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: 'Tối đa 200 dòng một trang.' }).default(50),
});
export type MemberListQuery = z.infer<typeof memberListQuerySchema>;

export const memberListSchema = z.object({ items: z.array(memberSummarySchema), total: z.number() });

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{8,15}$/u, { error: 'Số điện thoại không hợp lệ.' })
  .nullable();

const memberFields = {
  familyName: nameSchema('Họ'),
  middleName: textSchema('Tên đệm', 60, 0).default(''),
  givenName: nameSchema('Tên'),
  birthDate: optionalDate.default(null),
  gender: z.enum(GENDERS, { error: 'Giới tính phải là Nam hoặc Nữ.' }),
  ethnicity: textSchema('Dân tộc', 40).nullable().default(null),
  status: z.enum(MEMBER_STATUSES, { error: 'Trạng thái phải là dự bị hoặc chính thức.' }),
  joinedOn: optionalDate.default(null),
  officialOn: optionalDate.default(null),
  cardNumber: textSchema('Số thẻ đảng viên', 30).nullable().default(null),
  idNumber: z.string().trim().max(12, { error: 'Số CMND/CCCD có tối đa 12 chữ số.' }).nullable().default(null),
  phone: phoneSchema.default(null),
  isKeyLeader: z.boolean().default(false),
  isHead: z.boolean().default(false),
};

export const createMemberBodySchema = z.strictObject({ unitId: idSchema, ...memberFields });
export type CreateMemberBody = z.infer<typeof createMemberBodySchema>;

export const updateMemberBodySchema = z.strictObject({
  version: versionSchema,
  familyName: memberFields.familyName.optional(),
  middleName: textSchema('Tên đệm', 60, 0).optional(),
  givenName: memberFields.givenName.optional(),
  birthDate: optionalDate.optional(),
  gender: memberFields.gender.optional(),
  ethnicity: textSchema('Dân tộc', 40).nullable().optional(),
  status: memberFields.status.optional(),
  joinedOn: optionalDate.optional(),
  officialOn: optionalDate.optional(),
  cardNumber: textSchema('Số thẻ đảng viên', 30).nullable().optional(),
  idNumber: z.string().trim().max(12, { error: 'Số CMND/CCCD có tối đa 12 chữ số.' }).nullable().optional(),
  // No default here: a field left out of an update keeps its value.
  phone: phoneSchema.optional(),
  isKeyLeader: z.boolean().optional(),
  isHead: z.boolean().optional(),
});
export type UpdateMemberBody = z.infer<typeof updateMemberBodySchema>;

export const updateMyPhoneBodySchema = z.strictObject({ version: versionSchema, phone: phoneSchema });

export const transferMemberBodySchema = z.strictObject({ version: versionSchema, toUnitId: idSchema, on: isoDateSchema });
export const leaveMemberBodySchema = z.strictObject({
  version: versionSchema,
  leftOn: isoDateSchema,
  reason: z.enum(LEFT_REASONS, { error: 'Lý do không hợp lệ.' }),
});

export const addPositionBodySchema = z.strictObject({
  version: versionSchema,
  position: z.enum(POSITIONS, { error: 'Chức vụ không hợp lệ.' }),
  unitId: idSchema,
  startedOn: isoDateSchema,
});
export const endPositionBodySchema = z.strictObject({ version: versionSchema, endedOn: isoDateSchema });
export const positionParamsSchema = z.strictObject({ id: idSchema, positionId: idSchema });

export const timelineEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  label: z.string(),
  actor: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export const timelineSchema = z.array(timelineEntrySchema);

export const IMPORT_STATUSES = ['validating', 'invalid', 'valid', 'importing', 'done', 'failed'] as const;

export const importRowSchema = z.object({
  row: z.number(),
  values: z.record(z.string(), z.string()),
  errors: z.array(z.string()),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const memberImportSchema = z.object({
  id: z.number(),
  unit: z.object({ id: z.number(), name: z.string() }),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  totalRows: z.number(),
  processedRows: z.number(),
  errorCount: z.number(),
  message: z.string().nullable(),
  createdAt: z.string(),
});
export type MemberImport = z.infer<typeof memberImportSchema>;

export const memberImportRowsQuerySchema = z.object({
  onlyErrors: boolQuery.default(false),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export const memberImportRowsSchema = z.object({ items: z.array(importRowSchema), total: z.number() });

export const memberImportStartQuerySchema = z.object({
  unitId: idSchema,
  fileName: z.string().trim().min(1).max(200, { error: 'Tên tệp quá dài.' }).default('danh-sach.xlsx'),
});

export const memberExportQuerySchema = memberListQuerySchema.omit({ page: true, pageSize: true });
