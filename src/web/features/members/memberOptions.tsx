import { Tag } from 'antd';
import {
  AGE_BANDS,
  AGE_BAND_LABELS,
  GENDERS,
  GENDER_LABELS,
  LEFT_REASONS,
  LEFT_REASON_LABELS,
  MEMBER_STATUSES,
  MEMBER_STATUS_LABELS,
} from '../../../shared/domain/members';
import type { LeftReason, MemberStatus } from '../../../shared/domain/members';
import { POSITIONS, POSITION_LABELS } from '../../../shared/domain/roles';
import { formatDate, foldForSearch } from '../../../shared/domain/text';
import { SECTORS, holdsMembers } from '../../../shared/domain/units';
import type { UnitSearchHit } from '../../../shared/schemas/units';

export const STATUS_OPTIONS = MEMBER_STATUSES.map((value) => ({ value, label: MEMBER_STATUS_LABELS[value] }));
export const GENDER_OPTIONS = GENDERS.map((value) => ({ value, label: GENDER_LABELS[value] }));
export const POSITION_OPTIONS = POSITIONS.map((value) => ({ value, label: POSITION_LABELS[value] }));
export const AGE_BAND_OPTIONS = AGE_BANDS.map((value) => ({ value, label: AGE_BAND_LABELS[value] }));
export const LEFT_REASON_OPTIONS = LEFT_REASONS.map((value) => ({ value, label: LEFT_REASON_LABELS[value] }));
export const SECTOR_FILTER_OPTIONS = SECTORS.map((sector) => ({ value: sector.code, label: sector.label }));
export const YES_NO_OPTIONS = [
  { value: 'true', label: 'Có' },
  { value: 'false', label: 'Không' },
];

/** Select search that ignores diacritics: "chinh thuc" finds "Chính thức". */
export const foldedFilter = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    typeof option?.label === 'string' && foldForSearch(option.label).includes(foldForSearch(input)),
};

/** Members are registered only in a chi bộ that is still open. */
export const acceptOpenCell = (hit: UnitSearchHit) => holdsMembers(hit.kind) && hit.closedOn === null;

export function StatusTag({ status, leftOn, leftReason }: { status: MemberStatus; leftOn: string | null; leftReason: LeftReason | null }) {
  if (leftOn) {
    return (
      <Tag color="red" title={leftReason ? LEFT_REASON_LABELS[leftReason] : undefined}>
        Đã ra khỏi danh sách {formatDate(leftOn)}
      </Tag>
    );
  }
  return <Tag color={status === 'full' ? 'green' : 'orange'}>{MEMBER_STATUS_LABELS[status]}</Tag>;
}

export function FlagTags({ isKeyLeader, isHead }: { isKeyLeader: boolean; isHead: boolean }) {
  if (!isKeyLeader && !isHead) return null;
  return (
    <>
      {isKeyLeader ? (
        <Tag color="gold" title="Cán bộ lãnh đạo chủ chốt">
          Lãnh đạo chủ chốt
        </Tag>
      ) : null}
      {isHead ? (
        <Tag color="purple" title="Người đứng đầu cơ quan, đơn vị">
          Người đứng đầu
        </Tag>
      ) : null}
    </>
  );
}
