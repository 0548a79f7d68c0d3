import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { settableClock } from '../../src/server/http/clock';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createTree } from '../helpers/factories';

/** Urging endpoints (issue #11): rules, notification centre, preferences, sent log, one-off urging, unsubscribe. */

let ctx: TestContext;
let tree: TestTree;
const clock = settableClock();
let province: Client;
let district: Client;
let grassroots: Client;
let secretary: Client;
let member: Client;
let secretaryId: number;
let grassrootsId: number;

beforeAll(async () => {
  clock.set('2012-06-19');
  ctx = await setupApp({ clock, urging: { emailEnabled: true, jobs: null } });
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  const grassrootsAccount = await createAccount(ctx.db, { role: 'grassroots_officer', scope: tree.dinhBang });
  grassrootsId = grassrootsAccount.id;
  grassroots = await loggedIn(ctx.app, grassrootsAccount);
  const secretaryAccount = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA });
  secretaryId = secretaryAccount.id;
  secretary = await loggedIn(ctx.app, secretaryAccount);
  member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA }));
});

describe('reminder rules', () => {
  it('creates, lists, edits and closes a rule, audited', async () => {
    const created = await province.post('/api/urging/rules', { year: 2012, itemKind: 'meeting_record', daysBefore: 3, onDue: true, daysAfter: 7, digestToParent: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ rootUnit: { id: tree.province.id }, year: 2012, itemKind: 'meeting_record', daysBefore: 3, daysAfter: 7, validFrom: '2012-01-01', validTo: null, state: 'active', version: 1, can: { edit: true, close: true } });

    const listed = await district.get('/api/urging/rules?year=2012');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].can).toEqual({ edit: false, close: false });
    expect(listed.body.can.create).toBe(true);

    const refused = await district.patch(`/api/urging/rules/${created.body.id}`, { version: 1, daysBefore: 5 });
    expect(refused.status).toBe(403);

    const edited = await province.patch(`/api/urging/rules/${created.body.id}`, { version: 1, daysBefore: 5, daysAfter: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ daysBefore: 5, daysAfter: null, version: 2 });
    const stale = await province.patch(`/api/urging/rules/${created.body.id}`, { version: 1, daysBefore: 2 });
    expect(stale.status).toBe(409);

    const closed = await province.post(`/api/urging/rules/${created.body.id}/close`, { version: 2 });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ validTo: '2012-06-19', state: 'active', can: { edit: true } });
    clock.set('2012-06-20');
    const after = await province.get('/api/urging/rules?year=2012');
    expect(after.body.items[0]).toMatchObject({ state: 'closed', can: { edit: false, close: false } });
    const again = await province.post(`/api/urging/rules/${created.body.id}/close`, { version: 3 });
    expect(again.status).toBe(409);
    clock.set('2012-06-19');

    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'reminder_rule').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['reminder_rule.create', 'reminder_rule.update', 'reminder_rule.close']);
  });

  it('refuses a negative offset with a Vietnamese 400, writing nothing', async () => {
    const before = await databaseFingerprint(ctx.db);
    const negativeBefore = await province.post('/api/urging/rules', { year: 2012, itemKind: 'plan', daysBefore: -3 });
    expect(negativeBefore.status).toBe(400);
    expect(negativeBefore.body.message).toMatch(/không được âm/u);
    const negativeAfter = await province.post('/api/urging/rules', { year: 2012, itemKind: 'plan', daysAfter: -1 });
    expect(negativeAfter.status).toBe(400);
    expect(negativeAfter.body.message).toMatch(/không được âm/u);
    const nothing = await province.post('/api/urging/rules', { year: 2012, itemKind: 'plan', daysBefore: null, onDue: false, daysAfter: null });
    expect(nothing.status).toBe(400);
    expect(nothing.body.message).toMatch(/ít nhất một lần/u);
    const badKind = await province.post('/api/urging/rules', { year: 2012, itemKind: 'party' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toMatch(/Loại việc/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('refuses overlapping rules of the same kind and a rule outside the scope; roles without tree rights get 403', async () => {
    const first = await district.post('/api/urging/rules', { year: 2012, itemKind: 'follow_up', onDue: true, daysAfter: 3 });
    expect(first.status).toBe(201);
    const clash = await district.post('/api/urging/rules', { year: 2012, itemKind: 'follow_up', daysBefore: 2, validFrom: '2012-07-01' });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/đã có quy tắc/u);
    const outside = await district.post('/api/urging/rules', { rootUnitId: tree.queVo.id, year: 2012, itemKind: 'plan', onDue: true });
    expect(outside.status).toBe(404);
    const bySecretary = await secretary.post('/api/urging/rules', { year: 2012, itemKind: 'plan', onDue: true });
    expect(bySecretary.status).toBe(403);
    const byMember = await member.post('/api/urging/rules', { year: 2012, itemKind: 'plan', onDue: true });
    expect(byMember.status).toBe(403);
    // A sibling district does not even see it.
    const queVo = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo }));
    expect((await queVo.get('/api/urging/rules?year=2012')).body.items.map((r: { id: number }) => r.id)).not.toContain(first.body.id);
    expect((await queVo.patch(`/api/urging/rules/${first.body.id}`, { version: 1, onDue: false })).status).toBe(404);
  });
});

describe('one-off urging, notification centre and sent log', () => {
  it('sends to the accounts of the units, shows in their bell, and in the sender\'s sent log', async () => {
    await ctx.db.updateTable('account').set({ email: 'bithu.dinh@example.vn' }).where('id', '=', secretaryId).execute();
    const sent = await district.post('/api/urging/messages', { itemKind: 'meeting_record', unitIds: [tree.cellA.id, tree.dinhBang.id, tree.cellA.id], text: '  Đề nghị chi bộ ghi biên bản sinh hoạt tháng 5.  ' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ units: 2, recipients: 2, emails: 1, unitsWithoutRecipient: [] });

    const count = await secretary.get('/api/notifications/count');
    expect(count.body).toEqual({ unread: 1 });
    const list = await secretary.get('/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, unread: 1, page: 1 });
    expect(list.body.items[0]).toMatchObject({
      kind: 'urging',
      itemKind: 'meeting_record',
      unit: { id: tree.cellA.id },
      title: 'Đảng bộ Thị xã Từ Sơn đôn đốc',
      body: 'Đề nghị chi bộ ghi biên bản sinh hoạt tháng 5.',
      link: `/sinh-hoat/${tree.cellA.id}?year=2012`,
      businessDate: '2012-06-19',
      readAt: null,
    });

    const id = list.body.items[0].id as number;
    // Somebody else's notification is not found.
    expect((await grassroots.post(`/api/notifications/${id}/read`)).status).toBe(404);
    const read = await secretary.post(`/api/notifications/${id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ unread: 0 });
    expect((await secretary.get('/api/notifications?unread=1')).body.items).toEqual([]);

    const all = await grassroots.post('/api/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ updated: 1 });
    expect((await grassroots.get('/api/notifications/count')).body).toEqual({ unread: 0 });

    const log = await district.get('/api/urging/sent');
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(2);
    const toSecretary = log.body.items.find((i: { recipient: { id: number } }) => i.recipient.id === secretaryId);
    expect(toSecretary).toMatchObject({ kind: 'urging', sender: expect.any(String), delivery: { email: 'bithu.dinh@example.vn', status: 'pending', attempts: 0 } });
    expect(log.body.items.find((i: { recipient: { id: number } }) => i.recipient.id === grassrootsId).delivery).toBeNull();
    // The province sees it too (its subtree); the sibling district does not; a cell secretary may not look.
    expect((await province.get(`/api/urging/sent?unitId=${tree.tuSon.id}&from=2012-06-01&to=2012-06-30&kind=urging`)).body.total).toBe(2);
    const queVo = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo }));
    expect((await queVo.get('/api/urging/sent')).body.total).toBe(0);
    expect((await queVo.get(`/api/urging/sent?unitId=${tree.tuSon.id}`)).status).toBe(404);
    expect((await secretary.get('/api/urging/sent')).status).toBe(403);

    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', 'in', ['urging_message', 'notification']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['urging.send', 'notification.read', 'notification.read_all']);
  });

  it('refuses a recipient out of scope (404, nothing sent), its own unit, empty lists and members', async () => {
    const before = await databaseFingerprint(ctx.db);
    const outside = await district.post('/api/urging/messages', { itemKind: 'plan', unitIds: [tree.cellA.id, tree.cellB.id], text: 'Khẩn trương.' });
    expect(outside.status).toBe(404);
    expect(outside.body.message).toMatch(/ngoài phạm vi/u);
    const own = await district.post('/api/urging/messages', { unitIds: [tree.tuSon.id], text: 'Tự nhắc.' });
    expect(own.status).toBe(400);
    expect(own.body.message).toMatch(/cấp dưới/u);
    const empty = await district.post('/api/urging/messages', { unitIds: [], text: 'Không ai.' });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/ít nhất một đơn vị/u);
    const blank = await district.post('/api/urging/messages', { unitIds: [tree.cellA.id], text: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toMatch(/không được để trống/u);
    expect((await member.post('/api/urging/messages', { unitIds: [tree.cellA.id], text: 'x' })).status).toBe(403);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });
});

describe('preferences and unsubscribe', () => {
  it('reads defaults, saves the address and preferences, refuses an invalid address', async () => {
    const defaults = await grassroots.get('/api/me/notification-preferences');
    expect(defaults.status).toBe(200);
    expect(defaults.body).toEqual({ email: null, emailEnabled: true, emailKinds: ['reminder', 'digest', 'urging'], digest: 'daily', quietFrom: null, quietTo: null, emailConfigured: true, version: 1 });

    const before = await databaseFingerprint(ctx.db);
    const invalid = await grassroots.put('/api/me/notification-preferences', { ...defaults.body, email: 'không phải thư', emailConfigured: undefined });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/Địa chỉ thư điện tử không hợp lệ/u);
    const halfQuiet = await grassroots.put('/api/me/notification-preferences', { email: null, emailEnabled: true, emailKinds: [], digest: 'daily', quietFrom: '22:00', quietTo: null, version: 1 });
    expect(halfQuiet.status).toBe(400);
    expect(halfQuiet.body.message).toMatch(/Giờ yên lặng/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);

    const saved = await grassroots.put('/api/me/notification-preferences', { email: ' DinhBang@Example.VN ', emailEnabled: true, emailKinds: ['digest', 'urging'], digest: 'weekly', quietFrom: '21:30', quietTo: '06:00', version: 1 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ email: 'dinhbang@example.vn', emailKinds: ['digest', 'urging'], digest: 'weekly', quietFrom: '21:30', quietTo: '06:00', version: 2 });
    const stale = await grassroots.put('/api/me/notification-preferences', { email: null, emailEnabled: true, emailKinds: [], digest: 'daily', quietFrom: null, quietTo: null, version: 1 });
    expect(stale.status).toBe(409);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'notification_preference.update').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ email: 'dinhbang@example.vn', digest: 'weekly' });
  });

  it('unsubscribes without login: GET only asks, POST does it, a wrong token is a 404 page', async () => {
    const pref = await ctx.db.selectFrom('notification_preference').select(['unsubscribe_token', 'email_enabled']).where('account_id', '=', grassrootsId).executeTakeFirstOrThrow();
    expect(pref.unsubscribe_token).toMatch(/^[0-9a-f]{64}$/u);
    const { Client } = await import('../helpers/app');
    const anonymous = new Client(ctx.app);
    const page = await anonymous.get(`/huy-dang-ky/${pref.unsubscribe_token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/u);
    expect(page.body).toContain('d***@example.vn');
    expect(page.body).toContain(`action="/huy-dang-ky/${pref.unsubscribe_token}"`);
    // GET changed nothing.
    expect((await ctx.db.selectFrom('notification_preference').select('email_enabled').where('account_id', '=', grassrootsId).executeTakeFirstOrThrow()).email_enabled).toBe(true);

    const done = await anonymous.request({ method: 'POST', url: `/huy-dang-ky/${pref.unsubscribe_token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Đã ngừng gửi thư');
    expect((await grassroots.get('/api/me/notification-preferences')).body).toMatchObject({ emailEnabled: false, version: 3 });
    const audit = await ctx.db.selectFrom('audit_log').select(['actor_id', 'entity_id']).where('action', '=', 'notification_preference.unsubscribe').execute();
    expect(audit).toEqual([{ actor_id: null, entity_id: grassrootsId }]);
    // Twice is harmless and writes nothing more.
    expect((await anonymous.request({ method: 'POST', url: `/huy-dang-ky/${pref.unsubscribe_token}` })).status).toBe(200);
    expect(await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'notification_preference.unsubscribe').execute()).toHaveLength(1);

    expect((await anonymous.get(`/huy-dang-ky/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await anonymous.request({ method: 'POST', url: '/huy-dang-ky/abc' })).status).toBe(404);
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification_preference WHERE NOT email_enabled`.execute(ctx.db);
    expect(count.rows[0]?.n).toBe(1);
  });
});
