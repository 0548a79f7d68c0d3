import { beforeAll, describe, expect, it } from 'vitest';
import { accountSchema } from '../../src/shared/schemas/accounts';
import { type Client, Client as HttpClient, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createMember, createTree } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
});

describe('accounts managed by province officers', () => {
  it('creates an account that must change its initial password, and audits it without the hash', async () => {
    const response = await province.post('/api/accounts', {
      username: 'Tuson.BPGV',
      displayName: 'Bộ phận giúp việc Thị ủy Từ Sơn',
      role: 'district_officer',
      scopeUnitId: tree.tuSon.id,
      password: 'BanDau2012',
    });
    expect(response.status).toBe(201);
    const account = accountSchema.parse(response.body);
    expect(account.username).toBe('tuson.bpgv');
    const client = new HttpClient(ctx.app);
    await client.login('tuson.bpgv', 'BanDau2012');
    expect((await client.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', 'account.create').where('entity_id', '=', account.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toMatch(/scrypt|BanDau/u);
    expect(audit.after).toMatchObject({ username: 'tuson.bpgv', role: 'district_officer' });
  });

  it('refuses a duplicate username, a weak password and a role that does not fit the unit', async () => {
    const before = await databaseFingerprint(ctx.db);
    const base = { displayName: 'Cán bộ', role: 'district_officer', scopeUnitId: tree.queVo.id, password: 'ManhMe2012' };
    await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo, username: 'quevo' });
    const afterSeed = await databaseFingerprint(ctx.db);
    expect(afterSeed).not.toBe(before);
    const duplicate = await province.post('/api/accounts', { ...base, username: 'quevo' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toMatch(/đã có người dùng/u);
    const weak = await province.post('/api/accounts', { ...base, username: 'quevo2', password: 'abc12' });
    expect(weak.status).toBe(400);
    const misfit = await province.post('/api/accounts', { ...base, username: 'quevo3', scopeUnitId: tree.cellB.id });
    expect(misfit.status).toBe(400);
    expect(misfit.body.message).toMatch(/phải gắn với đơn vị loại/u);
    const memberWithoutRecord = await province.post('/api/accounts', { ...base, username: 'dv1', role: 'member', scopeUnitId: tree.cellB.id });
    expect(memberWithoutRecord.status).toBe(400);
    const badName = await province.post('/api/accounts', { ...base, username: 'Nguyễn Văn A' });
    expect(badName.status).toBe(400);
    expect(badName.body.message).toMatch(/chữ không dấu/u);
    expect(await databaseFingerprint(ctx.db)).toBe(afterSeed);
  });

  it('links a member account to a member of its cell only', async () => {
    const memberA = await createMember(ctx.db, tree.cellA);
    const wrongCell = await province.post('/api/accounts', { username: 'dv.sai', displayName: 'Đảng viên', role: 'member', scopeUnitId: tree.cellB.id, memberId: memberA, password: 'ManhMe2012' });
    expect(wrongCell.status).toBe(400);
    const ok = await province.post('/api/accounts', { username: 'dv.dung', displayName: 'Đảng viên', role: 'member', scopeUnitId: tree.cellA.id, memberId: memberA, password: 'ManhMe2012' });
    expect(ok.status).toBe(201);
    expect(ok.body.memberId).toBe(memberA);
  });

  it('lists accounts with search without diacritics and by unit', async () => {
    await createAccount(ctx.db, { role: 'grassroots_officer', scope: tree.dinhBang, username: 'dinhbang.bpgv' });
    await ctx.db.updateTable('account').set({ display_name: 'Đảng ủy phường Đình Bảng' }).where('username', '=', 'dinhbang.bpgv').execute();
    const byName = await province.get('/api/accounts?q=dang%20uy%20phuong%20dinh');
    expect(byName.body.items.map((a: { username: string }) => a.username)).toEqual(['dinhbang.bpgv']);
    const byUnit = await province.get(`/api/accounts?unitId=${tree.dinhBang.id}`);
    expect(byUnit.body.items.every((a: { scopeUnit: { id: number } }) => [tree.dinhBang.id, tree.cellA.id].includes(a.scopeUnit.id))).toBe(true);
  });

  it('disables an account, which ends its sessions; a stale version is refused', async () => {
    const target = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellB });
    const targetClient = await loggedIn(ctx.app, target);
    const disabled = await province.patch(`/api/accounts/${target.id}`, { version: 1, disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await targetClient.get('/api/auth/me')).status).toBe(401);
    const stale = await province.patch(`/api/accounts/${target.id}`, { version: 1, displayName: 'Tên khác' });
    expect(stale.status).toBe(409);
  });

  it('resets a password: the account must change it at next login', async () => {
    const target = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellB });
    expect((await province.post(`/api/accounts/${target.id}/password`, { newPassword: 'DatLai2012x' })).status).toBe(204);
    const client = new HttpClient(ctx.app);
    expect((await client.login(target.username, 'DatLai2012x')).status).toBe(200);
    expect((await client.get('/api/auth/me')).body.mustChangePassword).toBe(true);
  });

  it('refuses officers below the province and self-lockout', async () => {
    const district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
    const response = await district.get('/api/accounts');
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/cấp tỉnh/u);
    const me = (await province.get('/api/auth/me')).body;
    const account = (await province.get(`/api/accounts?q=${me.username}`)).body.items[0];
    const selfLock = await province.patch(`/api/accounts/${me.id}`, { version: account.version, disabled: true });
    expect(selfLock.status).toBe(400);
  });
});

describe('audit log', () => {
  it('shows who changed what, filtered by action and unit, newest first', async () => {
    const read = (await province.get(`/api/units/${tree.cellB.id}`)).body;
    await province.patch(`/api/units/${tree.cellB.id}`, { version: read.version, name: 'Chi bộ thôn Liễu Thượng' });
    const response = await province.get(`/api/audit?action=unit.update&unitId=${tree.queVo.id}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(1);
    expect(response.body.items[0]).toMatchObject({
      action: 'unit.update',
      entityType: 'unit',
      entityId: tree.cellB.id,
      unit: { id: tree.cellB.id, name: 'Chi bộ thôn Liễu Thượng' },
      before: { name: 'Chi bộ thôn Liễu Hạ' },
      after: { name: 'Chi bộ thôn Liễu Thượng' },
    });
    expect(response.body.items[0].actor.username).toMatch(/^u/u);
    const outOfRange = await province.get('/api/audit?from=2012-01-01&to=2012-12-31');
    expect(outOfRange.body.total).toBe(0);
    const reversed = await province.get('/api/audit?from=2013-01-01&to=2012-12-31');
    expect(reversed.status).toBe(400);
  });
});

describe('my member record', () => {
  it('shows a member their own record and nothing for officers without one', async () => {
    const memberId = await createMember(ctx.db, tree.cellA, { familyName: 'Âu Dương', middleName: 'Thị', givenName: 'Bảo Ngọc' });
    await ctx.db.insertInto('member_position').values({ member_id: memberId, unit_id: tree.cellA.id, position: 'deputy_secretary', started_on: '2010-10-01' }).execute();
    const member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
    const response = await member.get('/api/me/member');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ fullName: 'Âu Dương Thị Bảo Ngọc', unit: { id: tree.cellA.id }, positions: ['Phó Bí thư'], positionHistory: [{ position: 'deputy_secretary', label: 'Phó Bí thư' }] });
    expect((await province.get('/api/me/member')).status).toBe(404);
  });
});
