import { ROLE_LABELS, ROLE_SCOPE_KINDS, type Role, passwordProblem } from '../../../shared/domain/roles';
import { foldForSearch } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../shared/domain/units';
import type { Account, CreateAccountBody, UpdateAccountBody } from '../../../shared/schemas/accounts';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { Conflict, Forbidden, NotFound, STALE_VERSION_MESSAGE, Validation } from '../../http/errors';
import { hashPassword } from '../../http/passwords';
import { canManageAccounts, isInScope } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { auditedAccount, presentAccount } from './accounts.presenter';
import { type AccountRow, accountsRepository } from './accounts.repository';

export function accountsService(db: Db) {
  const repo = accountsRepository(db);

  function requireManager(principal: Principal): void {
    if (!canManageAccounts(principal)) throw Forbidden('Chỉ cán bộ giúp việc cấp tỉnh được quản lý tài khoản.');
  }

  async function visibleAccount(principal: Principal, id: number, repository = repo): Promise<AccountRow> {
    const row = await repository.findById(id);
    if (!row || !isInScope(principal, row.scope_path)) throw NotFound('Không tìm thấy tài khoản trong phạm vi của bạn.');
    return row;
  }

  /** The scope unit must be inside the manager's subtree, open, and of a kind that fits the role. */
  async function checkScope(principal: Principal, role: Role, scopeUnitId: number, memberId: number | null | undefined, repository = repo) {
    const unit = await repository.unit(scopeUnitId);
    if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị phạm vi, hoặc đơn vị nằm ngoài phạm vi của bạn.');
    if (unit.valid_to) throw Validation('Đơn vị phạm vi đã đóng.');
    if (!ROLE_SCOPE_KINDS[role].includes(unit.kind)) {
      const kinds = ROLE_SCOPE_KINDS[role].map((kind) => UNIT_KIND_LABELS[kind as UnitKind]).join(', ');
      throw Validation(`Vai trò "${ROLE_LABELS[role]}" phải gắn với đơn vị loại: ${kinds}.`);
    }
    if (role === 'member' && !memberId) throw Validation('Tài khoản đảng viên phải gắn với hồ sơ đảng viên.');
    if (memberId) {
      const member = await repository.member(memberId);
      if (!member || member.unit_id !== unit.id) throw Validation('Hồ sơ đảng viên không thuộc đơn vị phạm vi đã chọn.');
      if (member.left_on) throw Validation('Đảng viên này đã ra khỏi danh sách sinh hoạt.');
    }
    return unit;
  }

  return {
    async list(principal: Principal, query: { q?: string | undefined; unitId?: number | undefined; page: number; pageSize: number }) {
      requireManager(principal);
      let within = principal.scope.path;
      if (query.unitId !== undefined) {
        const unit = await repo.unit(query.unitId);
        if (!unit || !isInScope(principal, unit.path)) throw NotFound('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
        within = unit.path;
      }
      const q = query.q?.trim() ? foldForSearch(query.q) : undefined;
      const { items, total } = await repo.list(within, q, query.page, query.pageSize);
      return { items: items.map(presentAccount), total };
    },

    async create(context: RequestContext, body: CreateAccountBody): Promise<Account> {
      requireManager(context.principal);
      const problem = passwordProblem(body.password, body.username);
      if (problem) throw Validation(problem, [{ path: 'body.password', message: problem }]);
      const passwordHash = await hashPassword(body.password);
      return db.transaction().execute(async (tx) => {
        const txRepo = accountsRepository(tx);
        const unit = await checkScope(context.principal, body.role, body.scopeUnitId, body.memberId, txRepo);
        if (await txRepo.usernameTaken(body.username)) throw Conflict(`Tên đăng nhập "${body.username}" đã có người dùng.`);
        const id = await txRepo.insert({
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          role: body.role,
          scopeUnitId: unit.id,
          memberId: body.memberId ?? null,
        });
        const created = await visibleAccount(context.principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'account.create',
          entityType: 'account',
          entityId: id,
          unit: { id: unit.id, path: unit.path },
          after: auditedAccount(created),
        });
        return presentAccount(created);
      });
    },

    async update(context: RequestContext, id: number, body: UpdateAccountBody): Promise<Account> {
      requireManager(context.principal);
      return db.transaction().execute(async (tx) => {
        const txRepo = accountsRepository(tx);
        const before = await visibleAccount(context.principal, id, txRepo);
        if (before.version !== body.version) throw Conflict(STALE_VERSION_MESSAGE);
        if (id === context.principal.accountId && (body.disabled || body.role || body.scopeUnitId)) {
          throw Validation('Không thể tự khóa, đổi vai trò hay phạm vi của chính mình.');
        }
        const role = (body.role ?? before.role) as Role;
        const scopeUnitId = body.scopeUnitId ?? before.scope_id;
        if (body.role !== undefined || body.scopeUnitId !== undefined) await checkScope(context.principal, role, scopeUnitId, before.member_id, txRepo);
        const ok = await txRepo.update(id, body.version, {
          ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.scopeUnitId !== undefined ? { scope_unit_id: body.scopeUnitId } : {}),
          ...(body.disabled !== undefined ? { disabled_at: body.disabled ? new Date() : null } : {}),
        });
        if (!ok) throw Conflict(STALE_VERSION_MESSAGE);
        // A disabled account, or one whose powers changed, must log in again.
        if (body.disabled || body.role !== undefined || body.scopeUnitId !== undefined) await txRepo.deleteSessions(id);
        const after = await visibleAccount(context.principal, id, txRepo);
        await recordAudit(tx, auditContext(context), {
          action: 'account.update',
          entityType: 'account',
          entityId: id,
          unit: { id: after.scope_id, path: after.scope_path },
          before: auditedAccount(before),
          after: auditedAccount(after),
        });
        return presentAccount(after);
      });
    },

    async resetPassword(context: RequestContext, id: number, newPassword: string): Promise<void> {
      requireManager(context.principal);
      const target = await visibleAccount(context.principal, id);
      const problem = passwordProblem(newPassword, target.username);
      if (problem) throw Validation(problem, [{ path: 'body.newPassword', message: problem }]);
      const hash = await hashPassword(newPassword);
      await db.transaction().execute(async (tx) => {
        const txRepo = accountsRepository(tx);
        await txRepo.setPassword(id, hash);
        await txRepo.deleteSessions(id);
        await recordAudit(tx, auditContext(context), {
          action: 'account.reset_password',
          entityType: 'account',
          entityId: id,
          unit: { id: target.scope_id, path: target.scope_path },
        });
      });
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
