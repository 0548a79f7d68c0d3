import ExcelJS from 'exceljs';
import { GENDER_LABELS, MEMBER_STATUS_LABELS } from '../../../shared/domain/members';
import { MEMBER_IMPORT_MAX_ROWS, MEMBER_SHEET_COLUMNS, type MemberSheetKey } from '../../../shared/domain/member-sheet';
import { cleanText, formatDate } from '../../../shared/domain/text';
import { Validation } from '../../http/errors';
import type { MemberRow } from './members.repository';

export type SheetValues = Record<MemberSheetKey, string>;

export interface SheetRow {
  /** The spreadsheet row number, as the user sees it in Excel. */
  row: number;
  values: SheetValues;
  /** Problems found while reading cells (formulas, errors). */
  errors: string[];
}

const SHEET_NAME = 'Đảng viên';
const TEXT_COLUMNS = new Set<MemberSheetKey>(['unitCode', 'cardNumber', 'idNumber', 'phone']);

/** Is this an .xlsx file? Checked by content (a zip archive), never by name. */
export function looksLikeXlsx(buffer: Buffer): boolean {
  return buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
}

function cellText(value: ExcelJS.CellValue, key: MemberSheetKey): { text: string; error?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) {
    // Excel dates arrive as UTC midnights.
    const iso = value.toISOString().slice(0, 10);
    return { text: formatDate(iso) };
  }
  if (typeof value === 'number') {
    if (key === 'idNumber' && !Number.isInteger(value)) return { text: String(value), error: 'CMND/CCCD phải là dãy chữ số.' };
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? 'x' : '' };
  if (typeof value === 'string') return { text: cleanText(value) };
  if ('formula' in value || 'sharedFormula' in value) return { text: '', error: 'Ô có công thức: hãy dán giá trị (Paste Values) thay cho công thức.' };
  if ('richText' in value) return { text: cleanText(value.richText.map((part) => part.text).join('')) };
  if ('text' in value && typeof value.text === 'string') return { text: cleanText(value.text) };
  if ('error' in value) return { text: '', error: `Ô bị lỗi ${String(value.error)}.` };
  return { text: '' };
}

/** Read the member sheet; a file that is not a usable member list is refused as a whole. */
export async function readMemberSheet(buffer: Buffer): Promise<SheetRow[]> {
  if (!looksLikeXlsx(buffer)) throw Validation('Tệp không phải bảng tính Excel .xlsx. Hãy dùng mẫu tải về từ hệ thống.');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw Validation('Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw Validation('Tệp Excel không có trang tính nào.');
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  if (merges.length > 0) {
    throw Validation(`Bảng tính có ô gộp (${merges.slice(0, 3).join(', ')}). Hãy bỏ gộp ô rồi tải lên lại.`);
  }
  const header = sheet.getRow(1);
  const columnOf = new Map<MemberSheetKey, number>();
  const seen = new Map<string, number>();
  header.eachCell((cell, column) => seen.set(cleanText(String(cell.text)).toLowerCase(), column));
  const missing: string[] = [];
  for (const column of MEMBER_SHEET_COLUMNS) {
    const index = seen.get(column.header.toLowerCase());
    if (index === undefined) {
      if (column.required) missing.push(column.header);
    } else columnOf.set(column.key, index);
  }
  if (missing.length > 0) throw Validation(`Thiếu cột bắt buộc ở dòng tiêu đề: ${missing.join(', ')}. Hãy dùng mẫu tải về từ hệ thống.`);
  if (sheet.rowCount - 1 > MEMBER_IMPORT_MAX_ROWS) {
    throw Validation(`Tệp có ${sheet.rowCount - 1} dòng, quá ${MEMBER_IMPORT_MAX_ROWS} dòng cho một lần nhập. Hãy chia nhỏ tệp.`);
  }

  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values = {} as SheetValues;
    const errors: string[] = [];
    for (const column of MEMBER_SHEET_COLUMNS) {
      const index = columnOf.get(column.key);
      const { text, error } = index === undefined ? { text: '' } : cellText(row.getCell(index).value, column.key);
      values[column.key] = text;
      if (error) errors.push(`${column.header}: ${error}`);
    }
    // Rows with nothing in them are skipped, wherever they are.
    if (Object.values(values).every((v) => v === '') && errors.length === 0) return;
    rows.push({ row: rowNumber, values, errors });
  });
  return rows;
}

function memberValues(m: MemberRow, unitCode: string): SheetValues {
  return {
    unitCode,
    familyName: m.family_name,
    middleName: m.middle_name,
    givenName: m.given_name,
    birthDate: formatDate(m.birth_date),
    gender: GENDER_LABELS[m.gender as keyof typeof GENDER_LABELS] ?? '',
    ethnicity: m.ethnicity ?? '',
    status: MEMBER_STATUS_LABELS[m.status as keyof typeof MEMBER_STATUS_LABELS] ?? '',
    joinedOn: formatDate(m.joined_on),
    officialOn: formatDate(m.official_on),
    cardNumber: m.card_number ?? '',
    idNumber: m.id_number ?? '',
    phone: m.phone ?? '',
    isKeyLeader: m.is_key_leader ? 'x' : '',
    isHead: m.is_head ? 'x' : '',
  };
}

/** The member sheet with the same headers as the template; with no members it is the template itself. */
export async function writeMemberSheet(members: { row: MemberRow; unitCode: string }[], example?: SheetValues): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lamtheo';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MEMBER_SHEET_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const column of MEMBER_SHEET_COLUMNS) {
    // Codes and numbers stay text, so leading zeros of a CCCD survive Excel.
    if (TEXT_COLUMNS.has(column.key)) sheet.getColumn(column.key).numFmt = '@';
  }
  sheet.getRow(1).font = { bold: true };
  if (example) sheet.addRow(example);
  for (const { row, unitCode } of members) sheet.addRow(memberValues(row, unitCode));
  if (example) {
    const notes = workbook.addWorksheet('Hướng dẫn');
    notes.columns = [{ header: 'Cột', width: 20 }, { header: 'Cách ghi', width: 90 }];
    const guide: [string, string][] = [
      ['Mã chi bộ', 'Mã của chi bộ trong hệ thống (xem ở trang Cơ cấu tổ chức), ví dụ BN.TXTS.07.01'],
      ['Họ, Tên đệm, Tên', 'Ghi riêng từng phần; họ kép (Âu Dương) ghi cả vào cột Họ; tên đệm có thể để trống'],
      ['Ngày sinh, Ngày vào Đảng, Ngày chính thức', 'Dạng dd/mm/yyyy, ví dụ 07/09/1975'],
      ['Giới tính', 'Nam hoặc Nữ'],
      ['Trạng thái', 'Dự bị hoặc Chính thức (đảng viên chính thức phải có ngày chính thức)'],
      ['CMND/CCCD', 'CMND 9 chữ số hoặc CCCD 12 chữ số, giữ nguyên số 0 ở đầu'],
      ['Lãnh đạo chủ chốt, Người đứng đầu', 'Ghi x nếu đúng, để trống nếu không'],
      ['Lưu ý', 'Không gộp ô, không dùng công thức; dòng trống được bỏ qua. Dòng 2 là ví dụ: xóa trước khi nhập.'],
    ];
    for (const line of guide) notes.addRow(line);
    notes.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
