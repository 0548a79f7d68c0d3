import { CheckCircleOutlined, CloseCircleOutlined, FieldTimeOutlined, HourglassOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { TIMELINESS_LABELS, TIMELINESS_SHORT_LABELS, TIMELINESS_STATES } from '../../../shared/domain/timeliness';
import type { TimelinessCounts, TimelinessState } from '../../../shared/domain/timeliness';
import { formatNumber } from '../../../shared/domain/text';
import styles from './Cascade.module.css';

/**
 * Each state has its own colour, icon and words, so it reads without colour (colour-blind users,
 * black-and-white printouts): green check, orange clock, blue hourglass, red cross.
 */
export const TIMELINESS_LOOK: Record<TimelinessState, { text: string; background: string; border: string; fill: string; icon: ReactNode }> = {
  done_on_time: { text: '#237804', background: '#f6ffed', border: '#95de64', fill: '#389e0d', icon: <CheckCircleOutlined aria-hidden /> },
  done_late: { text: '#ad4e00', background: '#fff7e6', border: '#ffc069', fill: '#d46b08', icon: <FieldTimeOutlined aria-hidden /> },
  pending: { text: '#1d39c4', background: '#f0f5ff', border: '#adc6ff', fill: '#2f54eb', icon: <HourglassOutlined aria-hidden /> },
  overdue: { text: '#a8071a', background: '#fff1f0', border: '#ff9c9c', fill: '#cf1322', icon: <CloseCircleOutlined aria-hidden /> },
};

export function TimelinessTag({ state, long = false, children }: { state: TimelinessState; long?: boolean; children?: ReactNode }) {
  const look = TIMELINESS_LOOK[state];
  return (
    <Tag icon={look.icon} className={styles.stateTag} title={TIMELINESS_LABELS[state]} style={{ color: look.text, background: look.background, borderColor: look.border }}>
      {long ? TIMELINESS_LABELS[state] : TIMELINESS_SHORT_LABELS[state]}
      {children}
    </Tag>
  );
}

/** "✓ Đúng hạn: 5 · ⏱ Trễ hạn: 2 …" — the four counts as tags with words and numbers. */
export function CountTags({ counts, label }: { counts: TimelinessCounts; label?: string }) {
  return (
    <span className={styles.countTags} role="group" aria-label={label}>
      {TIMELINESS_STATES.map((state) => (
        <TimelinessTag key={state} state={state}>
          : <strong data-state={state}>{formatNumber(counts[state])}</strong>
        </TimelinessTag>
      ))}
    </span>
  );
}

/** A thin bar split by state (the shares), with the counts as text beside it for screen readers and print. */
export function CountsBar({ counts }: { counts: TimelinessCounts }) {
  const total = TIMELINESS_STATES.reduce((sum, state) => sum + counts[state], 0);
  if (total === 0) return null;
  return (
    <div className={styles.bar} aria-hidden="true">
      {TIMELINESS_STATES.map((state) =>
        counts[state] > 0 ? (
          <span key={state} style={{ flexGrow: counts[state], background: TIMELINESS_LOOK[state].fill }} title={`${TIMELINESS_SHORT_LABELS[state]}: ${counts[state]}`} />
        ) : null,
      )}
    </div>
  );
}
