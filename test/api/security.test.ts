import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import { LOGIN_LIMITS } from '../../src/server/capabilities/auth/auth.service';
import { Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { createTestDatabase } from '../helpers/database';
import { TEST_PASSWORD, type TestTree, createAccount, createTree } from '../helpers/factories';

/**
 * Authorisation extras beyond test/api/auth.test.ts (which covers login, a planted cookie, the
 * per-account limit, one foreign-Origin write and the minimum length): old tokens die at login and
 * logout, the same-origin rule in full, security headers on API, HTML and file answers, the Secure
 * cookie, the per-address limit, password strength everywhere a password is set, the request id on
 * every answer (404, 500) and errors that leak nothing.
 */

let ctx: TestContext;
let tree: TestTree;

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
});

describe('session fixation', () => {
  it('ends the token a browser comes with when it logs in, and the session at logout', async () => {
    const account = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA });
    const first = await loggedIn(ctx.app, account);
    const before = first.sessionCookie;
    expect((await first.get('/api/auth/me')).status).toBe(200);
    // Logging in again (say, someone else at the same browser) issues a new token and ends the old one.
    const again = await first.login(account.username, TEST_PASSWORD);
    expect(again.status).toBe(200);
    expect(first.sessionCookie).not.toBe(before);
    expect((await new Client(ctx.app, before).get('/api/auth/me')).status).toBe(401);
    const current = first.sessionCookie;
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    expect((await new Client(ctx.app, current).get('/api/auth/me')).status).toBe(401);
  });
});

describe('cross-site requests (CSRF)', () => {
  it('accepts a same-origin write and refuses foreign, opaque or unreadable origins, changing nothing', async () => {
    const client = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
    const write = (headers: Record<string, string>, name: string) =>
      client.request({ method: 'POST', url: '/api/units', headers: { host: 'lamtheo.example', ...headers }, payload: { parentId: tree.tuSon.id, name, kind: 'grassroots_committee' } });
    expect((await write({ origin: 'https://lamtheo.example' }, 'Đảng bộ xã Cùng Nguồn')).status).toBe(201);
    expect((await write({ referer: 'https://lamtheo.example/don-vi/1' }, 'Đảng bộ xã Cùng Trang')).status).toBe(201);
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { referer: 'https://evil.example/form' }, { origin: 'null' }, { origin: 'https://lamtheo.example.evil.example' }];
    for (const headers of foreign) {
      const response = await write(headers, 'Đảng bộ xã Giả');
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.body.message).toMatch(/trang web khác|nguồn gửi/u);
    }
    const patch = await client.request({ method: 'PATCH', url: `/api/units/${tree.dinhBang.id}`, headers: { host: 'lamtheo.example', origin: 'https://evil.example' }, payload: { version: 1, name: 'Tên giả' } });
    expect(patch.status).toBe(403);
    expect(await ctx.db.selectFrom('unit').select('id').where('name', 'in', ['Đảng bộ xã Giả', 'Tên giả']).execute()).toEqual([]);
  });
});

const expectSecurityHeaders = (headers: Record<string, unknown>, label: string) => {
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['x-frame-options'], label).toBe('DENY');
  expect(headers['referrer-policy'], label).toBe('same-origin');
  expect(String(headers['content-security-policy']), label).toContain("frame-ancestors 'none'");
  expect(String(headers['content-security-policy']), label).toContain("script-src 'self'");
  expect(headers['x-request-id'], label).toBeTruthy();
};

describe('security headers', () => {
  it('sends them on API answers, errors, files and the web client\'s HTML', async () => {
    const client = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
    expectSecurityHeaders((await client.get('/api/auth/me')).headers, 'API');
    expectSecurityHeaders((await client.get('/api/units/999999')).headers, 'API 404');
    expectSecurityHeaders((await new Client(ctx.app).get('/api/units/1')).headers, 'API 401');
    const api = await client.get('/api/auth/me');
    expect(api.headers['cache-control']).toBe('no-store');
    const template = await client.get('/api/member-imports/template');
    expect(template.status).toBe(200);
    expectSecurityHeaders(template.headers, 'file');
    expect(String(template.headers['content-disposition'])).toMatch(/^attachment;/u);
    // The web client's pages, from a built client directory.
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Lamtheo</title>');
    const web = await buildApp({ db: ctx.db, database: inject('pgKind'), webDir });
    try {
      for (const url of ['/', '/don-vi/1', '/index.html']) {
        const page = await web.inject({ method: 'GET', url });
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['content-type'], url).toMatch(/text\/html/u);
        expectSecurityHeaders(page.headers, url);
      }
    } finally {
      await web.close();
      fs.rmSync(webDir, { recursive: true, force: true });
    }
  });
});

describe('session cookie', () => {
  it('is HttpOnly and SameSite always, and Secure when COOKIE_SECURE is set', async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA });
    const plain = String((await new Client(ctx.app).login(account.username, TEST_PASSWORD)).headers['set-cookie']);
    expect(plain).toMatch(/HttpOnly/iu);
    expect(plain).toMatch(/SameSite=Lax/iu);
    expect(plain).not.toMatch(/Secure/iu);
    const secureApp = await buildApp({ db: ctx.db, database: inject('pgKind'), cookieSecure: true });
    try {
      const secure = String((await new Client(secureApp).login(account.username, TEST_PASSWORD)).headers['set-cookie']);
      expect(secure).toMatch(/; Secure/iu);
      expect(secure).toMatch(/HttpOnly/iu);
      expect(secure).toMatch(/SameSite=Lax/iu);
      expect(secure).toMatch(/Path=\//u);
    } finally {
      await secureApp.close();
    }
  });
});

describe('login rate limit', () => {
  it('limits failed attempts per address across account names, whatever X-Forwarded-For says', { timeout: 120_000 }, async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA });
    const attempt = (remoteAddress: string, username: string, password: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.1` }, payload: { username, password } });
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) expect((await attempt('203.0.113.7', `khong.co.${i}`, 'Sai12345678')).statusCode).toBe(401);
    const limited = await attempt('203.0.113.7', account.username, TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message).toMatch(/quá nhiều lần/u);
    // Another address is not held back, and the account itself is fine.
    expect((await attempt('203.0.113.8', account.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('limits per account across addresses', { timeout: 60_000 }, async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA });
    for (let i = 0; i < LOGIN_LIMITS.perUsername; i++) {
      const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: `198.51.100.${i + 1}`, payload: { username: account.username.toUpperCase(), password: 'Sai12345678' } });
      expect(response.statusCode).toBe(401);
    }
    const limited = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.99', payload: { username: account.username, password: TEST_PASSWORD } });
    expect(limited.statusCode).toBe(429);
  });
});

describe('password strength', () => {
  const weak: [string, RegExp][] = [
    ['Ab1', /ít nhất 8/u],
    ['chithuanchu', /chữ và số/u],
    ['1234567890', /chữ và số/u],
    [`A1${'x'.repeat(199)}`, /200/u],
  ];

  it('holds every way of setting a password to the same rule: own change, new account, reset', { timeout: 60_000 }, async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA, username: 'nguyen.an' });
    const self = await loggedIn(ctx.app, account);
    const admin = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
    for (const [password, message] of [...weak, ['Nguyen.An2012', /tên đăng nhập/u] as [string, RegExp]]) {
      const own = await self.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: password });
      expect(own.status, password).toBe(400);
      expect(own.body.message, password).toMatch(message);
      const reset = await admin.post(`/api/accounts/${account.id}/password`, { newPassword: password });
      expect(reset.status, password).toBe(400);
      expect(reset.body.message, password).toMatch(message);
    }
    for (const [password, message] of weak) {
      const created = await admin.post('/api/accounts', { username: 'tai.khoan.moi', displayName: 'Tài khoản mới', role: 'member', scopeUnitId: tree.cellA.id, password });
      expect(created.status, password).toBe(400);
      expect(created.body.message, password).toMatch(message);
    }
    expect(await ctx.db.selectFrom('account').select('id').where('username', '=', 'tai.khoan.moi').execute()).toEqual([]);
  });
});

describe('request ids and errors that leak nothing', () => {
  it('answers an unknown address with 404, a Vietnamese message and the request id', async () => {
    for (const url of ['/api/khong-co', '/api/units/1/khong-co', '/khong-co']) {
      const response = await new Client(ctx.app).get(url);
      expect(response.status, url).toBe(404);
      expect(response.body).toEqual({ error: 'not_found', message: expect.stringMatching(/Không tìm thấy/u), requestId: response.headers['x-request-id'] });
    }
    // Each answer has its own id.
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add(String((await new Client(ctx.app).get('/api/health')).headers['x-request-id']));
    expect(ids.size).toBe(5);
  });

  it('answers a failure inside the server with 500, the request id, and no stack, SQL or table name', { timeout: 120_000 }, async () => {
    // A database of its own, broken on purpose: a table the service reads is gone.
    const broken = await createTestDatabase();
    const app = await buildApp({ db: broken.db, database: inject('pgKind') });
    try {
      const brokenTree = await createTree(broken.db);
      const client = await loggedIn(app, await createAccount(broken.db, { role: 'province_officer', scope: brokenTree.province }));
      await sql`ALTER TABLE party_document RENAME TO party_document_gone`.execute(broken.db);
      const response = await client.get(`/api/documents?unitId=${brokenTree.province.id}`);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ error: 'internal', message: expect.stringMatching(/lỗi hệ thống/u), requestId: response.headers['x-request-id'] });
      expect(response.headers['x-request-id']).toBeTruthy();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const text = response.raw.toString('utf8');
      for (const leak of [/party_document/iu, /relation/iu, /select/iu, /\bat [\w.<>]+ \(/u, /node_modules/u, /\.ts:\d+/u, /stack/iu, /postgres/iu]) expect(text).not.toMatch(leak);
    } finally {
      await app.close();
      await broken.drop();
    }
  });

  it('answers a malformed URL or an overlong parameter in Vietnamese with the request id', async () => {
    for (const [url, status] of [['/api/units/%ZZ', 400], [`/api/units/${'7'.repeat(150)}`, 414]] as const) {
      const response = await new Client(ctx.app).get(url);
      expect(response.status, url).toBe(status);
      expect(response.body).toEqual({ error: 'validation', message: expect.stringMatching(/Địa chỉ yêu cầu/u), requestId: response.headers['x-request-id'] });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

