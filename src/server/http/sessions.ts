import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import type { UnitKind } from '../../shared/domain/units';
import type { Db } from '../db/connect';
import { Forbidden, Unauthorized } from './errors';
import type { Principal, RequestContext } from './principal';

export const SESSION_COOKIE = 'lamtheo_sid';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, API docs). */
    public?: boolean;
    /** Reachable while the account must still change its initial password. */
    allowPendingPasswordChange?: boolean;
  }
}

export interface SessionOptions {
  sessionHours: number;
  cookieSecure: boolean;
}

const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Issue a fresh random token for every login, so a planted cookie can never become a session (fixation). */
export async function createSession(db: Db, reply: FastifyReply, accountId: number, request: FastifyRequest, options: SessionOptions): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  // The token the browser came with (an earlier login, or one planted by someone else) ends here.
  const presented = request.cookies[SESSION_COOKIE];
  if (presented) await db.deleteFrom('session').where('token_hash', '=', hashToken(presented)).execute();
  await db
    .insertInto('session')
    .values({
      token_hash: hashToken(token),
      account_id: accountId,
      expires_at: new Date(Date.now() + options.sessionHours * 3600_000),
      ip: request.ip,
      user_agent: (request.headers['user-agent'] ?? '').slice(0, 300),
    })
    .execute();
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.cookieSecure,
    maxAge: options.sessionHours * 3600,
  });
}

export async function destroySession(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await db.deleteFrom('session').where('token_hash', '=', hashToken(token)).execute();
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function destroyOtherSessions(db: Db, accountId: number, keepToken: string | undefined): Promise<void> {
  let query = db.deleteFrom('session').where('account_id', '=', accountId);
  if (keepToken) query = query.where('token_hash', '<>', hashToken(keepToken));
  await query.execute();
}

function principalQuery(db: Db) {
  return db
    .selectFrom('account as a')
    .innerJoin('unit as u', 'u.id', 'a.scope_unit_id')
    .select([
      'a.id',
      'a.username',
      'a.display_name',
      'a.role',
      'a.member_id',
      'a.must_change_password',
      'u.id as scope_id',
      sql<string>`u.path::text`.as('scope_path'),
      'u.name as scope_name',
      'u.kind as scope_kind',
    ])
    .where('a.disabled_at', 'is', null);
}

type PrincipalRow = NonNullable<Awaited<ReturnType<ReturnType<typeof principalQuery>['executeTakeFirst']>>>;

function toPrincipal(row: PrincipalRow): Principal {
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    memberId: row.member_id,
    mustChangePassword: row.must_change_password,
    scope: { id: row.scope_id, path: row.scope_path, name: row.scope_name, kind: row.scope_kind as UnitKind },
  };
}

export async function findPrincipalByAccount(db: Db, accountId: number): Promise<Principal | null> {
  const row = await principalQuery(db).where('a.id', '=', accountId).executeTakeFirst();
  return row ? toPrincipal(row) : null;
}

async function findPrincipalBySession(db: Db, token: string, options: SessionOptions): Promise<Principal | null> {
  const row = await principalQuery(db)
    .innerJoin('session as s', 's.account_id', 'a.id')
    .select('s.expires_at')
    .where('s.token_hash', '=', hashToken(token))
    .where('s.expires_at', '>', new Date())
    .executeTakeFirst();
  if (!row) return null;
  // Sliding expiry: extend once less than half of the lifetime is left.
  const lifetime = options.sessionHours * 3600_000;
  if (row.expires_at.getTime() - Date.now() < lifetime / 2) {
    await db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() + lifetime) })
      .where('token_hash', '=', hashToken(token))
      .execute();
  }
  return toPrincipal(row);
}

/**
 * Resolve the session on every request; refuse non-public routes without one. This runs before the
 * body is parsed and validated, so an anonymous caller learns nothing from validation messages.
 */
export function registerSessions(app: FastifyInstance, db: Db, options: SessionOptions): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    // Only the API needs a session; the web client's files are public and are served without a database
    // lookup, so the page still loads (and can show the API's 503 message) while the database is down.
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    request.principal = token ? await findPrincipalBySession(db, token, options) : null;
    const config = request.routeOptions.config;
    if (config.public) return;
    if (!request.principal) throw Unauthorized('Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập. Vui lòng đăng nhập lại.');
    if (request.principal.mustChangePassword && !config.allowPendingPasswordChange) {
      throw Forbidden('Bạn cần đổi mật khẩu ban đầu trước khi tiếp tục.');
    }
  });
}

/** The principal of a request on a protected route (the preHandler has already refused anonymous calls). */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.principal) throw Unauthorized();
  return { principal: request.principal, requestId: request.id, ip: request.ip };
}
