import { beforeAll, describe, expect, it } from 'vitest';
import { helperCoverageSchema, helperUnitByUnitSchema, helperUnitDetailSchema } from '../../src/shared/schemas/helper-units';
import { Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createDocument, createHelperUnit, createMember, createTree, createUnit } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;
let decision: { id: number; symbol: string };
let rules: { id: number; symbol: string };
let plan: { id: number; symbol: string };
let provinceDecision: { id: number; symbol: string };

const del = (client: Client, url: string) => client.request({ method: 'DELETE', url });

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  decision = await createDocument(ctx.db, tree.tuSon, { docType: 'decision', typeSymbol: 'QĐ', issuedOn: '2011-09-15', title: 'Quyết định thành lập Bộ phận giúp việc' });
  rules = await createDocument(ctx.db, tree.tuSon, { docType: 'rules', typeSymbol: 'QC', issuedOn: '2011-10-01', title: 'Quy chế làm việc của Bộ phận giúp việc' });
  plan = await createDocument(ctx.db, tree.tuSon, { docType: 'plan', typeSymbol: 'KH', issuedOn: '2011-10-01' });
  provinceDecision = await createDocument(ctx.db, tree.province, { docType: 'decision', typeSymbol: 'QĐ', issuedOn: '2011-09-10' });
});

describe('setting up a helper unit', () => {
  it('shows a committee without one, with what the caller may do', async () => {
    const response = helperUnitByUnitSchema.parse((await district.get(`/api/helper-units/by-unit/${tree.tuSon.id}`)).body);
    expect(response.helperUnit).toBeNull();
    expect(response.unit).toEqual({ id: tree.tuSon.id, name: tree.tuSon.name, kind: 'district_committee', closedOn: null });
    expect(response.can).toEqual({ create: true, edit: false });
    const cell = helperUnitByUnitSchema.parse((await district.get(`/api/helper-units/by-unit/${tree.cellA.id}`)).body);
    expect(cell.can.create).toBe(false);
  });

  it('refuses bad set-ups with Vietnamese messages and writes nothing', async () => {
    const before = await databaseFingerprint(ctx.db);
    const body = (extra: Record<string, unknown>) => ({ unitId: tree.tuSon.id, name: 'Bộ phận giúp việc Thị ủy', establishedOn: '2011-09-20', ...extra });
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [body({ foundingDocumentId: plan.id }), 400, new RegExp(`Văn bản ${plan.symbol} là kế hoạch; quyết định thành lập phải là quyết định \\(QĐ\\)`, 'u')],
      [body({ regulationDocumentId: decision.id }), 400, /quy chế làm việc phải là quy chế \(QC\)/u],
      [body({ foundingDocumentId: provinceDecision.id }), 400, /phải là văn bản do chính Đảng bộ Thị xã Từ Sơn ban hành/u],
      [body({ foundingDocumentId: 999_999 }), 400, /phải là văn bản do chính/u],
      [body({ establishedOn: '2099-01-01' }), 400, /không được sau hôm nay/u],
      [body({ foundingDocumentId: decision.id, establishedOn: '2011-09-01' }), 400, /không được trước ngày ban hành quyết định thành lập/u],
      [body({ name: '   ' }), 400, /Tên bộ phận giúp việc không được để trống/u],
      [body({ unitId: tree.cellA.id }), 400, /Chỉ Tỉnh ủy, Huyện ủy/u],
      [body({ unitId: tree.queVo.id }), 404, /ngoài phạm vi/u],
    ];
    for (const [payload, status, message] of cases) {
      const response = await district.post('/api/helper-units', payload);
      expect(response.status, JSON.stringify(payload)).toBe(status);
      expect(response.body.message, JSON.stringify(payload)).toMatch(message);
    }
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('refuses a member (403) and an anonymous caller (401)', async () => {
    const memberId = await createMember(ctx.db, tree.cellA, { familyName: 'Lê', middleName: 'Văn', givenName: 'Thường' });
    const member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
    const before = await databaseFingerprint(ctx.db);
    const forbidden = await member.post('/api/helper-units', { unitId: tree.cellA.id, name: 'Bộ phận', establishedOn: '2011-09-20' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/không có quyền/u);
    expect((await new Client(ctx.app).post('/api/helper-units', { unitId: tree.tuSon.id, name: 'Bộ phận', establishedOn: '2011-09-20' })).status).toBe(401);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('sets one up with its founding decision, audits it, and refuses a second one', async () => {
    const response = await district.post('/api/helper-units', { unitId: tree.tuSon.id, name: '  Bộ phận giúp việc  Ban Chỉ đạo ', establishedOn: '2011-09-20', foundingDocumentId: decision.id });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const helper = helperUnitDetailSchema.parse(response.body);
    expect(helper.name).toBe('Bộ phận giúp việc Ban Chỉ đạo');
    expect(helper.state).toBe('no_regulation');
    expect(helper.foundingDocument).toEqual({ id: decision.id, symbol: decision.symbol, title: 'Quyết định thành lập Bộ phận giúp việc', issuedOn: '2011-09-15' });
    expect(helper.regulationDocument).toBeNull();
    expect(helper.members).toEqual([]);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'helper_unit').where('entity_id', '=', helper.id).execute();
    expect(audit).toEqual([{ action: 'helper_unit.create', after: expect.objectContaining({ foundingDocumentId: decision.id, unitId: tree.tuSon.id }) }]);

    const before = await databaseFingerprint(ctx.db);
    const second = await province.post('/api/helper-units', { unitId: tree.tuSon.id, name: 'Bộ phận thứ hai', establishedOn: '2011-09-20' });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/đã có Bộ phận giúp việc/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);

    const byUnit = helperUnitByUnitSchema.parse((await district.get(`/api/helper-units/by-unit/${tree.tuSon.id}`)).body);
    expect(byUnit.helperUnit?.id).toBe(helper.id);
    expect(byUnit.can).toEqual({ create: false, edit: true });
  });

  it('adopts the regulation with the version it read and refuses a stale or wrong edit', async () => {
    const current = helperUnitByUnitSchema.parse((await district.get(`/api/helper-units/by-unit/${tree.tuSon.id}`)).body).helperUnit;
    if (!current) throw new Error('no helper unit');
    const updated = await district.patch(`/api/helper-units/${current.id}`, { version: current.version, regulationDocumentId: rules.id });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const helper = helperUnitDetailSchema.parse(updated.body);
    expect(helper.state).toBe('complete');
    expect(helper.regulationDocument?.symbol).toBe(rules.symbol);
    expect(helper.version).toBe(current.version + 1);
    const audit = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'helper_unit.update').where('entity_id', '=', current.id).executeTakeFirstOrThrow();
    expect(audit).toEqual({ before: { regulationDocumentId: null }, after: { regulationDocumentId: rules.id } });

    const before = await databaseFingerprint(ctx.db);
    const stale = await province.patch(`/api/helper-units/${current.id}`, { version: current.version, name: 'Tên khác' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/tải lại/u);
    const wrong = await district.patch(`/api/helper-units/${current.id}`, { version: helper.version, regulationDocumentId: plan.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/quy chế \(QC\)/u);
    const earlier = await district.patch(`/api/helper-units/${current.id}`, { version: helper.version, establishedOn: '2011-09-01' });
    expect(earlier.status).toBe(400);
    const secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellB }));
    const outside = await secretary.patch(`/api/helper-units/${current.id}`, { version: helper.version, name: 'Lạ' });
    expect(outside.status).toBe(404);
    // (the secretary's account and login are the only change)
    expect((await databaseFingerprint(ctx.db)).split(' ').filter((part) => !/^(account|audit_log):/u.test(part))).toEqual(
      before.split(' ').filter((part) => !/^(account|audit_log):/u.test(part)),
    );
  });
});

describe('members and activities', () => {
  let t: TestTree;
  let officer: Client;
  let helperId: number;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await createTree(ctx.db);
    officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: t.tuSon }));
    helperId = await createHelperUnit(ctx.db, t.tuSon);
    ids.an = await createMember(ctx.db, t.cellA, { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An' });
    ids.binh = await createMember(ctx.db, t.cellA, { familyName: 'Trần', middleName: 'Thị', givenName: 'Bình' });
    ids.duc = await createMember(ctx.db, t.cellA, { familyName: 'Lê', middleName: 'Văn', givenName: 'Đức' });
    ids.anh = await createMember(ctx.db, t.cellA, { familyName: 'Đặng', middleName: 'Thị', givenName: 'Ánh' });
    ids.outside = await createMember(ctx.db, t.cellB, { familyName: 'Phạm', middleName: 'Văn', givenName: 'Ngoài' });
    ids.left = await createMember(ctx.db, t.cellA, { familyName: 'Hoàng', middleName: '', givenName: 'Đi' });
    await ctx.db.updateTable('member').set({ left_on: '2012-01-01', left_reason: 'moved_out' }).where('id', '=', ids.left).execute();
  });

  it('adds members, orders them head, deputies, then by name, and audits each', async () => {
    const add = (memberId: number | undefined, role: string, duty?: string) => officer.post(`/api/helper-units/${helperId}/members`, { memberId, role, ...(duty ? { duty } : {}) });
    expect((await add(ids.duc, 'member')).status).toBe(201);
    expect((await add(ids.anh, 'member', 'Theo dõi tuyên truyền')).status).toBe(201);
    expect((await add(ids.binh, 'deputy')).status).toBe(201);
    const last = await add(ids.an, 'head', 'Phụ trách chung');
    expect(last.status).toBe(201);
    const helper = helperUnitDetailSchema.parse(last.body);
    expect(helper.members.map((m) => [m.fullName, m.role])).toEqual([
      ['Nguyễn Văn An', 'head'],
      ['Trần Thị Bình', 'deputy'],
      ['Đặng Thị Ánh', 'member'],
      ['Lê Văn Đức', 'member'],
    ]);
    expect(helper.members[0]).toMatchObject({ memberId: ids.an, duty: 'Phụ trách chung', unitName: t.cellA.name, leftOn: null });
    const audit = await ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'helper_unit.member_add').where('entity_id', '=', helperId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ memberId: ids.an, fullName: 'Nguyễn Văn An', role: 'Trưởng bộ phận' });
  });

  it('refuses a second head, a duplicate, a member outside the committee or one who left, writing nothing', async () => {
    const extra = await createMember(ctx.db, t.cellA, { familyName: 'Vũ', middleName: 'Văn', givenName: 'Khánh' });
    const before = await databaseFingerprint(ctx.db);
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ memberId: extra, role: 'head' }, 400, /đã có Trưởng bộ phận \(Nguyễn Văn An\)/u],
      [{ memberId: ids.binh, role: 'member' }, 409, /Trần Thị Bình đã là thành viên/u],
      [{ memberId: ids.outside, role: 'member' }, 400, /đang sinh hoạt ở một chi bộ thuộc Đảng bộ Thị xã Từ Sơn/u],
      [{ memberId: ids.left, role: 'member' }, 400, /Hoàng Đi đã ra khỏi danh sách đảng viên ngày 01\/01\/2012/u],
      [{ memberId: 999_999, role: 'member' }, 400, /đang sinh hoạt ở một chi bộ/u],
      [{ memberId: extra, role: 'chief' }, 400, /Vai trò phải là/u],
    ];
    for (const [payload, status, message] of cases) {
      const response = await officer.post(`/api/helper-units/${helperId}/members`, payload);
      expect(response.status, JSON.stringify(payload)).toBe(status);
      expect(response.body.message).toMatch(message);
    }
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('removes a member, and answers 404 for one who is not in it', async () => {
    expect((await del(officer, `/api/helper-units/${helperId}/members/${ids.duc}`)).status).toBe(204);
    const helper = helperUnitByUnitSchema.parse((await officer.get(`/api/helper-units/by-unit/${t.tuSon.id}`)).body).helperUnit;
    expect(helper?.members.map((m) => m.memberId)).not.toContain(ids.duc);
    const audit = await ctx.db.selectFrom('audit_log').select('before').where('action', '=', 'helper_unit.member_remove').where('entity_id', '=', helperId).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ memberId: ids.duc, fullName: 'Lê Văn Đức', role: 'Thành viên' });
    const again = await del(officer, `/api/helper-units/${helperId}/members/${ids.duc}`);
    expect(again.status).toBe(404);
    expect(again.body.message).toMatch(/không có trong Bộ phận giúp việc/u);
  });

  it('logs activities newest first, refusing dates in the future or before the unit was set up', async () => {
    const add = (heldOn: string, kind: string, content: string) => officer.post(`/api/helper-units/${helperId}/activities`, { heldOn, kind, content });
    expect((await add('2011-10-05', 'meeting', 'Họp triển khai kế hoạch')).status).toBe(201);
    const latest = await add('2012-05-19', 'advice', 'Tham mưu sơ kết một năm');
    expect(latest.status).toBe(201);
    const helper = helperUnitDetailSchema.parse(latest.body);
    expect(helper.activities.map((a) => [a.heldOn, a.kind])).toEqual([
      ['2012-05-19', 'advice'],
      ['2011-10-05', 'meeting'],
    ]);
    expect(helper.activityCount).toBe(2);
    expect(helper.activities[0]?.createdBy).toMatch(/Người dùng/u);
    const before = await databaseFingerprint(ctx.db);
    const cases: [string, string, string, RegExp][] = [
      ['2099-01-01', 'meeting', 'Họp', /không được sau hôm nay/u],
      ['2011-09-01', 'meeting', 'Họp', /không được trước ngày thành lập bộ phận \(20\/09\/2011\)/u],
      ['2012-01-01', 'party', 'Họp', /Loại hoạt động không hợp lệ/u],
      ['2012-01-01', 'meeting', '  ', /Nội dung hoạt động không được để trống/u],
    ];
    for (const [heldOn, kind, content, message] of cases) {
      const response = await add(heldOn, kind, content);
      expect(response.status, heldOn).toBe(400);
      expect(response.body.message).toMatch(message);
    }
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('refuses members and activities of a helper unit outside the scope with 404', async () => {
    const outside = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: t.queVo }));
    const before = await databaseFingerprint(ctx.db);
    expect((await outside.post(`/api/helper-units/${helperId}/members`, { memberId: ids.outside, role: 'member' })).status).toBe(404);
    expect((await outside.post(`/api/helper-units/${helperId}/activities`, { heldOn: '2012-01-01', kind: 'meeting', content: 'Họp' })).status).toBe(404);
    expect((await del(outside, `/api/helper-units/${helperId}/members/${ids.an}`)).status).toBe(404);
    expect((await outside.get(`/api/helper-units/by-unit/${t.tuSon.id}`)).status).toBe(404);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });
});

describe('coverage of committees', () => {
  let t: TestTree;
  let officer: Client;
  beforeAll(async () => {
    t = await createTree(ctx.db);
    officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: t.province }));
    const tuSonRules = await createDocument(ctx.db, t.tuSon, { docType: 'rules', typeSymbol: 'QC', issuedOn: '2011-10-01' });
    const tuSonHelper = await createHelperUnit(ctx.db, t.tuSon);
    await ctx.db.updateTable('helper_unit').set({ regulation_document_id: tuSonRules.id }).where('id', '=', tuSonHelper).execute();
    const memberId = await createMember(ctx.db, t.cellA);
    await ctx.db.insertInto('helper_unit_member').values({ helper_unit_id: tuSonHelper, member_id: memberId, role: 'head' }).execute();
    await ctx.db.insertInto('helper_unit_activity').values([
      { helper_unit_id: tuSonHelper, held_on: '2012-02-01', kind: 'meeting', content: 'Họp' },
      { helper_unit_id: tuSonHelper, held_on: '2011-11-01', kind: 'meeting', content: 'Họp' },
    ]).execute();
    await createHelperUnit(ctx.db, t.queVo);
    await createUnit(ctx.db, t.province, 'affiliated_committee', 'Đảng bộ Khối Doanh nghiệp tỉnh');
    const closed = await createUnit(ctx.db, t.province, 'district_committee', 'Đảng bộ huyện Đã Nhập');
    await ctx.db.updateTable('unit').set({ valid_to: '2011-01-01' }).where('id', '=', closed.id).execute();
  });

  it('lists every open committee expected to have one, with its state and counts per state', async () => {
    const coverage = helperCoverageSchema.parse((await officer.get('/api/helper-units/coverage')).body);
    expect(coverage.items.map((row) => [row.unit.name, row.state])).toEqual([
      [t.province.name, 'missing'],
      ['Đảng bộ huyện Quế Võ', 'no_regulation'],
      ['Đảng bộ Khối Doanh nghiệp tỉnh', 'missing'],
      ['Đảng bộ Thị xã Từ Sơn', 'complete'],
    ]);
    expect(coverage.counts).toEqual({ missing: 2, no_regulation: 1, complete: 1 });
    const tuSon = coverage.items.find((row) => row.unit.id === t.tuSon.id);
    expect(tuSon).toMatchObject({ memberCount: 1, lastActivityOn: '2012-02-01', establishedOn: '2011-09-20', parentName: t.province.name });
    expect(tuSon?.regulationDocument?.symbol).toMatch(/-QC\//u);
  });

  it('filters by state, keeping the counts of all', async () => {
    const missing = helperCoverageSchema.parse((await officer.get('/api/helper-units/coverage?state=missing')).body);
    expect(missing.items.map((row) => row.unit.name)).toEqual([t.province.name, 'Đảng bộ Khối Doanh nghiệp tỉnh']);
    expect(missing.counts).toEqual({ missing: 2, no_regulation: 1, complete: 1 });
    const bad = await officer.get('/api/helper-units/coverage?state=late');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Trạng thái không hợp lệ/u);
  });

  it('shows a grassroots committee its own row, and refuses units outside the scope', async () => {
    const grassroots = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'grassroots_officer', scope: t.dinhBang }));
    const own = helperCoverageSchema.parse((await grassroots.get('/api/helper-units/coverage')).body);
    expect(own.items.map((row) => [row.unit.id, row.state])).toEqual([[t.dinhBang.id, 'missing']]);
    const outside = await grassroots.get(`/api/helper-units/coverage?unitId=${t.tuSon.id}`);
    expect(outside.status).toBe(404);
  });
});
