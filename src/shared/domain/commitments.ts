import { compareNames, type PersonName } from './text';
import { type TimelinessState, timeliness } from './timeliness';

/** A commitment's life: drafted, submitted (text locked), then accepted or returned for changes. */
export const COMMITMENT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];

export const COMMITMENT_STATE_LABELS: Record<CommitmentState, string> = {
  draft: 'Bản nháp',
  submitted: 'Đã nộp, chờ chi bộ xem',
  accepted: 'Chi bộ đã chấp nhận',
  returned: 'Trả lại để sửa',
};

export const COMMITMENT_ACTIONS = ['submit', 'accept', 'return'] as const;
export type CommitmentAction = (typeof COMMITMENT_ACTIONS)[number];

const TRANSITIONS: Record<CommitmentAction, { from: readonly CommitmentState[]; to: CommitmentState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted', 'accepted'], to: 'returned' },
};

/** The state after `action`, or a Vietnamese reason why it is not allowed from `state`. */
export function transition(state: CommitmentState, action: CommitmentAction): { to: CommitmentState } | { problem: string } {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(state)) return { to: rule.to };
  const verb = { submit: 'nộp', accept: 'chấp nhận', return: 'trả lại' }[action];
  return { problem: `Không thể ${verb} bản đăng ký đang ở trạng thái "${COMMITMENT_STATE_LABELS[state]}".` };
}

/** The text of a commitment can change only while its holder has it (draft, or returned for changes). */
export function isEditable(state: CommitmentState): boolean {
  return state === 'draft' || state === 'returned';
}

export const COMMITMENT_KINDS = ['personal', 'collective'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

export const ITEM_KINDS = ['action', 'example'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = { action: 'Việc làm theo', example: 'Nêu gương' };

export const MIN_ITEMS = 1;
export const MAX_ITEMS = 10;

/** Why a commitment with these items cannot be submitted, or null. Drafts may be incomplete. */
export function itemsProblem(items: { kind: ItemKind; measure: string | null }[], isLeader: boolean): string | null {
  if (items.length < MIN_ITEMS) return 'Bản đăng ký phải có ít nhất 1 việc làm cụ thể.';
  if (items.length > MAX_ITEMS) return `Bản đăng ký có tối đa ${MAX_ITEMS} việc (đang có ${items.length}).`;
  const missing = items.findIndex((item) => !item.measure || item.measure.trim() === '');
  if (missing >= 0) return `Việc thứ ${missing + 1} chưa có cách đo kết quả (đo bằng gì, bao nhiêu).`;
  if (!isLeader && items.some((item) => item.kind === 'example')) return 'Chỉ cán bộ lãnh đạo chủ chốt, người đứng đầu đăng ký nội dung nêu gương.';
  return null;
}

/** Whether a personal commitment is judged against the leaders' deadline as well as everyone's. */
export function isLeaderMember(member: { isKeyLeader: boolean; isHead: boolean }): boolean {
  return member.isKeyLeader || member.isHead;
}

/** Registration timeliness: done when first submitted; returning it later does not undo the registration. */
export function registrationState(firstSubmittedOn: string | null, deadline: string, today: string): TimelinessState {
  return timeliness({ dueOn: deadline, doneOn: firstSubmittedOn, today });
}

export const SELF_RESULTS = ['done', 'partly', 'not_done'] as const;
export type SelfResult = (typeof SELF_RESULTS)[number];
export const SELF_RESULT_LABELS: Record<SelfResult, string> = { done: 'Đã làm được', partly: 'Làm được một phần', not_done: 'Chưa làm được' };

/** Reviews (kiểm điểm) open on a date set by the round, in the last quarter of its year. */
export function reviewProblem(today: string, reviewOpensOn: string): string | null {
  if (today >= reviewOpensOn) return null;
  const [y, m, d] = reviewOpensOn.split('-');
  return `Chưa đến kỳ kiểm điểm cuối năm: tự đánh giá và xếp loại mở từ ngày ${d}/${m}/${y}.`;
}

/** A member who has posted nothing on an accepted commitment for this many days has gone quiet. */
export const QUIET_DAYS = 60;

export function isQuiet(lastActivityOn: string, today: string, days = QUIET_DAYS): boolean {
  const elapsed = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastActivityOn}T00:00:00Z`)) / 86_400_000;
  return elapsed > days;
}

// ——— Assessment schemes (DOMAIN.md §3): data with validity years, the rules below read them ———

export interface AssessmentLevel {
  code: string;
  label: string;
  /** 1 is the best outcome. */
  rank: number;
}

export interface CapRule {
  /** The level that is capped ("xuất sắc") and the level it is measured against ("tốt"). */
  capped: string;
  relativeTo: string;
  ratio: number;
}

/** How many members may hold the capped level when `relativeCount` hold the other one. */
export function capLimit(rule: CapRule, relativeCount: number): number {
  // 20 % of 7 is 1.4: at most one. The epsilon keeps 0.2 × 10 at 2 despite binary floating point.
  return Math.floor(rule.ratio * relativeCount + 1e-9);
}

/** Why decided levels in a grassroots unit break the scheme's cap, or null. */
export function capProblem(rule: CapRule | null, counts: Record<string, number>, labels: Record<string, string>, unitName: string): string | null {
  if (!rule) return null;
  const capped = counts[rule.capped] ?? 0;
  const relative = counts[rule.relativeTo] ?? 0;
  const limit = capLimit(rule, relative);
  if (capped <= limit) return null;
  const percent = `${Math.round(rule.ratio * 100)}%`;
  return (
    `${unitName}: số xếp loại "${labels[rule.capped] ?? rule.capped}" (${capped}) vượt quá ${percent} số xếp loại ` +
    `"${labels[rule.relativeTo] ?? rule.relativeTo}" (${relative}); tối đa ${limit}.`
  );
}

/** The ranking of a unit's members (bình xét thi đua): decided level, then share of items done, then name. */
export interface RankedMember extends PersonName {
  levelRank: number | null;
  doneShare: number | null;
}

export function compareForRanking(a: RankedMember, b: RankedMember): number {
  const rank = (a.levelRank ?? Number.MAX_SAFE_INTEGER) - (b.levelRank ?? Number.MAX_SAFE_INTEGER);
  if (rank !== 0) return rank;
  const done = (b.doneShare ?? -1) - (a.doneShare ?? -1);
  if (done !== 0) return done;
  return compareNames(a, b);
}
