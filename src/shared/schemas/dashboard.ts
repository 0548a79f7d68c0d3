import { z } from 'zod';
import { CAMPAIGN_FIRST_YEAR, INDICATOR_GROUPS, INDICATOR_KEYS, PERIOD_KINDS, PERIOD_SEMANTICS } from '../domain/indicators';
import { UNIT_KINDS } from '../domain/units';
import { idSchema } from './common';

/** The latest year a dashboard may ask for: next year (plans are made ahead). */
export function lastDashboardYear(now = new Date()): number {
  return now.getFullYear() + 1;
}

const YEAR_MESSAGE = `Chiến dịch bắt đầu từ năm ${CAMPAIGN_FIRST_YEAR}: hãy chọn năm từ ${CAMPAIGN_FIRST_YEAR} trở đi.`;

const yearSchema = z.coerce
  .number({ error: 'Năm không hợp lệ.' })
  .int({ error: 'Năm không hợp lệ.' })
  .min(CAMPAIGN_FIRST_YEAR, { error: YEAR_MESSAGE })
  .refine((year) => year <= lastDashboardYear(), { error: () => `Năm không được sau năm ${lastDashboardYear()}.` });

const quarterSchema = z.coerce
  .number({ error: 'Quý không hợp lệ.' })
  .int({ error: 'Quý phải từ 1 đến 4.' })
  .min(1, { error: 'Quý phải từ 1 đến 4.' })
  .max(4, { error: 'Quý phải từ 1 đến 4.' });

const monthSchema = z.coerce
  .number({ error: 'Tháng không hợp lệ.' })
  .int({ error: 'Tháng phải từ 1 đến 12.' })
  .min(1, { error: 'Tháng phải từ 1 đến 12.' })
  .max(12, { error: 'Tháng phải từ 1 đến 12.' });

const dateSchema = (label: string) => z.iso.date({ error: `${label} không hợp lệ (định dạng yyyy-mm-dd).` });

/** Ranges longer than this are refused (a dashboard compares periods, not decades). */
export const MAX_RANGE_DAYS = 3 * 366;

/**
 * The period of every dashboard and report endpoint. `period` defaults to `year`; `year` is needed for
 * year, quarter and month; `from` and `to` for a range. Resolved with `resolvePeriod` of
 * src/shared/domain/indicators.ts.
 */
export const periodFields = {
  period: z.enum(PERIOD_KINDS, { error: 'Kỳ báo cáo phải là năm, quý, tháng hoặc khoảng ngày.' }).default('year'),
  year: yearSchema.optional(),
  quarter: quarterSchema.optional(),
  month: monthSchema.optional(),
  from: dateSchema('Ngày bắt đầu').optional(),
  to: dateSchema('Ngày kết thúc').optional(),
};

interface PeriodShape {
  period: (typeof PERIOD_KINDS)[number];
  year?: number | undefined;
  quarter?: number | undefined;
  month?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Cross-field rules of a period, shared by the dashboard and report schemas. */
export function checkPeriod(value: PeriodShape, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (value.period !== 'range' && value.year === undefined) issue('year', 'Hãy chọn năm.');
  if (value.period === 'quarter' && value.quarter === undefined) issue('quarter', 'Hãy chọn quý (1 đến 4).');
  if (value.period === 'month' && value.month === undefined) issue('month', 'Hãy chọn tháng (1 đến 12).');
  if (value.period !== 'range') return;
  if (value.from === undefined) issue('from', 'Hãy chọn ngày bắt đầu.');
  if (value.to === undefined) issue('to', 'Hãy chọn ngày kết thúc.');
  if (value.from === undefined || value.to === undefined) return;
  if (value.to < value.from) {
    issue('to', 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.');
    return;
  }
  if (Number(value.from.slice(0, 4)) < CAMPAIGN_FIRST_YEAR) issue('from', YEAR_MESSAGE);
  if (Number(value.to.slice(0, 4)) > lastDashboardYear()) issue('to', `Ngày kết thúc không được sau năm ${lastDashboardYear()}.`);
  const days = (Date.parse(`${value.to}T00:00:00Z`) - Date.parse(`${value.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_RANGE_DAYS) issue('to', 'Khoảng ngày dài quá 3 năm: hãy chọn khoảng ngắn hơn.');
}

export const dashboardQuerySchema = z
  .object({
    unitId: idSchema,
    ...periodFields,
  })
  .superRefine(checkPeriod);
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;
export type DashboardQueryInput = z.input<typeof dashboardQuerySchema>;

// ——— Answers ———

export const breakdownEntrySchema = z.object({ label: z.string(), value: z.number() });

export const indicatorValueSchema = z.object({
  numerator: z.number(),
  /** Null for a plain count; 0 when nothing was due (no ratio). The ratio is derived, never sent. */
  denominator: z.number().nullable(),
  breakdown: z.array(breakdownEntrySchema).optional(),
});
export type IndicatorValueOut = z.infer<typeof indicatorValueSchema>;

export const resolvedPeriodSchema = z.object({
  kind: z.enum(PERIOD_KINDS),
  from: z.string(),
  to: z.string(),
  year: z.number(),
  label: z.string(),
});

export const dashboardUnitSchema = z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS), childCount: z.number() });

const indicatorKeySchema = z.enum(INDICATOR_KEYS);

export const dashboardCardSchema = z.object({
  key: indicatorKeySchema,
  current: indicatorValueSchema,
  previousPeriod: indicatorValueSchema,
  previousYear: indicatorValueSchema,
});
export type DashboardCard = z.infer<typeof dashboardCardSchema>;

export const dashboardSchema = z.object({
  unit: dashboardUnitSchema,
  /** The day the numbers were computed on (the app's clock), yyyy-mm-dd. */
  today: z.string(),
  period: resolvedPeriodSchema,
  previousPeriod: resolvedPeriodSchema,
  previousYear: resolvedPeriodSchema,
  /** Ancestors from the caller's scope root down to the unit's parent, for the breadcrumb. */
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  cards: z.array(dashboardCardSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const indicatorValuesSchema = z.partialRecord(indicatorKeySchema, indicatorValueSchema);

export const dashboardChildRowSchema = z.object({
  unitId: z.number(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  childCount: z.number(),
  values: indicatorValuesSchema,
});
export type DashboardChildRow = z.infer<typeof dashboardChildRowSchema>;

export const dashboardChildrenSchema = z.object({
  unit: dashboardUnitSchema,
  today: z.string(),
  period: resolvedPeriodSchema,
  rows: z.array(dashboardChildRowSchema),
});
export type DashboardChildren = z.infer<typeof dashboardChildrenSchema>;

export const laggingRowSchema = z.object({
  unitId: z.number(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  childCount: z.number(),
  /** 0–100 (100 = furthest behind); null when no indicator had anything due. */
  score: z.number().nullable(),
  /** Indicators that entered the score. */
  counted: z.number(),
  reasons: z.array(z.object({ key: indicatorKeySchema, text: z.string() })),
});
export type LaggingRow = z.infer<typeof laggingRowSchema>;

export const dashboardLaggingSchema = z.object({
  unit: dashboardUnitSchema,
  today: z.string(),
  period: resolvedPeriodSchema,
  /** Plain-language statement of the score formula (vi). */
  formula: z.string(),
  rows: z.array(laggingRowSchema),
});
export type DashboardLagging = z.infer<typeof dashboardLaggingSchema>;

export const indicatorDefinitionSchema = z.object({
  key: indicatorKeySchema,
  group: z.enum(INDICATOR_GROUPS),
  groupLabel: z.string(),
  name: z.string(),
  definition: z.string(),
  numerator: z.string(),
  denominator: z.string().nullable(),
  periodSemantics: z.enum(PERIOD_SEMANTICS),
  periodSemanticsLabel: z.string(),
  higherIsBetter: z.boolean(),
  link: z.string(),
  lagging: z.number().nullable(),
  breakdown: z.string().nullable(),
});

export const indicatorListSchema = z.object({
  items: z.array(indicatorDefinitionSchema),
  formula: z.string(),
});
export type IndicatorList = z.infer<typeof indicatorListSchema>;
