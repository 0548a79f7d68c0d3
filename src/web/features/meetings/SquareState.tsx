import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { SQUARE_LABELS, SQUARE_STATES } from '../../../shared/domain/meetings';
import type { SquareState } from '../../../shared/domain/meetings';
import type { SquareCounts } from '../../api/meetings';
import styles from './Meetings.module.css';

/**
 * Each state has its own colour, icon and words, so it reads without colour (colour-blind users,
 * black-and-white printouts): green check, amber exclamation, red cross, grey dash.
 */
export const SQUARE_LOOK: Record<SquareState, { short: string; text: string; background: string; border: string; icon: ReactNode }> = {
  held: { short: 'Có chuyên đề', text: '#135200', background: '#d9f7be', border: '#73d13d', icon: <CheckCircleFilled aria-hidden /> },
  held_without_topic: { short: 'Không chuyên đề', text: '#874d00', background: '#fff1b8', border: '#ffc53d', icon: <ExclamationCircleFilled aria-hidden /> },
  not_held: { short: 'Không sinh hoạt', text: '#a8071a', background: '#ffccc7', border: '#ff7875', icon: <CloseCircleFilled aria-hidden /> },
  not_yet_due: { short: 'Chưa đến hạn', text: '#595959', background: '#f5f5f5', border: '#d9d9d9', icon: <MinusCircleOutlined aria-hidden /> },
};

export function SquareTag({ state }: { state: SquareState }) {
  const look = SQUARE_LOOK[state];
  return (
    <Tag icon={look.icon} className={styles.stateTag} title={SQUARE_LABELS[state]} style={{ color: look.text, background: look.background, borderColor: look.border }}>
      {look.short}
    </Tag>
  );
}

/** One square of a cell's row in the matrix: the state's icon on its colour; the words for screen readers and on hover. */
export function CellSquare({ state, month }: { state: SquareState; month: number }) {
  const look = SQUARE_LOOK[state];
  const label = `Tháng ${month}: ${SQUARE_LABELS[state]}`;
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      data-state={state}
      className={styles.square}
      style={{ color: look.text, background: look.background, borderColor: look.border }}
    >
      {look.icon}
    </span>
  );
}

export function countsTotal(counts: SquareCounts): number {
  return SQUARE_STATES.reduce((sum, state) => sum + counts[state], 0);
}

/** Colour of a committee square by the share of its cells that held the meeting with the topic. */
function shareLook(counts: SquareCounts): { text: string; background: string; border: string } {
  const total = countsTotal(counts);
  if (total === 0 || counts.not_yet_due === total) return SQUARE_LOOK.not_yet_due;
  const share = counts.held / (total - counts.not_yet_due);
  if (share >= 0.9) return SQUARE_LOOK.held;
  if (share >= 0.6) return SQUARE_LOOK.held_without_topic;
  return SQUARE_LOOK.not_held;
}

/** A committee's square: "12/15" cells held the month's meeting with the topic, coloured by that share. */
export function CountSquare({ counts, month }: { counts: SquareCounts; month: number | null }) {
  const total = countsTotal(counts);
  const look = shareLook(counts);
  const notDue = total > 0 && counts.not_yet_due === total;
  const parts = [`${counts.held}/${total} chi bộ sinh hoạt có chuyên đề`];
  if (counts.held_without_topic > 0) parts.push(`${counts.held_without_topic} không chuyên đề`);
  if (counts.not_held > 0) parts.push(`${counts.not_held} không sinh hoạt`);
  if (counts.not_yet_due > 0 && !notDue) parts.push(`${counts.not_yet_due} chưa đến hạn`);
  const label = `${month === null ? 'Cả năm' : `Tháng ${month}`}: ${notDue ? 'chưa đến hạn' : parts.join(', ')}`;
  return (
    <span role="img" aria-label={label} title={label} className={styles.countSquare} style={{ color: look.text, background: look.background, borderColor: look.border }}>
      {total === 0 ? '—' : `${counts.held}/${total}`}
    </span>
  );
}

export function SquareLegend() {
  return (
    <ul className={styles.legend} aria-label="Chú giải">
      {SQUARE_STATES.map((state) => (
        <li key={state}>
          <span className={styles.legendSquare} style={{ color: SQUARE_LOOK[state].text, background: SQUARE_LOOK[state].background, borderColor: SQUARE_LOOK[state].border }}>
            {SQUARE_LOOK[state].icon}
          </span>
          {SQUARE_LABELS[state]}
        </li>
      ))}
      <li>
        <span className={styles.legendCount}>12/15</span>
        Số chi bộ sinh hoạt có chuyên đề / số chi bộ
      </li>
    </ul>
  );
}
