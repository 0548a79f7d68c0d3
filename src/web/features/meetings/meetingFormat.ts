import type { TopicRule } from '../../../shared/domain/meetings';
import { formatNumber } from '../../../shared/domain/text';

/** A positive integer from the URL, or undefined. */
export function positiveInt(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d{1,15}$/u.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

/** The year in the URL, or this year (the browser's clock). */
export function yearParam(value: string | null): number {
  const year = positiveInt(value);
  return year !== undefined && year >= 1945 && year <= 2100 ? year : new Date().getFullYear();
}

/** Years to choose from: next year (topics are set in advance) down to the campaign's first year, 2011. */
export function yearOptions(selected: number, thisYear = new Date().getFullYear()) {
  const years: { value: number; label: string }[] = [];
  for (let year = Math.max(thisYear + 1, selected); year >= Math.min(2011, selected); year--) years.push({ value: year, label: `Năm ${year}` });
  return years;
}

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** "91,7%", or an em dash when there is nothing to divide. */
export function formatShare(share: number | null): string {
  return share === null ? '—' : percent.format(share);
}

export function formatCount(value: number): string {
  return formatNumber(value);
}

/** "1–2", or "2" when min and max are equal. */
export function itemRange(rule: Pick<TopicRule, 'minItems' | 'maxItems'>): string {
  return rule.minItems === rule.maxItems ? `${rule.maxItems}` : `${rule.minItems}–${rule.maxItems}`;
}

/** "tháng 1, 3 và 5" */
export function monthList(months: readonly number[]): string {
  const sorted = [...months].sort((a, b) => a - b);
  if (sorted.length <= 1) return `tháng ${sorted.join('')}`;
  return `các tháng ${sorted.slice(0, -1).join(', ')} và ${sorted.at(-1)}`;
}

/** The rule of a year's topic in words, one sentence per part. */
export function ruleSentences(rule: TopicRule): string[] {
  const sentences = [`Mỗi buổi sinh hoạt học ${itemRange(rule)} nội dung; lập kế hoạch trước ngày ${rule.planDay} tháng trước.`];
  if (rule.requiredMonths.length === 12) sentences.push('Sinh hoạt chi bộ cả 12 tháng đều phải học chuyên đề.');
  else if (rule.requiredMonths.length === 0) sentences.push('Không bắt buộc tháng nào phải học chuyên đề.');
  else sentences.push(`Sinh hoạt chi bộ ${monthList(rule.requiredMonths)} phải học chuyên đề.`);
  sentences.push(
    rule.recordDays === 0
      ? 'Ghi biên bản ngay trong ngày sinh hoạt; ghi sau đó được đánh dấu "Ghi muộn".'
      : `Ghi biên bản trong ${rule.recordDays} ngày sau buổi sinh hoạt; ghi sau đó được đánh dấu "Ghi muộn".`,
  );
  return sentences;
}

/** "Tháng 6/2012" */
export function monthTitle(month: number, year: number): string {
  return `Tháng ${month}/${year}`;
}

/** The first and last day of a month as ISO dates. */
export function monthBounds(year: number, month: number): { first: string; last: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${year}-${pad(month)}-01`, last: `${year}-${pad(month)}-${pad(lastDay)}` };
}
