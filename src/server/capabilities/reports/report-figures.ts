import { INDICATOR_KEYS, resolvePeriod } from '../../../shared/domain/indicators';
import type { IndicatorValues } from '../../../shared/domain/report-text';
import type { Db } from '../../db/connect';
import type { Clock } from '../../http/clock';
import { NotFound } from '../../http/errors';
import { computeChildren, computeDashboard, dashboardUnit } from '../dashboard/dashboard.service';
import type { ReportFiguresSource } from './reports.service';

/**
 * The figures of a report come from the dashboard's own computation (live, the same numbers the
 * dashboard shows): the unit's indicators for the period, the previous period and the same period of
 * the previous year, and each direct child's indicators for the period.
 */
export function dashboardFigures(db: Db, clock: Clock): ReportFiguresSource {
  return async (_principal, query) => {
    const unit = await dashboardUnit(db, query.unitId);
    if (!unit) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
    const period = resolvePeriod(query);
    const today = clock.today();
    const [dashboard, children] = await Promise.all([computeDashboard(db, unit, period, today), computeChildren(db, unit, period, today)]);
    const pick = (which: 'current' | 'previousPeriod' | 'previousYear'): IndicatorValues => {
      const values: IndicatorValues = {};
      for (const card of dashboard.cards) if (INDICATOR_KEYS.includes(card.key)) values[card.key] = card[which];
      return values;
    };
    return {
      today: dashboard.today,
      period: dashboard.period,
      previousPeriod: dashboard.previousPeriod,
      previousYear: dashboard.previousYear,
      current: pick('current'),
      previous: pick('previousPeriod'),
      lastYear: pick('previousYear'),
      children: children.rows.map((row) => ({ unitId: row.unitId, name: row.name, kind: row.kind, values: row.values })),
    };
  };
}
