import type { FastifyReply, FastifyRequest } from 'fastify';
import { passwordProblem } from '../../../shared/domain/roles';
import type { ChangePasswordBody, LoginBody, Me } from '../../../shared/schemas/auth';
import type { Db } from '../../db/connect';
import { auditContext, recordAudit } from '../../http/audit';
import { RateLimited, Unauthorized, Validation } from '../../http/errors';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../../http/passwords';
import { canEditTree, canManageAccounts, canViewAudit } from '../../http/policies';
import type { Principal, RequestContext } from '../../http/principal';
import { SESSION_COOKIE, type SessionOptions, createSession, destroyOtherSessions, destroySession, findPrincipalByAccount } from '../../http/sessions';
import { authRepository } from './auth.repository';

/** Failed attempts allowed in the window, per account name and per client address. */
export const LOGIN_LIMITS = { windowMinutes: 15, perUsername: 5, perIp: 30 };

const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export function presentMe(principal: Principal): Me {
  return {
    id: principal.accountId,
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
    memberId: principal.memberId,
    mustChangePassword: principal.mustChangePassword,
    scopeUnit: { id: principal.scope.id, name: principal.scope.name, kind: principal.scope.kind },
    permissions: {
      editTree: canEditTree(principal),
      manageAccounts: canManageAccounts(principal),
      viewAudit: canViewAudit(principal),
    },
  };
}

export function authService(db: Db, sessionOptions: SessionOptions) {
  const repo = authRepository(db);

  return {
    async login(request: FastifyRequest, reply: FastifyReply, body: LoginBody): Promise<Me> {
      const username = body.username.toLowerCase();
      const failures = await repo.recentFailures(username, request.ip, LOGIN_LIMITS.windowMinutes);
      if (failures.byUsername >= LOGIN_LIMITS.perUsername || failures.byIp >= LOGIN_LIMITS.perIp) {
        throw RateLimited(`Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${LOGIN_LIMITS.windowMinutes} phút.`);
      }
      const account = await repo.findAccountByUsername(username);
      const ok = await verifyPassword(body.password, account?.password_hash ?? (await DUMMY_HASH_PROMISE));
      if (!account || !ok) {
        await repo.recordFailure(username, request.ip);
        throw Unauthorized(WRONG_CREDENTIALS);
      }
      if (account.disabled_at) throw Unauthorized('Tài khoản đã bị khóa. Vui lòng liên hệ cán bộ quản lý tài khoản.');
      await repo.clearFailures(username);
      // The session and its audit entry exist together or not at all (a crash between them would leave an unaudited login).
      await db.transaction().execute(async (trx) => {
        const repository = authRepository(trx);
        await repository.markLogin(account.id);
        await createSession(trx, reply, account.id, request, sessionOptions);
        const scope = await repository.scopePath(account.scope_unit_id);
        await recordAudit(trx, { actorId: account.id, requestId: request.id, ip: request.ip }, {
          action: 'auth.login',
          entityType: 'account',
          entityId: account.id,
          unit: scope,
        });
      });
      const principal = await findPrincipalByAccount(db, account.id);
      if (!principal) throw Unauthorized();
      return presentMe(principal);
    },

    async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      await destroySession(db, request, reply);
    },

    async changePassword(context: RequestContext, request: FastifyRequest, body: ChangePasswordBody): Promise<void> {
      const { principal } = context;
      const stored = await repo.findPasswordHash(principal.accountId);
      if (!stored || !(await verifyPassword(body.currentPassword, stored.password_hash))) {
        throw Validation('Mật khẩu hiện tại không đúng.', [{ path: 'body.currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
      }
      const problem = passwordProblem(body.newPassword, principal.username);
      if (problem) throw Validation(problem, [{ path: 'body.newPassword', message: problem }]);
      if (body.newPassword === body.currentPassword) throw Validation('Mật khẩu mới phải khác mật khẩu hiện tại.');
      const hash = await hashPassword(body.newPassword);
      await db.transaction().execute(async (tx) => {
        await authRepository(tx).setPassword(principal.accountId, hash, false);
        // Other devices logged in with the old password are signed out.
        await destroyOtherSessions(tx, principal.accountId, request.cookies[SESSION_COOKIE]);
        const scope = await authRepository(tx).scopePath(principal.scope.id);
        await recordAudit(tx, auditContext(context), { action: 'auth.change_password', entityType: 'account', entityId: principal.accountId, unit: scope });
      });
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
