import { type CommitmentState, compareForRanking, isQuiet, registrationState } from '../../../shared/domain/commitments';
import { compareNames, fullName, viCollator } from '../../../shared/domain/text';
import { type TimelinessCounts, emptyCounts } from '../../../shared/domain/timeliness';
import { holdsMembers, type UnitKind } from '../../../shared/domain/units';
import type { Coverage, CoverageRow, Ranking, Register, Unregistered } from '../../../shared/schemas/commitments';
import type { Db } from '../../db/connect';
import { todayInVietnam } from '../../http/clock';
import { NotFound, Validation } from '../../http/errors';
import { canRecordFor, isInScope } from '../../http/policies';
import type { Principal } from '../../http/principal';
import { writeCoverageSheet, writeRankingSheet } from './commitment-sheets';
import { presentScheme } from './commitments.presenter';
import { commitmentsRepository } from './commitments.repository';
import { ROUND_NOT_FOUND, UNIT_NOT_FOUND, canDecideFor, isAncestorOrSelf } from './commitments.service';

/** Lists of people are for units of grassroots size; above that the coverage table drills down. */
const LIST_LIMIT = 5000;
const field = (path: string, message: string) => Validation(message, [{ path, message }]);

/** Not-registered people are pending until the deadline, overdue after it. */
function states(total: number, onTime: number, late: number, deadline: string, today: string): TimelinessCounts {
  const counts = emptyCounts();
  counts.done_on_time = onTime;
  counts.done_late = late;
  const missing = Math.max(0, total - onTime - late);
  if (today > deadline) counts.overdue = missing;
  else counts.pending = missing;
  return counts;
}

export function commitmentReportsService(db: Db) {
  const repo = commitmentsRepository(db);

  async function visibleUnit(principal: Principal, unitId: number | undefined) {
    const unit = await repo.unit(unitId ?? principal.scope.id);
    if (!unit || !isInScope(principal, unit.path) || principal.role === 'member') throw NotFound(UNIT_NOT_FOUND);
    return unit;
  }

  /** A round of a committee at or above the unit: another province's round says nothing about it. */
  async function roundOf(roundId: number, unit: { path: string }) {
    const round = await repo.round(roundId);
    if (!round || !isAncestorOrSelf(round.unit_path, unit.path)) throw NotFound(ROUND_NOT_FOUND);
    return round;
  }

  async function schemeOf(schemeId: number) {
    const rows = await repo.schemes();
    const row = rows.find((s) => s.id === schemeId);
    if (!row) throw new Error(`assessment scheme ${schemeId} missing`);
    return presentScheme(row, await repo.levels([schemeId]));
  }

  function tooBig(unit: { name: string; member_count: number }) {
    if (unit.member_count > LIST_LIMIT) {
      throw field('unitId', `${unit.name} có ${unit.member_count.toLocaleString('vi-VN')} đảng viên: hãy chọn một đơn vị cấp cơ sở để xem danh sách từng người.`);
    }
  }

  return {
    async register(principal: Principal, unitId: number, roundId: number): Promise<Register> {
      const unit = await visibleUnit(principal, unitId);
      tooBig(unit);
      const round = await roundOf(roundId, unit);
      const scheme = await schemeOf(round.scheme_id);
      const today = todayInVietnam();
      const reference = today < `${round.year}-12-31` ? today : `${round.year}-12-31`;
      const rows = (await repo.registerRows(unit.path, round.id, LIST_LIMIT)).rows;
      const children = await repo.children(unit.id);
      const collectiveUnits = [{ id: unit.id, name: unit.name, kind: unit.kind }, ...children.filter((c) => !holdsMembers(c.kind as UnitKind) || c.member_count > 0)];
      const collectives = await repo.collectivesOf(collectiveUnits.map((u) => u.id), round.id);
      return {
        unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind },
        round: { id: round.id, year: round.year, leaderDeadline: round.leader_deadline, memberDeadline: round.member_deadline, reviewOpensOn: round.review_opens_on },
        rows: rows
          .map((r) => {
            const name = { familyName: r.family_name, middleName: r.middle_name, givenName: r.given_name };
            const isLeader = r.c_is_leader ?? r.is_leader;
            const deadline = isLeader ? round.leader_deadline : round.member_deadline;
            const lastActivity = r.last_checkin_on ?? r.first_submitted_on;
            return {
              member: { id: r.member_id, fullName: fullName(name), ...name },
              cell: { id: r.cell_id, name: r.cell_name },
              isLeader,
              commitment:
                r.commitment_id === null
                  ? null
                  : {
                      id: r.commitment_id,
                      state: r.state as CommitmentState,
                      itemCount: r.item_count,
                      firstSubmittedOn: r.first_submitted_on,
                      lastActivityOn: lastActivity,
                      quiet: r.state === 'accepted' && lastActivity !== null && isQuiet(lastActivity, reference),
                      selfLevel: r.self_level,
                      cellLevel: r.cell_level,
                      decidedLevel: r.decided_level,
                      notAssessedReason: r.not_assessed_reason,
                      doneShare: r.done_share,
                      version: r.version ?? 1,
                    },
              timeliness: registrationState(r.first_submitted_on, deadline, today),
            };
          })
          .sort((a, b) => viCollator.compare(a.cell.name, b.cell.name) || compareNames(a.member, b.member)),
        collectives: collectiveUnits.map((u) => {
          const c = collectives.find((x) => x.unit_id === u.id);
          return {
            unit: { id: u.id, name: u.name, kind: u.kind as UnitKind },
            commitmentId: c?.id ?? null,
            state: (c?.state as CommitmentState | undefined) ?? null,
            timeliness: registrationState(c?.first_submitted_on ?? null, round.member_deadline, today),
          };
        }),
        levels: scheme.memberLevels,
        cap: scheme.cap,
        can: {
          review: principal.role !== 'member' && canRecordFor(principal, unit),
          decide: unit.is_grassroots && canDecideFor(principal, unit),
          registerCollective: principal.role !== 'member' && canRecordFor(principal, unit),
        },
      };
    },

    async coverage(principal: Principal, unitId: number | undefined, roundId: number): Promise<Coverage> {
      const unit = await visibleUnit(principal, unitId);
      const round = await roundOf(roundId, unit);
      const scheme = await schemeOf(round.scheme_id);
      const today = todayInVietnam();
      const children = (await repo.children(unit.id)).filter((c) => c.member_count > 0);
      const ids = [unit.id, ...children.map((c) => c.id)];
      const [rollups, levelRows, leaders] = await Promise.all([repo.rollups(ids, round.id), repo.levelRollups(ids, round.id), repo.leaders(ids)]);
      const row = (u: { id: number; name: string; kind: string; child_count: number; member_count: number }): CoverageRow => {
        const r = rollups.find((x) => x.unit_id === u.id);
        const leaderCount = leaders.find((x) => x.unit_id === u.id)?.leaders ?? 0;
        return {
          unit: { id: u.id, name: u.name, kind: u.kind as UnitKind, childCount: u.child_count },
          members: u.member_count,
          leaders: leaderCount,
          memberStates: states(u.member_count, r?.members_on_time ?? 0, r?.members_late ?? 0, round.member_deadline, today),
          leaderStates: states(leaderCount, r?.leaders_on_time ?? 0, r?.leaders_late ?? 0, round.leader_deadline, today),
          collectivesOnTime: r?.collectives_on_time ?? 0,
          collectivesLate: r?.collectives_late ?? 0,
          accepted: r?.accepted ?? 0,
          selfReviewed: r?.self_reviewed ?? 0,
          decided: r?.decided ?? 0,
          levels: Object.fromEntries(levelRows.filter((l) => l.unit_id === u.id).map((l) => [l.level, l.members])),
        };
      };
      const lineage = unit.path.split('.').map(Number).slice(principal.scope.path.split('.').length - 1, -1);
      const ancestors = (await repo.units(lineage)).sort((a, b) => a.depth - b.depth);
      return {
        round: { id: round.id, year: round.year, leaderDeadline: round.leader_deadline, memberDeadline: round.member_deadline },
        today,
        ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })),
        unit: row(unit),
        rows: children.map(row).sort((a, b) => viCollator.compare(a.unit.name, b.unit.name)),
        levels: scheme.memberLevels,
      };
    },

    async exportCoverage(principal: Principal, unitId: number | undefined, roundId: number) {
      const coverage = await this.coverage(principal, unitId, roundId);
      return { fileName: `dang-ky-lam-theo-${coverage.round.year}.xlsx`, body: await writeCoverageSheet(coverage) };
    },

    async unregistered(principal: Principal, query: { unitId: number; roundId: number; leadersOnly?: 'true' | 'false' | undefined; page: number; pageSize: number }): Promise<Unregistered> {
      const unit = await visibleUnit(principal, query.unitId);
      tooBig(unit);
      const round = await roundOf(query.roundId, unit);
      const today = todayInVietnam();
      const rows = (await repo.registerRows(unit.path, round.id, LIST_LIMIT)).rows
        .filter((r) => r.first_submitted_on === null && (query.leadersOnly !== 'true' || r.is_leader))
        .map((r) => ({ r, name: { familyName: r.family_name, middleName: r.middle_name, givenName: r.given_name } }))
        .sort((a, b) => viCollator.compare(a.r.cell_name, b.r.cell_name) || compareNames(a.name, b.name));
      const start = (query.page - 1) * query.pageSize;
      return {
        items: rows.slice(start, start + query.pageSize).map(({ r, name }) => ({
          member: { id: r.member_id, fullName: fullName(name) },
          cell: { id: r.cell_id, name: r.cell_name },
          isLeader: r.is_leader,
          state: today > (r.is_leader ? round.leader_deadline : round.member_deadline) ? ('overdue' as const) : ('pending' as const),
        })),
        total: rows.length,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async ranking(principal: Principal, unitId: number | undefined, roundId: number): Promise<Ranking> {
      const unit = await visibleUnit(principal, unitId);
      tooBig(unit);
      const round = await roundOf(roundId, unit);
      const scheme = await schemeOf(round.scheme_id);
      const levelOf = (code: string | null) => (code === null ? null : (scheme.memberLevels.find((l) => l.code === code) ?? null));
      const rows = (await repo.registerRows(unit.path, round.id, LIST_LIMIT)).rows.filter((r) => r.commitment_id !== null);
      const members = rows
        .map((r) => {
          const level = levelOf(r.decided_level);
          return { r, level, key: { familyName: r.family_name, middleName: r.middle_name, givenName: r.given_name, levelRank: level?.rank ?? null, doneShare: r.done_share } };
        })
        .sort((a, b) => compareForRanking(a.key, b.key))
        .map(({ r, level, key }, index) => ({
          position: index + 1,
          member: { id: r.member_id, fullName: fullName(key) },
          cell: r.cell_name,
          level: level ? { code: level.code, label: level.label } : null,
          doneShare: r.done_share,
          items: r.item_count,
        }));
      const children = (await repo.children(unit.id)).filter((c) => c.member_count > 0);
      const [rollups, levelRows] = await Promise.all([repo.rollups(children.map((c) => c.id), round.id), repo.levelRollups(children.map((c) => c.id), round.id)]);
      const top = new Set(scheme.memberLevels.filter((l) => l.rank <= 2).map((l) => l.code));
      const units = children
        .map((c) => {
          const levels = Object.fromEntries(levelRows.filter((l) => l.unit_id === c.id).map((l) => [l.level, l.members]));
          const decided = rollups.find((r) => r.unit_id === c.id)?.decided ?? 0;
          const topCount = Object.entries(levels).reduce((sum, [code, n]) => sum + (top.has(code) ? n : 0), 0);
          return { unit: { id: c.id, name: c.name, kind: c.kind as UnitKind }, members: c.member_count, decided, levels, topShare: decided > 0 ? topCount / decided : null };
        })
        .sort((a, b) => (b.topShare ?? -1) - (a.topShare ?? -1) || viCollator.compare(a.unit.name, b.unit.name))
        .map((u, index) => ({ position: index + 1, ...u }));
      return { unit: { id: unit.id, name: unit.name, kind: unit.kind as UnitKind }, round: { id: round.id, year: round.year }, levels: scheme.memberLevels, members, units };
    },

    async exportRanking(principal: Principal, unitId: number | undefined, roundId: number) {
      const ranking = await this.ranking(principal, unitId, roundId);
      return { fileName: `binh-xet-${ranking.round.year}.xlsx`, body: await writeRankingSheet(ranking) };
    },
  };
}

export type CommitmentReportsService = ReturnType<typeof commitmentReportsService>;
