/**
 * The generated report's text (issue #9): indicator values of a unit and of its child units → the
 * Vietnamese draft the officer edits before downloading the Word file. The article the system grew from
 * (seed/000: results, shortcomings with the units concerned, tasks ahead) is the model.
 *
 * Pure: everything comes from the arguments. Indicators are never redefined here: names, thresholds
 * (`lagging`) and directions come from the registry (src/shared/domain/indicators.ts); this file only
 * holds the report's wording of each indicator (how a result or a shortfall is said in a sentence).
 *
 * Derivation:
 * - results (I): one paragraph per indicator group with data, one clause per indicator that has a value
 *   (ratios with nothing due and counts of 0 are left out: "0/0" says nothing, and a missing count is
 *   said among the shortcomings);
 * - strengths (II.1): indicators of the unit that meet their threshold;
 * - shortcomings (II.2): for each indicator with a threshold, the child units below it, named
 *   ("2 đơn vị ban hành kế hoạch chậm: Huyện ủy Quế Võ, Huyện ủy Gia Bình."); when no child is below
 *   but the unit itself is, the unit's own figure; child units with no exemplar nominated; publicity
 *   fewer than in the same period of the previous year;
 * - tasks (III): one task per indicator group with a shortcoming, then the standing task of the campaign.
 */
import {
  INDICATORS,
  INDICATOR_GROUPS,
  INDICATOR_GROUP_LABELS,
  type IndicatorDefinition,
  type IndicatorGroup,
  type IndicatorKey,
  type IndicatorValue,
  type ResolvedPeriod,
  formatRatio,
  indicatorRatio,
  shortfall,
} from './indicators';
import { formatDate, formatNumber, viCollator } from './text';
import type { UnitKind } from './units';

export type IndicatorValues = Partial<Record<IndicatorKey, IndicatorValue>>;

export interface ReportUnit {
  name: string;
  kind: UnitKind;
}

export interface ReportTextInput {
  unit: ReportUnit;
  period: Pick<ResolvedPeriod, 'kind' | 'from' | 'to' | 'year' | 'label'>;
  /** The day the figures were read (the app's clock), yyyy-mm-dd. */
  today: string;
  /** The unit's own values for the period. */
  values: IndicatorValues;
  /** The unit's values for the same period of the previous year (for "fewer than last year"). */
  previousYear?: IndicatorValues;
  /** The direct child units with their values for the period. */
  children: (ReportUnit & { values: IndicatorValues })[];
}

export interface ReportTextSection {
  key: 'results' | 'strengths' | 'shortcomings' | 'tasks';
  text: string;
}

export interface ReportText {
  summary: string;
  introduction: string;
  sections: ReportTextSection[];
}

// ——— Names ———

/**
 * The committee's own name, as reports name units: "Đảng bộ huyện Quế Võ" → "Huyện ủy Quế Võ",
 * "Đảng bộ Thị xã Từ Sơn" → "Thị ủy Từ Sơn", "Đảng bộ xã Phương Liễu" → "Đảng ủy xã Phương Liễu";
 * a chi bộ is named as it is.
 */
export function committeeName(unit: ReportUnit): string {
  const name = unit.name.trim();
  const rest = name.replace(/^Đảng bộ\s+/iu, '');
  if (rest === name) return name;
  if (unit.kind === 'province_committee') return `Tỉnh ủy ${rest.replace(/^tỉnh\s+/iu, '')}`;
  if (unit.kind === 'district_committee') {
    if (/^huyện\s+/iu.test(rest)) return `Huyện ủy ${rest.replace(/^huyện\s+/iu, '')}`;
    if (/^thị xã\s+/iu.test(rest)) return `Thị ủy ${rest.replace(/^thị xã\s+/iu, '')}`;
    if (/^thành phố\s+/iu.test(rest)) return `Thành ủy ${rest.replace(/^thành phố\s+/iu, '')}`;
  }
  return `Đảng ủy ${rest}`;
}

/** Place of the date line: the nearest province or district in the unit's line ("Bắc Ninh", "Từ Sơn"). */
export function reportPlace(lineage: readonly ReportUnit[]): string {
  for (const unit of [...lineage].reverse()) {
    const match = /^Đảng bộ\s+(?:tỉnh|huyện|thị xã|thành phố)\s+(.+)$/iu.exec(unit.name.trim());
    if (match?.[1] && (unit.kind === 'province_committee' || unit.kind === 'district_committee')) return match[1];
  }
  return '';
}

/** "T/M BAN THƯỜNG VỤ" for a province, district or affiliated committee; "T/M ĐẢNG ỦY", "T/M CHI BỘ" below. */
export function signatureOnBehalf(kind: UnitKind): string {
  switch (kind) {
    case 'province_committee':
    case 'district_committee':
    case 'affiliated_committee':
      return 'T/M BAN THƯỜNG VỤ';
    case 'grassroots_committee':
    case 'sub_committee':
      return 'T/M ĐẢNG ỦY';
    case 'grassroots_cell':
    case 'cell':
      return 'T/M CHI BỘ';
  }
}

/** Default "Nơi nhận": the committee above (to report to), the committee's members, the units below, the archive. */
export function defaultRecipients(unit: ReportUnit, parent: ReportUnit | null, hasChildren: boolean): string[] {
  const lines: string[] = [];
  if (parent) lines.push(`${committeeName(parent)} (b/c)`);
  else lines.push('Ban Bí thư Trung ương Đảng (b/c)', 'Ban Tuyên giáo Trung ương (b/c)');
  if (unit.kind === 'cell' || unit.kind === 'grassroots_cell') lines.push('Các đồng chí chi ủy viên');
  else lines.push('Các đồng chí cấp ủy viên');
  if (hasChildren) lines.push('Các chi, đảng bộ trực thuộc');
  lines.push('Lưu Văn phòng');
  return lines;
}

// ——— Period wording ———

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "năm 2012", "quý II năm 2012", "tháng 6 năm 2012", "từ ngày 01/01/2012 đến ngày 19/06/2012". */
export function periodPhrase(period: ReportTextInput['period']): string {
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case 'year':
      return `năm ${period.year}`;
    case 'quarter':
      return `quý ${ROMAN[Math.floor((month - 1) / 3)]} năm ${period.year}`;
    case 'month':
      return `tháng ${month} năm ${period.year}`;
    case 'range':
      return `từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
  }
}

// ——— Wording of each indicator in a report ———

interface Figures {
  n: string;
  d: string;
  /** "80,0%" */
  r: string;
}

interface Wording {
  /** A clause of the results paragraph. */
  result: (f: Figures, value: IndicatorValue) => string;
  /** What the named child units fell short of: "ban hành kế hoạch chậm". */
  lagging?: string;
}

/** Breakdown entries with a value, "Báo Bắc Ninh 2, Đài PT-TH tỉnh 1". */
function breakdownList(value: IndicatorValue): string {
  return (value.breakdown ?? [])
    .filter((entry) => entry.value > 0)
    .map((entry) => `${entry.label} ${formatNumber(entry.value)}`)
    .join(', ');
}

const withBreakdown = (text: string, value: IndicatorValue) => {
  const list = breakdownList(value);
  return list ? `${text} (${list})` : text;
};

const WORDING: Partial<Record<IndicatorKey, Wording>> = {
  plans_on_time: { result: (f) => `${f.n}/${f.d} đơn vị ban hành kế hoạch, hướng dẫn thực hiện đúng hạn (${f.r})`, lagging: 'ban hành kế hoạch chậm' },
  conferences_held: { result: (f) => `${f.n}/${f.d} đơn vị đã tổ chức hội nghị quán triệt (${f.r})`, lagging: 'chậm tổ chức hội nghị quán triệt' },
  conference_reach: { result: (f) => `${f.n}/${f.d} cán bộ, đảng viên được triệu tập đã dự hội nghị quán triệt (${f.r})`, lagging: 'có tỷ lệ cán bộ, đảng viên dự hội nghị quán triệt thấp' },
  helper_units: { result: (f) => `${f.n}/${f.d} cấp ủy đã thành lập Bộ phận giúp việc`, lagging: 'chưa thành lập đủ Bộ phận giúp việc' },
  standards_issued: { result: (f) => `${f.n}/${f.d} đơn vị đã ban hành chuẩn mực đạo đức (${f.r})`, lagging: 'chưa ban hành đủ chuẩn mực đạo đức' },
  priority_sector_standards: {
    result: (f) => `${f.n}/${f.d} đơn vị thuộc ngành, lĩnh vực trọng điểm đã có chuẩn mực đạo đức nghề nghiệp (${f.r})`,
    lagging: 'chưa đủ chuẩn mực đạo đức nghề nghiệp ở ngành, lĩnh vực trọng điểm',
  },
  leaders_registered: {
    result: (f) => `${f.n}/${f.d} cán bộ lãnh đạo chủ chốt, người đứng đầu đăng ký việc làm theo đúng hạn (${f.r})`,
    lagging: 'có cán bộ chủ chốt, người đứng đầu đăng ký việc làm theo chậm',
  },
  members_registered: { result: (f) => `${f.n}/${f.d} đảng viên đăng ký việc làm theo đúng hạn (${f.r})`, lagging: 'có tỷ lệ đảng viên đăng ký việc làm theo đúng hạn thấp' },
  reviews_decided: {
    result: (f, value) => withBreakdown(`${f.n}/${f.d} đảng viên đã được kiểm điểm, xếp loại (${f.r})`, value),
    lagging: 'chậm kiểm điểm, xếp loại đảng viên cuối năm',
  },
  meetings_valid: { result: (f) => `${f.n}/${f.d} lượt chi bộ-tháng sinh hoạt có nội dung chuyên đề (${f.r})`, lagging: 'sinh hoạt chi bộ chưa đều hoặc chưa có nội dung chuyên đề' },
  meeting_attendance: { result: (f) => `${f.n}/${f.d} lượt đảng viên dự sinh hoạt chi bộ (${f.r})`, lagging: 'có tỷ lệ đảng viên dự sinh hoạt chi bộ thấp' },
  pressing_issues_on_track: {
    result: (f) => `${f.n}/${f.d} cấp ủy có vấn đề nổi cộm giải quyết đúng tiến độ hoặc đã giải quyết xong`,
    lagging: 'giải quyết vấn đề nổi cộm chậm tiến độ hoặc chưa chọn vấn đề',
  },
  pressing_issues_resolved: { result: (f) => `${f.n}/${f.d} cấp ủy đã giải quyết xong vấn đề nổi cộm` },
  pilot_quota_met: { result: (f) => `${f.n}/${f.d} cấp ủy chọn đủ đơn vị chỉ đạo điểm`, lagging: 'chưa chọn đủ đơn vị chỉ đạo điểm' },
  inspections_held: { result: (f) => `đã tiến hành ${f.n}/${f.d} cuộc kiểm tra, giám sát (${f.r})`, lagging: 'chưa tiến hành các cuộc kiểm tra, giám sát theo kế hoạch' },
  follow_ups_overdue: { result: (f) => `${f.n}/${f.d} việc khắc phục sau kiểm tra, giám sát đã quá hạn mà chưa hoàn thành`, lagging: 'còn việc khắc phục sau kiểm tra, giám sát quá hạn' },
  exemplars_nominated: { result: (f, value) => withBreakdown(`${f.n} điển hình tiên tiến được đề cử`, value) },
  exemplars_commended: { result: (f, value) => withBreakdown(`${f.n} điển hình được khen thưởng`, value) },
  exemplars_published: { result: (f, value) => withBreakdown(`${f.n} tin, bài tuyên truyền điển hình`, value) },
};

function figures(value: IndicatorValue): Figures {
  return { n: formatNumber(value.numerator), d: formatNumber(value.denominator ?? 0), r: formatRatio(indicatorRatio(value)) };
}

/** "90%" or "95%" */
function threshold(value: number): string {
  return `${String(Math.round(value * 1000) / 10).replace('.', ',')}%`;
}

/** Whether a value has something to say: a plain count above 0, a ratio when something was due. */
function hasData(definition: IndicatorDefinition, value: IndicatorValue | undefined): value is IndicatorValue {
  if (!value) return false;
  if (definition.denominator === null || value.denominator === null) return value.numerator > 0;
  return value.denominator > 0;
}

/** Below the registry's threshold (a ratio with something due). */
function isLagging(definition: IndicatorDefinition, value: IndicatorValue | undefined): boolean {
  if (definition.lagging === null || !value) return false;
  const ratio = indicatorRatio(value);
  return ratio !== null && shortfall(definition, ratio, definition.lagging) > 0;
}

function resultClause(definition: IndicatorDefinition, value: IndicatorValue): string {
  const wording = WORDING[definition.key];
  if (wording) return wording.result(figures(value), value);
  const f = figures(value);
  return value.denominator === null ? `${definition.name}: ${f.n}` : `${definition.name}: ${f.n}/${f.d} (${f.r})`;
}

const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

/** Names of units in Vietnamese order, as reports name them. */
function names(units: readonly ReportUnit[]): string {
  return units
    .map(committeeName)
    .sort((a, b) => viCollator.compare(a, b))
    .join(', ');
}

// ——— Sections ———

function results(input: ReportTextInput): string {
  const paragraphs: string[] = [];
  for (const group of INDICATOR_GROUPS) {
    const clauses = INDICATORS.filter((definition) => definition.group === group)
      .map((definition) => ({ definition, value: input.values[definition.key] }))
      .filter(({ definition, value }) => hasData(definition, value))
      .map(({ definition, value }) => resultClause(definition, value as IndicatorValue));
    if (clauses.length > 0) paragraphs.push(`- ${INDICATOR_GROUP_LABELS[group]}: ${clauses.join('; ')}.`);
  }
  if (paragraphs.length === 0) return `Trong kỳ (${input.period.label}) chưa có số liệu nào được cập nhật trên hệ thống.`;
  return paragraphs.join('\n');
}

function strengths(input: ReportTextInput): string {
  const met = INDICATORS.filter((definition) => {
    const value = input.values[definition.key];
    if (definition.lagging === null || !value || indicatorRatio(value) === null) return false;
    return !isLagging(definition, value);
  });
  if (met.length === 0) return 'Trong kỳ chưa có chỉ tiêu nào đạt mức yêu cầu.';
  const lines = met.map((definition) => {
    const value = input.values[definition.key] as IndicatorValue;
    const f = figures(value);
    return `- ${definition.name}: ${f.r} (${f.n}/${f.d}), đạt mức yêu cầu ${threshold(definition.lagging as number)}.`;
  });
  return ['Các chỉ tiêu đạt mức yêu cầu:', ...lines].join('\n');
}

interface Shortcoming {
  group: IndicatorGroup;
  text: string;
}

function shortcomingList(input: ReportTextInput): Shortcoming[] {
  const found: Shortcoming[] = [];
  for (const definition of INDICATORS) {
    if (definition.lagging === null) continue;
    const behind = input.children.filter((child) => isLagging(definition, child.values[definition.key]));
    const own = input.values[definition.key];
    const phrase = WORDING[definition.key]?.lagging;
    if (behind.length > 0) {
      const what = phrase ?? `chưa đạt mức yêu cầu về ${definition.name.toLocaleLowerCase('vi')}`;
      found.push({ group: definition.group, text: `${behind.length} đơn vị ${what}: ${names(behind)}.` });
    } else if (own && isLagging(definition, own)) {
      const f = figures(own);
      const verb = definition.higherIsBetter ? 'mới đạt' : 'còn';
      const side = definition.higherIsBetter ? 'dưới' : 'trên';
      found.push({ group: definition.group, text: `${definition.name} ${verb} ${f.r} (${f.n}/${f.d}), ${side} mức yêu cầu ${threshold(definition.lagging)}.` });
    }
  }
  // Few exemplars: the child units that nominated none, and publicity below the same period of last year.
  const nominated = INDICATORS.find((definition) => definition.key === 'exemplars_nominated');
  if (nominated) {
    const none = input.children.filter((child) => child.values.exemplars_nominated?.numerator === 0);
    if (none.length > 0) found.push({ group: nominated.group, text: `${none.length} đơn vị chưa đề cử điển hình tiên tiến nào: ${names(none)}.` });
  }
  const published = input.values.exemplars_published;
  const publishedBefore = input.previousYear?.exemplars_published;
  if (published && publishedBefore && published.numerator < publishedBefore.numerator) {
    found.push({
      group: 'publicity',
      text: `Việc tuyên truyền nêu gương điển hình còn ít: ${formatNumber(published.numerator)} tin, bài, giảm so với cùng kỳ năm trước (${formatNumber(publishedBefore.numerator)} tin, bài).`,
    });
  }
  const order = (group: IndicatorGroup) => INDICATOR_GROUPS.indexOf(group);
  return found.map((item, index) => ({ item, index })).sort((a, b) => order(a.item.group) - order(b.item.group) || a.index - b.index).map(({ item }) => item);
}

const TASKS: Record<IndicatorGroup, string> = {
  direction: 'Chỉ đạo những nơi còn chậm hoàn thành việc ban hành kế hoạch, tổ chức hội nghị quán triệt; kiện toàn và nâng cao hiệu quả tham mưu của Bộ phận giúp việc cấp ủy các cấp.',
  standards:
    'Rà soát, bổ sung và tổ chức thực hiện chuẩn mực đạo đức; chú trọng xây dựng chuẩn mực đạo đức nghề nghiệp (dễ nhớ, dễ hiểu, sát nhiệm vụ) ở những ngành, lĩnh vực trọng điểm.',
  commitments:
    'Đôn đốc cán bộ, đảng viên, trước hết là cán bộ lãnh đạo chủ chốt, người đứng đầu, hoàn thành đăng ký việc làm theo có kế hoạch cụ thể; cuối năm tổ chức kiểm điểm, làm cơ sở bình xét thi đua.',
  study: 'Duy trì sinh hoạt chi bộ hằng tháng, mỗi buổi chọn 1 đến 2 nội dung chuyên đề để học tập, liên hệ và làm theo.',
  acting: 'Mỗi cấp ủy tập trung giải quyết dứt điểm vấn đề nổi cộm, bức xúc trong năm; chọn đủ đơn vị chỉ đạo điểm toàn diện và theo từng lĩnh vực, nhiệm vụ.',
  oversight: 'Tăng cường kiểm tra, đôn đốc, giao ban, sơ kết, tổng kết; theo dõi hoàn thành các việc khắc phục sau kiểm tra, giám sát.',
  publicity: 'Đẩy mạnh phát hiện, biểu dương và tuyên truyền các điển hình tiên tiến, người tốt, việc tốt trên báo, đài, bản tin nội bộ và thông tin sinh hoạt chi bộ.',
};

const STANDING_TASK =
  'Tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh, đưa việc học tập và làm theo trở thành việc làm thường xuyên, nền nếp, tự giác của các cấp, các ngành, địa phương, đơn vị.';

function tasks(shortcomings: Shortcoming[]): string {
  const groups = INDICATOR_GROUPS.filter((group) => shortcomings.some((item) => item.group === group));
  const lines = groups.map((group) => `- ${TASKS[group]}`);
  if (groups.length === 0) lines.push('- Duy trì và phát huy những kết quả đã đạt được.');
  lines.push(`- ${STANDING_TASK}`);
  return lines.join('\n');
}

/** The draft's summary line, introduction and the four sections. */
export function reportText(input: ReportTextInput): ReportText {
  const phrase = periodPhrase(input.period);
  const asOf = input.period.to < input.today ? input.period.to : input.today;
  const shortcomings = shortcomingList(input);
  return {
    summary: `Kết quả ${phrase} thực hiện việc học tập và làm theo tấm gương đạo đức, phong cách Hồ Chí Minh`,
    introduction: capitalise(
      `${committeeName(input.unit)} báo cáo kết quả ${phrase} thực hiện việc học tập và làm theo tấm gương đạo đức, phong cách Hồ Chí Minh, tổng hợp từ số liệu các đơn vị cập nhật đến ngày ${formatDate(asOf)}, như sau:`,
    ),
    sections: [
      { key: 'results', text: results(input) },
      { key: 'strengths', text: strengths(input) },
      {
        key: 'shortcomings',
        text: shortcomings.length === 0 ? 'Chưa phát hiện đơn vị nào dưới mức yêu cầu của các chỉ tiêu trong kỳ.' : shortcomings.map((item) => `- ${item.text}`).join('\n'),
      },
      { key: 'tasks', text: tasks(shortcomings) },
    ],
  };
}
