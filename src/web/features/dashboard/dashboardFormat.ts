import { formatRatio, indicator, indicatorRatio, shortfall } from '../../../shared/domain/indicators';
import type { IndicatorDefinition, IndicatorKey, IndicatorValue } from '../../../shared/domain/indicators';
import { formatNumber } from '../../../shared/domain/text';

export { formatRatio, indicatorRatio };

/** How a value stands against its indicator's lagging threshold: colours of cards and table cells. */
export type Standing = 'good' | 'fair' | 'poor' | 'none';

export const STANDING_LABELS: Record<Standing, string> = {
  good: 'Đạt ngưỡng',
  fair: 'Gần đạt ngưỡng',
  poor: 'Dưới ngưỡng xa',
  none: 'Không xếp mức',
};

/**
 * Good: the threshold is met; fair: short of it by less than a quarter of the way (the lagging score's
 * shortfall < 0,25); poor: further. Plain counts, indicators without a threshold and values with
 * nothing due have no standing.
 */
export function standing(key: IndicatorKey, value: Pick<IndicatorValue, 'numerator' | 'denominator'> | undefined): Standing {
  if (!value) return 'none';
  const definition = indicator(key);
  const ratio = indicatorRatio(value);
  if (definition.lagging === null || ratio === null) return 'none';
  const gap = shortfall(definition, ratio, definition.lagging);
  if (gap === 0) return 'good';
  return gap < 0.25 ? 'fair' : 'poor';
}

/** "91,7%" for a ratio indicator, "1.234" for a count; "—" when nothing was due. */
export function mainValue(definition: IndicatorDefinition, value: IndicatorValue): string {
  if (definition.denominator === null || value.denominator === null) return formatNumber(value.numerator);
  return formatRatio(indicatorRatio(value));
}

/** "1.234/1.345" under a ratio; null for counts. */
export function fraction(value: IndicatorValue): string | null {
  if (value.denominator === null) return null;
  return `${formatNumber(value.numerator)}/${formatNumber(value.denominator)}`;
}

export type TrendDirection = 'up' | 'down' | 'flat' | 'none';

export interface Trend {
  direction: TrendDirection;
  /** Whether the change is for the better (false also when flat or unknown). */
  better: boolean;
  worse: boolean;
  /** "+3,2 điểm %", "−12", "không đổi", "chưa có số liệu". */
  text: string;
}

const signed = (value: number, digits: number) => {
  const text = Math.abs(value).toLocaleString('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${text}`;
};

/** The change of a value against an earlier one, in percentage points (ratios) or in units (counts). */
export function trend(definition: IndicatorDefinition, current: IndicatorValue, previous: IndicatorValue): Trend {
  const isRatio = definition.denominator !== null && current.denominator !== null;
  let diff: number;
  let text: string;
  if (isRatio) {
    const now = indicatorRatio(current);
    const before = indicatorRatio(previous);
    if (now === null || before === null) return { direction: 'none', better: false, worse: false, text: 'không có việc đến hạn' };
    diff = Math.round((now - before) * 1000) / 10;
    text = `${signed(diff, 1)} điểm %`;
  } else {
    diff = current.numerator - previous.numerator;
    text = signed(diff, 0);
  }
  if (diff === 0) return { direction: 'flat', better: false, worse: false, text: 'không đổi' };
  const up = diff > 0;
  const better = up === definition.higherIsBetter;
  return { direction: up ? 'up' : 'down', better, worse: !better, text };
}

/** Nothing at all in the period: every value is 0 with nothing due. */
export function isEmptyValue(value: IndicatorValue | undefined): boolean {
  if (!value) return true;
  return value.numerator === 0 && (value.denominator === null || value.denominator === 0) && !(value.breakdown ?? []).some((entry) => entry.value > 0);
}
