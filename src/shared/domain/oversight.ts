/**
 * Oversight (DOMAIN.md §2.7): inspections and supervisions (kiểm tra, giám sát), briefings (giao ban) and
 * reviews (sơ kết, tổng kết), their findings and the follow-up task a finding becomes. The two state
 * machines (activity, follow-up) and the date rules are pure functions shared by server and browser.
 */
import { formatDate } from './text';
import { type TimelinessState, timeliness } from './timeliness';

// ——— Activities ———

export const OVERSIGHT_KINDS = ['inspection', 'supervision', 'briefing', 'review_half_year', 'review_year', 'final_review'] as const;
export type OversightKind = (typeof OVERSIGHT_KINDS)[number];
export const OVERSIGHT_KIND_LABELS: Record<OversightKind, string> = {
  inspection: 'Kiểm tra',
  supervision: 'Giám sát',
  briefing: 'Giao ban',
  review_half_year: 'Sơ kết 6 tháng',
  review_year: 'Sơ kết năm',
  final_review: 'Tổng kết',
};

/** Inspections and supervisions are always of some unit: they need at least one unit concerned. */
export const KINDS_NEEDING_UNITS: readonly OversightKind[] = ['inspection', 'supervision'];

/** Findings of a briefing or review may be addressed to any unit of the organiser's subtree. */
export function findingsReachOrganiserSubtree(kind: OversightKind): boolean {
  return !KINDS_NEEDING_UNITS.includes(kind);
}

export const ACTIVITY_STATES = ['planned', 'held', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];
export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = {
  planned: 'Kế hoạch',
  held: 'Đã tổ chức',
  cancelled: 'Đã hủy',
};

export const ACTIVITY_ACTIONS = ['hold', 'cancel'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

const ACTIVITY_TRANSITIONS: Record<ActivityAction, { from: ActivityState; to: ActivityState }> = {
  hold: { from: 'planned', to: 'held' },
  cancel: { from: 'planned', to: 'cancelled' },
};

/** The state after `action`, or null when the action is not allowed from `state`. */
export function activityTransition(state: ActivityState, action: ActivityAction): ActivityState | null {
  const rule = ACTIVITY_TRANSITIONS[action];
  return rule.from === state ? rule.to : null;
}

/** Why `action` is refused from `state` (Vietnamese), or null when it is allowed. */
export function activityTransitionProblem(state: ActivityState, action: ActivityAction): string | null {
  if (activityTransition(state, action) !== null) return null;
  if (action === 'cancel' && state === 'held') return 'Hoạt động đã tổ chức không thể hủy.';
  if (action === 'cancel') return 'Hoạt động này đã hủy.';
  if (state === 'held') return 'Hoạt động này đã được ghi nhận là đã tổ chức.';
  return 'Hoạt động đã hủy không thể ghi nhận là đã tổ chức.';
}

/** Oversight of the campaign starts with Directive 03-CT/TW (2011). */
export const OVERSIGHT_FIRST_YEAR = 2011;
export const OVERSIGHT_LAST_YEAR = 2100;

/** A planned or held date must fall between 2011 and 2100. */
export function oversightDateProblem(date: string, label = 'Ngày'): string | null {
  const year = Number(date.slice(0, 4));
  if (year < OVERSIGHT_FIRST_YEAR || year > OVERSIGHT_LAST_YEAR) return `${label} phải từ năm ${OVERSIGHT_FIRST_YEAR} đến năm ${OVERSIGHT_LAST_YEAR}.`;
  return null;
}

/** The day an activity took place: not in the future, not before 2011. */
export function heldOnProblem(heldOn: string, today: string): string | null {
  if (heldOn > today) return `Ngày tổ chức (${formatDate(heldOn)}) không được sau hôm nay (${formatDate(today)}).`;
  return oversightDateProblem(heldOn, 'Ngày tổ chức');
}

/** Inspections and supervisions need at least one unit concerned. */
export function unitsConcernedProblem(kind: OversightKind, count: number): string | null {
  if (count > 0 || !KINDS_NEEDING_UNITS.includes(kind)) return null;
  return `Hoạt động ${OVERSIGHT_KIND_LABELS[kind].toLowerCase()} phải có ít nhất một đơn vị được ${OVERSIGHT_KIND_LABELS[kind].toLowerCase()}.`;
}

// ——— Findings ———

export const FINDING_KINDS = ['strength', 'shortcoming', 'violation'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  strength: 'Ưu điểm',
  shortcoming: 'Hạn chế, khuyết điểm',
  violation: 'Vi phạm',
};

// ——— Follow-up tasks ———

export const FOLLOW_UP_STATES = ['open', 'done', 'cancelled'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, string> = {
  open: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  cancelled: 'Đã hủy',
};

export const FOLLOW_UP_ACTIONS = ['complete', 'reopen', 'cancel'] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

const FOLLOW_UP_TRANSITIONS: Record<FollowUpAction, { from: FollowUpState; to: FollowUpState }> = {
  complete: { from: 'open', to: 'done' },
  reopen: { from: 'done', to: 'open' },
  cancel: { from: 'open', to: 'cancelled' },
};

/** open → done (complete), done → open (reopen), open → cancelled (cancel); anything else is null. */
export function followUpTransition(state: FollowUpState, action: FollowUpAction): FollowUpState | null {
  const rule = FOLLOW_UP_TRANSITIONS[action];
  return rule.from === state ? rule.to : null;
}

/** Why `action` is refused from `state` (Vietnamese), or null when it is allowed. */
export function followUpTransitionProblem(state: FollowUpState, action: FollowUpAction): string | null {
  if (followUpTransition(state, action) !== null) return null;
  const verb = { complete: 'báo hoàn thành', reopen: 'mở lại', cancel: 'hủy' }[action];
  return `Không thể ${verb} việc khắc phục đang ở trạng thái "${FOLLOW_UP_STATE_LABELS[state]}".`;
}

/** A follow-up cannot fall due before the activity that found it ("a follow-up due before its inspection"). */
export function followUpDueProblem(dueOn: string, heldOn: string, kind?: OversightKind): string | null {
  if (dueOn >= heldOn) return oversightDateProblem(dueOn, 'Hạn hoàn thành');
  const activity = kind ? `buổi ${OVERSIGHT_KIND_LABELS[kind].toLowerCase()}` : 'hoạt động';
  return `Hạn hoàn thành (${formatDate(dueOn)}) không được trước ngày tổ chức ${activity} (${formatDate(heldOn)}).`;
}

/** The day a follow-up was done: not after today, not before the activity. */
export function doneOnProblem(doneOn: string, heldOn: string, today: string): string | null {
  if (doneOn > today) return `Ngày hoàn thành (${formatDate(doneOn)}) không được sau hôm nay (${formatDate(today)}).`;
  if (doneOn < heldOn) return `Ngày hoàn thành (${formatDate(doneOn)}) không được trước ngày tổ chức hoạt động (${formatDate(heldOn)}).`;
  return null;
}

/** The four timeliness states of DOMAIN.md §5; a cancelled follow-up has none. */
export function followUpTimeliness(followUp: { state: FollowUpState; dueOn: string; doneOn: string | null }, today: string): TimelinessState | null {
  if (followUp.state === 'cancelled') return null;
  return timeliness({ dueOn: followUp.dueOn, doneOn: followUp.state === 'done' ? followUp.doneOn : null, today });
}
