import { INDICATORS, INDICATOR_GROUP_LABELS, LAGGING_FORMULA, PERIOD_SEMANTICS_LABELS } from '../../../shared/domain/indicators';
import type { UnitKind } from '../../../shared/domain/units';
import type { IndicatorList } from '../../../shared/schemas/dashboard';

export function presentUnit(unit: { id: number; name: string; kind: string; child_count: number }) {
  return { id: unit.id, name: unit.name, kind: unit.kind as UnitKind, childCount: unit.child_count };
}

/** The registry as API users read it, with the Vietnamese labels of groups and period semantics. */
export function presentIndicators(): IndicatorList {
  return {
    items: INDICATORS.map((indicator) => ({
      ...indicator,
      groupLabel: INDICATOR_GROUP_LABELS[indicator.group],
      periodSemanticsLabel: PERIOD_SEMANTICS_LABELS[indicator.periodSemantics],
    })),
    formula: LAGGING_FORMULA,
  };
}
