/**
 * Timeliness (DOMAIN.md §5): anything with a deadline is in one of four states, computed from the
 * dates, never stored by hand. Dates are ISO 'yyyy-mm-dd' strings, which compare as text.
 */
export const TIMELINESS_STATES = ['done_on_time', 'done_late', 'pending', 'overdue'] as const;
export type TimelinessState = (typeof TIMELINESS_STATES)[number];

export const TIMELINESS_LABELS: Record<TimelinessState, string> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  pending: 'Chưa hoàn thành, còn trong hạn',
  overdue: 'Chưa hoàn thành, quá hạn',
};

/** Short labels for table cells and chart legends. */
export const TIMELINESS_SHORT_LABELS: Record<TimelinessState, string> = {
  done_on_time: 'Đúng hạn',
  done_late: 'Trễ hạn',
  pending: 'Còn hạn',
  overdue: 'Quá hạn',
};

export interface TimelinessInput {
  dueOn: string;
  doneOn: string | null;
  today: string;
}

/** The deadline day itself is still in time: done on the due date is on time; undone on it is pending. */
export function timeliness({ dueOn, doneOn, today }: TimelinessInput): TimelinessState {
  if (doneOn !== null) return doneOn <= dueOn ? 'done_on_time' : 'done_late';
  return today <= dueOn ? 'pending' : 'overdue';
}

export function isDone(state: TimelinessState): boolean {
  return state === 'done_on_time' || state === 'done_late';
}

function toUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The date `days` after `start`. Calendar days by default; with `workingDays` only Monday–Friday are
 * counted (a deadline never lands on a weekend). Public holidays are not known to the system.
 */
export function addDays(start: string, days: number, options: { workingDays?: boolean } = {}): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  const date = toUtc(start);
  if (!options.workingDays) {
    date.setUTCDate(date.getUTCDate() + days);
    return fromUtc(date);
  }
  const weekend = () => date.getUTCDay() === 0 || date.getUTCDay() === 6;
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (!weekend()) left -= 1;
  }
  // A zero-day window from a weekend document falls due on the next working day.
  while (weekend()) date.setUTCDate(date.getUTCDate() + 1);
  return fromUtc(date);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** Counts per state, all four always present. */
export type TimelinessCounts = Record<TimelinessState, number>;

export function emptyCounts(): TimelinessCounts {
  return { done_on_time: 0, done_late: 0, pending: 0, overdue: 0 };
}
