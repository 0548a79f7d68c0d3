import { COMMENDATION_FORM_LABELS, type CommendationForm } from '../../../shared/domain/exemplars';
import {
  INDICATOR_KEYS,
  type IndicatorKey,
  type IndicatorValue,
  LAGGING_FORMULA,
  type ResolvedPeriod,
  asOfDay,
  laggingScore,
  lastDayOfMonth,
  previousPeriod,
  resolvePeriod,
  samePeriodPreviousYear,
} from '../../../shared/domain/indicators';
import { ISSUE_STATUSES, ISSUE_STATUS_LABELS, type IssueStatus } from '../../../shared/domain/standards';
import { viCollator } from '../../../shared/domain/text';
import { TIMELINESS_SHORT_LABELS } from '../../../shared/domain/timeliness';
import { SECTORS, type UnitKind } from '../../../shared/domain/units';
import type { Dashboard, DashboardChildren, DashboardLagging, DashboardQuery, IndicatorList } from '../../../shared/schemas/dashboard';
import type { Db } from '../../db/connect';
import type { Clock } from '../../http/clock';
import { Forbidden, NotFound } from '../../http/errors';
import { isInScope } from '../../http/policies';
import type { Principal } from '../../http/principal';
import { type DashboardRepository, LARGE_SUBTREE, type NodeSet, type UnitFiguresRow, type Window, dashboardRepository, keyOf } from './dashboard.repository';
import { presentIndicators, presentUnit } from './dashboard.presenter';
import { requestLimit } from './query-limit';

export const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
export const MEMBER_FORBIDDEN = 'Bảng điều khiển dành cho cán bộ giúp việc và bí thư chi bộ; đảng viên xem hồ sơ và sinh hoạt của mình.';

/** Every indicator's value for one node and one period. */
export type IndicatorValues = Record<IndicatorKey, IndicatorValue>;

/** A unit as the dashboard functions take it (from `dashboardUnit`). */
export interface DashboardUnitRow {
  id: number;
  path: string;
  name: string;
  kind: string;
  child_count: number;
  descendant_count: number;
  member_count: number;
  parent_id: number | null;
  /** How many root units the database holds. */
  roots: number;
}

const ratioValue = (numerator: number, denominator: number | null, breakdown?: IndicatorValue['breakdown']): IndicatorValue =>
  breakdown === undefined ? { numerator, denominator } : { numerator, denominator, breakdown };

function windowOf(period: ResolvedPeriod, today: string): Window {
  return { from: period.from, to: period.to, year: period.year, asOf: asOfDay(period, today) };
}

/** The months of a window: those whose last day falls inside it, and whether each is over on `today`. */
function monthsOf(window: Window, today: string): { year: number; month: number; due: boolean }[] {
  const months: { year: number; month: number; due: boolean }[] = [];
  const [fy, fm] = window.from.split('-').map(Number) as [number, number];
  const [ty, tm] = window.to.split('-').map(Number) as [number, number];
  for (let index = fy * 12 + fm - 1; index <= ty * 12 + tm - 1; index += 1) {
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const last = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(lastDayOfMonth(y, m)).padStart(2, '0')}`;
    if (last < window.from || last > window.to) continue;
    months.push({ year: y, month: m, due: today > last });
  }
  return months;
}

const STATE_KEYS = ['done_on_time', 'done_late', 'pending', 'overdue'] as const;
const stateBreakdown = (counts: Record<(typeof STATE_KEYS)[number], number>) => STATE_KEYS.map((state) => ({ label: TIMELINESS_SHORT_LABELS[state], value: counts[state] }));

/**
 * Every indicator for each node of `nodes` and each window, in one query per source (each query
 * answers all windows at once). `units` gives the nodes' member counts (the all-members denominator).
 */
export async function computeValues(
  repo: DashboardRepository,
  nodes: NodeSet,
  memberCounts: Map<number, number>,
  windows: Window[],
  today: string,
): Promise<Map<number, IndicatorValues>[]> {
  const years = [...new Set(windows.map((w) => w.year))];
  const monthsByWindow = windows.map((w) => monthsOf(w, today));
  const meetingYears = [...new Set(monthsByWindow.flat().map((m) => m.year))];
  const [cascade, conferences, unitFigures, commitments, cells, meetings, inspections, followUps, nominations, commendations, publicity] =
    await Promise.all([
      repo.cascade(nodes, windows, today),
      repo.conferences(nodes, windows),
      repo.unitFigures(nodes, windows),
      repo.commitments(nodes.ids, years),
      repo.cellsByYear(nodes.ids, meetingYears),
      repo.meetingMonths(nodes.ids, meetingYears),
      repo.inspections(nodes, windows),
      repo.followUps(nodes, windows),
      repo.nominations(nodes, windows),
      repo.commendations(nodes, windows),
      repo.publicity(nodes, windows),
    ]);

  const cellsOf = new Map(cells.map((c) => [`${c.node}:${c.year}`, c.cells]));
  const meetingOf = new Map(meetings.map((m) => [`${m.node}:${m.year}:${m.month}`, m]));
  const leadersOf = new Map(commitments.leaders.map((l) => [l.node, l.leaders]));
  const sectorOrder = new Map(SECTORS.map((s, index) => [s.code as string, index]));

  return windows.map((window, w) => {
    const out = new Map<number, IndicatorValues>();
    for (const node of nodes.ids) {
      const key = keyOf(w, node);
      const c = cascade.get(key);
      const plans = { done_on_time: c?.on_time ?? 0, done_late: c?.late ?? 0, pending: c?.pending ?? 0, overdue: c?.overdue ?? 0 };
      const confs = { done_on_time: c?.c_on_time ?? 0, done_late: c?.c_late ?? 0, pending: c?.c_pending ?? 0, overdue: c?.c_overdue ?? 0 };

      const k = conferences.get(key);
      const figures = unitFigures.filter((r) => r.window === w && r.node === node);
      const sum = (field: Exclude<keyof UnitFiguresRow, 'i' | 'node' | 'sector'>) => figures.reduce((total, r) => total + r[field], 0);
      const sectorRows = figures
        .flatMap((r) => (r.sector === null ? [] : [{ ...r, sector: r.sector }]))
        .sort((a, b) => (sectorOrder.get(a.sector) ?? 99) - (sectorOrder.get(b.sector) ?? 99));

      const round = commitments.rollups.find((r) => r.node === node && r.year === window.year);
      const rules = commitments.rounds.find((r) => r.node === node && r.year === window.year);
      const leaders = leadersOf.get(node) ?? 0;
      const members = memberCounts.get(node) ?? 0;
      const registered = (round?.members_on_time ?? 0) + (round?.members_late ?? 0);
      const leadersRegistered = (round?.leaders_on_time ?? 0) + (round?.leaders_late ?? 0);
      // Without a round nobody is due; before the deadline only those who registered are.
      const leadersDue = !rules ? 0 : today > rules.leader_deadline ? leaders : leadersRegistered;
      const membersDue = !rules ? 0 : today > rules.member_deadline ? members : registered;
      const reviewsDue = rules && window.asOf >= rules.review_opens_on ? registered : 0;
      const levels = commitments.levels
        .filter((l) => l.node === node && l.year === window.year)
        .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || a.level.localeCompare(b.level));

      let held = 0;
      let due = 0;
      let present = 0;
      let roll = 0;
      const perMonth: { label: string; value: number }[] = [];
      for (const month of monthsByWindow[w] ?? []) {
        const row = meetingOf.get(`${node}:${month.year}:${month.month}`);
        present += row?.present ?? 0;
        roll += row?.roll ?? 0;
        if (!month.due) continue;
        held += row?.held ?? 0;
        due += cellsOf.get(`${node}:${month.year}`) ?? 0;
        perMonth.push({ label: `Tháng ${month.month}/${month.year}`, value: row?.held ?? 0 });
      }

      const issueCounts: Record<IssueStatus, number> = { on_track: sum('on_track'), at_risk: sum('at_risk'), resolved: sum('resolved'), not_resolved: sum('not_resolved') };
      const committees = sum('committees');

      const ins = inspections.get(key);
      const f = followUps.get(key);
      const follow = { done_on_time: f?.done_on_time ?? 0, done_late: f?.done_late ?? 0, pending: f?.pending ?? 0, overdue: f?.overdue ?? 0 };
      const nom = nominations.get(key);
      const commended = commendations.filter((r) => r.window === w && r.node === node);
      const published = publicity.filter((r) => r.window === w && r.node === node).sort((a, b) => a.position - b.position || viCollator.compare(a.channel, b.channel));

      out.set(node, {
        plans_on_time: ratioValue(plans.done_on_time, plans.done_on_time + plans.done_late + plans.overdue, stateBreakdown(plans)),
        conferences_held: ratioValue(confs.done_on_time + confs.done_late, confs.done_on_time + confs.done_late + confs.overdue, stateBreakdown(confs)),
        conference_reach: ratioValue((k?.attended_cadres ?? 0) + (k?.attended_members ?? 0), (k?.expected_cadres ?? 0) + (k?.expected_members ?? 0), [
          { label: 'Số hội nghị', value: k?.conferences ?? 0 },
          { label: 'Cán bộ dự', value: k?.attended_cadres ?? 0 },
          { label: 'Cán bộ được triệu tập', value: k?.expected_cadres ?? 0 },
          { label: 'Đảng viên dự', value: k?.attended_members ?? 0 },
          { label: 'Đảng viên được triệu tập', value: k?.expected_members ?? 0 },
        ]),
        helper_units: ratioValue(sum('helper_set_up'), sum('helper_committees'), [
          { label: 'Chưa thành lập', value: sum('helper_committees') - sum('helper_set_up') },
          { label: 'Đã thành lập, chưa có quy chế', value: sum('helper_set_up') - sum('helper_complete') },
          { label: 'Đầy đủ', value: sum('helper_complete') },
        ]),
        standards_issued: ratioValue(sum('with_moral'), sum('standard_units'), [
          { label: 'Đã có chuẩn mực đạo đức', value: sum('with_moral') },
          { label: 'Đã có chuẩn mực đạo đức nghề nghiệp', value: sum('with_professional') },
        ]),
        priority_sector_standards: ratioValue(
          sum('priority_professional'),
          sum('priority_units'),
          sectorRows.map((r) => ({ label: `${SECTORS.find((x) => x.code === r.sector)?.label ?? r.sector} (${r.priority_units} đơn vị)`, value: r.priority_professional })),
        ),
        leaders_registered: ratioValue(round?.leaders_on_time ?? 0, leadersDue, [
          { label: 'Đúng hạn', value: round?.leaders_on_time ?? 0 },
          { label: 'Trễ hạn', value: round?.leaders_late ?? 0 },
          { label: 'Chưa đăng ký', value: Math.max(0, leaders - leadersRegistered) },
        ]),
        members_registered: ratioValue(round?.members_on_time ?? 0, membersDue, [
          { label: 'Đúng hạn', value: round?.members_on_time ?? 0 },
          { label: 'Trễ hạn', value: round?.members_late ?? 0 },
          { label: 'Chưa đăng ký', value: Math.max(0, members - registered) },
        ]),
        reviews_decided: ratioValue(
          Math.min(round?.decided ?? 0, reviewsDue),
          reviewsDue,
          levels.map((l) => ({ label: l.level === 'not_assessed' ? 'Chưa đánh giá' : (l.label ?? l.level), value: l.members })),
        ),
        meetings_valid: ratioValue(Math.min(held, due), due, perMonth),
        meeting_attendance: ratioValue(present, roll),
        pressing_issues_on_track: ratioValue(issueCounts.on_track + issueCounts.resolved, committees, [
          ...ISSUE_STATUSES.map((status) => ({ label: ISSUE_STATUS_LABELS[status], value: issueCounts[status] })),
          { label: 'Chưa chọn vấn đề', value: sum('no_issue') },
        ]),
        pressing_issues_resolved: ratioValue(sum('resolved_by'), committees),
        pilot_quota_met: ratioValue(sum('quota_met'), committees, [
          { label: 'Đơn vị điểm toàn diện', value: sum('comprehensive') },
          { label: 'Đơn vị điểm theo lĩnh vực', value: sum('field') },
        ]),
        inspections_held: ratioValue(ins?.held ?? 0, ins?.total ?? 0, [
          { label: 'Kiểm tra đã tiến hành', value: ins?.held_inspection ?? 0 },
          { label: 'Giám sát đã tiến hành', value: ins?.held_supervision ?? 0 },
          { label: 'Còn kế hoạch', value: (ins?.total ?? 0) - (ins?.held ?? 0) },
        ]),
        follow_ups_overdue: ratioValue(follow.overdue, follow.done_on_time + follow.done_late + follow.pending + follow.overdue, stateBreakdown(follow)),
        exemplars_nominated: ratioValue(nom?.nominated ?? 0, null, [
          { label: 'Đang xác minh', value: nom?.in_review ?? 0 },
          { label: 'Đã xác minh', value: nom?.approved ?? 0 },
          { label: 'Đã khen thưởng', value: nom?.commended ?? 0 },
          { label: 'Không được công nhận', value: nom?.rejected ?? 0 },
        ]),
        exemplars_commended: ratioValue(
          commended.reduce((sum, r) => sum + r.commended, 0),
          null,
          commended
            .map((r) => ({ label: COMMENDATION_FORM_LABELS[r.form as CommendationForm] ?? 'Khác', value: r.commended }))
            .sort((a, b) => viCollator.compare(a.label, b.label)),
        ),
        exemplars_published: ratioValue(
          published.reduce((sum, r) => sum + r.entries, 0),
          null,
          published.map((r) => ({ label: r.channel, value: r.entries })),
        ),
      });
    }
    return out;
  });
}

/** The unit row the dashboard functions take, or undefined. */
export async function dashboardUnit(db: Db, unitId: number): Promise<DashboardUnitRow | undefined> {
  return dashboardRepository(db).unit(unitId);
}

/**
 * The queries of computeDashboard, computeChildren and computeLagging run at most
 * REQUEST_QUERY_PARALLELISM at once per unit row (one row per request: a report passing the same row
 * to computeDashboard and computeChildren shares one limit), see query-limit.ts.
 *
 * The dashboard of one unit (no scope check: callers check it): every indicator for the period, the
 * previous period and the same period of the previous year. `today` comes from the app's clock.
 */
export async function computeDashboard(db: Db, unit: DashboardUnitRow, period: ResolvedPeriod, today: string): Promise<Omit<Dashboard, 'ancestors'>> {
  const repo = dashboardRepository(db, requestLimit(db, unit));
  const periods = [period, previousPeriod(period), samePeriodPreviousYear(period)] as const;
  const nodes: NodeSet = {
    parent: { id: unit.id, path: unit.path },
    mode: 'self',
    ids: [unit.id],
    large: unit.descendant_count >= LARGE_SUBTREE,
    whole: unit.parent_id === null && unit.roots === 1,
  };
  const values = await computeValues(repo, nodes, new Map([[unit.id, unit.member_count]]), periods.map((p) => windowOf(p, today)), today);
  const [current, previous, lastYear] = values.map((byNode) => byNode.get(unit.id) as IndicatorValues) as [IndicatorValues, IndicatorValues, IndicatorValues];
  return {
    unit: presentUnit(unit),
    today,
    period: periods[0],
    previousPeriod: periods[1],
    previousYear: periods[2],
    cards: INDICATOR_KEYS.map((key) => ({ key, current: current[key], previousPeriod: previous[key], previousYear: lastYear[key] })),
  };
}

/** Every indicator for each direct child of the unit (open at some time in the period), ordered by name (vi). */
export async function computeChildren(db: Db, unit: DashboardUnitRow, period: ResolvedPeriod, today: string): Promise<DashboardChildren> {
  const repo = dashboardRepository(db, requestLimit(db, unit));
  const children = (await repo.children(unit.id, period.from)).sort((a, b) => viCollator.compare(a.name, b.name) || a.id - b.id);
  const nodes: NodeSet = { parent: { id: unit.id, path: unit.path }, mode: 'children', ids: children.map((c) => c.id), large: unit.descendant_count >= LARGE_SUBTREE };
  const [values] = await computeValues(repo, nodes, new Map(children.map((c) => [c.id, c.member_count])), [windowOf(period, today)], today);
  return {
    unit: presentUnit(unit),
    today,
    period,
    rows: children.map((child) => ({
      unitId: child.id,
      name: child.name,
      kind: child.kind as UnitKind,
      childCount: child.child_count,
      values: values?.get(child.id) ?? {},
    })),
  };
}

/** The direct children ranked by the lagging score (formula: src/shared/domain/indicators.ts). */
export async function computeLagging(db: Db, unit: DashboardUnitRow, period: ResolvedPeriod, today: string): Promise<DashboardLagging> {
  const children = await computeChildren(db, unit, period, today);
  const rows = children.rows.map((row) => {
    const result = laggingScore(row.values);
    return { unitId: row.unitId, name: row.name, kind: row.kind, childCount: row.childCount, score: result.score, counted: result.counted, reasons: result.reasons };
  });
  rows.sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null ? (b.score === null ? viCollator.compare(a.name, b.name) : 1) : -1;
    return b.score - a.score || b.reasons.length - a.reasons.length || viCollator.compare(a.name, b.name);
  });
  return { unit: children.unit, today, period, formula: LAGGING_FORMULA, rows };
}

export function dashboardService(db: Db, clock: Clock) {
  const repo = dashboardRepository(db);

  /** Officers and cell secretaries read the dashboard of units in their scope; members never. */
  async function visibleUnit(principal: Principal, unitId: number): Promise<DashboardUnitRow> {
    if (principal.role === 'member') throw Forbidden(MEMBER_FORBIDDEN);
    const unit = await repo.unit(unitId);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
    return unit;
  }

  async function ancestors(principal: Principal, unit: DashboardUnitRow) {
    const ids = unit.path.split('.').map(Number).slice(principal.scope.path.split('.').length - 1, -1);
    const rows = await dashboardRepository(db, requestLimit(db, unit)).units(ids);
    return rows.sort((a, b) => a.path.split('.').length - b.path.split('.').length).map((a) => ({ id: a.id, name: a.name }));
  }

  return {
    visibleUnit,

    async dashboard(principal: Principal, query: DashboardQuery): Promise<Dashboard> {
      const unit = await visibleUnit(principal, query.unitId);
      const [answer, path] = await Promise.all([computeDashboard(db, unit, resolvePeriod(query), clock.today()), ancestors(principal, unit)]);
      return { ...answer, ancestors: path };
    },

    async children(principal: Principal, query: DashboardQuery): Promise<DashboardChildren> {
      const unit = await visibleUnit(principal, query.unitId);
      return computeChildren(db, unit, resolvePeriod(query), clock.today());
    },

    async lagging(principal: Principal, query: DashboardQuery): Promise<DashboardLagging> {
      const unit = await visibleUnit(principal, query.unitId);
      return computeLagging(db, unit, resolvePeriod(query), clock.today());
    },

    indicators(): IndicatorList {
      return presentIndicators();
    },
  };
}

export type DashboardService = ReturnType<typeof dashboardService>;
