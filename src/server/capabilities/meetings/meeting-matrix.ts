import ExcelJS from 'exceljs';
import { SQUARE_LABELS, SQUARE_STATES, type SquareState } from '../../../shared/domain/meetings';
import { viCollator } from '../../../shared/domain/text';
import { holdsMembers, type UnitKind } from '../../../shared/domain/units';
import type { MatrixRow, MeetingMatrix, SquareCounts } from '../../../shared/schemas/meetings';

interface UnitInfo {
  id: number;
  name: string;
  kind: string;
  child_count: number;
}

interface Input {
  unit: UnitInfo;
  children: UnitInfo[];
  cells: { node: number; cells: number; missing_two: number }[];
  rollups: { unit_id: number; month: number; held: number; held_without_topic: number; present: number; roll: number }[];
  /** Whether each month (index 0–11) is over. */
  due: boolean[];
}

const empty = (): SquareCounts => ({ held: 0, held_without_topic: 0, not_held: 0, not_yet_due: 0 });

function add(into: SquareCounts, from: SquareCounts) {
  for (const state of SQUARE_STATES) into[state] += from[state];
}

/**
 * Rows of the matrix from the summaries: meetings held come from meeting_rollup; the rest of the
 * unit's open cells either missed the month (when it is over) or are not yet due.
 */
export function matrixRows(input: Input): { self: MatrixRow; rows: MatrixRow[]; columns: SquareCounts[] } {
  const dueMonths = input.due.filter(Boolean).length;

  function row(unit: UnitInfo, cells: number, missingTwo: number): MatrixRow {
    const squares = Array.from({ length: 12 }, (_, index) => {
      const summary = input.rollups.find((r) => r.unit_id === unit.id && r.month === index + 1);
      const held = summary?.held ?? 0;
      const withoutTopic = summary?.held_without_topic ?? 0;
      const rest = Math.max(0, cells - held - withoutTopic);
      return { held, held_without_topic: withoutTopic, not_held: input.due[index] ? rest : 0, not_yet_due: input.due[index] ? 0 : rest };
    });
    const totals = empty();
    for (const square of squares) add(totals, square);
    const heldInDue = squares.reduce((sum, square, index) => sum + (input.due[index] ? square.held : 0), 0);
    const present = input.rollups.filter((r) => r.unit_id === unit.id).reduce((sum, r) => sum + r.present, 0);
    const roll = input.rollups.filter((r) => r.unit_id === unit.id).reduce((sum, r) => sum + r.roll, 0);
    return {
      unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind, childCount: unit.child_count },
      cells,
      squares,
      totals,
      validShare: cells * dueMonths > 0 ? Math.min(1, heldInDue / (cells * dueMonths)) : null,
      attendanceRate: roll > 0 ? present / roll : null,
      cellsMissingTwoInRow: missingTwo,
    };
  }

  const allCells = input.cells.reduce((sum, c) => sum + c.cells, 0);
  const allMissing = input.cells.reduce((sum, c) => sum + c.missing_two, 0);
  const self = row(input.unit, allCells, allMissing);
  const rows = input.children
    .map((child) => {
      const counts = input.cells.find((c) => c.node === child.id);
      return row(child, counts?.cells ?? 0, counts?.missing_two ?? 0);
    })
    .sort((a, b) => viCollator.compare(a.unit.name, b.unit.name));
  const columns = Array.from({ length: 12 }, (_, index) => {
    const column = empty();
    for (const r of rows.length > 0 ? rows : [self]) add(column, r.squares[index] ?? empty());
    return column;
  });
  return { self, rows, columns };
}

const SHORT: Record<SquareState, string> = { held: 'Có CĐ', held_without_topic: 'Không CĐ', not_held: 'Không họp', not_yet_due: '' };

function squareText(row: MatrixRow, square: SquareCounts): string {
  if (holdsMembers(row.unit.kind) && row.cells === 1) {
    const state = SQUARE_STATES.find((s) => square[s] > 0);
    return state ? SHORT[state] : '';
  }
  return row.cells > 0 ? `${square.held}/${row.cells}` : '';
}

const percent = (value: number | null) => (value === null ? '' : `${(value * 100).toFixed(1).replace('.', ',')}%`);

export async function writeMatrixSheet(matrix: MeetingMatrix): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lamtheo';
  const sheet = workbook.addWorksheet(`Sinh hoạt ${matrix.year}`, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  sheet.addRow([`Sinh hoạt chi bộ năm ${matrix.year} — ${matrix.unit.unit.name}`]).font = { bold: true, size: 13 };
  const header = ['Đơn vị', 'Số chi bộ', ...Array.from({ length: 12 }, (_, i) => `T${i + 1}`), 'Tỷ lệ có chuyên đề', 'Tỷ lệ dự họp', 'Bỏ họp 2 tháng liền'];
  sheet.addRow(header).font = { bold: true };
  sheet.getColumn(1).width = 42;
  for (const r of [...matrix.rows, matrix.unit]) {
    sheet.addRow([
      r === matrix.unit ? `Tổng: ${r.unit.name}` : r.unit.name,
      r.cells,
      ...r.squares.map((square) => squareText(r, square)),
      percent(r.validShare),
      percent(r.attendanceRate),
      r.cellsMissingTwoInRow,
    ]);
  }
  const legend = workbook.addWorksheet('Chú thích');
  legend.addRow(['Ký hiệu', 'Nghĩa']).font = { bold: true };
  for (const state of SQUARE_STATES) if (SHORT[state]) legend.addRow([SHORT[state], SQUARE_LABELS[state]]);
  legend.addRow(['a/b', 'a chi bộ sinh hoạt có chuyên đề trên b chi bộ']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
