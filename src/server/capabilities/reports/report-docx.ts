import {
  AlignmentType,
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
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { ReportDocx } from '../../../shared/schemas/reports';
import { formDateLine } from '../commitments/commitment-forms';

/**
 * A generated report as a Word file in the Party document layout (DOMAIN.md §4; Hướng dẫn 36-HD/VPTW):
 * A4 portrait, Times New Roman, margins about 25 / 25 / 35 / 15 mm (top / bottom / left / right);
 * top left the superior body (14 pt) and the issuing body (14 pt bold) with "*" beneath and the number
 * "Số 05-BC/HU"; top right "ĐẢNG CỘNG SẢN VIỆT NAM" (15 pt bold, underlined) and the place and date in
 * italics; the type name BÁO CÁO (bold capitals) and the summary line (bold); the body in 14 pt with
 * sections I / II (strengths, shortcomings) / III; the signature block ("T/M BAN THƯỜNG VỤ") and
 * "Nơi nhận". Pure: everything comes from the edited draft.
 */

const FONT = 'Times New Roman';
/** Half-points. */
const BODY = 28; // 14 pt
const PARTY = 30; // 15 pt
const TITLE = 32; // 16 pt
const RECIPIENTS = 24; // 12 pt

const PAGE = { width: 210, top: 25, bottom: 25, left: 35, right: 15 };
const CONTENT_MM = PAGE.width - PAGE.left - PAGE.right;
const twip = (mm: number) => Math.round(convertMillimetersToTwip(mm));

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}

function run(value: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text: value, font: FONT, size: style.size ?? BODY, bold: style.bold, italics: style.italics, underline: style.underline ? {} : undefined });
}

function paragraph(runs: TextRun[], options: { align?: Align; before?: number; after?: number; indent?: boolean; line?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.LEFT,
    spacing: { before: options.before ?? 0, after: options.after ?? 0, line: options.line ?? 276 },
    indent: options.indent ? { firstLine: twip(10) } : undefined,
    children: runs,
  });
}

/** Body paragraphs: justified, first line indented 1 cm, 6 pt after. */
function bodyParagraphs(text: string): Paragraph[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => paragraph([run(line)], { align: AlignmentType.JUSTIFIED, after: 120, indent: true, line: 300 }));
}

function plainCell(children: Paragraph[], widthMm: number): TableCell {
  return new TableCell({ children, width: { size: twip(widthMm), type: WidthType.DXA }, borders: TableBorders.NONE });
}

function twoColumns(left: Paragraph[], right: Paragraph[], leftMm: number): Table {
  const rightMm = CONTENT_MM - leftMm;
  return new Table({
    width: { size: twip(CONTENT_MM), type: WidthType.DXA },
    columnWidths: [twip(leftMm), twip(rightMm)],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [plainCell(left, leftMm), plainCell(right, rightMm)] })],
  });
}

/** "Số 05-BC/HU" whether or not the officer typed "Số"; an empty number leaves dots to fill in by hand. */
export function numberLine(number: string): string {
  const bare = number.replace(/^Số\s*:?\s*/iu, '').trim();
  return `Số ${bare === '' ? '……-BC/……' : bare}`;
}

function header(report: ReportDocx): Table {
  const center = AlignmentType.CENTER;
  const { superiorBody, issuingBody, number, place, date } = report.header;
  const left = [
    ...(superiorBody ? [paragraph([run(superiorBody.toLocaleUpperCase('vi'))], { align: center })] : []),
    paragraph([run(issuingBody.toLocaleUpperCase('vi'), { bold: true })], { align: center }),
    paragraph([run('*')], { align: center }),
    paragraph([run(numberLine(number))], { align: center }),
  ];
  const right = [
    paragraph([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: PARTY })], { align: center }),
    paragraph([run('')], { align: center }),
    paragraph([run(formDateLine(place, date), { italics: true })], { align: center, before: 60 }),
  ];
  return twoColumns(left, right, 75);
}

function title(report: ReportDocx): Paragraph[] {
  return [
    paragraph([run(report.title.toLocaleUpperCase('vi'), { bold: true, size: TITLE })], { align: AlignmentType.CENTER, before: 480 }),
    paragraph([run(report.summary, { bold: true })], { align: AlignmentType.CENTER, after: 60 }),
    paragraph([run('-----', { size: BODY })], { align: AlignmentType.CENTER, after: 240 }),
  ];
}

function sections(report: ReportDocx): Paragraph[] {
  const out: Paragraph[] = [...bodyParagraphs(report.introduction)];
  let assessmentPrinted = false;
  for (const section of report.sections) {
    const inAssessment = section.key === 'strengths' || section.key === 'shortcomings';
    if (inAssessment && !assessmentPrinted && report.assessmentHeading) {
      out.push(paragraph([run(report.assessmentHeading, { bold: true })], { align: AlignmentType.JUSTIFIED, before: 120, after: 120, indent: true }));
      assessmentPrinted = true;
    }
    if (section.heading) {
      out.push(paragraph([run(section.heading, { bold: true, italics: inAssessment })], { align: AlignmentType.JUSTIFIED, before: 120, after: 120, indent: true }));
    }
    out.push(...bodyParagraphs(section.text));
  }
  return out;
}

function signatureBlock(report: ReportDocx): Table {
  const center = AlignmentType.CENTER;
  const left = [
    paragraph([run('Nơi nhận:', { bold: true, italics: true, size: RECIPIENTS })]),
    ...report.recipients.map((line) => paragraph([run(`- ${line.replace(/^[-–•]\s*/u, '')}`, { size: RECIPIENTS })])),
  ];
  const { onBehalf, position, signer } = report.signature;
  const right = [
    ...(onBehalf ? [paragraph([run(onBehalf.toLocaleUpperCase('vi'), { bold: true })], { align: center })] : []),
    ...(position ? [paragraph([run(position.toLocaleUpperCase('vi'), { bold: true })], { align: center })] : []),
    paragraph([run('')], { align: center }),
    paragraph([run('')], { align: center }),
    paragraph([run('')], { align: center }),
    paragraph([run(signer, { bold: true })], { align: center }),
  ];
  return twoColumns(left, right, CONTENT_MM / 2);
}

/** The edited report as a DOCX file. */
export async function reportDocx(report: ReportDocx): Promise<Buffer> {
  const document = new Document({
    creator: 'Lamtheo',
    title: `${report.title} ${report.summary}`.slice(0, 250),
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
        children: [header(report), ...title(report), ...sections(report), paragraph([run('')], { before: 240 }), signatureBlock(report)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
