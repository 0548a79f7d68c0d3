/**
 * The campaign's indicators (issue #9): each one is defined ONCE here — name, definition, numerator,
 * denominator and period semantics in Vietnamese — and used by the dashboard, the generated report, the
 * Excel appendix and the API (`GET /api/dashboard/indicators`). Values travel as
 * `{ numerator, denominator, breakdown? }`; the ratio is derived (`indicatorRatio`), never stored.
 *
 * Period semantics:
 * - `year`: the campaign year of the period (the year of its last day) — registration rounds, pilots,
 *   pressing issues and nominations belong to a year;
 * - `dates`: things dated inside [from, to] (a due date, a meeting month, a held date, a decision date);
 * - `asOf`: the state on the period's last day, or on today when the period has not ended yet.
 *
 * ## Lagging score (the composite behind `GET /api/dashboard/lagging`)
 *
 * For a unit and a period, every indicator that has a `lagging` threshold and a denominator greater
 * than 0 contributes its **shortfall** against the threshold t (ratio r = numerator / denominator):
 * - higher is better:  shortfall = max(0, t − r) / t
 * - lower is better:   shortfall = max(0, r − t) / (1 − t)
 * so a shortfall is 0 when the threshold is met and 1 when the unit is as far from it as possible.
 * **Score = 100 × the mean of the shortfalls** (0 = every threshold met, 100 = nothing done), rounded to
 * one decimal; a unit with no contributing indicator has no score (null) and is listed last.
 * Units are ranked by score, highest first (ties: more indicators below threshold first, then name).
 * The **reasons** are the contributing indicators below their threshold, worst shortfall first, each as
 * a Vietnamese sentence ("Kế hoạch ban hành đúng hạn: 40,0% (ngưỡng 90%), 2/5.").
 * Plain counts (denominator null) never enter the score.
 */
import { formatDate } from './text';

export const INDICATOR_GROUPS = ['direction', 'standards', 'commitments', 'study', 'acting', 'oversight', 'publicity'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export const INDICATOR_GROUP_LABELS: Record<IndicatorGroup, string> = {
  direction: 'Lãnh đạo, chỉ đạo',
  standards: 'Chuẩn mực đạo đức',
  commitments: 'Đăng ký làm theo',
  study: 'Học tập chuyên đề',
  acting: 'Làm theo: vấn đề nổi cộm, chỉ đạo điểm',
  oversight: 'Kiểm tra, giám sát',
  publicity: 'Điển hình, tuyên truyền',
};

export const PERIOD_SEMANTICS = ['year', 'dates', 'asOf'] as const;
export type PeriodSemantics = (typeof PERIOD_SEMANTICS)[number];
export const PERIOD_SEMANTICS_LABELS: Record<PeriodSemantics, string> = {
  year: 'Theo năm của kỳ (năm của ngày cuối kỳ)',
  dates: 'Những việc có ngày nằm trong kỳ',
  asOf: 'Tình trạng tại ngày cuối kỳ (hoặc hôm nay nếu kỳ chưa kết thúc)',
};

export const INDICATOR_KEYS = [
  'plans_on_time',
  'conferences_held',
  'conference_reach',
  'helper_units',
  'standards_issued',
  'priority_sector_standards',
  'leaders_registered',
  'members_registered',
  'reviews_decided',
  'meetings_valid',
  'meeting_attendance',
  'pressing_issues_on_track',
  'pressing_issues_resolved',
  'pilot_quota_met',
  'inspections_held',
  'follow_ups_overdue',
  'exemplars_nominated',
  'exemplars_commended',
  'exemplars_published',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorDefinition {
  key: IndicatorKey;
  group: IndicatorGroup;
  /** Short name shown on the card (vi). */
  name: string;
  /** One or two sentences saying exactly what is counted (vi). */
  definition: string;
  numerator: string;
  /** Null when the value is a plain count. */
  denominator: string | null;
  periodSemantics: PeriodSemantics;
  higherIsBetter: boolean;
  /** Web route of the list behind the number (pages read `?unit=`); placeholders `{unitId}` and `{year}`. */
  link: string;
  /** Ratio threshold (0–1) of the lagging score; null for plain counts. See the file comment. */
  lagging: number | null;
  /** What the breakdown lists, when there is one (vi). */
  breakdown: string | null;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    key: 'plans_on_time',
    group: 'direction',
    name: 'Kế hoạch ban hành đúng hạn',
    definition:
      'Các yêu cầu ban hành văn bản (kế hoạch, hướng dẫn) của cấp trên có hạn trong kỳ, giao cho đơn vị và các cấp dưới: số đã ban hành đúng hạn trên số đã đến hạn (không tính những việc chưa làm nhưng còn trong hạn).',
    numerator: 'Số đơn vị đã ban hành văn bản đúng hạn',
    denominator: 'Số đơn vị phải ban hành có hạn trong kỳ, trừ số chưa ban hành nhưng còn hạn',
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/chi-dao?unit={unitId}',
    lagging: 0.9,
    breakdown: 'Bốn tình trạng: đúng hạn, trễ hạn, còn hạn, quá hạn',
  },
  {
    key: 'conferences_held',
    group: 'direction',
    name: 'Hội nghị quán triệt đã tổ chức',
    definition:
      'Các yêu cầu tổ chức hội nghị quán triệt có hạn trong kỳ: số đơn vị đã tổ chức hội nghị (đúng hạn hoặc trễ) trên số đã đến hạn (không tính những việc chưa làm nhưng còn trong hạn).',
    numerator: 'Số đơn vị đã tổ chức hội nghị quán triệt',
    denominator: 'Số đơn vị phải tổ chức hội nghị có hạn trong kỳ, trừ số chưa tổ chức nhưng còn hạn',
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/chi-dao?unit={unitId}',
    lagging: 0.9,
    breakdown: 'Bốn tình trạng: đúng hạn, trễ hạn, còn hạn, quá hạn',
  },
  {
    key: 'conference_reach',
    group: 'direction',
    name: 'Người dự hội nghị quán triệt',
    definition: 'Các hội nghị quán triệt do đơn vị và cấp dưới tổ chức trong kỳ: số cán bộ, đảng viên dự trên số được triệu tập.',
    numerator: 'Số cán bộ, đảng viên dự hội nghị',
    denominator: 'Số cán bộ, đảng viên được triệu tập',
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/hoi-nghi?unit={unitId}&year={year}',
    lagging: 0.9,
    breakdown: 'Số hội nghị; cán bộ dự/triệu tập; đảng viên dự/triệu tập',
  },
  {
    key: 'helper_units',
    group: 'direction',
    name: 'Cấp ủy đã thành lập Bộ phận giúp việc',
    definition:
      'Tỉnh ủy, huyện ủy (thị ủy, thành ủy), đảng ủy trực thuộc đang hoạt động trong đơn vị (và đơn vị nếu là đảng ủy cơ sở): số đã thành lập Bộ phận giúp việc tính đến ngày cuối kỳ.',
    numerator: 'Số cấp ủy đã thành lập Bộ phận giúp việc',
    denominator: 'Số cấp ủy phải thành lập Bộ phận giúp việc',
    periodSemantics: 'asOf',
    higherIsBetter: true,
    link: '/bo-phan-giup-viec?unit={unitId}',
    lagging: 1,
    breakdown: 'Chưa thành lập; đã thành lập, chưa có quy chế; đầy đủ',
  },
  {
    key: 'standards_issued',
    group: 'standards',
    name: 'Đơn vị đã ban hành chuẩn mực đạo đức',
    definition:
      'Các đơn vị phải ban hành chuẩn mực (cấp ủy và tổ chức cơ sở đảng, không tính chi bộ trực thuộc) đang hoạt động trong đơn vị, kể cả chính đơn vị: số đã ban hành chuẩn mực đạo đức tính đến ngày cuối kỳ.',
    numerator: 'Số đơn vị đã ban hành chuẩn mực đạo đức',
    denominator: 'Số đơn vị phải ban hành chuẩn mực',
    periodSemantics: 'asOf',
    higherIsBetter: true,
    link: '/chuan-muc/bao-phu?unit={unitId}',
    lagging: 0.8,
    breakdown: 'Đã có chuẩn mực đạo đức; đã có chuẩn mực đạo đức nghề nghiệp',
  },
  {
    key: 'priority_sector_standards',
    group: 'standards',
    name: 'Ngành trọng điểm có chuẩn mực đạo đức nghề nghiệp',
    definition:
      'Các đơn vị thuộc ngành, lĩnh vực trọng điểm (tài chính, ngân hàng, thuế, y tế, giáo dục…) trong đơn vị: số đã ban hành chuẩn mực đạo đức nghề nghiệp tính đến ngày cuối kỳ. Đơn vị nằm trong một cấp ủy cùng ngành được tính theo cấp ủy đó.',
    numerator: 'Số đơn vị ngành trọng điểm đã có chuẩn mực đạo đức nghề nghiệp',
    denominator: 'Số đơn vị thuộc ngành trọng điểm',
    periodSemantics: 'asOf',
    higherIsBetter: true,
    link: '/chuan-muc/bao-phu?unit={unitId}',
    lagging: 0.8,
    breakdown: 'Theo ngành: số đơn vị đã có chuẩn mực đạo đức nghề nghiệp (số đơn vị của ngành ghi trong ngoặc)',
  },
  {
    key: 'leaders_registered',
    group: 'commitments',
    name: 'Cán bộ chủ chốt đăng ký đúng hạn',
    definition:
      'Đợt đăng ký việc làm theo của năm: số cán bộ lãnh đạo chủ chốt, người đứng đầu (đang sinh hoạt trong đơn vị) đã nộp bản đăng ký đến hạn của cán bộ chủ chốt, trên tổng số cán bộ chủ chốt, người đứng đầu. Trước hạn chỉ tính những người đã nộp; năm không có đợt đăng ký thì không có gì đến hạn.',
    numerator: 'Số cán bộ chủ chốt, người đứng đầu đăng ký đúng hạn',
    denominator: 'Số cán bộ chủ chốt, người đứng đầu (trước hạn: số người đã nộp)',
    periodSemantics: 'year',
    higherIsBetter: true,
    link: '/dang-ky?unit={unitId}&year={year}',
    lagging: 0.95,
    breakdown: 'Đúng hạn, trễ hạn, chưa đăng ký',
  },
  {
    key: 'members_registered',
    group: 'commitments',
    name: 'Đảng viên đăng ký đúng hạn',
    definition:
      'Đợt đăng ký việc làm theo của năm: số đảng viên (đang sinh hoạt trong đơn vị) đã nộp bản đăng ký đến hạn chung, trên tổng số đảng viên. Trước hạn chỉ tính những người đã nộp; năm không có đợt đăng ký thì không có gì đến hạn.',
    numerator: 'Số đảng viên đăng ký đúng hạn',
    denominator: 'Số đảng viên (trước hạn: số người đã nộp)',
    periodSemantics: 'year',
    higherIsBetter: true,
    link: '/dang-ky?unit={unitId}&year={year}',
    lagging: 0.9,
    breakdown: 'Đúng hạn, trễ hạn, chưa đăng ký',
  },
  {
    key: 'reviews_decided',
    group: 'commitments',
    name: 'Kiểm điểm cuối năm đã xếp loại',
    definition:
      'Đợt đăng ký của năm, từ ngày mở kiểm điểm (mặc định 01/12) đến ngày cuối kỳ: số bản đăng ký cá nhân đã được cấp ủy cơ sở quyết định xếp loại (kể cả "chưa đánh giá" có lý do), trên số bản đăng ký cá nhân đã nộp. Trước ngày mở kiểm điểm chưa có gì đến hạn. Phân bố theo mức xếp loại.',
    numerator: 'Số đảng viên đã được quyết định xếp loại',
    denominator: 'Số đảng viên đã nộp bản đăng ký (khi kiểm điểm đã mở)',
    periodSemantics: 'year',
    higherIsBetter: true,
    link: '/dang-ky?unit={unitId}&year={year}',
    lagging: 0.9,
    breakdown: 'Số đảng viên theo mức xếp loại',
  },
  {
    key: 'meetings_valid',
    group: 'study',
    name: 'Tháng sinh hoạt chi bộ có chuyên đề',
    definition:
      'Mỗi chi bộ, mỗi tháng trong kỳ đã kết thúc: tháng có buổi sinh hoạt thường kỳ đã tổ chức với 1–2 nội dung chuyên đề. Tỷ lệ trên số chi bộ × số tháng đã kết thúc trong kỳ (chi bộ có hoạt động trong năm).',
    numerator: 'Số lượt chi bộ-tháng sinh hoạt có chuyên đề',
    denominator: 'Số chi bộ × số tháng đã kết thúc trong kỳ',
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/sinh-hoat/ma-tran?unit={unitId}&year={year}',
    lagging: 0.9,
    breakdown: 'Theo tháng: số chi bộ sinh hoạt có chuyên đề',
  },
  {
    key: 'meeting_attendance',
    group: 'study',
    name: 'Đảng viên dự sinh hoạt chi bộ',
    definition: 'Các buổi sinh hoạt thường kỳ đã ghi biên bản của các tháng trong kỳ: số lượt đảng viên có mặt trên số lượt đảng viên trong danh sách chi bộ.',
    numerator: 'Số lượt đảng viên có mặt',
    denominator: 'Số lượt đảng viên trong danh sách',
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/sinh-hoat/ma-tran?unit={unitId}&year={year}',
    lagging: 0.9,
    breakdown: null,
  },
  {
    key: 'pressing_issues_on_track',
    group: 'acting',
    name: 'Vấn đề nổi cộm đúng tiến độ',
    definition:
      'Các huyện ủy (thị ủy, thành ủy) và đảng ủy trực thuộc đang hoạt động trong đơn vị: số cấp ủy có vấn đề nổi cộm của năm đang đúng tiến độ hoặc đã giải quyết, trên số cấp ủy phải chọn vấn đề.',
    numerator: 'Số cấp ủy có vấn đề nổi cộm đúng tiến độ hoặc đã giải quyết',
    denominator: 'Số cấp ủy phải chọn vấn đề nổi cộm',
    periodSemantics: 'year',
    higherIsBetter: true,
    link: '/chi-dao-diem?unit={unitId}&year={year}',
    lagging: 0.8,
    breakdown: 'Đúng tiến độ, có nguy cơ chậm, đã giải quyết, không giải quyết được, chưa chọn',
  },
  {
    key: 'pressing_issues_resolved',
    group: 'acting',
    name: 'Vấn đề nổi cộm đã giải quyết',
    definition: 'Số cấp ủy đã giải quyết xong vấn đề nổi cộm của năm (ngày giải quyết không sau ngày cuối kỳ), trên số cấp ủy phải chọn vấn đề.',
    numerator: 'Số cấp ủy đã giải quyết vấn đề nổi cộm',
    denominator: 'Số cấp ủy phải chọn vấn đề nổi cộm',
    periodSemantics: 'year',
    higherIsBetter: true,
    link: '/chi-dao-diem?unit={unitId}&year={year}',
    lagging: null,
    breakdown: null,
  },
  {
    key: 'pilot_quota_met',
    group: 'acting',
    name: 'Cấp ủy chọn đủ đơn vị chỉ đạo điểm',
    definition:
      'Các huyện ủy (thị ủy, thành ủy) và đảng ủy trực thuộc đang hoạt động trong đơn vị: số cấp ủy đã chọn đủ đơn vị chỉ đạo điểm toàn diện và theo lĩnh vực theo chỉ tiêu của năm (mặc định 2 + 3).',
    numerator: 'Số cấp ủy chọn đủ đơn vị điểm',
    denominator: 'Số cấp ủy phải chọn đơn vị điểm',
    periodSemantics: 'year',
    higherIsBetter: true,
    link: '/chi-dao-diem?unit={unitId}&year={year}',
    lagging: 1,
    breakdown: 'Số đơn vị điểm toàn diện; theo lĩnh vực',
  },
  {
    key: 'inspections_held',
    group: 'oversight',
    name: 'Cuộc kiểm tra, giám sát đã tiến hành',
    definition:
      'Các cuộc kiểm tra, giám sát do đơn vị và cấp dưới tổ chức, có ngày tổ chức (hoặc ngày dự kiến, khi chưa tổ chức) trong kỳ, không tính cuộc đã hủy: số đã tiến hành trên tổng số.',
    numerator: 'Số cuộc kiểm tra, giám sát đã tiến hành',
    denominator: 'Số cuộc kiểm tra, giám sát trong kỳ (trừ cuộc đã hủy)',
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/giam-sat?unit={unitId}&year={year}',
    lagging: 0.8,
    breakdown: 'Kiểm tra, giám sát đã tiến hành; còn kế hoạch',
  },
  {
    key: 'follow_ups_overdue',
    group: 'oversight',
    name: 'Việc khắc phục quá hạn',
    definition:
      'Các việc khắc phục sau kiểm tra, giám sát giao cho đơn vị và cấp dưới, đã giao đến ngày cuối kỳ (không tính việc đã hủy): số việc chưa xong và đã quá hạn tại ngày cuối kỳ (hoặc hôm nay) trên tổng số. Càng thấp càng tốt.',
    numerator: 'Số việc khắc phục quá hạn chưa hoàn thành',
    denominator: 'Số việc khắc phục đã giao (trừ việc đã hủy)',
    periodSemantics: 'asOf',
    higherIsBetter: false,
    link: '/viec-khac-phuc?unit={unitId}',
    lagging: 0.1,
    breakdown: 'Bốn tình trạng: đúng hạn, trễ hạn, còn hạn, quá hạn',
  },
  {
    key: 'exemplars_nominated',
    group: 'publicity',
    name: 'Điển hình được đề cử',
    definition: 'Số đề nghị điển hình tiên tiến (cá nhân, tập thể) của năm do đơn vị và cấp dưới đã gửi (không tính bản nháp).',
    numerator: 'Số đề nghị điển hình đã gửi',
    denominator: null,
    periodSemantics: 'year',
    higherIsBetter: true,
    link: '/dien-hinh?unit={unitId}&year={year}',
    lagging: null,
    breakdown: 'Đang xác minh, đã xác minh, được khen thưởng, không công nhận',
  },
  {
    key: 'exemplars_commended',
    group: 'publicity',
    name: 'Điển hình được khen thưởng',
    definition: 'Số điển hình do đơn vị và cấp dưới đề cử được khen thưởng với quyết định ký trong kỳ.',
    numerator: 'Số điển hình được khen thưởng',
    denominator: null,
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/dien-hinh?unit={unitId}&year={year}',
    lagging: null,
    breakdown: 'Theo hình thức khen thưởng',
  },
  {
    key: 'exemplars_published',
    group: 'publicity',
    name: 'Tin, bài tuyên truyền điển hình',
    definition: 'Số lần đăng, phát về các điển hình do đơn vị và cấp dưới đề cử (báo, đài, bản tin, thông tin sinh hoạt chi bộ, trang công khai) có ngày đăng trong kỳ.',
    numerator: 'Số tin, bài đã đăng',
    denominator: null,
    periodSemantics: 'dates',
    higherIsBetter: true,
    link: '/tuyen-truyen?unit={unitId}&year={year}',
    lagging: null,
    breakdown: 'Theo kênh tuyên truyền',
  },
];

const BY_KEY = new Map<IndicatorKey, IndicatorDefinition>(INDICATORS.map((indicator) => [indicator.key, indicator]));

export function indicator(key: IndicatorKey): IndicatorDefinition {
  const found = BY_KEY.get(key);
  if (!found) throw new Error(`unknown indicator ${key}`);
  return found;
}

/** The link of an indicator with its placeholders filled. */
export function indicatorLink(key: IndicatorKey, unitId: number, year: number): string {
  return indicator(key).link.replaceAll('{unitId}', String(unitId)).replaceAll('{year}', String(year));
}

// ——— Values ———

export interface BreakdownEntry {
  label: string;
  value: number;
}

export interface IndicatorValue {
  numerator: number;
  /** Null when the indicator is a plain count; 0 when nothing was due (the ratio is then null). */
  denominator: number | null;
  breakdown?: BreakdownEntry[];
}

/** numerator / denominator, or null when there is no denominator or it is 0. */
export function indicatorRatio(value: Pick<IndicatorValue, 'numerator' | 'denominator'>): number | null {
  if (value.denominator === null || value.denominator <= 0) return null;
  return value.numerator / value.denominator;
}

/** "40,0%" (one decimal, Vietnamese comma); "—" when there is no ratio. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(ratio * 100).toFixed(1).replace('.', ',')}%`;
}

function formatThreshold(threshold: number): string {
  const percent = Math.round(threshold * 1000) / 10;
  return `${String(percent).replace('.', ',')}%`;
}

// ——— Lagging score (formula in the file comment) ———

/** The score formula in plain Vietnamese, shown in the UI and sent with the lagging list. */
export const LAGGING_FORMULA =
  'Điểm chậm = 100 × trung bình mức thiếu hụt của các chỉ tiêu có ngưỡng và có việc đến hạn trong kỳ. ' +
  'Mức thiếu hụt của một chỉ tiêu càng cao càng tốt = max(0, ngưỡng − tỷ lệ) / ngưỡng; của chỉ tiêu càng thấp càng tốt = max(0, tỷ lệ − ngưỡng) / (1 − ngưỡng). ' +
  '0 điểm: đạt mọi ngưỡng; 100 điểm: chưa làm được gì. Lý do: các chỉ tiêu chưa đạt ngưỡng, thiếu hụt nhiều nhất trước.';

export interface LaggingReason {
  key: IndicatorKey;
  text: string;
}

export interface LaggingResult {
  /** 0–100, one decimal; null when no indicator contributes. */
  score: number | null;
  /** How many indicators contributed (a threshold and a denominator > 0). */
  counted: number;
  reasons: LaggingReason[];
}

/** Shortfall of a ratio against a threshold, 0 (met) to 1 (as far as possible). */
export function shortfall(definition: Pick<IndicatorDefinition, 'higherIsBetter'>, ratio: number, threshold: number): number {
  if (definition.higherIsBetter) return threshold <= 0 ? 0 : Math.max(0, threshold - ratio) / threshold;
  return threshold >= 1 ? 0 : Math.max(0, ratio - threshold) / (1 - threshold);
}

export function laggingScore(values: Partial<Record<IndicatorKey, IndicatorValue>>): LaggingResult {
  const shortfalls: { key: IndicatorKey; shortfall: number; text: string }[] = [];
  let total = 0;
  let counted = 0;
  for (const definition of INDICATORS) {
    const value = values[definition.key];
    if (definition.lagging === null || value === undefined) continue;
    const ratio = indicatorRatio(value);
    if (ratio === null) continue;
    const gap = shortfall(definition, ratio, definition.lagging);
    counted += 1;
    total += gap;
    if (gap > 0) {
      const comparison = definition.higherIsBetter ? 'dưới ngưỡng' : 'trên ngưỡng';
      shortfalls.push({
        key: definition.key,
        shortfall: gap,
        text: `${definition.name}: ${formatRatio(ratio)} (${comparison} ${formatThreshold(definition.lagging)}), ${value.numerator.toLocaleString('vi-VN')}/${(value.denominator ?? 0).toLocaleString('vi-VN')}.`,
      });
    }
  }
  shortfalls.sort((a, b) => b.shortfall - a.shortfall || INDICATOR_KEYS.indexOf(a.key) - INDICATOR_KEYS.indexOf(b.key));
  return {
    score: counted === 0 ? null : Math.round((total / counted) * 1000) / 10,
    counted,
    reasons: shortfalls.map(({ key, text }) => ({ key, text })),
  };
}

// ——— Periods ———

/** The campaign (Directive 03-CT/TW) starts in 2011: no dashboard before. */
export const CAMPAIGN_FIRST_YEAR = 2011;

export const PERIOD_KINDS = ['year', 'quarter', 'month', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodInput {
  period: PeriodKind;
  year?: number | undefined;
  quarter?: number | undefined;
  month?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ResolvedPeriod {
  kind: PeriodKind;
  /** First day, yyyy-mm-dd. */
  from: string;
  /** Last day (inclusive), yyyy-mm-dd. */
  to: string;
  /** The campaign year of the period: the year of its last day. */
  year: number;
  /** "Năm 2012", "Quý II/2012", "Tháng 6/2012", "01/01/2012 – 19/06/2012". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const value = new Date(Date.UTC(y, m - 1, d + days));
  return value.toISOString().slice(0, 10);
}

function daysInclusive(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000) + 1;
}

/** The same calendar day a year earlier (29 February → 28 February). */
function minusYear(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoDate(y - 1, m, Math.min(d, lastDayOfMonth(y - 1, m)));
}

function yearPeriod(year: number): ResolvedPeriod {
  return { kind: 'year', from: isoDate(year, 1, 1), to: isoDate(year, 12, 31), year, label: `Năm ${year}` };
}

function quarterPeriod(year: number, quarter: number): ResolvedPeriod {
  const first = (quarter - 1) * 3 + 1;
  return {
    kind: 'quarter',
    from: isoDate(year, first, 1),
    to: isoDate(year, first + 2, lastDayOfMonth(year, first + 2)),
    year,
    label: `Quý ${ROMAN[quarter - 1] ?? quarter}/${year}`,
  };
}

function monthPeriod(year: number, month: number): ResolvedPeriod {
  return { kind: 'month', from: isoDate(year, month, 1), to: isoDate(year, month, lastDayOfMonth(year, month)), year, label: `Tháng ${month}/${year}` };
}

function rangePeriod(from: string, to: string): ResolvedPeriod {
  return { kind: 'range', from, to, year: Number(to.slice(0, 4)), label: `${formatDate(from)} – ${formatDate(to)}` };
}

/** Resolves a validated period query (see dashboardQuerySchema) to its dates and label. */
export function resolvePeriod(input: PeriodInput): ResolvedPeriod {
  const year = input.year ?? CAMPAIGN_FIRST_YEAR;
  switch (input.period) {
    case 'year':
      return yearPeriod(year);
    case 'quarter':
      return quarterPeriod(year, input.quarter ?? 1);
    case 'month':
      return monthPeriod(year, input.month ?? 1);
    case 'range':
      return rangePeriod(input.from ?? isoDate(year, 1, 1), input.to ?? isoDate(year, 12, 31));
  }
}

/** The period of the same length just before (previous year, quarter, month, or range of as many days). */
export function previousPeriod(period: ResolvedPeriod): ResolvedPeriod {
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'year':
      return yearPeriod(period.year - 1);
    case 'quarter': {
      const quarter = Math.floor((m - 1) / 3) + 1;
      return quarter === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, quarter - 1);
    }
    case 'month':
      return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
    case 'range': {
      const length = daysInclusive(period.from, period.to);
      return rangePeriod(shiftDays(period.from, -length), shiftDays(period.from, -1));
    }
  }
}

/** The same period one year earlier. */
export function samePeriodPreviousYear(period: ResolvedPeriod): ResolvedPeriod {
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'year':
      return yearPeriod(period.year - 1);
    case 'quarter':
      return quarterPeriod(y - 1, Math.floor((m - 1) / 3) + 1);
    case 'month':
      return monthPeriod(y - 1, m);
    case 'range':
      return rangePeriod(minusYear(period.from), minusYear(period.to));
  }
}

/** The day `asOf` indicators are read on: the period's last day, or today when the period has not ended. */
export function asOfDay(period: Pick<ResolvedPeriod, 'to'>, today: string): string {
  return period.to < today ? period.to : today;
}
