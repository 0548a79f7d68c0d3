import { SendOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import { monthIsDue } from '../../../shared/domain/meetings';
import { formatDate, formatNumber } from '../../../shared/domain/text';
import { holdsMembers } from '../../../shared/domain/units';
import type { CascadeView } from '../../api/cascade';
import type { MeetingMatrix } from '../../api/meetings';
import { useIsMobile } from '../../components/useIsMobile';
import { UrgeModal } from './UrgeModal';
import type { UrgePreset } from './UrgeModal';

/** "Đôn đốc (n)": opens the one-off form with the late units chosen; disabled when nobody is late. */
function UrgeLateButton({ preset, size, emptyHint }: { preset: UrgePreset; size?: 'middle' | 'large'; emptyHint: string }) {
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const count = preset.units.length;
  const label = count > 0 ? `Đôn đốc ${formatNumber(count)} đơn vị chậm` : 'Đôn đốc';
  const button = (
    <Button icon={<SendOutlined />} size={size} danger={count > 0} disabled={count === 0} onClick={() => setOpen(true)} aria-label={label}>
      {/* Phones: short, so the card's title beside it stays readable. */}
      {isMobile && count > 0 ? `Đôn đốc (${formatNumber(count)})` : label}
    </Button>
  );
  return (
    <>
      {count === 0 ? <Tooltip title={emptyHint}>{button}</Tooltip> : button}
      {/* Mounted only while open: the form starts from the late units of the moment it opens. */}
      {open ? <UrgeModal open={open} preset={preset} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** The cascade's direct sub-units that are late on the viewed document: its plan, or its conference. */
export function cascadeUrgePreset(view: CascadeView): UrgePreset {
  let planLate = 0;
  let conferenceLate = 0;
  // The plans the late units must implement (a district's plan, below the viewed province plan).
  const parents = new Set<string>();
  const units = view.children
    .filter((node) => {
      const late = node.own.filter((obligation) => obligation.state === 'overdue' || obligation.conferenceState === 'overdue');
      for (const obligation of late) parents.add(obligation.parentDocument.symbol);
      if (late.some((obligation) => obligation.state === 'overdue')) planLate += 1;
      if (late.some((obligation) => obligation.conferenceState === 'overdue')) conferenceLate += 1;
      return late.length > 0;
    })
    .map((node) => ({ id: node.unitId, name: node.name, kind: node.kind }));
  const symbol = parents.size === 1 ? [...parents][0]! : view.document.symbol;
  const what =
    planLate > 0 && conferenceLate > 0
      ? `ban hành văn bản thực hiện hoặc tổ chức hội nghị quán triệt ${symbol}`
      : conferenceLate > 0
        ? `tổ chức hội nghị quán triệt ${symbol}`
        : `ban hành văn bản thực hiện ${symbol}`;
  return {
    units,
    itemKind: planLate === 0 && conferenceLate > 0 ? 'conference' : 'plan',
    // The link of a plan or conference urging opens this cascade at the recipient unit.
    itemId: view.document.id,
    context: `${formatNumber(units.length)} đơn vị trực thuộc ${view.unit.name} đã quá hạn mà chưa ${what}.`,
    text: `Đến ngày ${formatDate(view.today)}, đơn vị đồng chí chưa ${what} dù đã quá hạn. Đề nghị đồng chí khẩn trương thực hiện và cập nhật trên hệ thống.`,
  };
}

export function CascadeUrgeButton({ view }: { view: CascadeView }) {
  return <UrgeLateButton preset={cascadeUrgePreset(view)} emptyHint="Không có đơn vị trực thuộc nào quá hạn." />;
}

/** The last month of the year that is over (meetings of later months may still be held), or null. */
export function lastDueMonth(year: number, today: string): number | null {
  for (let month = 12; month >= 1; month--) if (monthIsDue(year, month, today)) return month;
  return null;
}

/** The matrix rows that have a cell without a meeting in the last month that is over. */
export function matrixUrgePreset(matrix: MeetingMatrix): UrgePreset {
  const month = lastDueMonth(matrix.year, matrix.today);
  if (month === null) return { units: [] };
  const late = matrix.rows.filter((row) => (row.squares[month - 1]?.not_held ?? 0) > 0);
  const cells = late.reduce((sum, row) => sum + (row.squares[month - 1]?.not_held ?? 0), 0);
  const allCells = late.every((row) => holdsMembers(row.unit.kind));
  return {
    units: late.map((row) => ({ id: row.unit.id, name: row.unit.name, kind: row.unit.kind })),
    itemKind: 'meeting_record',
    itemId: null,
    context: `Tháng ${month}/${matrix.year}: ${formatNumber(cells)} chi bộ thuộc ${matrix.unit.unit.name} chưa có sinh hoạt chi bộ trên hệ thống.`,
    text: allCells
      ? `Đến ngày ${formatDate(matrix.today)}, chi bộ chưa ghi sinh hoạt chi bộ tháng ${month}/${matrix.year} trên hệ thống. Đề nghị đồng chí bí thư khẩn trương tổ chức sinh hoạt (nếu chưa) và ghi biên bản sinh hoạt.`
      : `Đến ngày ${formatDate(matrix.today)}, còn chi bộ trực thuộc đơn vị đồng chí chưa ghi sinh hoạt chi bộ tháng ${month}/${matrix.year} trên hệ thống. Đề nghị đồng chí đôn đốc các chi bộ tổ chức sinh hoạt và ghi biên bản.`,
  };
}

export function MatrixUrgeButton({ matrix }: { matrix: MeetingMatrix }) {
  const month = lastDueMonth(matrix.year, matrix.today);
  return (
    <UrgeLateButton
      preset={matrixUrgePreset(matrix)}
      size="large"
      emptyHint={month === null ? 'Chưa có tháng nào hết hạn sinh hoạt.' : `Mọi chi bộ đã có sinh hoạt tháng ${month}/${matrix.year}.`}
    />
  );
}
