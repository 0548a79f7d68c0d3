import { type Gender, idNumberProblem, memberDateProblems } from '../../../shared/domain/members';
import { POSITION_LABELS, type Position } from '../../../shared/domain/roles';
import { foldForSearch, fullName } from '../../../shared/domain/text';
import { holdsMembers, type UnitKind } from '../../../shared/domain/units';
import type { CreateMemberBody, MemberDetail, MemberListQuery, UpdateMemberBody } from '../../../shared/schemas/members';
import type { memberExportQuerySchema } from '../../../shared/schemas/members';
import type { z } from 'zod';
import { writeMemberSheet } from './member-sheet';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { todayInVietnam } from '../../http/clock';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { canEditTree, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { auditedMember, presentMemberDetail, presentMemberSummary } from './members.presenter';
import { type MemberRow, type MembersRepository, membersRepository } from './members.repository';

type MemberExportQuery = z.infer<typeof memberExportQuerySchema>;
const EXPORT_LIMIT = 200_000;
/** Above this many members a subtree list walks the name index instead of sorting (see the repository). */
const LARGE_SUBTREE = 20_000;
const NOT_FOUND = 'Không tìm thấy đảng viên, hoặc đảng viên nằm ngoài phạm vi bạn được xem.';

export const TIMELINE_LABELS: Record<string, string> = {
  'member.create': 'Tạo hồ sơ',
  'member.update': 'Sửa hồ sơ',
  'member.import': 'Nhập từ Excel',
  'member.transfer': 'Chuyển sinh hoạt',
  'member.leave': 'Ra khỏi danh sách',
  'member.position_add': 'Nhận chức vụ',
  'member.position_end': 'Thôi chức vụ',
  'member.phone': 'Tự cập nhật số điện thoại',
};

interface MemberEdit {
  action: string;
  /** Columns to change on the member row; its version is bumped either way. */
  set?: Record<string, unknown>;
  audit: (after: MemberRow) => { unit?: { id: number; path: string }; before?: Record<string, unknown>; after?: Record<string, unknown> };
}

type UnitRow = NonNullable<Awaited<ReturnType<ReturnType<typeof membersRepository>['unit']>>>;

/** A member is seen by officers whose scope covers their cell, and by the member themself. */
function canView(principal: Principal, row: MemberRow): boolean {
  return isInScope(principal, row.unit_path) || principal.memberId === row.id;
}

function canEdit(principal: Principal, row: MemberRow): boolean {
  return canEditTree(principal) && isInScope(principal, row.unit_path);
}

export function membersService(db: Db) {
  const repo = membersRepository(db);

  async function visible(principal: Principal, id: number, repository = repo, forUpdate = false): Promise<MemberRow> {
    const row = await repository.findById(id, forUpdate);
    if (!row || !canView(principal, row)) throw NotFound(NOT_FOUND);
    return row;
  }

  async function editable(principal: Principal, id: number, version: number, repository = repo): Promise<MemberRow> {
    const row = await visible(principal, id, repository, true);
    if (!canEdit(principal, row)) throw Forbidden('Bạn không được sửa hồ sơ đảng viên này.');
    if (row.version !== version) throw Conflict(STALE_VERSION_MESSAGE);
    return row;
  }

  async function memberUnit(principal: Principal, unitId: number, repository = repo): Promise<UnitRow> {
    const unit = await repository.unit(unitId);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy chi bộ, hoặc chi bộ nằm ngoài phạm vi của bạn.');
    if (!holdsMembers(unit.kind as UnitKind)) throw Validation('Đảng viên chỉ sinh hoạt ở chi bộ (chi bộ cơ sở hoặc chi bộ trực thuộc).');
    if (unit.valid_to) throw Validation('Chi bộ này đã đóng.');
    return unit;
  }

  async function detail(principal: Principal, row: MemberRow, repository = repo): Promise<MemberDetail> {
    const scopeDepth = principal.scope.path.split('.').length - 1;
    const [positions, unitPath] = await Promise.all([
      repository.positionHistory(row.id),
      isInScope(principal, row.unit_path) ? repository.ancestorsOf(row.unit_path, scopeDepth) : Promise.resolve([]),
    ]);
    const editableRow = canEdit(principal, row) && row.left_on === null;
    return presentMemberDetail(row, {
      positions,
      unitPath,
      can: { edit: editableRow, editPhone: principal.memberId === row.id && row.left_on === null, transfer: editableRow, leave: editableRow },
    });
  }

  function checkRecord(m: { birthDate: string | null; joinedOn: string | null; officialOn: string | null; status: 'probationary' | 'full'; idNumber: string | null; gender: Gender }): void {
    const problems = memberDateProblems(m, todayInVietnam()).map((p) => ({ path: `body.${p.field}`, message: p.message }));
    const idProblem = m.idNumber ? idNumberProblem(m.idNumber, m.birthDate, m.gender) : null;
    if (idProblem) problems.push({ path: 'body.idNumber', message: idProblem });
    if (problems.length > 0) throw Validation(problems[0]?.message ?? 'Dữ liệu không hợp lệ.', problems);
  }

  async function checkCard(cardNumber: string | null, exceptId: number | undefined, repository = repo): Promise<void> {
    if (cardNumber && (await repository.cardNumberOwner(cardNumber, exceptId)) !== null) {
      throw Conflict(`Số thẻ đảng viên ${cardNumber} đã thuộc về một đảng viên khác.`);
    }
  }

  /**
   * One officer's change to a member, in one transaction: lock the row and check scope and version, let
   * `plan` validate and make its own writes, update the row with the version it read, audit, answer.
   */
  async function editMember(
    context: RequestContext,
    id: number,
    version: number,
    plan: (before: MemberRow, repository: MembersRepository) => Promise<MemberEdit>,
  ): Promise<MemberDetail> {
    const { principal } = context;
    return db.transaction().execute(async (tx) => {
      const txRepo = membersRepository(tx);
      const before = await editable(principal, id, version, txRepo);
      const edit = await plan(before, txRepo);
      if (!(await txRepo.update(id, version, edit.set ?? {}))) throw Conflict(STALE_VERSION_MESSAGE);
      const after = await visible(principal, id, txRepo);
      const entry = edit.audit(after);
      await recordAudit(tx, auditContext(context), {
        action: edit.action,
        entityType: 'member',
        entityId: id,
        unit: entry.unit ?? { id: after.unit_id, path: after.unit_path },
        before: entry.before ?? null,
        after: entry.after ?? null,
      });
      return detail(principal, after, txRepo);
    });
  }

  return {
    async list(principal: Principal, query: MemberListQuery) {
      const unit = await repo.unit(query.unitId);
      if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
      if (principal.role === 'member') throw Forbidden('Đảng viên chỉ xem được hồ sơ của chính mình.');
      const filter = { ...query, q: query.q?.trim() ? foldForSearch(query.q) : undefined };
      const unfiltered = !filter.q && !filter.status && !filter.position && filter.keyLeader === undefined && filter.head === undefined && !filter.sector && !filter.ageBand && !filter.includeLeft;
      // Without filters the trigger-kept counts answer "how many" without counting millions of rows.
      const knownTotal = unfiltered ? (query.subtree ? unit.member_count : unit.direct_member_count) : null;
      const largeSubtree = query.subtree && unit.member_count >= LARGE_SUBTREE;
      const { items, total } = await repo.list({ unitId: unit.id, unitPath: unit.path, subtree: query.subtree }, filter, todayInVietnam(), knownTotal, largeSubtree);
      return { items: items.map(presentMemberSummary), total };
    },

    /** The filtered list as .xlsx, with the import template's headers (so it can be imported elsewhere). */
    async export(principal: Principal, query: MemberExportQuery): Promise<Buffer> {
      const unit = await repo.unit(query.unitId);
      if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
      if (principal.role === 'member') throw Forbidden('Đảng viên chỉ xem được hồ sơ của chính mình.');
      const filter = { ...query, q: query.q?.trim() ? foldForSearch(query.q) : undefined, page: 1, pageSize: EXPORT_LIMIT };
      const rows = await repo.all({ unitId: unit.id, unitPath: unit.path, subtree: query.subtree }, filter, todayInVietnam(), EXPORT_LIMIT + 1);
      if (rows.length > EXPORT_LIMIT) throw Validation(`Danh sách có hơn ${EXPORT_LIMIT} đảng viên: hãy lọc bớt hoặc xuất theo từng đơn vị.`);
      return writeMemberSheet(rows.map((row) => ({ row, unitCode: row.unit_code })));
    },

    async get(principal: Principal, id: number): Promise<MemberDetail> {
      return detail(principal, await visible(principal, id));
    },

    async mine(principal: Principal): Promise<MemberDetail> {
      if (principal.memberId === null) throw NotFound('Tài khoản này chưa gắn với hồ sơ đảng viên.');
      return detail(principal, await visible(principal, principal.memberId));
    },

    async timeline(principal: Principal, id: number) {
      const row = await visible(principal, id);
      const entries = await repo.timeline(row.id);
      return entries.map((e) => ({
        at: e.at.toISOString(),
        action: e.action,
        label: TIMELINE_LABELS[e.action] ?? e.action,
        actor: e.actor,
        before: e.before,
        after: e.after,
      }));
    },

    async create(context: RequestContext, body: CreateMemberBody): Promise<MemberDetail> {
      const { principal } = context;
      if (!canEditTree(principal)) throw Forbidden('Vai trò của bạn không được thêm đảng viên.');
      checkRecord(body);
      return db.transaction().execute(async (tx) => {
        const txRepo = membersRepository(tx);
        const unit = await memberUnit(principal, body.unitId, txRepo);
        await checkCard(body.cardNumber, undefined, txRepo);
        const id = await txRepo.insert({
          unit_id: unit.id,
          family_name: body.familyName,
          middle_name: body.middleName,
          given_name: body.givenName,
          search_name: foldForSearch(fullName(body)),
          gender: body.gender,
          birth_date: body.birthDate,
          ethnicity: body.ethnicity,
          status: body.status,
          joined_on: body.joinedOn,
          official_on: body.officialOn,
          card_number: body.cardNumber,
          id_number: body.idNumber,
          phone: body.phone,
          is_key_leader: body.isKeyLeader,
          is_head: body.isHead,
        });
        const created = await visible(principal, id, txRepo);
        await recordAudit(tx, auditContext(context), { action: 'member.create', entityType: 'member', entityId: id, unit: { id: unit.id, path: unit.path }, after: auditedMember(created) });
        return detail(principal, created, txRepo);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateMemberBody): Promise<MemberDetail> {
      return editMember(context, id, body.version, async (before, txRepo) => {
        if (before.left_on) throw Validation('Đảng viên đã ra khỏi danh sách, không sửa được hồ sơ.');
        const merged = {
          familyName: body.familyName ?? before.family_name,
          middleName: body.middleName ?? before.middle_name,
          givenName: body.givenName ?? before.given_name,
          birthDate: body.birthDate === undefined ? before.birth_date : body.birthDate,
          joinedOn: body.joinedOn === undefined ? before.joined_on : body.joinedOn,
          officialOn: body.officialOn === undefined ? before.official_on : body.officialOn,
          status: body.status ?? (before.status as 'probationary' | 'full'),
          idNumber: body.idNumber === undefined ? before.id_number : body.idNumber,
          gender: body.gender ?? (before.gender as Gender),
        };
        checkRecord(merged);
        if (body.cardNumber) await checkCard(body.cardNumber, id, txRepo);
        const set = {
          ...(body.familyName !== undefined ? { family_name: body.familyName } : {}),
          ...(body.middleName !== undefined ? { middle_name: body.middleName } : {}),
          ...(body.givenName !== undefined ? { given_name: body.givenName } : {}),
          search_name: foldForSearch(fullName(merged)),
          ...(body.birthDate !== undefined ? { birth_date: body.birthDate } : {}),
          ...(body.gender !== undefined ? { gender: body.gender } : {}),
          ...(body.ethnicity !== undefined ? { ethnicity: body.ethnicity } : {}),
          ...(body.status !== undefined ? { status: body.status } : {}),
          ...(body.joinedOn !== undefined ? { joined_on: body.joinedOn } : {}),
          ...(body.officialOn !== undefined ? { official_on: body.officialOn } : {}),
          ...(body.cardNumber !== undefined ? { card_number: body.cardNumber } : {}),
          ...(body.idNumber !== undefined ? { id_number: body.idNumber } : {}),
          ...(body.phone !== undefined ? { phone: body.phone } : {}),
          ...(body.isKeyLeader !== undefined ? { is_key_leader: body.isKeyLeader } : {}),
          ...(body.isHead !== undefined ? { is_head: body.isHead } : {}),
        };
        return { action: 'member.update', set, audit: (after) => ({ before: auditedMember(before), after: auditedMember(after) }) };
      });
    },

    async updateMyPhone(context: RequestContext, body: { version: number; phone: string | null }): Promise<MemberDetail> {
      const { principal } = context;
      if (principal.memberId === null) throw NotFound('Tài khoản này chưa gắn với hồ sơ đảng viên.');
      const memberId = principal.memberId;
      return db.transaction().execute(async (tx) => {
        const txRepo = membersRepository(tx);
        const before = await visible(principal, memberId, txRepo, true);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        if (!(await txRepo.update(memberId, body.version, { phone: body.phone }))) throw Conflict(STALE_VERSION_MESSAGE);
        const after = await visible(principal, memberId, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'member.phone',
          entityType: 'member',
          entityId: memberId,
          unit: { id: after.unit_id, path: after.unit_path },
          before: { phone: before.phone },
          after: { phone: after.phone },
        });
        return detail(principal, after, txRepo);
      });
    },

    async transfer(context: RequestContext, id: number, body: { version: number; toUnitId: number; on: string }): Promise<MemberDetail> {
      return editMember(context, id, body.version, async (before, txRepo) => {
        if (before.left_on) throw Validation('Đảng viên đã ra khỏi danh sách, không chuyển sinh hoạt được.');
        const target = await memberUnit(context.principal, body.toUnitId, txRepo);
        if (target.id === before.unit_id) throw Validation('Đảng viên đang sinh hoạt ở chi bộ này rồi.');
        if (body.on > todayInVietnam()) throw Validation('Ngày chuyển không được sau hôm nay.');
        if (before.joined_on && body.on < before.joined_on) throw Validation('Ngày chuyển không được trước ngày vào Đảng.');
        // Positions held in the old cell (or committees above it that do not also cover the new cell) end on the day of the move.
        await txRepo.endPositions(id, body.on, target.path);
        return {
          action: 'member.transfer',
          set: { unit_id: target.id },
          audit: () => ({
            unit: { id: target.id, path: target.path },
            before: { unitId: before.unit_id, unitName: before.unit_name },
            after: { unitId: target.id, unitName: target.name, on: body.on },
          }),
        };
      });
    },

    async leave(context: RequestContext, id: number, body: { version: number; leftOn: string; reason: string }): Promise<MemberDetail> {
      return editMember(context, id, body.version, async (before, txRepo) => {
        if (before.left_on) throw Validation('Đảng viên đã ra khỏi danh sách từ trước.');
        if (body.leftOn > todayInVietnam()) throw Validation('Ngày ra khỏi danh sách không được sau hôm nay.');
        if (before.joined_on && body.leftOn < before.joined_on) throw Validation('Ngày ra khỏi danh sách không được trước ngày vào Đảng.');
        await txRepo.endPositions(id, body.leftOn, null);
        return {
          action: 'member.leave',
          set: { left_on: body.leftOn, left_reason: body.reason },
          audit: () => ({ before: { leftOn: null, leftReason: null }, after: { leftOn: body.leftOn, leftReason: body.reason } }),
        };
      });
    },

    async addPosition(context: RequestContext, id: number, body: { version: number; position: Position; unitId: number; startedOn: string }): Promise<MemberDetail> {
      return editMember(context, id, body.version, async (member, txRepo) => {
        if (member.left_on) throw Validation('Đảng viên đã ra khỏi danh sách.');
        const unit = await txRepo.unit(body.unitId);
        if (!unit || !isInScope(context.principal, unit.path)) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
        if (!(member.unit_path === unit.path || member.unit_path.startsWith(`${unit.path}.`))) {
          throw Validation('Chức vụ phải thuộc chi bộ của đảng viên hoặc một cấp ủy cấp trên của chi bộ đó.');
        }
        if (body.startedOn > todayInVietnam()) throw Validation('Ngày nhận chức vụ không được sau hôm nay.');
        const positionId = await txRepo.insertPosition({ member_id: id, unit_id: unit.id, position: body.position, started_on: body.startedOn });
        return {
          action: 'member.position_add',
          audit: () => ({ after: { positionId, position: POSITION_LABELS[body.position], unitName: unit.name, startedOn: body.startedOn } }),
        };
      });
    },

    async endPosition(context: RequestContext, id: number, positionId: number, body: { version: number; endedOn: string }): Promise<MemberDetail> {
      return editMember(context, id, body.version, async (_member, txRepo) => {
        const position = await txRepo.position(id, positionId);
        if (!position) throw NotFound('Không tìm thấy chức vụ này của đảng viên.');
        if (position.ended_on) throw Validation('Chức vụ này đã kết thúc.');
        if (body.endedOn < position.started_on) throw Validation('Ngày thôi chức vụ không được trước ngày nhận.');
        await txRepo.endPosition(positionId, body.endedOn);
        return {
          action: 'member.position_end',
          audit: () => ({ before: { positionId, position: POSITION_LABELS[position.position as Position] }, after: { endedOn: body.endedOn } }),
        };
      });
    },
  };
}

export type MembersService = ReturnType<typeof membersService>;
