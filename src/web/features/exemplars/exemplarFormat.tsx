import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  GlobalOutlined,
  RollbackOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { COMMENDATION_FORM_LABELS, EXEMPLAR_STATE_LABELS, EXEMPLAR_SUBJECT_KIND_LABELS, LEVEL_STATUS_LABELS } from '../../../shared/domain/exemplars';
import type { ExemplarState, LevelStatus } from '../../../shared/domain/exemplars';
import { formatDateTime } from '../../../shared/domain/text';
import type { ExemplarListItem } from '../../api/exemplars';

/** Each state has its colour, icon and words (it reads without colour). */
const STATE_LOOK: Record<ExemplarState, { color: string; icon: ReactNode }> = {
  draft: { color: 'default', icon: <EditOutlined aria-hidden /> },
  pending: { color: 'blue', icon: <ClockCircleOutlined aria-hidden /> },
  returned: { color: 'orange', icon: <RollbackOutlined aria-hidden /> },
  rejected: { color: 'red', icon: <CloseCircleOutlined aria-hidden /> },
  approved: { color: 'cyan', icon: <CheckCircleOutlined aria-hidden /> },
  commended: { color: 'gold', icon: <TrophyOutlined aria-hidden /> },
};

export function ExemplarStateTag({ state }: { state: ExemplarState }) {
  const look = STATE_LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon} data-state={state}>
      {EXEMPLAR_STATE_LABELS[state]}
    </Tag>
  );
}

export function PublicTag() {
  return (
    <Tag color="green" icon={<GlobalOutlined aria-hidden />}>
      Đã công khai
    </Tag>
  );
}

/** antd Steps status of a level's status. */
export function stepStatus(status: LevelStatus): 'wait' | 'process' | 'finish' | 'error' {
  switch (status) {
    case 'waiting':
      return 'wait';
    case 'ready':
      return 'process';
    case 'approved_here':
    case 'approved_above':
      return 'finish';
    case 'returned':
    case 'rejected':
      return 'error';
  }
}

export function levelStatusLabel(status: LevelStatus): string {
  return LEVEL_STATUS_LABELS[status];
}

/** "Đảng viên · Chi bộ khu phố 1" / "Tập thể" / "Cá nhân ngoài Đảng". */
export function subjectLine(item: Pick<ExemplarListItem, 'subject'>): string {
  const { subject } = item;
  const kind = EXEMPLAR_SUBJECT_KIND_LABELS[subject.kind];
  if (subject.kind === 'member' && subject.memberUnit) return `${kind} · ${subject.memberUnit.name}`;
  return kind;
}

/** Where the nomination is now, in words. */
export function whereNow(item: Pick<ExemplarListItem, 'state' | 'pendingUnit' | 'decidingUnit' | 'nominatingUnit' | 'commendationForm'>): string {
  switch (item.state) {
    case 'draft':
      return `Nháp của ${item.nominatingUnit.name}, chưa gửi`;
    case 'pending':
      return item.pendingUnit ? `Chờ ${item.pendingUnit.name} xác minh` : 'Chờ xác minh';
    case 'returned':
      return `Trả lại ${item.nominatingUnit.name} để bổ sung`;
    case 'rejected':
      return 'Không được công nhận';
    case 'approved':
      return `${item.decidingUnit.name} đã xác minh, chờ khen thưởng`;
    case 'commended':
      return `${item.commendationForm ? COMMENDATION_FORM_LABELS[item.commendationForm] : 'Đã khen thưởng'} (${item.decidingUnit.name})`;
  }
}

/** "19/06/2012 09:35" in the browser's time (the Vietnamese day). */
export function formatWhen(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso) : '';
}

export function exemplarLink(id: number): string {
  return `/dien-hinh/${id}`;
}
