import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { ITEM_KIND_LABELS, SELF_RESULT_LABELS } from '../../../shared/domain/commitments';
import { formatDate } from '../../../shared/domain/text';
import type { Commitment, CommitmentItem } from '../../../shared/schemas/commitments';

/**
 * Printable forms of a commitment (DOMAIN.md §4 layout): the registration form (bản đăng ký việc làm
 * theo) and the year-end self-review form (bản tự kiểm điểm). Pure: everything comes from the
 * arguments; nothing is read from the database or the clock.
 */

export type CommitmentForm = 'registration' | 'review';

export interface CommitmentFormContext {
  form: CommitmentForm;
  /** The grassroots Party organisation (đảng bộ cơ sở), printed upper-case as the superior body. */
  grassrootsName: string;
  /** The cell (chi bộ) the commitment belongs to, printed upper-case as the issuing body. */
  cellName: string;
  /** Place of the date line ("Từ Sơn"). */
  place: string;
  /** Date of the date line, yyyy-mm-dd. */
  today: string;
}

const FONT = 'Times New Roman';
/** Half-points. */
const BODY = 28; // 14 pt
const TABLE = 26; // 13 pt
const PARTY = 30; // 15 pt, "ĐẢNG CỘNG SẢN VIỆT NAM"

// A4 portrait, margins about 25 / 25 / 35 / 15 mm (top / bottom / left / right).
const PAGE = { width: 210, top: 25, bottom: 25, left: 35, right: 15 };
const CONTENT_MM = PAGE.width - PAGE.left - PAGE.right;

const twip = (mm: number) => Math.round(convertMillimetersToTwip(mm));

/** Never print "null" or "undefined": absent values are blank. */
function text(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** "ngày 07 tháng 9 năm 2011": day below 10 and months 1–2 take a leading zero (Party/State style). */
export function formDateLine(place: string, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(isoDate);
  if (!match) return place.trim();
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const monthNumber = Number(month);
  const monthText = monthNumber <= 2 ? month : String(monthNumber);
  const date = `ngày ${day} tháng ${monthText} năm ${year}`;
  return place.trim() ? `${place.trim()}, ${date}` : date.charAt(0).toUpperCase() + date.slice(1);
}

/** "CHI BỘ THÔN TAM SƠN 1" whether or not the stored name already starts with "Chi bộ". */
function issuingBody(cellName: string): string {
  const upper = cellName.trim().toLocaleUpperCase('vi');
  if (upper === '') return '';
  return /^(CHI BỘ|ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ)(\s|$)/u.test(upper.normalize('NFC')) ? upper : `CHI BỘ ${upper}`;
}

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

function run(value: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text: value,
    font: FONT,
    size: style.size ?? BODY,
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
  });
}

/** A paragraph of runs, 1.15 line spacing; spacing before and after in twips. */
function paragraph(runs: TextRun[], options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.LEFT,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: 276 },
    children: runs,
  });
}

/** Runs for a multi-line value, with breaks between lines. */
function multiline(value: string | null | undefined, style: RunStyle = {}): TextRun[] {
  const lines = text(value).split(/\r?\n/u);
  return lines.map((line, index) => new TextRun({ text: line, font: FONT, size: style.size ?? BODY, bold: style.bold, italics: style.italics, break: index > 0 ? 1 : undefined }));
}

/** "Label: value" with the label in regular type and the value bold. */
function field(label: string, value: string | null | undefined, options: { before?: number } = {}): Paragraph {
  return paragraph([run(`${label}: `), ...multiline(value, { bold: true })], { before: options.before ?? 60 });
}

const NO_BORDERS = TableBorders.NONE;

function plainCell(children: Paragraph[], widthMm: number): TableCell {
  return new TableCell({ children, width: { size: twip(widthMm), type: WidthType.DXA }, borders: NO_BORDERS });
}

/** Two blocks side by side without borders (the header and the signature block). */
function twoColumns(left: Paragraph[], right: Paragraph[], leftMm: number): Table {
  const rightMm = CONTENT_MM - leftMm;
  return new Table({
    width: { size: twip(CONTENT_MM), type: WidthType.DXA },
    columnWidths: [twip(leftMm), twip(rightMm)],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [plainCell(left, leftMm), plainCell(right, rightMm)] })],
  });
}

function header(context: CommitmentFormContext): Table {
  const center = AlignmentType.CENTER;
  const superior = context.grassrootsName.trim().toLocaleUpperCase('vi');
  const issuing = issuingBody(context.cellName);
  const left = [
    paragraph([run(superior, { size: BODY })], { align: center }),
    paragraph([run(issuing, { bold: true, size: BODY })], { align: center }),
    paragraph([run('*', { size: BODY })], { align: center }),
  ];
  const right = [
    paragraph([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: PARTY })], { align: center }),
    paragraph([run('')], { align: center }),
    paragraph([run(formDateLine(context.place, context.today), { italics: true, size: BODY })], { align: AlignmentType.CENTER, before: 60 }),
  ];
  return twoColumns(left, right, 72);
}

function title(commitment: Commitment, form: CommitmentForm): Paragraph[] {
  const year = commitment.year;
  const words =
    form === 'registration'
      ? `BẢN ĐĂNG KÝ VIỆC LÀM THEO TẤM GƯƠNG ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM ${year}`
      : `BẢN TỰ KIỂM ĐIỂM VIỆC THỰC HIỆN ĐĂNG KÝ LÀM THEO TẤM GƯƠNG ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM ${year}`;
  const who = commitment.kind === 'collective' ? '(Dùng cho tập thể)' : commitment.isLeader ? '(Dùng cho cán bộ lãnh đạo chủ chốt, người đứng đầu)' : '(Dùng cho đảng viên)';
  return [
    paragraph([run(words, { bold: true, size: BODY })], { align: AlignmentType.CENTER, before: 360 }),
    paragraph([run(who, { italics: true, size: BODY })], { align: AlignmentType.CENTER, after: 240 }),
  ];
}

function identity(commitment: Commitment, context: CommitmentFormContext): Paragraph[] {
  const lines: Paragraph[] = [];
  if (commitment.kind === 'collective' || commitment.member === null) {
    lines.push(field('Tập thể', commitment.unit.name));
    lines.push(field('Trực thuộc', context.grassrootsName));
  } else {
    lines.push(field('Họ và tên', commitment.member.fullName));
    lines.push(field('Chi bộ', context.cellName || commitment.unit.name));
    if (commitment.isLeader) lines.push(field('Đối tượng', 'Cán bộ lãnh đạo chủ chốt, người đứng đầu'));
  }
  if (context.form === 'registration') {
    lines.push(field('Hạn đăng ký', formatDate(commitment.deadline)));
    lines.push(field('Ngày nộp bản đăng ký', formatDate(commitment.firstSubmittedOn)));
  }
  return lines;
}

interface Column {
  header: string;
  widthMm: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  cell: (item: CommitmentItem, index: number) => TextRun[][];
}

function reference(item: CommitmentItem): TextRun[][] {
  const lines: TextRun[][] = [];
  if (item.standardRef) lines.push(multiline(item.standardRef, { size: TABLE }));
  if (item.topicItem) lines.push([run(`Chuyên đề, mục ${item.topicItem.number}: ${item.topicItem.title}`, { size: TABLE, italics: true })]);
  return lines;
}

function action(item: CommitmentItem): TextRun[][] {
  const lines: TextRun[] = [];
  if (item.kind === 'example') lines.push(run(`[${ITEM_KIND_LABELS.example}] `, { bold: true, size: TABLE }));
  lines.push(...multiline(item.action, { size: TABLE }));
  return [lines];
}

function columns(form: CommitmentForm): Column[] {
  const tt: Column = { header: 'TT', widthMm: 10, align: AlignmentType.CENTER, cell: (_, index) => [[run(String(index + 1), { size: TABLE })]] };
  const due = (widthMm: number): Column => ({ header: 'Thời hạn', widthMm, align: AlignmentType.CENTER, cell: (item) => [[run(formatDate(item.dueOn), { size: TABLE })]] });
  const measure = (widthMm: number): Column => ({ header: 'Cách đo kết quả', widthMm, cell: (item) => [multiline(item.measure, { size: TABLE })] });
  const cites = (widthMm: number): Column => ({ header: 'Chuẩn mực, nội dung chuyên đề viện dẫn', widthMm, cell: reference });
  if (form === 'registration') {
    return [tt, { header: 'Việc đăng ký làm theo', widthMm: 55, cell: action }, measure(38), due(24), cites(33)];
  }
  return [
    { ...tt, widthMm: 9 },
    { header: 'Việc đăng ký làm theo', widthMm: 38, cell: action },
    measure(25),
    due(24),
    cites(26),
    { header: 'Kết quả tự đánh giá', widthMm: 20, align: AlignmentType.CENTER, cell: (item) => [[run(item.selfResult ? SELF_RESULT_LABELS[item.selfResult] : '', { size: TABLE })]] },
    { header: 'Ghi chú', widthMm: 18, cell: (item) => [multiline(item.selfNote, { size: TABLE })] },
  ];
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
const CELL_MARGINS = { top: twip(0.8), bottom: twip(0.8), left: twip(1.2), right: twip(1.2) };

function itemsTable(commitment: Commitment, form: CommitmentForm): Table {
  const cols = columns(form);
  const cell = (lines: TextRun[][], col: Column, bold = false) =>
    new TableCell({
      width: { size: twip(col.widthMm), type: WidthType.DXA },
      margins: CELL_MARGINS,
      verticalAlign: bold ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
      children: (lines.length > 0 ? lines : [[run('', { size: TABLE })]]).map(
        (runs) => new Paragraph({ alignment: bold ? AlignmentType.CENTER : (col.align ?? AlignmentType.LEFT), spacing: { before: 0, after: 0 }, children: runs }),
      ),
    });
  const headerRow = new TableRow({ tableHeader: true, cantSplit: true, children: cols.map((col) => cell([[run(col.header, { bold: true, size: TABLE })]], col, true)) });
  const rows = commitment.items.length > 0 ? commitment.items : [];
  const body = rows.map((item, index) => new TableRow({ cantSplit: true, children: cols.map((col) => cell(col.cell(item, index), col)) }));
  // A form with no items yet still prints empty lines to write on.
  const blanks = rows.length === 0 ? [0, 1, 2].map(() => new TableRow({ children: cols.map((col) => cell([], col)) })) : [];
  return new Table({
    width: { size: twip(CONTENT_MM), type: WidthType.DXA },
    columnWidths: cols.map((col) => twip(col.widthMm)),
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [headerRow, ...body, ...blanks],
  });
}

function reviewSummary(commitment: Commitment): Paragraph[] {
  const review = commitment.review;
  const counts = { done: 0, partly: 0, not_done: 0, none: 0 };
  for (const item of commitment.items) counts[item.selfResult ?? 'none'] += 1;
  const lines = [
    paragraph([run('II. TỰ NHẬN XÉT, XẾP LOẠI', { bold: true })], { before: 240, after: 60 }),
    field(
      'Kết quả thực hiện',
      `${commitment.items.length} việc đăng ký; ${SELF_RESULT_LABELS.done.toLocaleLowerCase('vi')} ${counts.done}, ` +
        `${SELF_RESULT_LABELS.partly.toLocaleLowerCase('vi')} ${counts.partly}, ${SELF_RESULT_LABELS.not_done.toLocaleLowerCase('vi')} ${counts.not_done}` +
        (counts.none > 0 ? `, chưa tự đánh giá ${counts.none}` : ''),
    ),
    field('Tự nhận xét', review.selfNote),
    field('Tự xếp loại', review.selfLevel?.label),
    field('Chi bộ đề nghị xếp loại', review.cellLevel?.label),
  ];
  if (review.cellNote) lines.push(field('Nhận xét của chi bộ', review.cellNote));
  lines.push(field('Cấp ủy quyết định xếp loại', review.decidedLevel?.label));
  if (review.notAssessedReason) lines.push(field('Chưa đánh giá, lý do', review.notAssessedReason));
  return lines;
}

function signatures(commitment: Commitment, form: CommitmentForm): Table {
  const center = AlignmentType.CENTER;
  const collective = commitment.kind === 'collective' || commitment.member === null;
  const blank = () => paragraph([run('')], { align: center });
  const left = collective
    ? [paragraph([run('XÁC NHẬN CỦA CẤP ỦY CẤP TRÊN', { bold: true })], { align: center }), paragraph([run('(Ký, ghi rõ họ tên)', { italics: true })], { align: center })]
    : [
        paragraph([run('XÁC NHẬN CỦA CHI BỘ', { bold: true })], { align: center }),
        paragraph([run('BÍ THƯ', { bold: true })], { align: center }),
        paragraph([run('(Ký, ghi rõ họ tên)', { italics: true })], { align: center }),
      ];
  const role = collective ? 'T/M TẬP THỂ' : form === 'registration' ? 'NGƯỜI ĐĂNG KÝ' : 'NGƯỜI TỰ KIỂM ĐIỂM';
  const right = [
    paragraph([run(role, { bold: true })], { align: center }),
    paragraph([run('(Ký, ghi rõ họ tên)', { italics: true })], { align: center }),
    blank(),
    blank(),
    blank(),
    paragraph([run(collective ? '' : text(commitment.member?.fullName), { bold: true })], { align: center }),
  ];
  return twoColumns(left, right, CONTENT_MM / 2);
}

/** The registration form or the self-review form of a commitment, as a DOCX file. */
export async function commitmentFormDocx(commitment: Commitment, context: CommitmentFormContext): Promise<Buffer> {
  const form = context.form;
  const heading = form === 'registration' ? 'I. NỘI DUNG ĐĂNG KÝ' : 'I. KẾT QUẢ THỰC HIỆN CÁC VIỆC ĐÃ ĐĂNG KÝ';
  const children: (Paragraph | Table)[] = [
    header(context),
    ...title(commitment, form),
    ...identity(commitment, context),
    paragraph([run(heading, { bold: true })], { before: 240, after: 120 }),
    itemsTable(commitment, form),
  ];
  if (form === 'review') children.push(...reviewSummary(commitment));
  children.push(paragraph([run('')], { before: 240 }), signatures(commitment, form));

  const document = new Document({
    creator: 'Lamtheo',
    title: form === 'registration' ? `Bản đăng ký việc làm theo năm ${commitment.year}` : `Bản tự kiểm điểm việc làm theo năm ${commitment.year}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            // A4 in twips, as Word writes it (11906 × 16838).
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: { top: twip(PAGE.top), bottom: twip(PAGE.bottom), left: twip(PAGE.left), right: twip(PAGE.right) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
