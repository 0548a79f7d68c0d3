import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import {
  HELPER_ACTIVITY_KINDS,
  HELPER_ACTIVITY_LABELS,
  HELPER_ROLES,
  HELPER_ROLE_LABELS,
  HELPER_UNIT_STATES,
  HELPER_UNIT_STATE_LABELS,
} from '../../../shared/domain/direction';
import type { HelperRole, HelperUnitState } from '../../../shared/domain/direction';

export const ROLE_OPTIONS = HELPER_ROLES.map((value) => ({ value, label: HELPER_ROLE_LABELS[value] }));
export const ACTIVITY_OPTIONS = HELPER_ACTIVITY_KINDS.map((value) => ({ value, label: HELPER_ACTIVITY_LABELS[value] }));

/** Colour, icon and words together: the state reads the same without colour vision. */
export const STATE_LOOK: Record<HelperUnitState, { color: string; icon: ReactNode }> = {
  missing: { color: 'error', icon: <CloseCircleOutlined aria-hidden /> },
  no_regulation: { color: 'warning', icon: <ExclamationCircleOutlined aria-hidden /> },
  complete: { color: 'success', icon: <CheckCircleOutlined aria-hidden /> },
};

export const STATE_ORDER = HELPER_UNIT_STATES;

export function StateTag({ state }: { state: HelperUnitState }) {
  const look = STATE_LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon}>
      {HELPER_UNIT_STATE_LABELS[state]}
    </Tag>
  );
}

export function RoleTag({ role }: { role: HelperRole }) {
  if (role === 'member') return <Tag>{HELPER_ROLE_LABELS[role]}</Tag>;
  return <Tag color={role === 'head' ? 'geekblue' : 'blue'}>{HELPER_ROLE_LABELS[role]}</Tag>;
}
