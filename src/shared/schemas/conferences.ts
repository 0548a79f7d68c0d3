import { z } from 'zod';
import { CONFERENCE_FORMS } from '../domain/direction';
import { DOCUMENT_TYPES } from '../domain/documents';
import { idSchema, isoDateSchema, pageQuerySchema, textSchema, versionSchema } from './common';
import { storedFileSchema } from './files';
import { unitRefSchema } from './units';

/** Dissemination conferences (hội nghị quán triệt): who held one, when, on which documents, who came. */

export const conferenceFormSchema = z.enum(CONFERENCE_FORMS, { error: 'Hình thức hội nghị phải là trực tiếp, trực tuyến hoặc kết hợp.' });

export const conferenceDocumentSchema = z.object({
  id: z.number(),
  symbol: z.string(),
  title: z.string(),
  docType: z.enum(DOCUMENT_TYPES),
  issuedOn: z.string(),
});
export type ConferenceDocument = z.infer<typeof conferenceDocumentSchema>;

export const conferenceSummarySchema = z.object({
  id: z.number(),
  unit: unitRefSchema,
  heldOn: z.string(),
  form: conferenceFormSchema,
  expectedCadres: z.number(),
  attendedCadres: z.number(),
  expectedMembers: z.number(),
  attendedMembers: z.number(),
  documents: z.array(conferenceDocumentSchema),
  hasMinutes: z.boolean(),
});
export type ConferenceSummary = z.infer<typeof conferenceSummarySchema>;

export const conferenceDetailSchema = conferenceSummarySchema.extend({
  note: z.string().nullable(),
  minutesFile: storedFileSchema.nullable(),
  version: z.number(),
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConferenceDetail = z.infer<typeof conferenceDetailSchema>;

const flag = z.enum(['true', 'false'], { error: 'Giá trị phải là true hoặc false.' }).transform((v) => v === 'true');
const yearSchema = z.coerce
  .number({ error: 'Năm không hợp lệ.' })
  .int({ error: 'Năm không hợp lệ.' })
  .min(1945, { error: 'Năm không hợp lệ.' })
  .max(2100, { error: 'Năm không hợp lệ.' });

export const conferenceListQuerySchema = pageQuerySchema.extend({
  /** The unit whose conferences are listed (default: the caller's scope). */
  unitId: idSchema.optional(),
  /** Also conferences of the units below it. */
  subtree: flag.default(false),
  year: yearSchema.optional(),
});
export type ConferenceListQuery = z.infer<typeof conferenceListQuerySchema>;

export const conferenceListSchema = z.object({
  items: z.array(conferenceSummarySchema),
  total: z.number(),
  /** May the caller record a conference for the listed unit. */
  can: z.object({ create: z.boolean() }),
});
export type ConferenceList = z.infer<typeof conferenceListSchema>;

const countSchema = (label: string) =>
  z
    .number({ error: `${label} phải là một số.` })
    .int({ error: `${label} phải là số nguyên.` })
    .min(0, { error: `${label} không được âm.` })
    .max(10_000_000, { error: `${label} quá lớn.` });

const documentIdsSchema = z
  .array(idSchema, { error: 'Chọn văn bản được quán triệt.' })
  .min(1, { error: 'Chọn ít nhất một văn bản được quán triệt.' })
  .max(20, { error: 'Một hội nghị quán triệt tối đa 20 văn bản.' })
  .transform((ids) => [...new Set(ids)]);

const conferenceFields = {
  heldOn: isoDateSchema,
  form: conferenceFormSchema,
  expectedCadres: countSchema('Số cán bộ triệu tập'),
  attendedCadres: countSchema('Số cán bộ dự'),
  expectedMembers: countSchema('Số đảng viên triệu tập'),
  attendedMembers: countSchema('Số đảng viên dự'),
  documentIds: documentIdsSchema,
  note: textSchema('Ghi chú', 2000, 0)
    .transform((v) => (v === '' ? null : v))
    .nullable(),
  minutesFileId: idSchema.nullable(),
};

export const createConferenceBodySchema = z.strictObject({
  unitId: idSchema,
  ...conferenceFields,
  note: conferenceFields.note.optional(),
  minutesFileId: conferenceFields.minutesFileId.optional(),
});
export type CreateConferenceBody = z.input<typeof createConferenceBodySchema>;

export const updateConferenceBodySchema = z.strictObject({
  version: versionSchema,
  unitId: idSchema.optional(),
  heldOn: conferenceFields.heldOn.optional(),
  form: conferenceFields.form.optional(),
  expectedCadres: conferenceFields.expectedCadres.optional(),
  attendedCadres: conferenceFields.attendedCadres.optional(),
  expectedMembers: conferenceFields.expectedMembers.optional(),
  attendedMembers: conferenceFields.attendedMembers.optional(),
  documentIds: conferenceFields.documentIds.optional(),
  note: conferenceFields.note.optional(),
  /** null removes the minutes. */
  minutesFileId: conferenceFields.minutesFileId.optional(),
});
export type UpdateConferenceBody = z.input<typeof updateConferenceBodySchema>;

export const conferenceVersionQuerySchema = z.object({
  version: z.coerce.number({ error: 'Thiếu phiên bản bản ghi (version).' }).int({ error: 'Phiên bản không hợp lệ.' }).positive({ error: 'Phiên bản không hợp lệ.' }),
});

/** Attendance cannot exceed the invitations; the same sentences on the server and in the form. */
export function attendanceProblems(counts: { expectedCadres: number; attendedCadres: number; expectedMembers: number; attendedMembers: number }) {
  const problems: { field: 'attendedCadres' | 'attendedMembers'; message: string }[] = [];
  if (counts.attendedCadres > counts.expectedCadres) {
    problems.push({ field: 'attendedCadres', message: `Số cán bộ dự (${counts.attendedCadres}) không được nhiều hơn số cán bộ triệu tập (${counts.expectedCadres}).` });
  }
  if (counts.attendedMembers > counts.expectedMembers) {
    problems.push({ field: 'attendedMembers', message: `Số đảng viên dự (${counts.attendedMembers}) không được nhiều hơn số đảng viên triệu tập (${counts.expectedMembers}).` });
  }
  return problems;
}

/** Documents a unit may disseminate: its own and its ancestors' (and those they registered from above). */
export const conferenceDocumentOptionsQuerySchema = z.object({
  unitId: idSchema,
  q: z.string().max(100, { error: 'Từ khóa dài quá 100 ký tự.' }).optional(),
});

export const conferenceDocumentOptionsSchema = z.object({
  items: z.array(conferenceDocumentSchema.extend({ issuerName: z.string() })),
});
export type ConferenceDocumentOption = z.infer<typeof conferenceDocumentOptionsSchema>['items'][number];

export const conferenceCoverageQuerySchema = z.object({
  unitId: idSchema.optional(),
  year: yearSchema.optional(),
});

export const coverageRowSchema = z.object({
  unit: unitRefSchema,
  /** Conferences held in the unit's whole subtree (the unit included). */
  conferences: z.number(),
  expectedCadres: z.number(),
  attendedCadres: z.number(),
  expectedMembers: z.number(),
  attendedMembers: z.number(),
  /** Share reached, 0–1; null when nobody was invited. */
  cadreRatio: z.number().nullable(),
  memberRatio: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const conferenceCoverageSchema = z.object({
  year: z.number().nullable(),
  /** The whole subtree of the unit: the total row. */
  unit: coverageRowSchema,
  /** Conferences the unit itself held (not its sub-units). */
  own: coverageRowSchema,
  /** Each direct sub-unit with its subtree, by name. */
  children: z.array(coverageRowSchema),
});
export type ConferenceCoverage = z.infer<typeof conferenceCoverageSchema>;
