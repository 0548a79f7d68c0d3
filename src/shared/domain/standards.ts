/** Standards of conduct, pilot units and each committee's pressing issue (DOMAIN.md §2, tasks 1, 3, 4). */
import { type TimelinessState, timeliness } from './timeliness';
import type { UnitKind } from './units';

// ——— Standards (chuẩn mực đạo đức / đạo đức nghề nghiệp) ———

export const STANDARD_KINDS = ['moral', 'professional'] as const;
export type StandardKind = (typeof STANDARD_KINDS)[number];
export const STANDARD_KIND_LABELS: Record<StandardKind, string> = {
  moral: 'Chuẩn mực đạo đức',
  professional: 'Chuẩn mực đạo đức nghề nghiệp',
};

/** The six relations of DOMAIN.md, offered as groups; a unit may use its own. */
export const STANDARD_GROUPS = ['Với Đảng, Tổ quốc', 'Với nhân dân', 'Với công việc', 'Với đồng nghiệp', 'Với bản thân', 'Với gia đình'] as const;

export const STANDARD_STATES = ['draft', 'submitted', 'approved', 'issued', 'superseded'] as const;
export type StandardState = (typeof STANDARD_STATES)[number];
export const STANDARD_STATE_LABELS: Record<StandardState, string> = {
  draft: 'Dự thảo',
  submitted: 'Đã trình cấp trên',
  approved: 'Cấp trên đã duyệt',
  issued: 'Đã ban hành',
  superseded: 'Đã được thay bằng bản sửa đổi',
};

export const STANDARD_ACTIONS = ['submit', 'approve', 'return', 'issue'] as const;
export type StandardAction = (typeof STANDARD_ACTIONS)[number];

const STANDARD_TRANSITIONS: Record<StandardAction, { from: StandardState; to: StandardState }> = {
  submit: { from: 'draft', to: 'submitted' },
  approve: { from: 'submitted', to: 'approved' },
  return: { from: 'submitted', to: 'draft' },
  issue: { from: 'approved', to: 'issued' },
};

/** The state after `action`, or why it is refused. Revising an issued version starts a new draft version. */
export function standardTransition(state: StandardState, action: StandardAction): { to: StandardState } | { problem: string } {
  const rule = STANDARD_TRANSITIONS[action];
  if (rule.from === state) return { to: rule.to };
  const verb = { submit: 'trình', approve: 'duyệt', return: 'trả lại', issue: 'ban hành' }[action];
  return { problem: `Không thể ${verb} bản chuẩn mực đang ở trạng thái "${STANDARD_STATE_LABELS[state]}".` };
}

/** "Ngắn gọn, dễ nhớ": a criterion longer than this many words, or a list longer than this, gets a warning. */
export const CRITERION_WORDS = 30;
export const CRITERIA_COUNT = 12;

/** Gentle warnings about length (never refusals). */
export function lengthWarnings(criteria: { text: string }[]): string[] {
  const warnings: string[] = [];
  criteria.forEach((criterion, index) => {
    const words = criterion.text.trim().split(/\s+/u).filter(Boolean).length;
    if (words > CRITERION_WORDS) warnings.push(`Tiêu chí ${index + 1} dài ${words} từ: nên viết ngắn gọn, dễ nhớ (dưới ${CRITERION_WORDS} từ).`);
  });
  if (criteria.length > CRITERIA_COUNT) warnings.push(`Bộ chuẩn mực có ${criteria.length} tiêu chí: nên gọn trong ${CRITERIA_COUNT} tiêu chí để dễ nhớ.`);
  return warnings;
}

// ——— Committees that choose pilots and a pressing issue ———

/** District-level and affiliated committees choose pilots and a pressing issue [V]. */
export const PILOT_COMMITTEE_KINDS: readonly UnitKind[] = ['district_committee', 'affiliated_committee'];

export interface YearRule {
  comprehensivePilots: number;
  fieldPilots: number;
  pressingIssues: number;
}
/** Used when the province has not set a rule for the year (DOMAIN.md: 2 + 3 pilots, one issue). */
export const DEFAULT_YEAR_RULE: YearRule = { comprehensivePilots: 2, fieldPilots: 3, pressingIssues: 1 };

export const PILOT_KINDS = ['comprehensive', 'field'] as const;
export type PilotKind = (typeof PILOT_KINDS)[number];
export const PILOT_KIND_LABELS: Record<PilotKind, string> = { comprehensive: 'Chỉ đạo điểm toàn diện', field: 'Chỉ đạo điểm theo lĩnh vực' };

export const PILOT_STATES = ['active', 'completed'] as const;
export type PilotState = (typeof PILOT_STATES)[number];
export const PILOT_STATE_LABELS: Record<PilotState, string> = { active: 'Đang thực hiện', completed: 'Đã tổng kết' };

/** Why one more pilot of `kind` breaks the year's quota, or null. */
export function pilotQuotaProblem(rule: YearRule, existing: Record<PilotKind, number>, kind: PilotKind, year: number): string | null {
  const limit = kind === 'comprehensive' ? rule.comprehensivePilots : rule.fieldPilots;
  if (existing[kind] < limit) return null;
  return `Năm ${year} mỗi cấp ủy chọn ${limit} đơn vị ${kind === 'comprehensive' ? 'chỉ đạo điểm toàn diện' : 'chỉ đạo điểm theo lĩnh vực'}; đã chọn đủ ${existing[kind]}.`;
}

/** Whether a committee's pilots meet the year's quota. */
export function quotaMet(rule: YearRule, existing: Record<PilotKind, number>): boolean {
  return existing.comprehensive >= rule.comprehensivePilots && existing.field >= rule.fieldPilots;
}

// ——— Pressing issue (vấn đề nổi cộm, bức xúc) ———

export const ISSUE_STATUSES = ['on_track', 'at_risk', 'resolved', 'not_resolved'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  resolved: 'Đã giải quyết',
  not_resolved: 'Không giải quyết được',
};

export interface Milestone {
  title: string;
  dueOn: string;
  weight: number;
  progress: number;
}

/** Milestones must fall within the year and in date order; why not, or null. */
export function milestonesProblem(milestones: Pick<Milestone, 'dueOn' | 'weight'>[], year: number): string | null {
  for (const [index, milestone] of milestones.entries()) {
    if (!milestone.dueOn.startsWith(`${year}-`)) return `Mốc ${index + 1} phải trong năm ${year}.`;
    if (milestone.weight <= 0) return `Trọng số của mốc ${index + 1} phải lớn hơn 0.`;
    const previous = milestones[index - 1];
    if (previous && milestone.dueOn < previous.dueOn) return `Mốc ${index + 1} có hạn trước mốc ${index}: các mốc phải theo thứ tự thời gian.`;
  }
  return null;
}

/** Progress of the issue: the weighted mean of its milestones' progress (as Decidim's results), 0–100. */
export function weightedProgress(milestones: Pick<Milestone, 'weight' | 'progress'>[]): number {
  const total = milestones.reduce((sum, m) => sum + m.weight, 0);
  if (total <= 0) return 0;
  return Math.round((milestones.reduce((sum, m) => sum + m.weight * m.progress, 0) / total) * 10) / 10;
}

/** Resolved within its year, in the four timeliness states. */
export function issueTimeliness(year: number, resolvedOn: string | null, today: string): TimelinessState {
  return timeliness({ dueOn: `${year}-12-31`, doneOn: resolvedOn, today });
}
