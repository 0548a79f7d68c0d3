import { z } from 'zod';
import { UNIT_KINDS } from '../domain/units';
import { cleanText } from '../domain/text';
import { idSchema, isoDateSchema } from './common';
import { dashboardQuerySchema } from './dashboard';

/**
 * Generated reports (issue #9): the draft the server writes from the indicators, the officer's edited
 * draft sent back for the Word file, and the query of the Excel appendix (the dashboard's own query).
 *
 * Flow: POST /api/reports/draft { query, number?, place?, date? } → ReportDraft; the browser lets the
 * officer edit every text field; POST /api/reports/docx with the edited ReportDraftEdit → .docx;
 * GET /api/reports/appendix.xlsx?<dashboard query> → .xlsx.
 */

export const REPORT_SECTION_KEYS = ['results', 'strengths', 'shortcomings', 'tasks'] as const;
export type ReportSectionKey = (typeof REPORT_SECTION_KEYS)[number];

/** Default headings; the officer may edit them. "II. ĐÁNH GIÁ CHUNG" stands above strengths and shortcomings. */
export const REPORT_SECTION_HEADINGS: Record<ReportSectionKey, string> = {
  results: 'I. KẾT QUẢ THỰC HIỆN',
  strengths: '1. Ưu điểm',
  shortcomings: '2. Hạn chế, khuyết điểm',
  tasks: 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
};
export const REPORT_ASSESSMENT_HEADING = 'II. ĐÁNH GIÁ CHUNG';

// ——— Text of an edited draft ———

/** Control characters other than tab and line feed, and lone surrogates: nothing Word or PostgreSQL can hold. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** One line: NFC, single spaces, unprintable characters dropped. */
function lineSchema(label: string, max: number, min = 0) {
  return z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .transform((value) => cleanText(value.replace(UNPRINTABLE, '')))
    .pipe(
      z
        .string()
        .min(min, { error: `${label} không được để trống.` })
        .max(max, { error: `${label} dài quá ${max} ký tự.` }),
    );
}

/** Several paragraphs, one per line: each line cleaned like a one-line text, blank lines dropped. */
function paragraphsSchema(label: string, max: number) {
  return z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .max(max * 2, { error: `${label} dài quá ${max} ký tự.` })
    .transform((value) =>
      value
        .replace(UNPRINTABLE, '')
        .split(/\r\n|\r|\n|\u2028|\u2029/u)
        .map(cleanText)
        .filter((line) => line.length > 0)
        .join('\n'),
    )
    .pipe(z.string().max(max, { error: `${label} dài quá ${max} ký tự.` }));
}

// ——— The draft (server → browser) and the edited draft (browser → server) ———

export const reportHeaderSchema = z.object({
  /** Upper-case name of the Party organisation above the issuer ("ĐẢNG BỘ TỈNH BẮC NINH"); empty for the root. */
  superiorBody: lineSchema('Cơ quan cấp trên', 200),
  /** Upper-case name of the issuing committee ("HUYỆN ỦY QUẾ VÕ"), printed bold with "*" beneath. */
  issuingBody: lineSchema('Cơ quan ban hành', 200, 1),
  /** Number and symbol without "Số": "05-BC/HU". The Word file prints "Số 05-BC/HU". */
  number: lineSchema('Số, ký hiệu', 40),
  /** Place of the date line ("Bắc Ninh"). */
  place: lineSchema('Địa danh', 100),
  /** Date of the date line, yyyy-mm-dd. */
  date: isoDateSchema,
});
export type ReportHeader = z.output<typeof reportHeaderSchema>;

export const reportSectionSchema = z.object({
  key: z.enum(REPORT_SECTION_KEYS, { error: 'Mục của báo cáo không hợp lệ.' }),
  heading: lineSchema('Tiêu đề mục', 300),
  /** Paragraphs separated by "\n"; a paragraph starting with "- " is a bullet line of the Party style. */
  text: paragraphsSchema('Nội dung mục', 20_000),
});
export type ReportSection = z.output<typeof reportSectionSchema>;

export const reportSignatureSchema = z.object({
  /** "T/M BAN THƯỜNG VỤ" */
  onBehalf: lineSchema('Thẩm quyền ký', 100),
  /** "BÍ THƯ", "PHÓ BÍ THƯ" */
  position: lineSchema('Chức vụ người ký', 100),
  /** Full name of the signer; empty leaves room to write it. */
  signer: lineSchema('Họ tên người ký', 100),
});
export type ReportSignature = z.output<typeof reportSignatureSchema>;

export const reportUnitSchema = z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) });

export const reportPeriodSchema = z.object({ from: z.string(), to: z.string(), year: z.number(), label: z.string() });

/** The editable part of a report, shared by the draft and the edited draft. */
const reportContent = {
  header: reportHeaderSchema,
  /** "BÁO CÁO" */
  title: lineSchema('Tên loại văn bản', 60, 1),
  /** The bold summary line under the title ("Kết quả năm 2012 thực hiện …"). */
  summary: lineSchema('Trích yếu', 500, 1),
  /** Paragraphs before section I (a short introduction); may be empty. */
  introduction: paragraphsSchema('Phần mở đầu', 5_000),
  /** "II. ĐÁNH GIÁ CHUNG", printed above the strengths and shortcomings sections. */
  assessmentHeading: lineSchema('Tiêu đề phần đánh giá', 300),
  sections: z
    .array(reportSectionSchema, { error: 'Các mục của báo cáo không hợp lệ.' })
    .min(1, { error: 'Báo cáo phải có ít nhất một mục.' })
    .max(12, { error: 'Báo cáo có tối đa 12 mục.' }),
  signature: reportSignatureSchema,
  /** "Nơi nhận" lines, without the leading "- " ("Ban Tuyên giáo Trung ương (b/c)", "Lưu VT"). */
  recipients: z.array(lineSchema('Nơi nhận', 200, 1), { error: 'Nơi nhận không hợp lệ.' }).max(30, { error: 'Tối đa 30 nơi nhận.' }),
};

/** POST /api/reports/draft: the dashboard query of the unit and period, and optional overrides of the header. */
export const reportDraftBodySchema = z.strictObject({
  query: dashboardQuerySchema,
  /** Number and symbol to print instead of the suggested one ("05-BC/HU"). */
  number: lineSchema('Số, ký hiệu', 40).optional(),
  place: lineSchema('Địa danh', 100).optional(),
  /** Date of the report, yyyy-mm-dd (default: today). */
  date: isoDateSchema.optional(),
});
export type ReportDraftBody = z.input<typeof reportDraftBodySchema>;

/** The next free BC number of the issuing committee in the term of the report's date, when a term covers it. */
export const reportNumberingSchema = z.object({
  number: z.number(),
  symbol: z.string(),
  issuerCode: z.string(),
  termName: z.string(),
});
export type ReportNumbering = z.infer<typeof reportNumberingSchema>;

/** A figure quoted in the draft, for the editor's side panel and the tests: indicator key and its value. */
export const reportFigureSchema = z.object({
  key: z.string(),
  name: z.string(),
  numerator: z.number(),
  denominator: z.number().nullable(),
});

// The answer's shapes are plain (no cleaning transforms: the server writes them).
const plainContent = {
  header: z.object({ superiorBody: z.string(), issuingBody: z.string(), number: z.string(), place: z.string(), date: z.string() }),
  title: z.string(),
  summary: z.string(),
  introduction: z.string(),
  assessmentHeading: z.string(),
  sections: z.array(z.object({ key: z.enum(REPORT_SECTION_KEYS), heading: z.string(), text: z.string() })),
  signature: z.object({ onBehalf: z.string(), position: z.string(), signer: z.string() }),
  recipients: z.array(z.string()),
};

export const reportDraftSchema = z.object({
  unit: reportUnitSchema,
  period: reportPeriodSchema,
  ...plainContent,
  /** The suggested number (null: no committee term covers the date, the officer fills the number in). */
  numbering: reportNumberingSchema.nullable(),
  figures: z.array(reportFigureSchema),
});
export type ReportDraft = z.infer<typeof reportDraftSchema>;

/** POST /api/reports/docx: the officer's edited draft. */
export const reportDocxBodySchema = z.strictObject({
  unitId: idSchema,
  /** The period label, used in the file name ("Năm 2012"). */
  periodLabel: lineSchema('Kỳ báo cáo', 100).optional(),
  ...reportContent,
});
export type ReportDocxBody = z.input<typeof reportDocxBodySchema>;
export type ReportDocx = z.output<typeof reportDocxBodySchema>;

/** GET /api/reports/appendix.xlsx takes the dashboard query as it is. */
export const reportAppendixQuerySchema = dashboardQuerySchema;

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
