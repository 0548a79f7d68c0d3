/**
 * Urging (đôn đốc, issue #11): which day a rule reminds about an item, quiet hours, the texts of the
 * messages (Vietnamese, plain and short). Pure rules, dates as ISO 'yyyy-mm-dd' strings.
 */
import { daysBetween } from './timeliness';
import { formatDate } from './text';

export const ITEM_KINDS = ['plan', 'conference', 'commitment_registration', 'meeting_record', 'follow_up', 'pilot_milestone', 'issue_milestone'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  plan: 'Kế hoạch thực hiện (văn bản cấp dưới phải ban hành)',
  conference: 'Hội nghị quán triệt',
  commitment_registration: 'Đăng ký việc làm theo',
  meeting_record: 'Ghi biên bản sinh hoạt chi bộ hằng tháng',
  follow_up: 'Việc khắc phục sau kiểm tra, giám sát',
  pilot_milestone: 'Kết quả chỉ đạo điểm',
  issue_milestone: 'Mốc giải quyết vấn đề nổi cộm',
};

/** What the due date of each kind is, as the capability that owns it defines it (shown on the rules page). */
export const ITEM_KIND_DUE_RULES: Record<ItemKind, string> = {
  plan: 'Hạn ban hành văn bản thực hiện của từng cấp ủy cấp dưới (theo yêu cầu của văn bản cấp trên).',
  conference: 'Hạn tổ chức hội nghị quán triệt của từng cấp ủy cấp dưới.',
  commitment_registration: 'Hạn đăng ký của đảng viên trong đợt đăng ký năm; chi bộ còn đảng viên chưa đăng ký là chưa xong.',
  meeting_record: 'Cuối tháng cộng số ngày được phép ghi biên bản theo chuyên đề năm; chi bộ chưa ghi buổi sinh hoạt thường kỳ của tháng là chưa xong.',
  follow_up: 'Hạn hoàn thành của việc khắc phục (việc đã hủy không nhắc).',
  pilot_milestone: 'Ngày 31/12 của năm chỉ đạo điểm; xong khi đã ghi kết quả.',
  issue_milestone: 'Hạn của từng mốc giải quyết vấn đề nổi cộm.',
};

export const NOTIFICATION_KINDS = ['reminder', 'digest', 'urging'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  reminder: 'Nhắc hạn',
  digest: 'Tổng hợp đơn vị trực thuộc chậm hạn',
  urging: 'Đôn đốc',
};

export const REMINDER_STAGES = ['before', 'due', 'after'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];
export const REMINDER_STAGE_LABELS: Record<ReminderStage, string> = { before: 'Sắp đến hạn', due: 'Đến hạn hôm nay', after: 'Quá hạn' };

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Đang chờ gửi',
  sent: 'Đã gửi',
  failed: 'Gửi không được',
  cancelled: 'Không gửi (người nhận đã tắt thư)',
};

export const DIGEST_FREQUENCIES = ['daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];
export const DIGEST_FREQUENCY_LABELS: Record<DigestFrequency, string> = { daily: 'Hằng ngày', weekly: 'Hằng tuần (thứ Hai)' };

/** The offsets of a rule. */
export interface RuleOffsets {
  daysBefore: number | null;
  onDue: boolean;
  daysAfter: number | null;
}

export const MAX_OFFSET_DAYS = 365;

/** Why these offsets are not a rule, or null. Negative offsets are refused (the schema says it first). */
export function offsetsProblem(offsets: RuleOffsets): string | null {
  const { daysBefore, daysAfter, onDue } = offsets;
  if (daysBefore !== null && (!Number.isInteger(daysBefore) || daysBefore < 0)) return 'Số ngày nhắc trước hạn phải là số nguyên không âm.';
  if (daysAfter !== null && (!Number.isInteger(daysAfter) || daysAfter < 1)) return 'Số ngày nhắc lại khi quá hạn phải là số nguyên từ 1.';
  if ((daysBefore ?? 0) > MAX_OFFSET_DAYS || (daysAfter ?? 0) > MAX_OFFSET_DAYS) return `Số ngày không được quá ${MAX_OFFSET_DAYS}.`;
  if (daysBefore === null && !onDue && daysAfter === null) return 'Quy tắc phải nhắc ít nhất một lần: trước hạn, đúng hạn hoặc khi quá hạn.';
  return null;
}

/**
 * On `today`, does a rule remind about an item not done that falls due on `dueOn`? The SQL of the daily
 * run (src/server/capabilities/urging/urging.computation.ts) computes exactly this; test/api/urging-daily
 * compares both on forty days around a due date for several rules.
 * - `before`: exactly `daysBefore` days before the due date (0 = on the due date, then only once);
 * - `due`: on the due date;
 * - `after`: every `daysAfter` days once overdue: due + M, due + 2M, … until it is done.
 */
export function reminderStage(offsets: RuleOffsets, dueOn: string, today: string): ReminderStage | null {
  const late = daysBetween(dueOn, today);
  if (late === 0 && offsets.onDue) return 'due';
  if (late <= 0 && offsets.daysBefore !== null && -late === offsets.daysBefore) return late === 0 ? 'due' : 'before';
  if (late > 0 && offsets.daysAfter !== null && late % offsets.daysAfter === 0) return 'after';
  return null;
}

/** Is the rule in force on `day` (valid_from ≤ day ≤ valid_to)? */
export function ruleInForce(rule: { validFrom: string; validTo: string | null }, day: string): boolean {
  return rule.validFrom <= day && (rule.validTo === null || day <= rule.validTo);
}

/** Monday, the day weekly digests are made (ISO weekday 1). */
export function isDigestDay(frequency: DigestFrequency, day: string): boolean {
  if (frequency === 'daily') return true;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() === 1;
}

// ——— Quiet hours ———

/** 'HH:MM' → minutes after midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

const VIETNAM_OFFSET_MINUTES = 7 * 60;

/**
 * E-mails wait until the quiet hours end. Given the instant `now` and quiet hours in Vietnam time
 * ('22:00'–'06:30'; a span may cross midnight; the end is not quiet), the instant sending may start:
 * `now` itself outside the quiet hours.
 */
export function quietUntil(now: Date, quiet: { from: string; to: string } | null): Date {
  if (!quiet) return now;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return now;
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inQuiet = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inQuiet) return now;
  const wait = (to - minute + 24 * 60) % (24 * 60);
  const until = new Date(now.getTime() + wait * 60_000);
  until.setUTCSeconds(0, 0);
  return until;
}

// ——— Texts (Vietnamese, plain and short) ———
// Templates in PostgreSQL's format() syntax (%1$s, %2$s, …): the daily run fills them in SQL for every
// row at once; formatTemplate() fills them the same way here (tests, previews).

/** Fill a format() template: %N$s is the N-th argument; %% is a percent sign. */
export function formatTemplate(template: string, args: readonly (string | number)[]): string {
  return template.replace(/%(%|(\d+)\$s)/gu, (_match, all: string, index: string | undefined) => (all === '%' ? '%' : String(args[Number(index) - 1] ?? '')));
}

/** %1$s: the item's label. */
export const REMINDER_TITLE_TEMPLATES: Record<ReminderStage, string> = {
  before: 'Sắp đến hạn: %1$s',
  due: 'Đến hạn hôm nay: %1$s',
  after: 'Quá hạn: %1$s',
};

const ASK = 'Đề nghị đồng chí đôn đốc hoàn thành và cập nhật trên hệ thống.';

/** %1$s unit, %2$s item label, %3$s due date (dd/mm/yyyy), %4$s days before or after it. */
export const REMINDER_BODY_TEMPLATES: Record<ReminderStage, string> = {
  before: `%1$s: %2$s — hạn %3$s, còn %4$s ngày. ${ASK}`,
  due: `%1$s: %2$s — hạn là hôm nay (%3$s). ${ASK}`,
  after: `%1$s: %2$s — hạn %3$s, đã quá %4$s ngày. ${ASK}`,
};

/** %1$s parent unit, %2$s number of late sub-units. */
export const DIGEST_TITLE_TEMPLATE = '%2$s đơn vị trực thuộc %1$s chậm hạn';
export const DIGEST_HEADER = 'Các đơn vị trực thuộc sau chưa hoàn thành việc đã quá hạn:';
/** %1$s sub-unit, %2$s item label, %3$s due date, %4$s days overdue. */
export const DIGEST_LINE_TEMPLATE = '- %1$s: %2$s (hạn %3$s, quá %4$s ngày)';
/** %1$s lines not shown. */
export const DIGEST_MORE_TEMPLATE = '… và %1$s việc khác.';
export const DIGEST_MAX_LINES = 50;

export interface ReminderText {
  stage: ReminderStage;
  unitName: string;
  itemLabel: string;
  dueOn: string;
  today: string;
}

export function reminderTitle(input: Pick<ReminderText, 'stage' | 'itemLabel'>): string {
  return formatTemplate(REMINDER_TITLE_TEMPLATES[input.stage], [input.itemLabel]);
}

export function reminderBody(input: ReminderText): string {
  return formatTemplate(REMINDER_BODY_TEMPLATES[input.stage], [input.unitName, input.itemLabel, formatDate(input.dueOn), Math.abs(daysBetween(input.dueOn, input.today))]);
}

export function digestTitle(parentName: string, lateUnits: number): string {
  return formatTemplate(DIGEST_TITLE_TEMPLATE, [parentName, lateUnits]);
}

export interface DigestLine {
  unitName: string;
  itemLabel: string;
  dueOn: string;
}

export function digestBody(lines: readonly DigestLine[], today: string): string {
  const shown = lines.slice(0, DIGEST_MAX_LINES).map((line) => formatTemplate(DIGEST_LINE_TEMPLATE, [line.unitName, line.itemLabel, formatDate(line.dueOn), daysBetween(line.dueOn, today)]));
  const more = lines.length > DIGEST_MAX_LINES ? [formatTemplate(DIGEST_MORE_TEMPLATE, [lines.length - DIGEST_MAX_LINES])] : [];
  return [DIGEST_HEADER, ...shown, ...more].join('\n');
}

/** Where a digest about one kind of item points, for the parent unit ({unit}, {year} filled in). */
export const DIGEST_LINK_TEMPLATES: Record<ItemKind, string> = {
  plan: '/chi-dao?unit={unit}&overdue=true',
  conference: '/chi-dao?unit={unit}&overdue=true',
  meeting_record: '/sinh-hoat/ma-tran?unit={unit}&year={year}',
  commitment_registration: '/dang-ky?year={year}&unit={unit}',
  follow_up: '/viec-khac-phuc?unit={unit}&timeliness=overdue',
  pilot_milestone: '/chi-dao-diem?year={year}&unit={unit}',
  issue_milestone: '/chi-dao-diem?year={year}&unit={unit}',
};

export function urgingTitle(senderUnitName: string): string {
  return `${senderUnitName} đôn đốc`;
}

/** The e-mail: the notification's text, its link, why the reader gets it and how to stop. */
export function emailText(input: { title: string; body: string; link: string | null; unsubscribeUrl: string }): string {
  return [
    input.body,
    '',
    ...(input.link ? [`Xem chi tiết: ${input.link}`, ''] : []),
    '—',
    'Thư tự động của hệ thống Học tập và làm theo tấm gương đạo đức Hồ Chí Minh. Vui lòng không trả lời thư này.',
    `Không muốn nhận thư nữa: ${input.unsubscribeUrl}`,
  ].join('\n');
}

/** Prefixes of the item labels composed by the daily run's SQL (one per kind). */
export const ITEM_LABEL_PREFIXES: Record<ItemKind, string> = {
  plan: 'Ban hành văn bản thực hiện',
  conference: 'Hội nghị quán triệt',
  commitment_registration: 'Đăng ký việc làm theo năm',
  meeting_record: 'Ghi sinh hoạt chi bộ tháng',
  follow_up: 'Việc khắc phục',
  pilot_milestone: 'Kết quả chỉ đạo điểm tại',
  issue_milestone: 'Mốc',
};

/** The day before `day`. */
export function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** State of a rule on `today`. */
export function ruleState(rule: { validFrom: string; validTo: string | null }, today: string): 'active' | 'scheduled' | 'closed' {
  if (rule.validTo !== null && rule.validTo < today) return 'closed';
  return rule.validFrom > today ? 'scheduled' : 'active';
}

/**
 * Where in the web app an item of a unit is handled (the daily run's SQL builds the same paths).
 * `itemId`: for a plan or a conference the cascade's (parent) document; for a follow-up the oversight
 * activity; otherwise unused.
 */
export function itemLink(kind: ItemKind | null, unitId: number, year: number, itemId: number | null = null): string | null {
  switch (kind) {
    case 'plan':
    case 'conference':
      return itemId === null ? `/chi-dao?unit=${unitId}` : `/chi-dao?document=${itemId}&unit=${unitId}`;
    case 'meeting_record':
      return `/sinh-hoat/${unitId}?year=${year}`;
    case 'commitment_registration':
      return `/dang-ky?year=${year}&unit=${unitId}`;
    case 'follow_up':
      return itemId === null ? `/viec-khac-phuc?unit=${unitId}` : `/giam-sat/${itemId}`;
    case 'pilot_milestone':
    case 'issue_milestone':
      return `/chi-dao-diem?year=${year}&unit=${unitId}`;
    case null:
      return null;
  }
}
