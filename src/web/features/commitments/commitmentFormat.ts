import type { TimelinessCounts } from '../../../shared/domain/timeliness';
import type { CommitmentRound } from '../../api/commitments';

const percentFormat = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** "91,7%", or an em dash when there is nothing to divide. */
export function formatShare(share: number | null): string {
  return share === null || !Number.isFinite(share) ? '—' : percentFormat.format(share);
}

/** part / whole as a share, or null when the whole is 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Registered = submitted at least once, on time or late. */
export function registered(counts: TimelinessCounts): number {
  return counts.done_on_time + counts.done_late;
}

/** A positive integer from the URL, or undefined. */
export function positiveInt(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d{1,15}$/u.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

/** A plausible campaign year from the URL, or undefined (then the latest round applies). */
export function yearParam(value: string | null): number | undefined {
  const year = positiveInt(value);
  return year !== undefined && year >= 1945 && year <= 2100 ? year : undefined;
}

/** The year picker: the years that have a round, newest first, plus the one shown if it has none. */
export function roundYearOptions(rounds: readonly CommitmentRound[], shown: number | undefined) {
  const years = new Set(rounds.map((round) => round.year));
  if (shown !== undefined) years.add(shown);
  return [...years].sort((a, b) => b - a).map((year) => ({ value: year, label: `Năm ${year}` }));
}

/** The round of a year, or the latest one when no year is chosen. */
export function pickRound(rounds: readonly CommitmentRound[], year: number | undefined): CommitmentRound | undefined {
  if (year !== undefined) return rounds.find((round) => round.year === year);
  return [...rounds].sort((a, b) => b.year - a.year)[0];
}

/** Trimmed text, or null when empty. */
export function orNull(value: string | undefined | null): string | null {
  return value?.trim() ? value.trim() : null;
}

/** Date pickers: on a 360 px phone the calendar is wider than the space beside the field; shift it on screen. */
export const PHONE_SAFE_ALIGN = { overflow: { adjustX: 1, adjustY: 1, shiftX: true } };
