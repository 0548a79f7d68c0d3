import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { percentText, writeCoverageSheet, writeRankingSheet } from '../../src/server/capabilities/commitments/commitment-sheets';
import type { Coverage, CoverageRow, Ranking } from '../../src/shared/schemas/commitments';

/** Every sheet of a workbook: its name, frozen panes and the text of each row (all columns). */
async function readSheets(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    const values: ExcelJS.CellValue[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const texts: string[] = [];
      const raw: ExcelJS.CellValue[] = [];
      for (let i = 1; i <= sheet.columnCount; i++) {
        texts.push(row.getCell(i).text);
        raw.push(row.getCell(i).value);
      }
      rows.push(texts);
      values.push(raw);
    });
    return { name: sheet.name, views: sheet.views, rows, values, sheet };
  });
}

const LEVELS = [
  { code: 'good', label: 'Đủ tư cách, hoàn thành tốt nhiệm vụ', rank: 2 },
  { code: 'excellent', label: 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ', rank: 1 },
  { code: 'done', label: 'Đủ tư cách, hoàn thành nhiệm vụ', rank: 3 },
  { code: 'failed', label: 'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ', rank: 4 },
];

function row(id: number, name: string, values: Omit<CoverageRow, 'unit'>): CoverageRow {
  return { unit: { id, name, kind: 'grassroots_committee', childCount: 3 }, ...values };
}

const TAM_SON = row(21, 'Đảng bộ xã Tam Sơn', {
  members: 120,
  leaders: 8,
  memberStates: { done_on_time: 80, done_late: 10, pending: 0, overdue: 30 },
  leaderStates: { done_on_time: 6, done_late: 1, pending: 0, overdue: 1 },
  collectivesOnTime: 4,
  collectivesLate: 1,
  accepted: 85,
  selfReviewed: 70,
  decided: 60,
  levels: { excellent: 5, good: 40, done: 12, failed: 1, not_assessed: 2 },
});
const DINH_BANG = row(22, 'Đảng bộ phường Đình Bảng', {
  members: 80,
  leaders: 2,
  memberStates: { done_on_time: 50, done_late: 0, pending: 0, overdue: 30 },
  leaderStates: { done_on_time: 1, done_late: 0, pending: 0, overdue: 1 },
  collectivesOnTime: 2,
  collectivesLate: 0,
  accepted: 45,
  selfReviewed: 30,
  decided: 20,
  levels: { excellent: 2, good: 15, done: 3 },
});
// A unit with nobody in it yet: shares have no denominator and stay blank.
const EMPTY = row(23, 'Đảng bộ Công an thị xã', {
  members: 0,
  leaders: 0,
  memberStates: { done_on_time: 0, done_late: 0, pending: 0, overdue: 0 },
  leaderStates: { done_on_time: 0, done_late: 0, pending: 0, overdue: 0 },
  collectivesOnTime: 0,
  collectivesLate: 0,
  accepted: 0,
  selfReviewed: 0,
  decided: 0,
  levels: {},
});
const TU_SON: CoverageRow = {
  unit: { id: 2, name: 'Đảng bộ thị xã Từ Sơn', kind: 'district_committee', childCount: 3 },
  members: 200,
  leaders: 10,
  memberStates: { done_on_time: 130, done_late: 10, pending: 0, overdue: 60 },
  leaderStates: { done_on_time: 7, done_late: 1, pending: 0, overdue: 2 },
  collectivesOnTime: 6,
  collectivesLate: 1,
  accepted: 130,
  selfReviewed: 100,
  decided: 80,
  levels: { excellent: 7, good: 55, done: 15, failed: 1, not_assessed: 2 },
};

const COVERAGE: Coverage = {
  round: { id: 1, year: 2012, leaderDeadline: '2012-05-15', memberDeadline: '2012-05-31' },
  today: '2012-06-19',
  ancestors: [{ id: 1, name: 'Đảng bộ tỉnh Bắc Ninh' }],
  unit: TU_SON,
  rows: [TAM_SON, DINH_BANG, EMPTY],
  levels: LEVELS,
};

const COVERAGE_HEADER = [
  'Đơn vị',
  'Số đảng viên',
  'Cán bộ chủ chốt, người đứng đầu',
  'CBCC đăng ký đúng hạn',
  'CBCC đăng ký trễ hạn',
  'CBCC chưa đăng ký',
  'Tỷ lệ CBCC đã đăng ký',
  'Đảng viên đăng ký đúng hạn',
  'Đảng viên đăng ký trễ hạn',
  'Đảng viên chưa đăng ký',
  'Tỷ lệ đảng viên đã đăng ký',
  'Tập thể đăng ký đúng hạn',
  'Tập thể đăng ký trễ hạn',
  'Bản đăng ký chi bộ đã chấp nhận',
  'Đã tự kiểm điểm',
  'Đã xếp loại',
  'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ',
  'Đủ tư cách, hoàn thành tốt nhiệm vụ',
  'Đủ tư cách, hoàn thành nhiệm vụ',
  'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ',
  'Chưa đánh giá',
];

describe('percentages written as text', () => {
  it('use a decimal comma and one decimal, blank without a denominator', () => {
    expect(percentText(0.75)).toBe('75,0%');
    expect(percentText(1)).toBe('100,0%');
    expect(percentText(2 / 3)).toBe('66,7%');
    expect(percentText(0)).toBe('0,0%');
    expect(percentText(null)).toBe('');
    expect(percentText(Number.NaN)).toBe('');
  });
});

describe('the coverage sheet', () => {
  it('has a title, the dates it speaks of, a bold header with the levels in rank order, frozen panes', async () => {
    const [sheet, legend] = await readSheets(await writeCoverageSheet(COVERAGE));
    expect(sheet!.name).toBe('Đăng ký 2012');
    expect(sheet!.rows[0]![0]).toBe('Đăng ký việc làm theo năm 2012 — Đảng bộ thị xã Từ Sơn');
    expect(sheet!.rows[1]![0]).toBe('Số liệu đến ngày 19/06/2012; hạn đăng ký của cán bộ chủ chốt 15/05/2012, của đảng viên 31/05/2012');
    expect(sheet!.rows[2]).toEqual(COVERAGE_HEADER);
    expect(sheet!.sheet.getRow(3).font?.bold).toBe(true);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 });
    expect(sheet!.sheet.getColumn(1).width).toBeGreaterThanOrEqual(30);
    expect(legend!.name).toBe('Chú thích');
    const legendText = legend!.rows.map((r) => r.join(' | '));
    expect(legendText).toContain('Hạn của CBCC | 15/05/2012');
    expect(legendText).toContain('Hạn của đảng viên | 31/05/2012');
    expect(legendText.some((line) => line.startsWith('Chưa đăng ký | Chưa hoàn thành, còn trong hạn và chưa hoàn thành, quá hạn'))).toBe(true);
  });

  it('writes one row per child: counts as numbers, not-yet = pending + overdue, shares as "75,0%"', async () => {
    const [sheet] = await readSheets(await writeCoverageSheet(COVERAGE));
    const body = sheet!.rows.slice(3);
    expect(body).toHaveLength(4);
    expect(body[0]).toEqual([
      'Đảng bộ xã Tam Sơn', '120', '8',
      '6', '1', '1', '87,5%',
      '80', '10', '30', '75,0%',
      '4', '1', '85', '70', '60',
      '5', '40', '12', '1', '2',
    ]);
    expect(body[1]).toEqual([
      'Đảng bộ phường Đình Bảng', '80', '2',
      '1', '0', '1', '50,0%',
      '50', '0', '30', '62,5%',
      '2', '0', '45', '30', '20',
      '2', '15', '3', '0', '0',
    ]);
    expect(body[2]).toEqual(['Đảng bộ Công an thị xã', '0', '0', '0', '0', '0', '', '0', '0', '0', '', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0']);
    expect(typeof sheet!.values[3]![1]).toBe('number');
    expect(sheet!.rows.flat().join(' ')).not.toMatch(/null|undefined|NaN/u);
  });

  it('ends with the unit as the total row, whose counts are the sums of the children and whose shares are recomputed', async () => {
    const [sheet] = await readSheets(await writeCoverageSheet(COVERAGE));
    const children = sheet!.values.slice(3, 6);
    const total = sheet!.rows[6]!;
    expect(total[0]).toBe('Tổng cộng: Đảng bộ thị xã Từ Sơn');
    expect(total).toEqual([
      'Tổng cộng: Đảng bộ thị xã Từ Sơn', '200', '10',
      '7', '1', '2', '80,0%',
      '130', '10', '60', '70,0%',
      '6', '1', '130', '100', '80',
      '7', '55', '15', '1', '2',
    ]);
    // Every count column of the total equals the sum over the children (the fixture is consistent).
    const percentColumns = new Set([6, 10]);
    for (let column = 1; column < COVERAGE_HEADER.length; column++) {
      if (percentColumns.has(column)) continue;
      const sum = children.reduce((acc, r) => acc + Number(r[column]), 0);
      expect(Number(sheet!.values[6]![column]), COVERAGE_HEADER[column]).toBe(sum);
    }
    expect(sheet!.sheet.getRow(7).font?.bold).toBe(true);
  });

  it('still has its total row when the unit has no children (a cell)', async () => {
    const [sheet] = await readSheets(await writeCoverageSheet({ ...COVERAGE, rows: [] }));
    expect(sheet!.rows.slice(3).map((r) => r[0])).toEqual(['Tổng cộng: Đảng bộ thị xã Từ Sơn']);
  });
});

const RANKING: Ranking = {
  unit: { id: 21, name: 'Đảng bộ xã Tam Sơn', kind: 'grassroots_committee' },
  round: { id: 1, year: 2012 },
  levels: LEVELS,
  members: [
    { position: 1, member: { id: 1, fullName: 'Trần Thị Bình' }, cell: 'Chi bộ thôn Tam Sơn 1', level: { code: 'excellent', label: 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ' }, doneShare: 1, items: 4 },
    { position: 2, member: { id: 2, fullName: 'Nguyễn Văn An' }, cell: 'Chi bộ thôn Tam Sơn 1', level: { code: 'good', label: 'Đủ tư cách, hoàn thành tốt nhiệm vụ' }, doneShare: 0.75, items: 4 },
    { position: 3, member: { id: 3, fullName: 'Lê Văn Cường' }, cell: 'Chi bộ thôn Đa Hội', level: null, doneShare: null, items: 0 },
  ],
  units: [
    { position: 1, unit: { id: 40, name: 'Chi bộ thôn Tam Sơn 1', kind: 'cell' }, members: 30, decided: 28, levels: { excellent: 3, good: 20, done: 5, not_assessed: 1 }, topShare: 23 / 28 },
    { position: 2, unit: { id: 41, name: 'Chi bộ thôn Đa Hội', kind: 'cell' }, members: 12, decided: 0, levels: {}, topShare: null },
  ],
};

describe('the ranking workbook', () => {
  it('lists the members in ranking order with the level label and the share of items done', async () => {
    const [members] = await readSheets(await writeRankingSheet(RANKING));
    expect(members!.name).toBe('Đảng viên');
    expect(members!.rows[0]![0]).toBe('Bình xét thi đua năm 2012 — Đảng bộ xã Tam Sơn: đảng viên');
    expect(members!.rows[1]).toEqual(['Thứ tự', 'Họ và tên', 'Chi bộ', 'Xếp loại', 'Tỷ lệ việc đã làm', 'Số việc']);
    expect(members!.sheet.getRow(2).font?.bold).toBe(true);
    expect(members!.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(members!.rows.slice(2)).toEqual([
      ['1', 'Trần Thị Bình', 'Chi bộ thôn Tam Sơn 1', 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ', '100,0%', '4'],
      ['2', 'Nguyễn Văn An', 'Chi bộ thôn Tam Sơn 1', 'Đủ tư cách, hoàn thành tốt nhiệm vụ', '75,0%', '4'],
      ['3', 'Lê Văn Cường', 'Chi bộ thôn Đa Hội', '', '', '0'],
    ]);
  });

  it('lists the sub-units with one column per level in rank order and the share of top levels', async () => {
    const [, units] = await readSheets(await writeRankingSheet(RANKING));
    expect(units!.name).toBe('Đơn vị');
    expect(units!.rows[0]![0]).toBe('Bình xét thi đua năm 2012 — Đảng bộ xã Tam Sơn: đơn vị trực thuộc');
    expect(units!.rows[1]).toEqual([
      'Thứ tự',
      'Đơn vị',
      'Số đảng viên',
      'Đã xếp loại',
      'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ',
      'Đủ tư cách, hoàn thành tốt nhiệm vụ',
      'Đủ tư cách, hoàn thành nhiệm vụ',
      'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ',
      'Chưa đánh giá',
      'Tỷ lệ hoàn thành xuất sắc và tốt nhiệm vụ',
    ]);
    expect(units!.rows.slice(2)).toEqual([
      ['1', 'Chi bộ thôn Tam Sơn 1', '30', '28', '3', '20', '5', '0', '1', '82,1%'],
      ['2', 'Chi bộ thôn Đa Hội', '12', '0', '0', '0', '0', '0', '0', ''],
    ]);
    expect(units!.values[2]![2]).toBe(30);
  });

  it('writes both sheets, with headers only, for an empty ranking', async () => {
    const sheets = await readSheets(await writeRankingSheet({ ...RANKING, members: [], units: [] }));
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['Đảng viên', 2],
      ['Đơn vị', 2],
    ]);
    expect(sheets.flatMap((s) => s.rows.flat()).join(' ')).not.toMatch(/null|undefined|NaN/u);
  });
});
