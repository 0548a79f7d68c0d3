/**
 * Monthly cell meetings and the year's study topic (DOMAIN.md §2, Task 3): every cell meets every
 * month and each meeting takes up 1 to 2 items of the year's topic. Pure rules, dates as ISO strings.
 */
import { addDays } from './timeliness';

export const SQUARE_STATES = ['held', 'held_without_topic', 'not_held', 'not_yet_due'] as const;
export type SquareState = (typeof SQUARE_STATES)[number];

export const SQUARE_LABELS: Record<SquareState, string> = {
  held: 'Đã sinh hoạt, có chuyên đề',
  held_without_topic: 'Đã sinh hoạt, không có chuyên đề',
  not_held: 'Không sinh hoạt',
  not_yet_due: 'Chưa đến hạn',
};

export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = { present: 'Có mặt', excused: 'Vắng có lý do', absent: 'Vắng không lý do' };

export const MEETING_KINDS = ['regular', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { regular: 'Sinh hoạt thường kỳ', extraordinary: 'Sinh hoạt bất thường' };

/** The configurable rule of a year's topic [P]: items per meeting, months that must carry it, deadlines. */
export interface TopicRule {
  minItems: number;
  maxItems: number;
  /** Months (1–12) whose regular meeting must take up the topic. */
  requiredMonths: readonly number[];
  /** Next month's meeting is planned by this day of the month before (20 as practised). */
  planDay: number;
  /** A meeting recorded more than this many days after it was held is marked late. */
  recordDays: number;
}

export const DEFAULT_TOPIC_RULE: TopicRule = {
  minItems: 1,
  maxItems: 2,
  requiredMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  planDay: 20,
  recordDays: 7,
};

const pad = (n: number) => String(n).padStart(2, '0');

export function lastDayOfMonth(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** A month is due once it is over: until its last day a meeting may still be held. */
export function monthIsDue(year: number, month: number, today: string): boolean {
  return today > lastDayOfMonth(year, month);
}

export function squareState(meeting: { studiedItems: number } | null, year: number, month: number, today: string): SquareState {
  if (meeting) return meeting.studiedItems > 0 ? 'held' : 'held_without_topic';
  return monthIsDue(year, month, today) ? 'not_held' : 'not_yet_due';
}

/** Why a meeting may not take up `count` topic items in `month`, or null. */
export function meetingItemsProblem(count: number, rule: TopicRule, month: number): string | null {
  const range = rule.minItems === rule.maxItems ? `${rule.maxItems}` : `${rule.minItems} đến ${rule.maxItems}`;
  if (count > rule.maxItems) return `Mỗi buổi sinh hoạt chỉ học ${range} nội dung của chuyên đề (đang chọn ${count}).`;
  if (rule.requiredMonths.includes(month) && count < rule.minItems) {
    return `Sinh hoạt chi bộ tháng ${month} phải học ${range} nội dung của chuyên đề năm; hãy chọn nội dung đã học.`;
  }
  return null;
}

/** Problems with a meeting's date: future, outside the topic's year, another month, or a closed cell. */
export function meetingDateProblem(input: { heldOn: string; year: number; month: number; today: string; cellClosedOn: string | null }): string | null {
  if (input.heldOn > input.today) return 'Ngày sinh hoạt không được sau ngày hôm nay.';
  if (Number(input.heldOn.slice(0, 4)) !== input.year) return `Ngày sinh hoạt phải thuộc năm ${input.year} của chuyên đề.`;
  if (Number(input.heldOn.slice(5, 7)) !== input.month) return `Ngày sinh hoạt phải thuộc tháng ${input.month}/${input.year}.`;
  if (input.cellClosedOn !== null && input.heldOn > input.cellClosedOn) return 'Chi bộ đã giải thể trước ngày sinh hoạt này.';
  return null;
}

/** Next month's meeting should be planned by `planDay` of the month before. */
export function planDeadline(year: number, month: number, rule: Pick<TopicRule, 'planDay'>): string {
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return `${previous.year}-${pad(previous.month)}-${pad(rule.planDay)}`;
}

export function isRecordLate(heldOn: string, recordedOn: string, rule: Pick<TopicRule, 'recordDays'>): boolean {
  return recordedOn > addDays(heldOn, rule.recordDays);
}

/** The longest run of consecutive months not held (months not yet due break no run). */
export function longestMissedRun(states: readonly SquareState[]): number {
  let longest = 0;
  let run = 0;
  for (const state of states) {
    run = state === 'not_held' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Share of the roll present, 0–1, or null for an empty roll. */
export function attendanceRate(present: number, roll: number): number | null {
  return roll > 0 ? present / roll : null;
}
