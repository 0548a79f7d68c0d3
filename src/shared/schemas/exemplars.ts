/**
 * Exemplars (điển hình tiên tiến, người tốt việc tốt) from nomination to commendation, their photos,
 * evidence and publicity ledger. Request schemas validate on the server; response schemas give the
 * browser its types. Every write on an exemplar answers the full `ExemplarDetail` (deletes answer 204).
 */
import { z } from 'zod';
import {
  COMMENDATION_FORMS,
  EXEMPLAR_FIRST_YEAR,
  EXEMPLAR_STATES,
  EXEMPLAR_STEP_ACTIONS,
  EXEMPLAR_SUBJECT_KINDS,
  LEVEL_STATUSES,
  PUBLICITY_CHANNEL_KINDS,
  SUMMARY_MAX,
  isWebUrl,
} from '../domain/exemplars';
import { idSchema, isoDateSchema, textSchema, versionSchema } from './common';
import { storedFileSchema } from './files';
import { unitRefSchema } from './units';

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const yearSchema = z.coerce
  .number({ error: 'Năm không hợp lệ.' })
  .int({ error: 'Năm không hợp lệ.' })
  .min(EXEMPLAR_FIRST_YEAR, { error: `Năm phải từ ${EXEMPLAR_FIRST_YEAR} (năm bắt đầu Cuộc vận động) trở đi.` })
  .max(2100, { error: 'Năm không hợp lệ.' });
const nameSchema = (label: string, min = 1) => textSchema(label, 60, min);
const urlSchema = textSchema('Đường dẫn', 1000).refine(isWebUrl, { error: 'Đường dẫn phải bắt đầu bằng http:// hoặc https://.' });

// ——— Responses ———

export const exemplarSubjectSchema = z.object({
  kind: z.enum(EXEMPLAR_SUBJECT_KINDS),
  /** Họ tên or the collective's name, ready to show. */
  displayName: z.string(),
  /** Member subject: the member record. */
  memberId: z.number().nullable(),
  /** Member or non-member person: họ, tên đệm, tên (stored separately, never split on spaces). Null for a collective. */
  familyName: z.string().nullable(),
  middleName: z.string().nullable(),
  givenName: z.string().nullable(),
  /** The member's cell (member subject). */
  memberUnit: unitRefSchema.nullable(),
  /** Collective subject: a unit of the tree, or a free-text name. */
  collectiveUnit: unitRefSchema.nullable(),
  collectiveName: z.string().nullable(),
});
export type ExemplarSubject = z.infer<typeof exemplarSubjectSchema>;

export const exemplarCanSchema = z.object({
  /** Edit the nomination (draft or returned, nominating side). */
  edit: z.boolean(),
  submit: z.boolean(),
  verify: z.boolean(),
  return: z.boolean(),
  reject: z.boolean(),
  commend: z.boolean(),
  /** Change publication on the public page (make public or withdraw). */
  publish: z.boolean(),
  /** Record (and remove) publicity entries. */
  addPublicity: z.boolean(),
  /** Upload (and remove) photos. */
  addPhoto: z.boolean(),
});
export type ExemplarCan = z.infer<typeof exemplarCanSchema>;

export const exemplarListItemSchema = z.object({
  id: z.number(),
  year: z.number(),
  subject: exemplarSubjectSchema,
  title: z.string(),
  field: z.string().nullable(),
  state: z.enum(EXEMPLAR_STATES),
  nominatingUnit: unitRefSchema,
  decidingUnit: unitRefSchema,
  /** The level that must act now (state pending). */
  pendingUnit: unitRefSchema.nullable(),
  commendationForm: z.enum(COMMENDATION_FORMS).nullable(),
  isPublic: z.boolean(),
  photoCount: z.number(),
  publicityCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
  can: exemplarCanSchema,
});
export type ExemplarListItem = z.infer<typeof exemplarListItemSchema>;

export const exemplarListSchema = z.object({ items: z.array(exemplarListItemSchema), total: z.number() });
export type ExemplarList = z.infer<typeof exemplarListSchema>;

export const exemplarChainLevelSchema = z.object({
  unit: unitRefSchema,
  /** The last level: its verification approves the exemplar, and it records the commendation. */
  isDeciding: z.boolean(),
  status: z.enum(LEVEL_STATUSES),
  /** The latest step of this level in the current round (verify, return, reject), if any. */
  actedAt: z.string().nullable(),
  actedBy: z.string().nullable(),
  comment: z.string().nullable(),
});
export type ExemplarChainLevel = z.infer<typeof exemplarChainLevelSchema>;

export const exemplarStepSchema = z.object({
  id: z.number(),
  action: z.enum(EXEMPLAR_STEP_ACTIONS),
  unit: unitRefSchema,
  comment: z.string().nullable(),
  actedBy: z.string(),
  /** ISO timestamp. */
  actedAt: z.string(),
});
export type ExemplarStep = z.infer<typeof exemplarStepSchema>;

export const exemplarPhotoSchema = storedFileSchema.extend({ caption: z.string().nullable(), position: z.number() });
export type ExemplarPhoto = z.infer<typeof exemplarPhotoSchema>;

export const publicityChannelSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(PUBLICITY_CHANNEL_KINDS),
  /** Offered to every province (null root), or the province's own channel. */
  generic: z.boolean(),
  position: z.number(),
  active: z.boolean(),
});
export type PublicityChannel = z.infer<typeof publicityChannelSchema>;

export const publicityEntrySchema = z.object({
  id: z.number(),
  channel: publicityChannelSchema.pick({ id: true, name: true, kind: true }),
  publishedOn: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  file: storedFileSchema.nullable(),
  recordedBy: z.string(),
});
export type PublicityEntry = z.infer<typeof publicityEntrySchema>;

export const commendationSchema = z.object({
  form: z.enum(COMMENDATION_FORMS),
  title: z.string().nullable(),
  decisionSymbol: z.string(),
  decisionDate: z.string(),
  decisionDocument: z.object({ id: z.number(), symbol: z.string(), title: z.string() }).nullable(),
  commendedBy: z.string().nullable(),
});
export type Commendation = z.infer<typeof commendationSchema>;

export const exemplarDetailSchema = exemplarListItemSchema.extend({
  summary: z.string(),
  /** Sanitised rich text (p, br, strong, em, u, s, ul, ol, li, blockquote, h2, h3, a). */
  storyHtml: z.string(),
  /** The levels that verify, nearest first; the last decides. */
  chain: z.array(exemplarChainLevelSchema),
  steps: z.array(exemplarStepSchema),
  photos: z.array(exemplarPhotoSchema),
  evidence: z.array(storedFileSchema),
  publicity: z.array(publicityEntrySchema),
  commendation: commendationSchema.nullable(),
  publishedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type ExemplarDetail = z.infer<typeof exemplarDetailSchema>;

// ——— Requests ———

export const exemplarListQuerySchema = z.object({
  /** Exemplars nominated in this unit's subtree (default: the caller's scope). */
  unitId: idSchema.optional(),
  year: yearSchema.optional(),
  state: z.enum(EXEMPLAR_STATES, { error: 'Trạng thái không hợp lệ.' }).optional(),
  /** Only nominations pending at a level the caller can act for (the caller's own level first). */
  awaiting: boolQuery.optional(),
  /** Title or name, with or without diacritics. */
  q: z.string().max(100, { error: 'Từ khóa dài quá 100 ký tự.' }).optional(),
  page: z.coerce.number().int().min(1, { error: 'Trang phải từ 1.' }).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: 'Tối đa 200 dòng một trang.' }).default(50),
});
export type ExemplarListQuery = z.input<typeof exemplarListQuerySchema>;

export const exemplarSubjectInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('member'), memberId: idSchema }),
    z.strictObject({
      kind: z.literal('person'),
      familyName: nameSchema('Họ'),
      middleName: nameSchema('Tên đệm', 0).optional().default(''),
      givenName: nameSchema('Tên'),
    }),
    z
      .strictObject({
        kind: z.literal('collective'),
        unitId: idSchema.nullable().optional(),
        name: textSchema('Tên tập thể', 200, 3).nullable().optional(),
      })
      .refine((value) => (value.unitId ?? null) !== null || (value.name ?? null) !== null, { error: 'Chọn một đơn vị trong cây hoặc nhập tên tập thể.', path: ['name'] }),
  ],
  { error: 'Loại đối tượng phải là Đảng viên, Cá nhân ngoài Đảng hoặc Tập thể.' },
);
export type ExemplarSubjectInput = z.input<typeof exemplarSubjectInputSchema>;

const storyInput = z.string({ error: 'Câu chuyện phải là chuỗi ký tự.' }).max(200_000, { error: 'Câu chuyện quá dài.' });

export const createExemplarSchema = z.strictObject({
  nominatingUnitId: idSchema,
  year: yearSchema,
  subject: exemplarSubjectInputSchema,
  title: textSchema('Tiêu đề', 300, 5),
  field: textSchema('Lĩnh vực', 200, 0).nullable().optional(),
  summary: textSchema('Tóm tắt thành tích', SUMMARY_MAX, 10),
  /** Rich text; sanitised on the server (what is not allowed is dropped). */
  storyHtml: storyInput.optional().default(''),
  /** The nominating unit or one of its ancestors, of a committee kind. */
  decidingUnitId: idSchema,
});
export type CreateExemplarInput = z.input<typeof createExemplarSchema>;

export const updateExemplarSchema = z.strictObject({
  version: versionSchema,
  year: yearSchema.optional(),
  subject: exemplarSubjectInputSchema.optional(),
  title: textSchema('Tiêu đề', 300, 5).optional(),
  field: textSchema('Lĩnh vực', 200, 0).nullable().optional(),
  summary: textSchema('Tóm tắt thành tích', SUMMARY_MAX, 10).optional(),
  storyHtml: storyInput.optional(),
  decidingUnitId: idSchema.optional(),
});
export type UpdateExemplarInput = z.input<typeof updateExemplarSchema>;

/** submit, verify: an optional comment. */
export const exemplarActionSchema = z.strictObject({
  version: versionSchema,
  comment: textSchema('Ý kiến', 2000, 0).nullable().optional(),
});
export type ExemplarActionInput = z.input<typeof exemplarActionSchema>;
/** return, reject: the comment is required. */
export const exemplarDecisionSchema = z.strictObject({
  version: versionSchema,
  comment: textSchema('Ý kiến', 2000, 3),
});
export type ExemplarDecisionInput = z.input<typeof exemplarDecisionSchema>;

export const commendExemplarSchema = z.strictObject({
  version: versionSchema,
  form: z.enum(COMMENDATION_FORMS, { error: 'Hình thức khen thưởng phải là Giấy khen, Bằng khen hoặc Hình thức khác.' }),
  /** E.g. "Bằng khen của Ban Thường vụ Tỉnh ủy". */
  commendationTitle: textSchema('Tên hình thức khen thưởng', 300, 5),
  /** Party style, e.g. 125-QĐ/TU. */
  decisionSymbol: textSchema('Số, ký hiệu quyết định', 60, 3),
  decisionDate: isoDateSchema,
  /** A registered Party document of the deciding unit (its symbol and date must match). */
  decisionDocumentId: idSchema.nullable().optional(),
});
export type CommendExemplarInput = z.input<typeof commendExemplarSchema>;

export const publicationSchema = z.strictObject({
  public: z.boolean({ error: 'Chọn công khai hoặc thôi công khai.' }),
  version: versionSchema,
});
export type PublicationInput = z.input<typeof publicationSchema>;

/** POST /api/exemplars/:id/photos?caption=…: the raw bytes are the body, the name in X-File-Name (URI-encoded). */
export const photoUploadQuerySchema = z.object({ caption: textSchema('Chú thích ảnh', 300, 0).optional() });
export const exemplarFileParamsSchema = z.strictObject({ id: idSchema, fileId: idSchema });

export const addEvidenceSchema = z.strictObject({ fileId: idSchema });

export const addPublicitySchema = z.strictObject({
  channelId: idSchema,
  publishedOn: isoDateSchema,
  title: textSchema('Tên bài, tin', 500, 3),
  url: urlSchema.nullable().optional(),
  /** A file uploaded through /api/files for the nominating unit (a scan of the article). */
  fileId: idSchema.nullable().optional(),
});
export type AddPublicityInput = z.input<typeof addPublicitySchema>;

export const publicityChannelListSchema = z.object({ items: z.array(publicityChannelSchema), can: z.object({ create: z.boolean() }) });
export type PublicityChannelList = z.infer<typeof publicityChannelListSchema>;
export const createChannelSchema = z.strictObject({
  name: textSchema('Tên kênh tuyên truyền', 200, 3),
  kind: z.enum(PUBLICITY_CHANNEL_KINDS, { error: 'Loại kênh không hợp lệ.' }),
});
export type CreateChannelInput = z.input<typeof createChannelSchema>;

/** Units that may decide on a nomination of `unitId`: itself (when a committee) and its committee ancestors. */
export const decidingUnitsQuerySchema = z.object({ unitId: idSchema });
export const decidingUnitsSchema = z.object({ items: z.array(unitRefSchema) });

// ——— Publicity summary (the article's complaint as a chart) ———

export const publicitySummaryQuerySchema = z.object({ unitId: idSchema.optional(), year: yearSchema });

export const publicityTotalsSchema = z.object({
  /** Exemplars of the year submitted at least once (not drafts). */
  nominated: z.number(),
  /** Verified: approved or commended. */
  approved: z.number(),
  commended: z.number(),
  /** Publicity entries published in the year (any exemplar year). */
  publicityEntries: z.number(),
  /** Exemplars of the year currently public. */
  publicStories: z.number(),
});
export type PublicityTotals = z.infer<typeof publicityTotalsSchema>;
const yearPair = <T extends z.ZodType>(schema: T) => z.object({ current: schema, previous: schema });

export const publicitySummarySchema = z.object({
  unit: unitRefSchema,
  year: z.number(),
  previousYear: z.number(),
  totals: yearPair(publicityTotalsSchema),
  /** Publicity entries per channel (every channel offered to the province, in order). */
  channels: z.array(z.object({ channel: publicityChannelSchema.pick({ id: true, name: true, kind: true }), current: z.number(), previous: z.number() })),
  /** Publicity entries per month of publication, 1–12. */
  months: z.array(z.object({ month: z.number(), current: z.number(), previous: z.number() })),
  /** Per open child unit: the same totals over its subtree. */
  children: z.array(z.object({ unit: unitRefSchema, totals: yearPair(publicityTotalsSchema) })),
  /** Exemplars nominated by the unit itself (not by a child). */
  own: yearPair(publicityTotalsSchema),
});
export type PublicitySummary = z.infer<typeof publicitySummarySchema>;
