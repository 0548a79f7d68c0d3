import { z } from 'zod';
import { DOCUMENT_TYPES } from '../domain/documents';
import { TIMELINESS_STATES } from '../domain/timeliness';
import { UNIT_KINDS } from '../domain/units';
import { idSchema, isoDateSchema, pageQuerySchema, textSchema, versionSchema } from './common';
import { storedFileSchema } from './files';

export const documentTypeSchema = z.enum(DOCUMENT_TYPES, { error: 'Loại văn bản không hợp lệ.' });
const countsSchema = z.object(Object.fromEntries(TIMELINESS_STATES.map((s) => [s, z.number()])) as Record<(typeof TIMELINESS_STATES)[number], z.ZodNumber>);

export const documentIssuerSchema = z.object({
  /** Null for a body above the tree (Bộ Chính trị, Ban Bí thư…). */
  unitId: z.number().nullable(),
  name: z.string(),
  code: z.string(),
});

export const documentSummarySchema = z.object({
  id: z.number(),
  symbol: z.string(),
  docType: documentTypeSchema,
  issuedOn: z.string(),
  title: z.string(),
  issuer: documentIssuerSchema,
  campaignId: z.number().nullable(),
  implementsId: z.number().nullable(),
  hasFile: z.boolean(),
  requirementCount: z.number(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const requirementSchema = z.object({
  id: z.number(),
  documentId: z.number(),
  targetKinds: z.array(z.enum(UNIT_KINDS)),
  requiredType: documentTypeSchema,
  days: z.number(),
  workingDays: z.boolean(),
  dueOn: z.string(),
  conferenceDays: z.number().nullable(),
  conferenceDueOn: z.string().nullable(),
  /** Obligations of this requirement visible to the caller, by state (documents, then conferences). */
  counts: countsSchema,
  conferenceCounts: countsSchema.nullable(),
  version: z.number(),
  can: z.object({ edit: z.boolean() }),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const documentDetailSchema = documentSummarySchema.extend({
  number: z.number(),
  termName: z.string(),
  signer: z.string().nullable(),
  campaign: z.object({ id: z.number(), name: z.string() }).nullable(),
  implements: documentSummarySchema.nullable(),
  /** Documents that implement this one, visible to the caller. */
  implementedBy: z.array(documentSummarySchema),
  requirements: z.array(requirementSchema),
  file: storedFileSchema.nullable(),
  version: z.number(),
  can: z.object({ edit: z.boolean(), delete: z.boolean(), addRequirement: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const documentListQuerySchema = pageQuerySchema.extend({
  /** Documents issued in this unit's subtree (default: the caller's scope). */
  unitId: idSchema.optional(),
  /** Also documents from the levels above the unit and from bodies above the tree (default true). */
  includeAbove: flag.default(true),
  campaignId: idSchema.optional(),
  docType: documentTypeSchema.optional(),
  /** Only documents that carry a cascade requirement (the roots of cascade views). */
  withRequirements: flag.default(false),
  q: textSchema('Từ khóa', 100).optional(),
});
export type DocumentListQuery = z.input<typeof documentListQuerySchema>;

export const documentListSchema = z.object({
  items: z.array(documentSummarySchema),
  total: z.number(),
  /** Units in the caller's scope where the caller may register documents: sent so the form offers only those. */
  can: z.object({ create: z.boolean(), createExternal: z.boolean() }),
});
export type DocumentList = z.infer<typeof documentListSchema>;

const issuerCodeSchema = z
  .string({ error: 'Ký hiệu cơ quan ban hành phải là chuỗi ký tự.' })
  .transform((v) => v.normalize('NFC').trim().toUpperCase())
  .pipe(z.string().regex(/^[A-ZĐ][A-ZĐ0-9]{0,15}$/u, { error: 'Ký hiệu cơ quan ban hành chỉ gồm chữ in hoa và số, ví dụ TW, BTGTW.' }));

const documentFields = {
  docType: documentTypeSchema,
  /** Party-style number and symbol, e.g. "08-KH/TU"; checked against the type and the issuer. */
  symbol: textSchema('Số, ký hiệu', 40),
  issuedOn: isoDateSchema,
  title: textSchema('Trích yếu', 1000, 5),
  signer: textSchema('Người ký', 200, 0).nullable().optional(),
  implementsId: idSchema.nullable().optional(),
  campaignId: idSchema.nullable().optional(),
  fileId: idSchema.nullable().optional(),
};

export const createDocumentBodySchema = z.strictObject({
  /** The issuing unit; null for a document from above the tree, which then needs issuerName and issuerCode. */
  issuerUnitId: idSchema.nullable(),
  issuerName: textSchema('Cơ quan ban hành', 200, 2).optional(),
  issuerCode: issuerCodeSchema.optional(),
  ...documentFields,
});
export type CreateDocumentBody = z.infer<typeof createDocumentBodySchema>;

export const updateDocumentBodySchema = z.strictObject({
  version: versionSchema,
  symbol: documentFields.symbol.optional(),
  issuedOn: isoDateSchema.optional(),
  title: documentFields.title.optional(),
  signer: documentFields.signer,
  implementsId: documentFields.implementsId,
  campaignId: documentFields.campaignId,
  fileId: documentFields.fileId,
});
export type UpdateDocumentBody = z.infer<typeof updateDocumentBodySchema>;

export const versionQuerySchema = z.object({ version: z.coerce.number({ error: 'Thiếu phiên bản bản ghi (version).' }).int().positive() });

export const nextNumberQuerySchema = z.object({
  issuerUnitId: idSchema.optional(),
  issuerCode: issuerCodeSchema.optional(),
  docType: documentTypeSchema,
  issuedOn: isoDateSchema,
});

export const nextNumberSchema = z.object({
  number: z.number(),
  symbol: z.string(),
  issuerCode: z.string(),
  termName: z.string(),
});
export type NextNumber = z.infer<typeof nextNumberSchema>;

const windowSchema = (label: string) =>
  z
    .number({ error: `${label} phải là một số ngày.` })
    .int({ error: `${label} phải là số nguyên.` })
    .min(0, { error: `${label} không được âm.` })
    .max(366, { error: `${label} tối đa 366 ngày.` });

export const createRequirementBodySchema = z.strictObject({
  targetKinds: z
    .array(z.enum(UNIT_KINDS, { error: 'Loại tổ chức không hợp lệ.' }), { error: 'Chọn loại tổ chức phải thực hiện.' })
    .min(1, { error: 'Chọn ít nhất một loại tổ chức phải thực hiện.' }),
  requiredType: documentTypeSchema,
  days: windowSchema('Thời hạn ban hành'),
  workingDays: z.boolean().default(false),
  conferenceDays: windowSchema('Thời hạn tổ chức hội nghị quán triệt').nullable().default(null),
});
export type CreateRequirementBody = z.input<typeof createRequirementBodySchema>;

export const updateRequirementBodySchema = createRequirementBodySchema.extend({ version: versionSchema });
export type UpdateRequirementBody = z.input<typeof updateRequirementBodySchema>;
