import ExcelJS from 'exceljs';
import { MEMBER_SHEET_COLUMNS, XLSX_MIME } from '../../src/shared/domain/member-sheet';
import type { Client } from './app';

export type SheetCell = ExcelJS.CellValue;

/** A member sheet as a user would fill it: the template's header row, then the given rows. */
export async function memberWorkbook(rows: Record<string, SheetCell>[], options: { merge?: string; headers?: string[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đảng viên');
  const headers = options.headers ?? MEMBER_SHEET_COLUMNS.map((c) => c.header);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(MEMBER_SHEET_COLUMNS.map((c) => row[c.key] ?? null));
  if (options.merge) sheet.mergeCells(options.merge);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function readWorkbook(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    const values: string[] = [];
    for (let i = 1; i <= MEMBER_SHEET_COLUMNS.length; i++) values.push(row.getCell(i).text);
    rows.push(values);
  });
  return rows;
}

export function upload(client: Client, unitId: number, file: Buffer, fileName = 'danh-sach.xlsx') {
  return client.request({ method: 'POST', url: `/api/member-imports?unitId=${unitId}&fileName=${encodeURIComponent(fileName)}`, headers: { 'content-type': XLSX_MIME }, payload: file });
}

/** Poll an import until its background work is over. */
export async function settled(client: Client, id: number) {
  for (let i = 0; i < 600; i++) {
    const response = await client.get(`/api/member-imports/${id}`);
    if (!['validating', 'importing'].includes(response.body.status)) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import ${id} did not finish`);
}
