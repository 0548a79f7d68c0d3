import { CheckCircleOutlined, ClockCircleOutlined, EditOutlined, ExclamationCircleOutlined, FileDoneOutlined, HistoryOutlined, SendOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { ISSUE_STATUS_LABELS, PILOT_STATE_LABELS, STANDARD_STATE_LABELS } from '../../../shared/domain/standards';
import type { IssueStatus, PilotState, StandardState } from '../../../shared/domain/standards';
import type { StandardVersion } from '../../api/standards';
import styles from './Standards.module.css';

/** Each state has its colour, icon and words (it reads without colour). */
const STANDARD_LOOK: Record<StandardState, { color: string; icon: ReactNode }> = {
  draft: { color: 'default', icon: <EditOutlined aria-hidden /> },
  submitted: { color: 'blue', icon: <SendOutlined aria-hidden /> },
  approved: { color: 'cyan', icon: <CheckCircleOutlined aria-hidden /> },
  issued: { color: 'green', icon: <FileDoneOutlined aria-hidden /> },
  superseded: { color: 'default', icon: <HistoryOutlined aria-hidden /> },
};

export function StandardStateTag({ state }: { state: StandardState }) {
  const look = STANDARD_LOOK[state];
  return (
    <Tag color={look.color} icon={look.icon} data-state={state}>
      {STANDARD_STATE_LABELS[state]}
    </Tag>
  );
}

const ISSUE_LOOK: Record<IssueStatus, { color: string; icon: ReactNode }> = {
  on_track: { color: 'blue', icon: <SyncOutlined aria-hidden /> },
  at_risk: { color: 'orange', icon: <ExclamationCircleOutlined aria-hidden /> },
  resolved: { color: 'green', icon: <CheckCircleOutlined aria-hidden /> },
  not_resolved: { color: 'red', icon: <StopOutlined aria-hidden /> },
};

export function IssueStatusTag({ status }: { status: IssueStatus }) {
  const look = ISSUE_LOOK[status];
  return (
    <Tag color={look.color} icon={look.icon} data-status={status}>
      {ISSUE_STATUS_LABELS[status]}
    </Tag>
  );
}

export function PilotStateTag({ state }: { state: PilotState }) {
  return (
    <Tag color={state === 'completed' ? 'green' : 'blue'} icon={state === 'completed' ? <CheckCircleOutlined aria-hidden /> : <ClockCircleOutlined aria-hidden />}>
      {PILOT_STATE_LABELS[state]}
    </Tag>
  );
}

export interface CriteriaGroup {
  group: string | null;
  criteria: StandardVersion['criteria'];
}

/** Consecutive criteria with the same group label, in their order. */
export function groupCriteria(criteria: StandardVersion['criteria']): CriteriaGroup[] {
  const groups: CriteriaGroup[] = [];
  for (const criterion of [...criteria].sort((a, b) => a.number - b.number)) {
    const last = groups.at(-1);
    if (last && last.group === criterion.group) last.criteria.push(criterion);
    else groups.push({ group: criterion.group, criteria: [criterion] });
  }
  return groups;
}

/** The criteria of a version, grouped by their group label, numbered as issued. */
export function CriteriaList({ criteria }: { criteria: StandardVersion['criteria'] }) {
  if (criteria.length === 0) return <p className={styles.muted}>Chưa có tiêu chí.</p>;
  return (
    <div className={styles.criteria}>
      {groupCriteria(criteria).map((group, index) => (
        <div key={`${group.group ?? ''}-${index}`} className={styles.criteriaGroup}>
          {group.group ? <h4 className={styles.groupTitle}>{group.group}</h4> : null}
          <ol className={styles.criteriaList}>
            {group.criteria.map((criterion) => (
              <li key={criterion.number} value={criterion.number}>
                {criterion.text}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}

/** "0–100" progress rounded for display. */
export function formatProgress(progress: number): string {
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(progress)}%`;
}

export function standardsLink(unitId: number): string {
  return `/chuan-muc?unit=${unitId}`;
}
