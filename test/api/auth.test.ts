import { beforeAll, describe, expect, it, inject } from 'vitest';
import { sql } from 'kysely';
import { meSchema } from '../../src/shared/schemas/auth';
import { Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { TEST_PASSWORD, type TestTree, createAccount, createTree } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
});

describe('health and API document', () => {
  it('reports the database in use', async () => {
    const response = await new Client(ctx.app).get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: inject('pgKind') });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('serves the OpenAPI document with every API route', async () => {
    const response = await new Client(ctx.app).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/units/{id}', '/api/accounts', '/api/audit']));
  });

  it('sets security headers', async () => {
    const response = await new Client(ctx.app).get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});

describe('login', () => {
  it('logs in, sets an httpOnly SameSite cookie and answers who I am', async () => {
    const account = await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon });
    const client = new Client(ctx.app);
    const response = await client.login(account.username, TEST_PASSWORD);
    expect(response.status).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/lamtheo_sid=/u);
    expect(cookie).toMatch(/HttpOnly/iu);
    expect(cookie).toMatch(/SameSite=Lax/iu);
    const me = meSchema.parse((await client.get('/api/auth/me')).body);
    expect(me.scopeUnit).toEqual({ id: tree.tuSon.id, name: tree.tuSon.name, kind: 'district_committee' });
    expect(me.permissions).toEqual({ editTree: true, manageAccounts: false, viewAudit: false });
  });

  it('refuses a wrong password and an unknown user with the same Vietnamese message', async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA });
    const wrong = await new Client(ctx.app).login(account.username, 'Sai12345678');
    const unknown = await new Client(ctx.app).login('khong.ton.tai', 'Sai12345678');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('answers bad input with 400 and a Vietnamese message', async () => {
    const client = new Client(ctx.app);
    const malformed = await client.request({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe('Dữ liệu gửi lên không phải JSON hợp lệ.');
    const wrongType = await client.post('/api/auth/login', { username: 12, password: 'x' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toBe('validation');
    const unknownField = await client.post('/api/auth/login', { username: 'a', password: 'b', admin: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toContain('admin');
    const tooLong = await client.post('/api/auth/login', { username: 'a'.repeat(65), password: 'b' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toContain('64');
    const form = await client.request({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'username=a' });
    expect(form.status).toBe(400);
  });

  it('rate-limits failed attempts per account', async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA });
    for (let i = 0; i < 5; i++) expect((await new Client(ctx.app).login(account.username, `Sai${i}2345678`)).status).toBe(401);
    const limited = await new Client(ctx.app).login(account.username, TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/quá nhiều lần/u);
  });

  it('refuses a disabled account', async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA });
    await ctx.db.updateTable('account').set({ disabled_at: new Date() }).where('id', '=', account.id).execute();
    const response = await new Client(ctx.app).login(account.username, TEST_PASSWORD);
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/bị khóa/u);
  });

  it('issues a new session on every login (no fixation) and ends it on logout', async () => {
    const account = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA });
    const planted = new Client(ctx.app, 'lamtheo_sid=planted-by-attacker');
    await planted.login(account.username, TEST_PASSWORD);
    expect(planted.sessionCookie).not.toBe('lamtheo_sid=planted-by-attacker');
    expect((await planted.get('/api/auth/me')).status).toBe(200);
    expect((await new Client(ctx.app, 'lamtheo_sid=planted-by-attacker').get('/api/auth/me')).status).toBe(401);
    expect((await planted.post('/api/auth/logout')).status).toBe(204);
    expect((await planted.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const account = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA });
    const client = await loggedIn(ctx.app, account);
    await ctx.db.updateTable('session').set({ expires_at: sql`now() - interval '1 minute'` }).where('account_id', '=', account.id).execute();
    const response = await client.get('/api/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/hết hạn/u);
  });

  it('refuses a write from another site (CSRF)', async () => {
    const account = await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon });
    const client = await loggedIn(ctx.app, account);
    const response = await client.request({
      method: 'POST',
      url: '/api/units',
      headers: { origin: 'https://evil.example', host: 'localhost:80' },
      payload: { parentId: tree.tuSon.id, name: 'Chi bộ giả', kind: 'grassroots_cell' },
    });
    expect(response.status).toBe(403);
    expect((await ctx.db.selectFrom('unit').select('id').where('name', '=', 'Chi bộ giả').execute()).length).toBe(0);
  });
});

describe('change own password', () => {
  it('checks the current password and the strength of the new one, then switches', async () => {
    const account = await createAccount(ctx.db, { role: 'member', scope: tree.cellA });
    const client = await loggedIn(ctx.app, account);
    const other = await loggedIn(ctx.app, account);
    const wrongCurrent = await client.post('/api/auth/password', { currentPassword: 'Sai12345678', newPassword: 'MatKhauMoi2012' });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.message).toBe('Mật khẩu hiện tại không đúng.');
    const weak = await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'abc' });
    expect(weak.status).toBe(400);
    expect(weak.body.message).toMatch(/ít nhất 8/u);
    expect((await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'MatKhauMoi2012' })).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(ctx.app).login(account.username, TEST_PASSWORD)).status).toBe(401);
    expect((await new Client(ctx.app).login(account.username, 'MatKhauMoi2012')).status).toBe(200);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', account.id).where('action', '=', 'auth.change_password').execute();
    expect(audit).toHaveLength(1);
  });

  it('holds an account with an initial password to changing it first', async () => {
    const account = await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon, mustChangePassword: true });
    const client = await loggedIn(ctx.app, account);
    expect((await client.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    const blocked = await client.get(`/api/units/${tree.tuSon.id}`);
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toMatch(/đổi mật khẩu/u);
    expect((await client.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'MatKhauMoi2012' })).status).toBe(204);
    expect((await client.get(`/api/units/${tree.tuSon.id}`)).status).toBe(200);
  });
});
