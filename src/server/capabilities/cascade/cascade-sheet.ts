import ExcelJS from 'exceljs';
import { DOCUMENT_TYPE_INFO, type DocumentType } from '../../../shared/domain/documents';
import { TIMELINESS_LABELS } from '../../../shared/domain/timeliness';
import { formatDate, viCollator } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../shared/domain/units';
import type { Obligation } from '../../../shared/schemas/cascade';

export interface SheetObligation {
  unitName: string;
  unitKind: string;
  parentUnitName: string | null;
  obligation: Obligation;
}

const COLUMNS = [
  { header: 'Đơn vị cấp trên', key: 'parent', width: 34 },
  { header: 'Đơn vị', key: 'unit', width: 40 },
  { header: 'Loại tổ chức', key: 'kind', width: 22 },
  { header: 'Thực hiện văn bản', key: 'parentDocument', width: 16 },
  { header: 'Văn bản phải ban hành', key: 'requiredType', width: 18 },
  { header: 'Hạn ban hành', key: 'dueOn', width: 13 },
  { header: 'Số, ký hiệu', key: 'symbol', width: 16 },
  { header: 'Ngày ban hành', key: 'issuedOn', width: 13 },
  { header: 'Tình trạng', key: 'state', width: 30 },
  { header: 'Số ngày trễ', key: 'daysLate', width: 11 },
  { header: 'Hạn hội nghị quán triệt', key: 'conferenceDueOn', width: 14 },
  { header: 'Ngày hội nghị', key: 'conferenceOn', width: 13 },
  { header: 'Tình trạng hội nghị', key: 'conferenceState', width: 30 },
];

/** One row per obligation, grouped by parent unit then unit name in Vietnamese order. */
export async function writeCascadeSheet(title: string, rows: SheetObligation[]): Promise<Buffer> {
  const sorted = [...rows].sort(
    (a, b) => viCollator.compare(a.parentUnitName ?? '', b.parentUnitName ?? '') || viCollator.compare(a.unitName, b.unitName),
  );
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lamtheo';
  const sheet = workbook.addWorksheet('Tiến độ triển khai', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
  COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  for (const { unitName, unitKind, parentUnitName, obligation: o } of sorted) {
    sheet.addRow([
      parentUnitName ?? '',
      unitName,
      UNIT_KIND_LABELS[unitKind as UnitKind] ?? unitKind,
      o.parentDocument.symbol,
      DOCUMENT_TYPE_INFO[o.requiredType as DocumentType].label,
      formatDate(o.dueOn),
      o.document?.symbol ?? '',
      o.document ? formatDate(o.document.issuedOn) : '',
      TIMELINESS_LABELS[o.state],
      o.daysLate ?? '',
      o.conferenceDueOn ? formatDate(o.conferenceDueOn) : '',
      o.conference ? formatDate(o.conference.heldOn) : '',
      o.conferenceState ? TIMELINESS_LABELS[o.conferenceState] : '',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
