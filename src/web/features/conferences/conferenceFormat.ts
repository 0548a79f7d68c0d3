import { CONFERENCE_FORMS, CONFERENCE_FORM_LABELS } from '../../../shared/domain/direction';
import { formatNumber } from '../../../shared/domain/text';

export const FORM_OPTIONS = CONFERENCE_FORMS.map((value) => ({ value, label: CONFERENCE_FORM_LABELS[value] }));

const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** "91,7%", or an em dash when nobody was invited. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '—' : percent.format(ratio);
}

/** "38/40": attended of invited. */
export function formatAttendance(attended: number, expected: number): string {
  return `${formatNumber(attended)}/${formatNumber(expected)}`;
}

/** Years a user may filter by: the campaign's first year (2011) to this year, newest first. */
export function yearOptions(thisYear = new Date().getFullYear()) {
  const years: { value: number; label: string }[] = [];
  for (let year = thisYear; year >= 2011; year--) years.push({ value: year, label: `Năm ${year}` });
  return years;
}

/** A positive integer from the URL, or undefined. */
export function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d{1,15}$/u.test(value)) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}
