import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { unitDetailSchema } from '../../src/shared/schemas/units';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createMember, createTree, createUnit } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;
let secretary: Client;

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
});

/** The counts kept by triggers must equal the counts recomputed from scratch. */
async function expectCountsExact(): Promise<void> {
  const snapshot = () =>
    ctx.db.selectFrom('unit').select(['id', 'child_count', 'descendant_count', 'member_count', 'direct_member_count']).orderBy('id').execute();
  const kept = await snapshot();
  await sql`UPDATE unit SET child_count = 0, descendant_count = 0, member_count = 0, direct_member_count = 0`.execute(ctx.db);
  await sql`SELECT recompute_unit_counts()`.execute(ctx.db);
  expect(kept).toEqual(await snapshot());
}

describe('reading the tree', () => {
  it('shows a unit with breadcrumb, children, counts and allowed actions', async () => {
    await createMember(ctx.db, tree.cellA);
    await createMember(ctx.db, tree.cellA, { familyName: 'Lê', middleName: 'Thị', givenName: 'Hoa' });
    const response = await district.get(`/api/units/${tree.dinhBang.id}`);
    expect(response.status).toBe(200);
    const unit = unitDetailSchema.parse(response.body);
    expect(unit.ancestors.map((a) => a.name)).toEqual(['Đảng bộ Thị xã Từ Sơn']);
    expect(unit.children.map((c) => c.name)).toEqual(['Chi bộ khu phố Đình']);
    expect(unit.counts).toEqual({ childUnits: 1, subtreeUnits: 1, subtreeMembers: 2, directMembers: 0 });
    expect(unit.can).toEqual({ edit: true, createChild: true, move: true, close: true });
    const scopeRoot = unitDetailSchema.parse((await district.get(`/api/units/${tree.tuSon.id}`)).body);
    expect(scopeRoot.can.move).toBe(false);
    expect(scopeRoot.ancestors).toEqual([]);
    await expectCountsExact();
  });

  it('hides units outside the scope as if they did not exist', async () => {
    const response = await district.get(`/api/units/${tree.queVo.id}`);
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(/ngoài phạm vi/u);
    expect((await district.get(`/api/units/${tree.province.id}`)).status).toBe(404);
    expect((await secretary.get(`/api/units/${tree.dinhBang.id}`)).status).toBe(404);
    expect((await secretary.get(`/api/units/${tree.cellA.id}`)).body.can).toEqual({ edit: false, createChild: false, move: false, close: false });
  });

  it('lists children in Vietnamese order, committees first', async () => {
    const parent = await createUnit(ctx.db, tree.tuSon, 'grassroots_committee', 'Đảng bộ phường Tân Hồng');
    for (const name of ['Chi bộ khu phố Hưng Yên', 'Chi bộ khu phố Hải Dương', 'Chi bộ khu phố Đồi', 'Chi bộ khu phố Dương']) await createUnit(ctx.db, parent, 'cell', name);
    const response = await district.get(`/api/units/${parent.id}/children`);
    expect(response.body.map((c: { name: string }) => c.name)).toEqual([
      'Chi bộ khu phố Dương',
      'Chi bộ khu phố Đồi',
      'Chi bộ khu phố Hải Dương',
      'Chi bộ khu phố Hưng Yên',
    ]);
  });

  it('finds units with or without diacritics, only inside the scope', async () => {
    const plain = await province.get('/api/units/search?q=tu%20son');
    expect(plain.status).toBe(200);
    expect(plain.body[0]).toMatchObject({ id: tree.tuSon.id, name: 'Đảng bộ Thị xã Từ Sơn', path: ['Đảng bộ tỉnh Bắc Ninh'] });
    const accented = await province.get(`/api/units/search?q=${encodeURIComponent('Đình Bảng')}`);
    expect(accented.body.map((h: { id: number }) => h.id)).toContain(tree.dinhBang.id);
    const outside = await district.get('/api/units/search?q=phuong%20lieu');
    expect(outside.body).toEqual([]);
    const likeWildcards = await province.get('/api/units/search?q=%25');
    expect(likeWildcards.body).toEqual([]);
    expect((await district.get(`/api/units/search?q=lieu&within=${tree.queVo.id}`)).status).toBe(404);
    expect((await province.get('/api/units/search?q=')).status).toBe(400);
  });
});

describe('changing the tree', () => {
  it('creates a unit under a parent in scope and audits it', async () => {
    const response = await district.post('/api/units', { parentId: tree.dinhBang.id, name: '  Chi bộ  khu phố Mới ', kind: 'cell', sector: 'village' });
    expect(response.status).toBe(201);
    const created = unitDetailSchema.parse(response.body);
    expect(created.name).toBe('Chi bộ khu phố Mới');
    expect(created.ancestors.map((a) => a.id)).toEqual([tree.tuSon.id, tree.dinhBang.id]);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'after', 'actor_id']).where('entity_id', '=', created.id).where('entity_type', '=', 'unit').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('unit.create');
    expect(audit[0]?.after).toMatchObject({ name: 'Chi bộ khu phố Mới', kind: 'cell' });
    await expectCountsExact();
  });

  it('refuses a kind that cannot stand under the parent', async () => {
    const before = await databaseFingerprint(ctx.db);
    const response = await district.post('/api/units', { parentId: tree.dinhBang.id, name: 'Đảng bộ huyện sai', kind: 'district_committee' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/không thể trực thuộc/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('refuses creating for roles that do not edit the tree, and outside the scope', async () => {
    expect((await secretary.post('/api/units', { parentId: tree.cellA.id, name: 'Tổ đảng', kind: 'cell' })).status).toBe(403);
    expect((await district.post('/api/units', { parentId: tree.phuongLieu.id, name: 'Chi bộ thôn X', kind: 'cell' })).status).toBe(404);
  });

  it('refuses a duplicate unit code', async () => {
    const response = await district.post('/api/units', { parentId: tree.dinhBang.id, name: 'Chi bộ trùng mã', kind: 'cell', code: tree.cellA.code });
    expect(response.status).toBe(409);
    expect(response.body.message).toContain(tree.cellA.code);
  });

  it('renames with the version it read; a stale version is refused, never overwritten', async () => {
    const unit = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Cũ');
    const read = unitDetailSchema.parse((await district.get(`/api/units/${unit.id}`)).body);
    const first = await district.patch(`/api/units/${unit.id}`, { version: read.version, name: 'Chi bộ khu phố Một' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(read.version + 1);
    const second = await province.patch(`/api/units/${unit.id}`, { version: read.version, name: 'Chi bộ khu phố Hai' });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/người khác thay đổi/u);
    expect((await district.get(`/api/units/${unit.id}`)).body.name).toBe('Chi bộ khu phố Một');
    const audit = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', unit.id).where('action', '=', 'unit.update').execute();
    expect(audit).toEqual([{ before: { name: 'Chi bộ khu phố Cũ' }, after: { name: 'Chi bộ khu phố Một' } }]);
  });

  it('keeps one of two simultaneous renames and refuses the other', async () => {
    const unit = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Đua');
    const results = await Promise.all([
      district.patch(`/api/units/${unit.id}`, { version: 1, name: 'Chi bộ khu phố A' }),
      province.patch(`/api/units/${unit.id}`, { version: 1, name: 'Chi bộ khu phố B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('moves a subtree with its counts, but never under itself', async () => {
    const committee = await createUnit(ctx.db, tree.tuSon, 'grassroots_committee', 'Đảng bộ phường Đồng Kỵ');
    const cell = await createUnit(ctx.db, committee, 'cell', 'Chi bộ khu phố Kỵ');
    await createMember(ctx.db, cell);
    await createMember(ctx.db, cell);
    const own = await province.post(`/api/units/${committee.id}/move`, { version: 1, newParentId: cell.id });
    expect(own.status).toBe(400);
    expect(own.body.message).toMatch(/chính nó/u);
    const moved = await province.post(`/api/units/${committee.id}/move`, { version: 1, newParentId: tree.queVo.id });
    expect(moved.status).toBe(200);
    expect(moved.body.ancestors.map((a: { id: number }) => a.id)).toEqual([tree.province.id, tree.queVo.id]);
    const cellAfter = await ctx.db.selectFrom('unit').select([sql<string>`path::text`.as('path'), 'depth']).where('id', '=', cell.id).executeTakeFirstOrThrow();
    expect(cellAfter.path).toBe(`${tree.queVo.path}.${committee.id}.${cell.id}`);
    await expectCountsExact();
    // The district officer of Từ Sơn no longer sees it.
    expect((await district.get(`/api/units/${cell.id}`)).status).toBe(404);
  });

  it('closes a unit only when it has no open children and no members, and keeps it', async () => {
    const committee = await createUnit(ctx.db, tree.tuSon, 'grassroots_committee', 'Đảng bộ phường Trang Hạ');
    const cell = await createUnit(ctx.db, committee, 'cell', 'Chi bộ khu phố Hạ');
    const memberId = await createMember(ctx.db, cell);
    const withChildren = await district.post(`/api/units/${committee.id}/close`, { version: 1, closedOn: '2012-06-30' });
    expect(withChildren.status).toBe(400);
    expect(withChildren.body.message).toMatch(/còn đơn vị trực thuộc/u);
    const withMembers = await district.post(`/api/units/${cell.id}/close`, { version: 1, closedOn: '2012-06-30' });
    expect(withMembers.status).toBe(400);
    expect(withMembers.body.message).toMatch(/1 đảng viên/u);
    await ctx.db.updateTable('member').set({ left_on: '2012-06-01', left_reason: 'moved_out' }).where('id', '=', memberId).execute();
    const tooEarly = await district.post(`/api/units/${cell.id}/close`, { version: 1, closedOn: '2001-01-01' });
    expect(tooEarly.status).toBe(400);
    const closed = await district.post(`/api/units/${cell.id}/close`, { version: 1, closedOn: '2012-06-30' });
    expect(closed.status).toBe(200);
    expect(closed.body.closedOn).toBe('2012-06-30');
    expect(closed.body.can.edit).toBe(false);
    expect((await district.get(`/api/units/${committee.id}/children`)).body).toEqual([]);
    expect((await district.get(`/api/units/${committee.id}/children?includeClosed=true`)).body).toHaveLength(1);
    const renameClosed = await district.patch(`/api/units/${cell.id}`, { version: closed.body.version, name: 'Chi bộ mới' });
    expect(renameClosed.status).toBe(400);
    await expectCountsExact();
  });

  it('rejects malformed ids and bodies with Vietnamese messages', async () => {
    expect((await district.get('/api/units/abc')).body.message).toBe('Mã không hợp lệ.');
    const missingVersion = await district.patch(`/api/units/${tree.dinhBang.id}`, { name: 'Tên mới' });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.message).toMatch(/phiên bản/iu);
    const longName = await district.post('/api/units', { parentId: tree.dinhBang.id, name: 'x'.repeat(201), kind: 'cell' });
    expect(longName.body.message).toMatch(/dài quá 200/u);
    const badDate = await district.post(`/api/units/${tree.cellA.id}/close`, { version: 1, closedOn: '31/12/2012' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toMatch(/Ngày không hợp lệ/u);
  });
});
