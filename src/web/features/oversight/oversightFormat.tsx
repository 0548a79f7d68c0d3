import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  LikeOutlined,
  StopOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import {
  ACTIVITY_STATES,
  ACTIVITY_STATE_LABELS,
  FINDING_KINDS,
  FINDING_KIND_LABELS,
  FOLLOW_UP_STATES,
  FOLLOW_UP_STATE_LABELS,
  OVERSIGHT_KINDS,
  OVERSIGHT_KIND_LABELS,
} from '../../../shared/domain/oversight';
import type { ActivityState, FindingKind, FollowUpState, OversightKind } from '../../../shared/domain/oversight';

export const KIND_OPTIONS = OVERSIGHT_KINDS.map((value) => ({ value, label: OVERSIGHT_KIND_LABELS[value] }));
export const ACTIVITY_STATE_OPTIONS = ACTIVITY_STATES.map((value) => ({ value, label: ACTIVITY_STATE_LABELS[value] }));
export const FINDING_KIND_OPTIONS = FINDING_KINDS.map((value) => ({ value, label: FINDING_KIND_LABELS[value] }));
export const FOLLOW_UP_STATE_OPTIONS = FOLLOW_UP_STATES.map((value) => ({ value, label: FOLLOW_UP_STATE_LABELS[value] }));

const KIND_COLORS: Record<OversightKind, string> = {
  inspection: 'volcano',
  supervision: 'gold',
  briefing: 'geekblue',
  review_half_year: 'purple',
  review_year: 'purple',
  final_review: 'magenta',
};

export function KindTag({ kind }: { kind: OversightKind }) {
  return (
    <Tag color={KIND_COLORS[kind]} data-kind={kind}>
      {OVERSIGHT_KIND_LABELS[kind]}
    </Tag>
  );
}

/** Each state has its colour, icon and words (it reads without colour). */
const ACTIVITY_LOOK: Record<ActivityState, { color: string; icon: ReactNode }> = {
  planned: { color: 'blue', icon: <ClockCircleOutlined aria-hidden /> },
  held: { color: 'green', icon: <CheckCircleOutlined aria-hidden /> },
  cancelled: { color: 'default', icon: <StopOutlined aria-hidden /> },
};

export function ActivityStateTag({ state }: { state: ActivityState }) {
  const look = ACTIVITY_LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon} data-state={state}>
      {ACTIVITY_STATE_LABELS[state]}
    </Tag>
  );
}

const FOLLOW_UP_LOOK: Record<FollowUpState, { color: string; icon: ReactNode }> = {
  open: { color: 'processing', icon: <SyncOutlined aria-hidden /> },
  done: { color: 'success', icon: <CheckCircleOutlined aria-hidden /> },
  cancelled: { color: 'default', icon: <CloseCircleOutlined aria-hidden /> },
};

export function FollowUpStateTag({ state }: { state: FollowUpState }) {
  const look = FOLLOW_UP_LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon} data-state={state}>
      {FOLLOW_UP_STATE_LABELS[state]}
    </Tag>
  );
}

const FINDING_LOOK: Record<FindingKind, { color: string; icon: ReactNode }> = {
  strength: { color: 'green', icon: <LikeOutlined aria-hidden /> },
  shortcoming: { color: 'orange', icon: <ExclamationCircleOutlined aria-hidden /> },
  violation: { color: 'red', icon: <WarningOutlined aria-hidden /> },
};

export function FindingKindTag({ kind }: { kind: FindingKind }) {
  const look = FINDING_LOOK[kind];
  return (
    <Tag color={look.color} icon={look.icon} data-kind={kind}>
      {FINDING_KIND_LABELS[kind]}
    </Tag>
  );
}

/** "Kiểm tra" → "kiểm tra" inside a sentence. */
export function kindWord(kind: OversightKind): string {
  return OVERSIGHT_KIND_LABELS[kind].toLowerCase();
}
