import { sql } from 'kysely';
import type { z } from 'zod';
import {
  type CommitmentAction,
  type CommitmentState,
  capProblem,
  isEditable,
  isLeaderMember,
  itemsProblem,
  type ItemKind,
  reviewProblem,
  transition,
} from '../../../shared/domain/commitments';
import { fullName } from '../../../shared/domain/text';
import type {
  AssessmentLevelOut,
  AssessmentScheme,
  Commitment,
  CommitmentRound,
  CommitmentRoundList,
  MyCommitment,
  cellReviewSchema,
  createCheckinSchema,
  createCommitmentSchema,
  createRoundSchema,
  decisionsSchema,
  selfReviewSchema,
  updateRoundSchema,
} from '../../../shared/schemas/commitments';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canEditTree, canRecordExternal, canRecordFor, isAboveOrAtScope, isInScope, isStrictlyBelowScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import type { FilesService } from '../files/files.service';
import { commitmentFormDocx } from './commitment-forms';
import { auditedCommitment, deadlineOf, presentCommitment, presentScheme } from './commitments.presenter';
import { type CommitmentRow, type CommitmentsRepository, type RoundRow, commitmentsRepository } from './commitments.repository';

type CreateRoundBody = z.output<typeof createRoundSchema>;
type UpdateRoundBody = z.output<typeof updateRoundSchema>;
type CreateBody = z.output<typeof createCommitmentSchema>;
type ItemsBody = CreateBody['items'];
type CheckinBody = z.output<typeof createCheckinSchema>;
type SelfReviewBody = z.output<typeof selfReviewSchema>;
type CellReviewBody = z.output<typeof cellReviewSchema>;
type DecisionsBody = z.output<typeof decisionsSchema>;

const AUDIT_ACTIONS: Record<CommitmentAction, string> = { submit: 'commitment.submit', accept: 'commitment.accept', return: 'commitment.return' };

export const COMMITMENT_NOT_FOUND = 'Không tìm thấy bản đăng ký, hoặc bản đăng ký nằm ngoài phạm vi của bạn.';
export const ROUND_NOT_FOUND = 'Không tìm thấy đợt đăng ký.';
export const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.';
const field = (path: string, message: string) => Validation(message, [{ path, message }]);
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

/** `path` is `ancestor` or below it. */
export function isAncestorOrSelf(ancestor: string, path: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** The holder of a personal commitment is its member; of a collective one, whoever records for the unit. */
function isHolder(principal: Principal, row: CommitmentRow): boolean {
  if (row.kind === 'personal') return principal.memberId !== null && principal.memberId === row.member_id;
  return principal.role !== 'member' && canRecordFor(principal, { path: row.unit_path, valid_to: null });
}

/** Reviewers: the cell's secretary and officers above for a member; officers strictly above for a collective. */
function isReviewer(principal: Principal, row: CommitmentRow): boolean {
  if (principal.role === 'member' || (row.kind === 'personal' && principal.memberId === row.member_id)) return false;
  if (row.kind === 'personal') return canRecordFor(principal, { path: row.unit_path, valid_to: null });
  return canEditTree(principal) && isStrictlyBelowScope(principal, row.unit_path);
}

/** A member sees only their own commitment; officers and secretaries see those in their scope. */
function canSee(principal: Principal, row: CommitmentRow): boolean {
  if (row.kind === 'personal' && principal.memberId !== null && principal.memberId === row.member_id) return true;
  return principal.role !== 'member' && isInScope(principal, row.unit_path);
}

/** The grassroots unit above (or at) a path decides members' levels: its officers and those above. */
export function canDecideFor(principal: Principal, grassroots: { path: string; kind: string }): boolean {
  if (!isInScope(principal, grassroots.path)) return false;
  if (canEditTree(principal)) return true;
  return principal.role === 'cell_secretary' && grassroots.kind === 'grassroots_cell' && principal.scope.path === grassroots.path;
}

export function commitmentsService(db: Db, files: FilesService) {
  const repo = commitmentsRepository(db);

  async function schemes(repository: CommitmentsRepository = repo): Promise<AssessmentScheme[]> {
    const rows = await repository.schemes();
    const levels = await repository.levels(rows.map((r) => r.id));
    return rows.map((row) => presentScheme(row, levels));
  }

  async function presentRounds(principal: Principal, rows: RoundRow[], repository: CommitmentsRepository = repo): Promise<CommitmentRound[]> {
    const [allSchemes, campaigns, topics, topicItems] = await Promise.all([
      schemes(repository),
      repository.campaigns(rows.flatMap((r) => (r.campaign_id === null ? [] : [r.campaign_id]))),
      repository.topics(rows.flatMap((r) => (r.study_topic_id === null ? [] : [r.study_topic_id]))),
      repository.topicItems(rows.flatMap((r) => (r.study_topic_id === null ? [] : [r.study_topic_id]))),
    ]);
    return rows.map((row) => {
      const scheme = allSchemes.find((s) => s.id === row.scheme_id);
      if (!scheme) throw new Error(`assessment scheme ${row.scheme_id} missing`);
      const campaign = campaigns.find((c) => c.id === row.campaign_id);
      const topic = topics.find((t) => t.id === row.study_topic_id);
      return {
        id: row.id,
        year: row.year,
        campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
        scheme,
        leaderDeadline: row.leader_deadline,
        memberDeadline: row.member_deadline,
        reviewOpensOn: row.review_opens_on,
        studyTopic: topic
          ? { id: topic.id, title: topic.title, items: topicItems.filter((i) => i.topic_id === topic.id).map((i) => ({ id: i.id, number: i.number, title: i.title })) }
          : null,
        standardsNote: row.standards_note,
        version: row.version,
        can: { edit: canRecordExternal(principal) && principal.scope.path === row.unit_path },
      };
    });
  }

  async function levelsFor(row: Pick<CommitmentRow, 'scheme_id' | 'kind'>, repository: CommitmentsRepository = repo): Promise<AssessmentLevelOut[]> {
    const levels = await repository.levels([row.scheme_id]);
    const appliesTo = row.kind === 'personal' ? 'member' : 'organisation';
    return levels.filter((l) => l.applies_to === appliesTo).map((l) => ({ code: l.code, label: l.label, rank: l.rank }));
  }

  async function present(principal: Principal, row: CommitmentRow, repository: CommitmentsRepository = repo): Promise<Commitment> {
    const today = todayInVietnam();
    const [items, checkins, levels] = await Promise.all([repository.items([row.id]), repository.checkins([row.id]), levelsFor(row, repository)]);
    const holder = isHolder(principal, row);
    const reviewer = isReviewer(principal, row);
    const state = row.state as CommitmentState;
    const reviewOpen = reviewProblem(today, row.review_opens_on) === null;
    return presentCommitment(row, {
      items,
      checkins,
      levels,
      today,
      can: {
        edit: (holder || reviewer) && isEditable(state),
        submit: (holder || reviewer) && isEditable(state),
        accept: reviewer && state === 'submitted',
        return: reviewer && (state === 'submitted' || state === 'accepted'),
        checkin: holder && (state === 'submitted' || state === 'accepted'),
        selfReview: holder && state === 'accepted' && reviewOpen,
        cellReview: reviewer && row.kind === 'personal' && state === 'accepted' && reviewOpen && row.self_reviewed_at !== null,
      },
    });
  }

  async function visible(principal: Principal, id: number, repository: CommitmentsRepository = repo, forUpdate = false): Promise<CommitmentRow> {
    const row = await repository.findById(id, forUpdate);
    if (!row || !canSee(principal, row)) throw NotFound(COMMITMENT_NOT_FOUND);
    return row;
  }

  /** Check items against the round (topic items of its topic, dates within its year) and write them, keeping ids. */
  async function writeItems(repository: CommitmentsRepository, row: Pick<CommitmentRow, 'id' | 'year' | 'study_topic_id'>, items: ItemsBody) {
    const existing = await repository.items([row.id]);
    const topicItems = row.study_topic_id === null ? [] : await repository.topicItems([row.study_topic_id]);
    items.forEach((item, index) => {
      const path = `items.${index}`;
      if (item.id !== undefined && !existing.some((e) => e.id === item.id)) throw field(`${path}.id`, `Việc thứ ${index + 1} không thuộc bản đăng ký này.`);
      if (item.dueOn && !item.dueOn.startsWith(`${row.year}-`)) {
        throw field(`${path}.dueOn`, `Thời hạn của việc thứ ${index + 1} phải trong năm ${row.year} (đang là ${ddmmyyyy(item.dueOn)}).`);
      }
      if (item.topicItemId && !topicItems.some((t) => t.id === item.topicItemId)) {
        throw field(`${path}.topicItemId`, `Việc thứ ${index + 1} viện dẫn nội dung không thuộc chuyên đề năm ${row.year}.`);
      }
    });
    const ids = items.flatMap((i) => (i.id === undefined ? [] : [i.id]));
    if (new Set(ids).size !== ids.length) throw field('items', 'Một việc xuất hiện hai lần.');
    await repository.deleteItems(row.id, ids);
    for (const [index, item] of items.entries()) {
      const values = {
        number: index + 1,
        kind: item.kind,
        action: item.action,
        measure: item.measure ?? null,
        due_on: item.dueOn ?? null,
        topic_item_id: item.topicItemId ?? null,
        standard_ref: item.standardRef ?? null,
      };
      if (item.id !== undefined) await repository.updateItem(item.id, values);
      else await repository.insertItem({ commitment_id: row.id, ...values });
    }
  }

  /** Load, check version, change, audit, present: the shape of every commitment write. */
  async function change(
    context: RequestContext,
    id: number,
    version: number,
    action: string,
    apply: (repository: CommitmentsRepository, row: CommitmentRow, trx: Db) => Promise<void>,
  ): Promise<Commitment> {
    return db.transaction().execute(async (trx) => {
      const repository = commitmentsRepository(trx);
      const before = await visible(context.principal, id, repository, true);
      if (before.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
      const itemsBefore = await repository.items([id]);
      await apply(repository, before, trx);
      const after = await repository.findById(id);
      if (!after) throw NotFound(COMMITMENT_NOT_FOUND);
      await recordAudit(trx, auditContext(context), {
        action,
        entityType: 'commitment',
        entityId: id,
        unit: { id: before.unit_id, path: before.unit_path },
        before: auditedCommitment(before, itemsBefore),
        after: auditedCommitment(after, await repository.items([id])),
      });
      return present(context.principal, after, repository);
    });
  }

  async function act(context: RequestContext, id: number, version: number, action: CommitmentAction, comment?: string): Promise<Commitment> {
    return change(context, id, version, AUDIT_ACTIONS[action], async (repository, row) => {
      const allowed = action === 'submit' ? isHolder(context.principal, row) || isReviewer(context.principal, row) : isReviewer(context.principal, row);
      if (!allowed) {
        throw Forbidden(action === 'submit' ? 'Chỉ người đăng ký hoặc chi bộ được nộp bản đăng ký này.' : 'Chỉ bí thư chi bộ hoặc cấp ủy cấp trên được xem xét bản đăng ký này.');
      }
      const next = transition(row.state as CommitmentState, action);
      if ('problem' in next) throw Conflict(next.problem);
      if (action === 'return' && (row.self_reviewed_at !== null || row.decided_level !== null || row.not_assessed_reason !== null)) {
        throw Conflict('Bản đăng ký đã được kiểm điểm hoặc xếp loại nên không trả lại được nữa.');
      }
      if (action === 'submit') {
        const items = await repository.items([row.id]);
        const problem = itemsProblem(items.map((i) => ({ kind: i.kind as ItemKind, measure: i.measure })), row.kind === 'collective' || row.is_leader);
        if (problem) throw field('items', problem);
        const undated = items.findIndex((i) => i.due_on === null);
        if (undated >= 0) throw field(`items.${undated}.dueOn`, `Việc thứ ${undated + 1} chưa có thời hạn hoàn thành.`);
        await repository.update(row.id, { state: next.to, first_submitted_on: row.first_submitted_on ?? todayInVietnam(), submitted_at: new Date(), return_comment: null });
      } else if (action === 'accept') {
        await repository.update(row.id, { state: next.to });
      } else {
        await repository.update(row.id, { state: next.to, return_comment: comment ?? null });
      }
    });
  }

  return {
    async schemes(): Promise<{ items: AssessmentScheme[] }> {
      return { items: await schemes() };
    },

    async rounds(principal: Principal, year?: number): Promise<CommitmentRoundList> {
      return { items: await presentRounds(principal, await repo.rounds(principal.scope.path, year)), can: { create: canRecordExternal(principal) } };
    },

    async createRound(context: RequestContext, body: CreateRoundBody): Promise<CommitmentRound> {
      if (!canRecordExternal(context.principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh mở đợt đăng ký.');
      return db.transaction().execute(async (trx) => {
        const repository = commitmentsRepository(trx);
        const values = await roundValues(repository, body.year, body);
        if (body.schemeId !== undefined && !(await repository.schemes()).some((s) => s.id === body.schemeId)) throw field('schemeId', 'Hướng dẫn đánh giá không tồn tại.');
        const schemeId = body.schemeId ?? (await repository.schemeForYear(body.year))?.id;
        if (schemeId === undefined) throw field('schemeId', `Chưa có hướng dẫn đánh giá, xếp loại nào áp dụng cho năm ${body.year}; hãy chọn một hướng dẫn.`);
        let id: number;
        try {
          ({ id } = await repository.insertRound({
            unit_id: context.principal.scope.id,
            year: body.year,
            scheme_id: schemeId,
            leader_deadline: body.leaderDeadline,
            member_deadline: body.memberDeadline,
            review_opens_on: body.reviewOpensOn ?? `${body.year}-12-01`,
            study_topic_id: values.study_topic_id ?? null,
            campaign_id: values.campaign_id ?? null,
            standards_note: body.standardsNote ?? null,
            created_by: context.principal.accountId,
          }));
        } catch (error) {
          if (isUniqueViolation(error)) throw field('year', `Năm ${body.year} đã có đợt đăng ký.`);
          throw error;
        }
        const row = (await repository.round(id)) as RoundRow;
        await recordAudit(trx, auditContext(context), {
          action: 'commitment_round.create',
          entityType: 'commitment_round',
          entityId: row.id,
          unit: { id: context.principal.scope.id, path: context.principal.scope.path },
          after: auditedRound(row),
        });
        return (await presentRounds(context.principal, [row], repository))[0] as CommitmentRound;
      });
    },

    async updateRound(context: RequestContext, id: number, body: UpdateRoundBody): Promise<CommitmentRound> {
      if (!canRecordExternal(context.principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh sửa đợt đăng ký.');
      return db.transaction().execute(async (trx) => {
        const repository = commitmentsRepository(trx);
        const before = await repository.round(id, true);
        if (!before || !isInScope(context.principal, before.unit_path)) throw NotFound(ROUND_NOT_FOUND);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        const merged = {
          leaderDeadline: body.leaderDeadline ?? before.leader_deadline,
          memberDeadline: body.memberDeadline ?? before.member_deadline,
          reviewOpensOn: body.reviewOpensOn ?? before.review_opens_on,
          studyTopicId: body.studyTopicId === undefined ? before.study_topic_id : body.studyTopicId,
          campaignId: body.campaignId === undefined ? before.campaign_id : body.campaignId,
        };
        const values = await roundValues(repository, before.year, merged);
        if (body.schemeId !== undefined && !(await repository.schemes()).some((s) => s.id === body.schemeId)) throw field('schemeId', 'Hướng dẫn đánh giá không tồn tại.');
        await repository.updateRound(id, {
          leader_deadline: merged.leaderDeadline,
          member_deadline: merged.memberDeadline,
          review_opens_on: merged.reviewOpensOn,
          study_topic_id: values.study_topic_id ?? null,
          campaign_id: values.campaign_id ?? null,
          ...(body.schemeId !== undefined ? { scheme_id: body.schemeId } : {}),
          ...(body.standardsNote !== undefined ? { standards_note: body.standardsNote } : {}),
        });
        const row = (await repository.round(id)) as RoundRow;
        // Deadlines decide on time / late of every registration of the round: rebuild the summaries.
        if (row.leader_deadline !== before.leader_deadline || row.member_deadline !== before.member_deadline) {
          await sql`SELECT recompute_commitment_rollups()`.execute(trx);
        }
        await recordAudit(trx, auditContext(context), {
          action: 'commitment_round.update',
          entityType: 'commitment_round',
          entityId: id,
          unit: { id: context.principal.scope.id, path: context.principal.scope.path },
          before: auditedRound(before),
          after: auditedRound(row),
        });
        return (await presentRounds(context.principal, [row], repository))[0] as CommitmentRound;
      });
    },

    async mine(principal: Principal, year?: number): Promise<MyCommitment> {
      if (principal.memberId === null) throw NotFound('Tài khoản này không gắn với hồ sơ đảng viên.');
      const member = await repo.member(principal.memberId);
      if (!member) throw NotFound('Không tìm thấy hồ sơ đảng viên của bạn.');
      const rounds = await repo.rounds(member.unit_path, year);
      const round = rounds[0];
      const isLeader = isLeaderMember({ isKeyLeader: member.is_key_leader, isHead: member.is_head });
      const base = {
        member: { id: member.id, fullName: fullName({ familyName: member.family_name, middleName: member.middle_name, givenName: member.given_name }), isLeader, cell: { id: member.unit_id, name: member.unit_name } },
      };
      if (!round) return { ...base, round: null, commitment: null, deadline: null };
      const row = await repo.ofMember(round.id, member.id);
      return {
        ...base,
        round: (await presentRounds(principal, [round]))[0] ?? null,
        commitment: row ? await present(principal, row) : null,
        deadline: row ? deadlineOf(row) : isLeader ? round.leader_deadline : round.member_deadline,
      };
    },

    async get(principal: Principal, id: number): Promise<Commitment> {
      return present(principal, await visible(principal, id));
    },

    async create(context: RequestContext, body: CreateBody): Promise<Commitment> {
      const { principal } = context;
      if ((body.memberId === undefined) === (body.unitId === undefined)) {
        throw field('memberId', 'Hãy chọn đảng viên (đăng ký cá nhân) hoặc đơn vị (đăng ký tập thể).');
      }
      return db.transaction().execute(async (trx) => {
        const repository = commitmentsRepository(trx);
        const round = await repository.round(body.roundId);
        if (!round || !isAboveOrAtScope(principal, round.unit_path)) throw NotFound(ROUND_NOT_FOUND);
        let values: { kind: 'personal' | 'collective'; member_id: number | null; unit_id: number; is_leader: boolean; unit_path: string };
        if (body.memberId !== undefined) {
          const member = await repository.member(body.memberId);
          const own = principal.memberId !== null && principal.memberId === body.memberId;
          if (!member || (!own && (principal.role === 'member' || !isInScope(principal, member.unit_path)))) throw NotFound('Không tìm thấy đảng viên, hoặc đảng viên nằm ngoài phạm vi của bạn.');
          if (member.left_on !== null) throw field('memberId', 'Đảng viên này đã ra khỏi danh sách sinh hoạt.');
          if (!own && !canRecordFor(principal, { path: member.unit_path, valid_to: null })) throw Forbidden('Chỉ đảng viên hoặc bí thư chi bộ của họ được viết bản đăng ký này.');
          if (!isAncestorOrSelf(round.unit_path, member.unit_path)) throw field('roundId', ROUND_NOT_FOUND);
          values = { kind: 'personal', member_id: member.id, unit_id: member.unit_id, is_leader: isLeaderMember({ isKeyLeader: member.is_key_leader, isHead: member.is_head }), unit_path: member.unit_path };
        } else {
          const unit = await repository.unit(body.unitId as number);
          if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
          if (principal.role === 'member' || !canRecordFor(principal, unit)) throw Forbidden('Chỉ cấp ủy hoặc bộ phận giúp việc của đơn vị được đăng ký tập thể.');
          if (!isAncestorOrSelf(round.unit_path, unit.path)) throw field('roundId', ROUND_NOT_FOUND);
          values = { kind: 'collective', member_id: null, unit_id: unit.id, is_leader: false, unit_path: unit.path };
        }
        let id: number;
        try {
          ({ id } = await repository.insert({ round_id: round.id, kind: values.kind, member_id: values.member_id, unit_id: values.unit_id, is_leader: values.is_leader }));
        } catch (error) {
          if (isUniqueViolation(error)) throw Conflict(`Đã có bản đăng ký năm ${round.year} cho ${values.kind === 'personal' ? 'đảng viên' : 'đơn vị'} này; hãy mở bản đã có.`);
          throw error;
        }
        await writeItems(repository, { id, year: round.year, study_topic_id: round.study_topic_id }, body.items);
        const row = await repository.findById(id);
        if (!row) throw NotFound(COMMITMENT_NOT_FOUND);
        await recordAudit(trx, auditContext(context), {
          action: 'commitment.create',
          entityType: 'commitment',
          entityId: id,
          unit: { id: values.unit_id, path: values.unit_path },
          after: auditedCommitment(row, await repository.items([id])),
        });
        return present(principal, row, repository);
      });
    },

    update: (context: RequestContext, id: number, version: number, items: ItemsBody) =>
      change(context, id, version, 'commitment.update', async (repository, row) => {
        if (!isHolder(context.principal, row) && !isReviewer(context.principal, row)) throw Forbidden('Bạn không được sửa bản đăng ký này.');
        if (!isEditable(row.state as CommitmentState)) {
          throw Conflict('Bản đăng ký đã nộp nên không sửa được; chi bộ trả lại thì mới sửa và nộp lại.');
        }
        await writeItems(repository, row, items);
        await repository.update(row.id, {});
      }),

    submit: (context: RequestContext, id: number, version: number) => act(context, id, version, 'submit'),
    accept: (context: RequestContext, id: number, version: number) => act(context, id, version, 'accept'),
    return: (context: RequestContext, id: number, version: number, comment: string) => act(context, id, version, 'return', comment),

    async checkin(context: RequestContext, id: number, body: CheckinBody): Promise<Commitment> {
      return db.transaction().execute(async (trx) => {
        const repository = commitmentsRepository(trx);
        const row = await visible(context.principal, id, repository, true);
        if (!isHolder(context.principal, row)) throw Forbidden('Chỉ người đăng ký báo cáo tiến độ của bản đăng ký này.');
        if (row.state !== 'submitted' && row.state !== 'accepted') throw Conflict('Chỉ báo cáo tiến độ khi bản đăng ký đã nộp.');
        const item = (await repository.items([id])).find((i) => i.id === body.itemId);
        if (!item) throw field('itemId', 'Việc này không thuộc bản đăng ký.');
        if (body.evidenceFileId) {
          const file = await files.attachable(trx, body.evidenceFileId, row.unit_id);
          // Files of a cell are shared by its records; a member attaches only what they uploaded themselves.
          if (context.principal.role === 'member' && file.uploaded_by !== context.principal.accountId) {
            throw field('evidenceFileId', 'Tệp minh chứng phải do chính bạn tải lên. Vui lòng tải tệp lên lại.');
          }
        }
        const today = todayInVietnam();
        const { id: checkinId } = await repository.insertCheckin({
          commitment_id: id,
          item_id: item.id,
          posted_on: today,
          percent: body.percent,
          note: body.note,
          evidence_file_id: body.evidenceFileId ?? null,
          posted_by: context.principal.accountId,
        });
        await repository.update(id, {});
        await recordAudit(trx, auditContext(context), {
          action: 'commitment.checkin',
          entityType: 'commitment_checkin',
          entityId: checkinId,
          unit: { id: row.unit_id, path: row.unit_path },
          after: { commitmentId: id, item: item.number, percent: body.percent, note: body.note, evidenceFileId: body.evidenceFileId ?? null },
        });
        const after = await repository.findById(id);
        return present(context.principal, after as CommitmentRow, repository);
      });
    },

    selfReview: (context: RequestContext, id: number, body: SelfReviewBody) =>
      change(context, id, body.version, 'commitment.self_review', async (repository, row) => {
        if (!isHolder(context.principal, row)) throw Forbidden('Chỉ người đăng ký tự kiểm điểm bản đăng ký của mình.');
        const closed = reviewProblem(todayInVietnam(), row.review_opens_on);
        if (closed) throw field('level', closed);
        if (row.state !== 'accepted') throw Conflict('Bản đăng ký chưa được chi bộ chấp nhận nên chưa tự kiểm điểm được.');
        if (row.decided_level !== null || row.not_assessed_reason !== null) throw Conflict('Cấp ủy đã quyết định xếp loại; không sửa tự kiểm điểm được nữa.');
        const levels = await levelsFor(row, repository);
        if (!levels.some((l) => l.code === body.level)) throw field('level', 'Mức tự xếp loại không có trong hướng dẫn đánh giá của năm.');
        const items = await repository.items([id]);
        const missing = items.find((i) => !body.items.some((r) => r.itemId === i.id));
        if (missing) throw field('items', `Hãy tự đánh giá cả việc thứ ${missing.number}.`);
        const stray = body.items.find((r) => !items.some((i) => i.id === r.itemId));
        if (stray) throw field('items', 'Có việc không thuộc bản đăng ký này.');
        for (const result of body.items) await repository.updateItem(result.itemId, { self_result: result.result, self_note: result.note ?? null });
        await repository.update(id, { self_level: body.level, self_note: body.note ?? null, self_reviewed_at: new Date() });
      }),

    cellReview: (context: RequestContext, id: number, body: CellReviewBody) =>
      change(context, id, body.version, 'commitment.cell_review', async (repository, row) => {
        if (!isReviewer(context.principal, row) || row.kind !== 'personal') throw Forbidden('Chỉ bí thư chi bộ hoặc cấp ủy cấp trên đề nghị mức xếp loại.');
        const closed = reviewProblem(todayInVietnam(), row.review_opens_on);
        if (closed) throw field('level', closed);
        if (row.self_reviewed_at === null) throw Conflict('Đảng viên chưa tự kiểm điểm; chi bộ đề nghị xếp loại sau khi đảng viên tự kiểm điểm.');
        if (row.decided_level !== null || row.not_assessed_reason !== null) throw Conflict('Cấp ủy đã quyết định xếp loại; không sửa đề nghị của chi bộ được nữa.');
        const levels = await levelsFor(row, repository);
        if (!levels.some((l) => l.code === body.level)) throw field('level', 'Mức xếp loại không có trong hướng dẫn đánh giá của năm.');
        await repository.update(id, { cell_level: body.level, cell_note: body.note ?? null, cell_reviewed_at: new Date() });
      }),

    /**
     * The grassroots committee's decisions for its members, saved together; the grassroots unit is locked
     * so that two officers deciding at once check the cap one after the other.
     */
    async decide(context: RequestContext, body: DecisionsBody): Promise<{ saved: number }> {
      const { principal } = context;
      return db.transaction().execute(async (trx) => {
        const repository = commitmentsRepository(trx);
        const unit = await repository.unit(body.unitId);
        if (!unit || !isInScope(principal, unit.path)) throw NotFound(UNIT_NOT_FOUND);
        if (!unit.is_grassroots) throw field('unitId', `${unit.name} không phải tổ chức cơ sở đảng: xếp loại đảng viên do đảng ủy (chi bộ) cơ sở quyết định.`);
        if (!canDecideFor(principal, unit)) throw Forbidden('Chỉ cấp ủy cơ sở hoặc cấp trên quyết định xếp loại đảng viên.');
        const round = await repository.round(body.roundId);
        if (!round || !isAncestorOrSelf(round.unit_path, unit.path)) throw field('roundId', ROUND_NOT_FOUND);
        const closed = reviewProblem(todayInVietnam(), round.review_opens_on);
        if (closed) throw field('decisions', closed);
        await repository.lockUnit(unit.id);
        const ids = body.decisions.map((d) => d.commitmentId);
        if (new Set(ids).size !== ids.length) throw field('decisions', 'Một bản đăng ký được xếp loại hai lần.');
        await repository.lockMany(ids);
        const rows = await repository.manyById(ids);
        const levels = (await repository.levels([round.scheme_id])).filter((l) => l.applies_to === 'member');
        const audits: { row: CommitmentRow; level: string | null; reason: string | null }[] = [];
        for (const [index, decision] of body.decisions.entries()) {
          const row = rows.find((r) => r.id === decision.commitmentId);
          if (!row || row.round_id !== round.id || row.kind !== 'personal' || !(row.unit_path === unit.path || row.unit_path.startsWith(`${unit.path}.`))) {
            throw field(`decisions.${index}`, `Bản đăng ký thứ ${index + 1} không thuộc ${unit.name} trong đợt năm ${round.year}.`);
          }
          if (row.version !== decision.version) throw Conflict(STALE_VERSION_MESSAGE);
          if (principal.memberId !== null && row.member_id === principal.memberId) throw Forbidden('Không ai tự quyết định xếp loại của chính mình.');
          const reason = decision.notAssessedReason ?? null;
          if (decision.level !== null && !levels.some((l) => l.code === decision.level)) throw field(`decisions.${index}.level`, 'Mức xếp loại không có trong hướng dẫn đánh giá của năm.');
          if (decision.level !== null && reason !== null) throw field(`decisions.${index}`, 'Đã xếp loại thì không ghi lý do chưa đánh giá.');
          await repository.update(row.id, { decided_level: decision.level, not_assessed_reason: decision.level === null ? reason : null, decided_at: decision.level === null && reason === null ? null : new Date() });
          audits.push({ row, level: decision.level, reason });
        }
        const scheme = (await repository.schemes()).find((s) => s.id === round.scheme_id);
        const rule = scheme && scheme.cap_level && scheme.cap_relative_to && scheme.cap_ratio ? { capped: scheme.cap_level, relativeTo: scheme.cap_relative_to, ratio: Number(scheme.cap_ratio) } : null;
        const problem = capProblem(rule, await repository.decidedLevels(unit.path, round.id), Object.fromEntries(levels.map((l) => [l.code, l.label])), unit.name);
        if (problem) throw field('decisions', problem);
        for (const { row, level, reason } of audits) {
          await recordAudit(trx, auditContext(context), {
            action: 'commitment.decide',
            entityType: 'commitment',
            entityId: row.id,
            unit: { id: row.unit_id, path: row.unit_path },
            before: { decidedLevel: row.decided_level, notAssessedReason: row.not_assessed_reason },
            after: { decidedLevel: level, notAssessedReason: level === null ? reason : null },
          });
        }
        return { saved: audits.length };
      });
    },

    /** The evidence file of a check-in, for whoever may read the commitment. */
    async evidence(principal: Principal, id: number, checkinId: number) {
      await visible(principal, id);
      const checkin = (await repo.checkins([id])).find((k) => k.id === checkinId);
      const file = checkin?.evidence_file_id ? await files.withContent(checkin.evidence_file_id) : undefined;
      if (!file) throw NotFound('Báo cáo tiến độ này không có minh chứng đính kèm.');
      return file;
    },

    async form(principal: Principal, id: number, form: 'registration' | 'review') {
      const row = await visible(principal, id);
      const commitment = await present(principal, row);
      const lineage = await repo.units(row.unit_path.split('.').map(Number));
      const grassroots = [...lineage].sort((a, b) => b.depth - a.depth).find((u) => u.is_grassroots) ?? lineage.find((u) => u.id === row.unit_id);
      const district = lineage.find((u) => u.depth === 1);
      const place = district ? district.name.replace(/^Đảng bộ\s+/u, '').replace(/^(thành phố|thị xã|huyện|quận)\s+/iu, '') : '';
      const body = await commitmentFormDocx(commitment, { form, grassrootsName: grassroots?.name ?? '', cellName: row.unit_name, place, today: todayInVietnam() });
      const who = commitment.member?.fullName ?? row.unit_name;
      return { fileName: `${form === 'registration' ? 'dang-ky' : 'tu-kiem-diem'}-${row.year}-${who}.docx`, body };
    },
  };

  async function roundValues(repository: CommitmentsRepository, year: number, body: { leaderDeadline: string; memberDeadline: string; reviewOpensOn?: string | undefined; studyTopicId?: number | null | undefined; campaignId?: number | null | undefined }) {
    if (body.leaderDeadline > body.memberDeadline) throw field('leaderDeadline', 'Hạn đăng ký của cán bộ lãnh đạo chủ chốt phải trước hoặc cùng hạn của đảng viên: lãnh đạo đăng ký trước.');
    for (const [key, value] of [['leaderDeadline', body.leaderDeadline], ['memberDeadline', body.memberDeadline], ['reviewOpensOn', body.reviewOpensOn]] as const) {
      if (value && !value.startsWith(`${year}-`)) throw field(key, `Ngày ${ddmmyyyy(value)} không thuộc năm ${year} của đợt đăng ký.`);
    }
    if (body.reviewOpensOn && body.reviewOpensOn <= body.memberDeadline) throw field('reviewOpensOn', 'Kỳ kiểm điểm cuối năm phải mở sau hạn đăng ký.');
    if (body.studyTopicId) {
      const topic = (await repository.topics([body.studyTopicId]))[0];
      if (!topic || topic.year !== year) throw field('studyTopicId', `Chuyên đề đã chọn không phải chuyên đề năm ${year}.`);
    }
    if (body.campaignId && (await repository.campaigns([body.campaignId])).length === 0) throw field('campaignId', 'Cuộc vận động không tồn tại.');
    return { study_topic_id: body.studyTopicId, campaign_id: body.campaignId };
  }
}

function auditedRound(row: RoundRow) {
  return {
    year: row.year,
    schemeId: row.scheme_id,
    leaderDeadline: row.leader_deadline,
    memberDeadline: row.member_deadline,
    reviewOpensOn: row.review_opens_on,
    studyTopicId: row.study_topic_id,
    campaignId: row.campaign_id,
    standardsNote: row.standards_note,
  };
}

export type CommitmentsService = ReturnType<typeof commitmentsService>;
