import { describe, expect, it } from 'vitest';
import {
  INDICATORS,
  INDICATOR_KEYS,
  type IndicatorKey,
  type IndicatorValue,
  asOfDay,
  formatRatio,
  indicatorLink,
  indicatorRatio,
  laggingScore,
  previousPeriod,
  resolvePeriod,
  samePeriodPreviousYear,
  shortfall,
} from '../../src/shared/domain/indicators';
import { dashboardQuerySchema } from '../../src/shared/schemas/dashboard';

describe('the indicator registry', () => {
  it('defines each indicator once, with Vietnamese texts and a link', () => {
    expect(INDICATORS.map((i) => i.key)).toEqual([...INDICATOR_KEYS]);
    expect(new Set(INDICATORS.map((i) => i.name)).size).toBe(INDICATORS.length);
    for (const indicator of INDICATORS) {
      expect(indicator.definition.length, indicator.key).toBeGreaterThan(40);
      expect(indicator.link, indicator.key).toMatch(/^\/[a-z-/]+\?unit=\{unitId\}/u);
      // A threshold only for ratios; plain counts never enter the score.
      if (indicator.denominator === null) expect(indicator.lagging, indicator.key).toBeNull();
      if (indicator.lagging !== null) expect(indicator.lagging).toBeGreaterThan(0);
    }
    expect(indicatorLink('meetings_valid', 12, 2012)).toBe('/sinh-hoat/ma-tran?unit=12&year=2012');
  });

  it('derives ratios, never from an empty denominator', () => {
    expect(indicatorRatio({ numerator: 1, denominator: 4 })).toBe(0.25);
    expect(indicatorRatio({ numerator: 0, denominator: 0 })).toBeNull();
    expect(indicatorRatio({ numerator: 3, denominator: null })).toBeNull();
    expect(formatRatio(0.4)).toBe('40,0%');
    expect(formatRatio(2 / 3)).toBe('66,7%');
    expect(formatRatio(null)).toBe('—');
  });
});

describe('periods', () => {
  it('resolves years, quarters, months and ranges with Vietnamese labels', () => {
    expect(resolvePeriod({ period: 'year', year: 2012 })).toEqual({ kind: 'year', from: '2012-01-01', to: '2012-12-31', year: 2012, label: 'Năm 2012' });
    expect(resolvePeriod({ period: 'quarter', year: 2012, quarter: 4 })).toEqual({ kind: 'quarter', from: '2012-10-01', to: '2012-12-31', year: 2012, label: 'Quý IV/2012' });
    expect(resolvePeriod({ period: 'month', year: 2012, month: 2 })).toEqual({ kind: 'month', from: '2012-02-01', to: '2012-02-29', year: 2012, label: 'Tháng 2/2012' });
    expect(resolvePeriod({ period: 'range', from: '2011-12-15', to: '2012-06-19' })).toEqual({
      kind: 'range',
      from: '2011-12-15',
      to: '2012-06-19',
      year: 2012,
      label: '15/12/2011 – 19/06/2012',
    });
  });

  it('finds the previous period of the same length and the same period a year earlier', () => {
    const q1 = resolvePeriod({ period: 'quarter', year: 2012, quarter: 1 });
    expect(previousPeriod(q1).label).toBe('Quý IV/2011');
    expect(samePeriodPreviousYear(q1).label).toBe('Quý I/2011');
    const january = resolvePeriod({ period: 'month', year: 2012, month: 1 });
    expect(previousPeriod(january).label).toBe('Tháng 12/2011');
    const range = resolvePeriod({ period: 'range', from: '2012-03-01', to: '2012-03-10' });
    expect(previousPeriod(range)).toMatchObject({ from: '2012-02-20', to: '2012-02-29' });
    const leap = resolvePeriod({ period: 'range', from: '2012-02-29', to: '2012-03-31' });
    expect(samePeriodPreviousYear(leap)).toMatchObject({ from: '2011-02-28', to: '2011-03-31' });
  });

  it('reads as-of figures on the last day, or today while the period runs', () => {
    expect(asOfDay({ to: '2011-12-31' }, '2012-06-19')).toBe('2011-12-31');
    expect(asOfDay({ to: '2012-12-31' }, '2012-06-19')).toBe('2012-06-19');
  });

  it('validates the query with Vietnamese messages', () => {
    const message = (query: Record<string, string>) => {
      const result = dashboardQuerySchema.safeParse({ unitId: '1', ...query });
      return result.success ? null : result.error.issues[0]?.message;
    };
    expect(message({ period: 'year', year: '2012' })).toBeNull();
    expect(message({ period: 'year', year: '2010' })).toBe('Chiến dịch bắt đầu từ năm 2011: hãy chọn năm từ 2011 trở đi.');
    expect(message({ period: 'quarter', year: '2012', quarter: '5' })).toBe('Quý phải từ 1 đến 4.');
    expect(message({ period: 'range', from: '2012-02-01', to: '2012-01-31' })).toBe('Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.');
    expect(message({ period: 'range', from: '2011-01-01', to: '2014-12-31' })).toBe('Khoảng ngày dài quá 3 năm: hãy chọn khoảng ngắn hơn.');
    expect(message({ period: 'range', from: '2012-06-19', to: '2012-06-19' })).toBeNull();
  });
});

describe('the lagging score', () => {
  it('is 0 when every threshold is met and 100 when nothing is done', () => {
    expect(shortfall({ higherIsBetter: true }, 0.95, 0.9)).toBe(0);
    expect(shortfall({ higherIsBetter: true }, 0, 0.9)).toBe(1);
    expect(shortfall({ higherIsBetter: false }, 0.05, 0.1)).toBe(0);
    expect(shortfall({ higherIsBetter: false }, 1, 0.1)).toBe(1);
    const all = (numerator: number): Partial<Record<IndicatorKey, IndicatorValue>> =>
      Object.fromEntries(INDICATORS.map((i) => [i.key, { numerator: i.higherIsBetter ? numerator : 10 - numerator, denominator: i.denominator === null ? null : 10 }]));
    expect(laggingScore(all(10))).toMatchObject({ score: 0, reasons: [] });
    const worst = laggingScore(all(0));
    expect(worst.score).toBe(100);
    expect(worst.counted).toBe(INDICATORS.filter((i) => i.lagging !== null).length);
  });

  it('averages the shortfalls of the indicators with something due and explains them, worst first', () => {
    const result = laggingScore({
      plans_on_time: { numerator: 2, denominator: 5 },
      members_registered: { numerator: 9, denominator: 10 },
      meetings_valid: { numerator: 0, denominator: 0 },
      exemplars_nominated: { numerator: 0, denominator: null },
      follow_ups_overdue: { numerator: 1, denominator: 4 },
    });
    // plans: (0,9 − 0,4) / 0,9 = 0,556; members: 0; follow-ups: (0,25 − 0,1) / 0,9 = 0,167 → mean 0,241.
    expect(result.counted).toBe(3);
    expect(result.score).toBe(24.1);
    expect(result.reasons).toEqual([
      { key: 'plans_on_time', text: 'Kế hoạch ban hành đúng hạn: 40,0% (dưới ngưỡng 90%), 2/5.' },
      { key: 'follow_ups_overdue', text: 'Việc khắc phục quá hạn: 25,0% (trên ngưỡng 10%), 1/4.' },
    ]);
    expect(laggingScore({ meetings_valid: { numerator: 0, denominator: 0 } })).toEqual({ score: null, counted: 0, reasons: [] });
  });
});
