import ExcelJS from 'exceljs';
import { TIMELINESS_LABELS } from '../../../shared/domain/timeliness';
import { formatDate } from '../../../shared/domain/text';
import type { AssessmentLevelOut, Coverage, CoverageRow, Ranking } from '../../../shared/schemas/commitments';

/**
 * Excel exports of the commitments capability: the registration coverage of a unit's children and
 * the emulation ranking (bình xét thi đua). Pure: they write what they are given.
 */

/** The key under which decided-level counts hold members not assessed ("chưa đánh giá"). */
export const NOT_ASSESSED = 'not_assessed';
export const NOT_ASSESSED_LABEL = 'Chưa đánh giá';

/** 0.75 → "75,0%"; no denominator → blank. */
export function percentText(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  return `${(value * 100).toFixed(1).replace('.', ',')}%`;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

const byRank = (levels: AssessmentLevelOut[]) => [...levels].sort((a, b) => a.rank - b.rank);

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
}

function styleTitle(row: ExcelJS.Row) {
  row.font = { bold: true, size: 13 };
}

interface CoverageColumn {
  header: string;
  width: number;
  value: (row: CoverageRow) => string | number;
}

function coverageColumns(levels: AssessmentLevelOut[]): CoverageColumn[] {
  const registered = (c: CoverageRow['memberStates']) => c.done_on_time + c.done_late;
  const waiting = (c: CoverageRow['memberStates']) => c.pending + c.overdue;
  return [
    { header: 'Số đảng viên', width: 10, value: (r) => r.members },
    { header: 'Cán bộ chủ chốt, người đứng đầu', width: 14, value: (r) => r.leaders },
    { header: 'CBCC đăng ký đúng hạn', width: 12, value: (r) => r.leaderStates.done_on_time },
    { header: 'CBCC đăng ký trễ hạn', width: 12, value: (r) => r.leaderStates.done_late },
    { header: 'CBCC chưa đăng ký', width: 12, value: (r) => waiting(r.leaderStates) },
    { header: 'Tỷ lệ CBCC đã đăng ký', width: 12, value: (r) => percentText(share(registered(r.leaderStates), r.leaders)) },
    { header: 'Đảng viên đăng ký đúng hạn', width: 12, value: (r) => r.memberStates.done_on_time },
    { header: 'Đảng viên đăng ký trễ hạn', width: 12, value: (r) => r.memberStates.done_late },
    { header: 'Đảng viên chưa đăng ký', width: 12, value: (r) => waiting(r.memberStates) },
    { header: 'Tỷ lệ đảng viên đã đăng ký', width: 12, value: (r) => percentText(share(registered(r.memberStates), r.members)) },
    { header: 'Tập thể đăng ký đúng hạn', width: 12, value: (r) => r.collectivesOnTime },
    { header: 'Tập thể đăng ký trễ hạn', width: 12, value: (r) => r.collectivesLate },
    { header: 'Bản đăng ký chi bộ đã chấp nhận', width: 13, value: (r) => r.accepted },
    { header: 'Đã tự kiểm điểm', width: 11, value: (r) => r.selfReviewed },
    { header: 'Đã xếp loại', width: 10, value: (r) => r.decided },
    ...byRank(levels).map((level) => ({ header: level.label, width: 18, value: (r: CoverageRow) => r.levels[level.code] ?? 0 })),
    { header: NOT_ASSESSED_LABEL, width: 11, value: (r) => r.levels[NOT_ASSESSED] ?? 0 },
  ];
}

/** One row per child unit and a total row (the unit itself), with a legend sheet. */
export async function writeCoverageSheet(coverage: Coverage): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lamtheo';
  const year = coverage.round.year;
  const sheet = workbook.addWorksheet(`Đăng ký ${year}`, { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
  styleTitle(sheet.addRow([`Đăng ký việc làm theo năm ${year} — ${coverage.unit.unit.name}`]));
  sheet.addRow([
    `Số liệu đến ngày ${formatDate(coverage.today)}; hạn đăng ký của cán bộ chủ chốt ${formatDate(coverage.round.leaderDeadline)}, của đảng viên ${formatDate(coverage.round.memberDeadline)}`,
  ]).font = { italic: true };
  const columns = coverageColumns(coverage.levels);
  styleHeader(sheet.addRow(['Đơn vị', ...columns.map((c) => c.header)]));
  sheet.getRow(3).height = 60;
  sheet.getColumn(1).width = 42;
  columns.forEach((column, index) => {
    sheet.getColumn(index + 2).width = column.width;
  });
  for (const row of coverage.rows) sheet.addRow([row.unit.name, ...columns.map((c) => c.value(row))]);
  const total = sheet.addRow([`Tổng cộng: ${coverage.unit.unit.name}`, ...columns.map((c) => c.value(coverage.unit))]);
  total.font = { bold: true };

  const legend = workbook.addWorksheet('Chú thích');
  legend.getColumn(1).width = 28;
  legend.getColumn(2).width = 90;
  styleHeader(legend.addRow(['Cột', 'Nghĩa']));
  legend.getRow(1).alignment = { horizontal: 'left' };
  const explain: [string, string][] = [
    ['CBCC', 'Cán bộ lãnh đạo chủ chốt, người đứng đầu (đăng ký trước, theo hạn riêng).'],
    ['Đăng ký đúng hạn', `${TIMELINESS_LABELS.done_on_time}: nộp bản đăng ký lần đầu không muộn hơn hạn.`],
    ['Đăng ký trễ hạn', `${TIMELINESS_LABELS.done_late}: nộp bản đăng ký lần đầu sau hạn.`],
    ['Chưa đăng ký', `${TIMELINESS_LABELS.pending} và ${TIMELINESS_LABELS.overdue.toLocaleLowerCase('vi')}.`],
    ['Tỷ lệ đã đăng ký', 'Số đã đăng ký (đúng hạn và trễ hạn) trên tổng số; để trống khi đơn vị không có ai.'],
    ['Hạn của CBCC', formatDate(coverage.round.leaderDeadline)],
    ['Hạn của đảng viên', formatDate(coverage.round.memberDeadline)],
    ['Đã xếp loại', 'Số đảng viên đã có quyết định xếp loại của cấp ủy.'],
  ];
  for (const level of byRank(coverage.levels)) explain.push([level.label, 'Số đảng viên được quyết định xếp loại ở mức này.']);
  explain.push([NOT_ASSESSED_LABEL, 'Đảng viên chưa đánh giá, xếp loại (ốm, đi vắng, đang xem xét…), có ghi lý do.']);
  for (const line of explain) legend.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Members and sub-units in ranking order (bình xét thi đua). */
export async function writeRankingSheet(ranking: Ranking): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lamtheo';
  const year = ranking.round.year;
  const levels = byRank(ranking.levels);

  const members = workbook.addWorksheet('Đảng viên', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  styleTitle(members.addRow([`Bình xét thi đua năm ${year} — ${ranking.unit.name}: đảng viên`]));
  styleHeader(members.addRow(['Thứ tự', 'Họ và tên', 'Chi bộ', 'Xếp loại', 'Tỷ lệ việc đã làm', 'Số việc']));
  [8, 30, 36, 44, 12, 9].forEach((width, index) => {
    members.getColumn(index + 1).width = width;
  });
  for (const row of ranking.members) {
    members.addRow([row.position, row.member.fullName, row.cell, row.level?.label ?? '', percentText(row.doneShare), row.items]);
  }

  const units = workbook.addWorksheet('Đơn vị', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  styleTitle(units.addRow([`Bình xét thi đua năm ${year} — ${ranking.unit.name}: đơn vị trực thuộc`]));
  const topHeader = 'Tỷ lệ hoàn thành xuất sắc và tốt nhiệm vụ';
  styleHeader(units.addRow(['Thứ tự', 'Đơn vị', 'Số đảng viên', 'Đã xếp loại', ...levels.map((l) => l.label), NOT_ASSESSED_LABEL, topHeader]));
  units.getRow(2).height = 60;
  [8, 40, 10, 10, ...levels.map(() => 18), 11, 20].forEach((width, index) => {
    units.getColumn(index + 1).width = width;
  });
  for (const row of ranking.units) {
    units.addRow([row.position, row.unit.name, row.members, row.decided, ...levels.map((l) => row.levels[l.code] ?? 0), row.levels[NOT_ASSESSED] ?? 0, percentText(row.topShare)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
