import ExcelJS from 'exceljs';
import {
  INDICATORS,
  INDICATOR_GROUP_LABELS,
  type IndicatorDefinition,
  type IndicatorValue,
  type ResolvedPeriod,
  indicatorRatio,
} from '../../../shared/domain/indicators';
import { type IndicatorValues, committeeName } from '../../../shared/domain/report-text';
import { formatDate } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../shared/domain/units';

/**
 * The statistics appendix of a generated report (Excel): sheet "Chỉ tiêu" — every indicator of the
 * registry for the unit, this period, the previous period and the same period of the previous year;
 * sheet "Đơn vị trực thuộc" — the child units × the indicators, with the unit's own total last.
 * Numbers stay numbers (ratios as percentages) so the officer can compute with them. Pure.
 */

export interface AppendixInput {
  unit: { name: string; kind: UnitKind };
  period: ResolvedPeriod;
  previousPeriod: ResolvedPeriod;
  previousYear: ResolvedPeriod;
  /** The day the figures were read, yyyy-mm-dd. */
  today: string;
  current: IndicatorValues;
  previous: IndicatorValues;
  lastYear: IndicatorValues;
  children: { name: string; kind: UnitKind; values: IndicatorValues }[];
}

const PERCENT = '0.0%';
const BOLD = { bold: true };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Numerator, denominator (blank for a plain count) and ratio (blank when nothing was due). */
function triple(value: IndicatorValue | undefined): (number | null)[] {
  if (!value) return [null, null, null];
  return [value.numerator, value.denominator, indicatorRatio(value)];
}

function frame(sheet: ExcelJS.Worksheet, fromRow: number, toRow: number, columns: number) {
  for (let r = fromRow; r <= toRow; r++) {
    for (let c = 1; c <= columns; c++) sheet.getCell(r, c).border = THIN;
  }
}

function indicatorsSheet(workbook: ExcelJS.Workbook, input: AppendixInput, title: string) {
  const sheet = workbook.addWorksheet('Chỉ tiêu', { views: [{ state: 'frozen', ySplit: 5, xSplit: 3 }] });
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([`Số liệu tính đến ngày ${formatDate(input.period.to < input.today ? input.period.to : input.today)}. Tỷ lệ = Đạt / Tổng số; chỉ tiêu đếm số lượng để trống Tổng số.`]).font = { italic: true };
  sheet.addRow([]);
  const periods = [`Kỳ này (${input.period.label})`, `Kỳ trước (${input.previousPeriod.label})`, `Cùng kỳ năm trước (${input.previousYear.label})`];
  sheet.addRow(['TT', 'Nhóm', 'Chỉ tiêu', periods[0], '', '', periods[1], '', '', periods[2], '', '', 'Định nghĩa', 'Tử số (Đạt)', 'Mẫu số (Tổng số)']);
  sheet.addRow(['', '', '', 'Đạt', 'Tổng số', 'Tỷ lệ', 'Đạt', 'Tổng số', 'Tỷ lệ', 'Đạt', 'Tổng số', 'Tỷ lệ', '', '', '']);
  for (const [from, to] of [
    ['A4', 'A5'],
    ['B4', 'B5'],
    ['C4', 'C5'],
    ['D4', 'F4'],
    ['G4', 'I4'],
    ['J4', 'L4'],
    ['M4', 'M5'],
    ['N4', 'N5'],
    ['O4', 'O5'],
  ] as const) {
    sheet.mergeCells(`${from}:${to}`);
  }
  for (const row of [4, 5]) {
    const header = sheet.getRow(row);
    header.font = BOLD;
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  INDICATORS.forEach((definition, index) => {
    const row = sheet.addRow([
      index + 1,
      INDICATOR_GROUP_LABELS[definition.group],
      definition.name,
      ...triple(input.current[definition.key]),
      ...triple(input.previous[definition.key]),
      ...triple(input.lastYear[definition.key]),
      definition.definition,
      definition.numerator,
      definition.denominator ?? '',
    ]);
    for (const column of [6, 9, 12]) row.getCell(column).numFmt = PERCENT;
    row.alignment = { vertical: 'top', wrapText: true };
  });
  frame(sheet, 4, 5 + INDICATORS.length, 15);
  const widths = [5, 18, 34, 9, 9, 9, 9, 9, 9, 9, 9, 9, 60, 30, 30];
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
}

/** Ratio indicators take three columns (Đạt, Tổng số, Tỷ lệ), plain counts one. */
function columnsOf(definition: IndicatorDefinition): number {
  return definition.denominator === null ? 1 : 3;
}

function childrenSheet(workbook: ExcelJS.Workbook, input: AppendixInput, title: string) {
  const sheet = workbook.addWorksheet('Đơn vị trực thuộc', { views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }] });
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([`Các đơn vị trực thuộc ${committeeName(input.unit)}, ${input.period.label}.`]).font = { italic: true };
  const top: (string | number)[] = ['TT', 'Đơn vị', 'Loại tổ chức'];
  const second: string[] = ['', '', ''];
  const merges: [number, number][] = [];
  for (const definition of INDICATORS) {
    const start = top.length + 1;
    const span = columnsOf(definition);
    top.push(definition.name, ...Array<string>(span - 1).fill(''));
    second.push(...(span === 1 ? ['Số lượng'] : ['Đạt', 'Tổng số', 'Tỷ lệ']));
    if (span > 1) merges.push([start, start + span - 1]);
  }
  sheet.addRow(top);
  sheet.addRow(second);
  for (const column of [1, 2, 3]) sheet.mergeCells(3, column, 4, column);
  for (const [from, to] of merges) sheet.mergeCells(3, from, 3, to);
  for (const row of [3, 4]) {
    const header = sheet.getRow(row);
    header.font = BOLD;
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  sheet.getRow(3).height = 60;

  const line = (values: IndicatorValues) =>
    INDICATORS.flatMap((definition) => {
      const value = values[definition.key];
      return definition.denominator === null ? [value?.numerator ?? null] : triple(value);
    });
  const percentColumns: number[] = [];
  let column = 4;
  for (const definition of INDICATORS) {
    if (definition.denominator !== null) percentColumns.push(column + 2);
    column += columnsOf(definition);
  }
  const lastColumn = column - 1;

  input.children.forEach((child, index) => {
    const row = sheet.addRow([index + 1, committeeName(child), UNIT_KIND_LABELS[child.kind], ...line(child.values)]);
    for (const c of percentColumns) row.getCell(c).numFmt = PERCENT;
  });
  const total = sheet.addRow(['', `Toàn ${committeeName(input.unit)}`, UNIT_KIND_LABELS[input.unit.kind], ...line(input.current)]);
  total.font = BOLD;
  for (const c of percentColumns) total.getCell(c).numFmt = PERCENT;
  frame(sheet, 3, 4 + input.children.length + 1, lastColumn);
  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 32;
  sheet.getColumn(3).width = 18;
  for (let c = 4; c <= lastColumn; c++) sheet.getColumn(c).width = 9;
}

export async function writeReportAppendix(input: AppendixInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lamtheo';
  const title = `PHỤ LỤC SỐ LIỆU — ${committeeName(input.unit).toLocaleUpperCase('vi')} — ${input.period.label.toLocaleUpperCase('vi')}`;
  indicatorsSheet(workbook, input, title);
  childrenSheet(workbook, input, title);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
