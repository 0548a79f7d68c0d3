import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberDetailSchema, memberListSchema } from '../../src/shared/schemas/members';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createMember, createTree, createUnit } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let district: Client;
let province: Client;

const newMember = (unit: TestUnit, extra: Record<string, unknown> = {}) => ({
  unitId: unit.id,
  familyName: 'Nguyễn',
  middleName: 'Thị',
  givenName: 'Hương',
  gender: 'female',
  birthDate: '1975-03-08',
  status: 'full',
  joinedOn: '2000-05-19',
  officialOn: '2001-05-19',
  ...extra,
});

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
});

describe('member list', () => {
  it('sorts by tên, tên đệm, họ the Vietnamese way, and pages on the server', async () => {
    const cell = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Sắp Xếp');
    const names: [string, string, string][] = [
      ['Trần', 'Văn', 'Hưng'],
      ['Lê', 'Thị', 'Hải'],
      ['Nguyễn', 'Văn', 'Đức'],
      ['Phạm', '', 'Dũng'],
      ['Âu Dương', 'Thị', 'Hải'],
      ['Đỗ', 'Văn', 'An'],
    ];
    for (const [familyName, middleName, givenName] of names) await createMember(ctx.db, cell, { familyName, middleName, givenName });
    const page1 = memberListSchema.parse((await district.get(`/api/members?unitId=${cell.id}&pageSize=4`)).body);
    expect(page1.total).toBe(6);
    expect(page1.items.map((m) => m.fullName)).toEqual(['Đỗ Văn An', 'Phạm Dũng', 'Nguyễn Văn Đức', 'Âu Dương Thị Hải']);
    const page2 = memberListSchema.parse((await district.get(`/api/members?unitId=${cell.id}&pageSize=4&page=2`)).body);
    expect(page2.items.map((m) => m.fullName)).toEqual(['Lê Thị Hải', 'Trần Văn Hưng']);
  });

  it('searches with or without diacritics, across the subtree with a switch', async () => {
    await createMember(ctx.db, tree.cellA, { familyName: 'Đặng', middleName: 'Thị', givenName: 'Ánh' });
    const own = await district.get(`/api/members?unitId=${tree.dinhBang.id}&q=dang%20thi%20anh`);
    expect(own.body.items).toEqual([]);
    const subtree = await district.get(`/api/members?unitId=${tree.dinhBang.id}&subtree=true&q=dang%20thi%20anh`);
    expect(subtree.body.items.map((m: { fullName: string }) => m.fullName)).toEqual(['Đặng Thị Ánh']);
    const accented = await district.get(`/api/members?unitId=${tree.tuSon.id}&subtree=true&q=${encodeURIComponent('Đặng Thị')}`);
    expect(accented.body.total).toBe(1);
  });

  it('filters by status, flags, position and age band', async () => {
    const cell = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Lọc');
    const young = (await district.post('/api/members', newMember(cell, { givenName: 'Trẻ', birthDate: '1990-01-01', joinedOn: '2011-12-01', officialOn: null, status: 'probationary' }))).body;
    const leader = (await district.post('/api/members', newMember(cell, { givenName: 'Lãnh', isKeyLeader: true, birthDate: '1950-01-01' }))).body;
    await district.post(`/api/members/${leader.id}/positions`, { version: leader.version, position: 'secretary', unitId: cell.id, startedOn: '2010-10-01' });
    const query = (q: string) => district.get(`/api/members?unitId=${cell.id}&${q}`).then((r) => r.body.items.map((m: { givenName: string }) => m.givenName));
    expect(await query('status=probationary')).toEqual(['Trẻ']);
    expect(await query('keyLeader=true')).toEqual(['Lãnh']);
    expect(await query('position=secretary')).toEqual(['Lãnh']);
    expect(await query('ageBand=over_60')).toEqual(['Lãnh']);
    expect(young.status).toBe('probationary');
    expect((await district.get(`/api/members?unitId=${cell.id}&ageBand=old`)).status).toBe(400);
  });
});

describe('member records', () => {
  it('creates a member with NFC names and shows the record, path and allowed actions', async () => {
    const response = await district.post('/api/members', newMember(tree.cellA, { familyName: 'Nguyễn'.normalize('NFD'), idNumber: '027175001234', cardNumber: '27.123' }));
    expect(response.status).toBe(201);
    const member = memberDetailSchema.parse(response.body);
    expect(member.familyName).toBe('Nguyễn');
    expect(member.familyName).toBe(member.familyName.normalize('NFC'));
    expect(member.unitPath.map((u) => u.id)).toEqual([tree.tuSon.id, tree.dinhBang.id, tree.cellA.id]);
    expect(member.can).toEqual({ edit: true, editPhone: false, transfer: true, leave: true });
  });

  it('refuses bad records with Vietnamese messages and writes nothing', async () => {
    const before = await databaseFingerprint(ctx.db);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ idNumber: '027070001234' }, /không khớp năm sinh 1975/u],
      [{ idNumber: '12345' }, /9 chữ số/u],
      [{ joinedOn: '1980-01-01', officialOn: '1981-01-01' }, /đủ 18 tuổi/u],
      [{ officialOn: null }, /ngày chính thức/u],
      [{ givenName: '' }, /Tên không được để trống/u],
      [{ birthDate: '08/03/1975' }, /Ngày không hợp lệ/u],
      [{ gender: 'x' }, /Nam hoặc Nữ/u],
    ];
    for (const [extra, message] of cases) {
      const response = await district.post('/api/members', newMember(tree.cellA, extra));
      expect(response.status, JSON.stringify(extra)).toBe(400);
      expect(response.body.message).toMatch(message);
    }
    const committee = await district.post('/api/members', newMember(tree.dinhBang));
    expect(committee.status).toBe(400);
    expect(committee.body.message).toMatch(/chỉ sinh hoạt ở chi bộ/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('refuses a duplicate card number', async () => {
    await district.post('/api/members', newMember(tree.cellA, { cardNumber: '27.999' }));
    const response = await district.post('/api/members', newMember(tree.cellA, { cardNumber: '27.999', givenName: 'Khác' }));
    expect(response.status).toBe(409);
    expect(response.body.message).toContain('27.999');
  });

  it('refuses the second of two concurrent edits', async () => {
    const member = (await district.post('/api/members', newMember(tree.cellA, { givenName: 'Sửa' }))).body;
    const first = await district.patch(`/api/members/${member.id}`, { version: member.version, phone: '0912345678' });
    expect(first.status).toBe(200);
    const second = await province.patch(`/api/members/${member.id}`, { version: member.version, phone: '0987654321' });
    expect(second.status).toBe(409);
    expect((await district.get(`/api/members/${member.id}`)).body.phone).toBe('0912345678');
    const other = await district.patch(`/api/members/${member.id}`, { version: first.body.version, ethnicity: 'Tày' });
    expect(other.body).toMatchObject({ ethnicity: 'Tày', phone: '0912345678' });
  });

  it('transfers a member: counts move, positions in the old cell end, history is kept', async () => {
    const member = (await district.post('/api/members', newMember(tree.cellA, { givenName: 'Chuyển' }))).body;
    const withPosition = (await district.post(`/api/members/${member.id}/positions`, { version: member.version, position: 'cell_committee_member', unitId: tree.cellA.id, startedOn: '2011-01-01' })).body;
    const target = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Đích');
    const countOf = async (id: number) => (await ctx.db.selectFrom('unit').select('direct_member_count').where('id', '=', id).executeTakeFirstOrThrow()).direct_member_count;
    const [fromBefore, toBefore] = [await countOf(tree.cellA.id), await countOf(target.id)];
    const moved = await district.post(`/api/members/${member.id}/transfer`, { version: withPosition.version, toUnitId: target.id, on: '2012-05-01' });
    expect(moved.status).toBe(200);
    expect(moved.body.unit.id).toBe(target.id);
    expect(moved.body.positions).toEqual([]);
    expect(moved.body.positionHistory[0]).toMatchObject({ position: 'cell_committee_member', endedOn: '2012-05-01' });
    expect(await countOf(tree.cellA.id)).toBe(fromBefore - 1);
    expect(await countOf(target.id)).toBe(toBefore + 1);
    const timeline = (await district.get(`/api/members/${member.id}/timeline`)).body;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['member.transfer', 'member.position_add', 'member.create']);
    expect(timeline[0].after).toMatchObject({ unitName: 'Chi bộ khu phố Đích', on: '2012-05-01' });
    const outside = await district.post(`/api/members/${member.id}/transfer`, { version: moved.body.version, toUnitId: tree.cellB.id, on: '2012-05-02' });
    expect(outside.status).toBe(404);
  });

  it('marks a member as deceased: never deleted, not counted, read-only', async () => {
    const member = (await district.post('/api/members', newMember(tree.cellA, { givenName: 'Mất' }))).body;
    const before = (await ctx.db.selectFrom('unit').select('member_count').where('id', '=', tree.tuSon.id).executeTakeFirstOrThrow()).member_count;
    const future = await district.post(`/api/members/${member.id}/leave`, { version: member.version, leftOn: '2999-01-01', reason: 'deceased' });
    expect(future.status).toBe(400);
    const left = await district.post(`/api/members/${member.id}/leave`, { version: member.version, leftOn: '2012-06-01', reason: 'deceased' });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ leftOn: '2012-06-01', leftReason: 'deceased', can: { edit: false } });
    expect((await ctx.db.selectFrom('unit').select('member_count').where('id', '=', tree.tuSon.id).executeTakeFirstOrThrow()).member_count).toBe(before - 1);
    const list = (await district.get(`/api/members?unitId=${tree.cellA.id}&q=mat`)).body;
    expect(list.items).toEqual([]);
    const withLeft = (await district.get(`/api/members?unitId=${tree.cellA.id}&q=mat&includeLeft=true`)).body;
    expect(withLeft.items).toHaveLength(1);
    expect((await district.patch(`/api/members/${member.id}`, { version: left.body.version, phone: '0911111111' })).status).toBe(400);
    const kept = await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit WHERE member_count <> (SELECT count(*) FROM member m JOIN unit c ON c.id = m.unit_id WHERE c.path <@ unit.path AND m.left_on IS NULL)`.execute(ctx.db);
    expect(kept.rows[0]?.n).toBe(0);
  });

  it('lets a member read their own record and change only their phone', async () => {
    const memberId = await createMember(ctx.db, tree.cellA, { familyName: 'Vũ', middleName: 'Văn', givenName: 'Tự' });
    const member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
    const mine = memberDetailSchema.parse((await member.get('/api/me/member')).body);
    expect(mine.can).toEqual({ edit: false, editPhone: true, transfer: false, leave: false });
    expect((await member.get(`/api/members/${memberId}`)).status).toBe(200);
    expect((await member.get(`/api/members?unitId=${tree.cellA.id}`)).status).toBe(403);
    expect((await member.patch(`/api/members/${memberId}`, { version: mine.version, givenName: 'Khác' })).status).toBe(403);
    const phone = await member.patch('/api/me/member', { version: mine.version, phone: '0912 345 678' });
    expect(phone.status).toBe(200);
    expect(phone.body.phone).toBe('0912 345 678');
    expect((await member.patch('/api/me/member', { version: mine.version, phone: '0900000000' })).status).toBe(409);
    expect((await member.patch('/api/me/member', { version: phone.body.version, phone: 'abc' })).status).toBe(400);
  });
});

describe('a large subtree', () => {
  it('pages through more than 20,000 members in the same Vietnamese order as Intl.Collator', async () => {
    const committee = await createUnit(ctx.db, tree.queVo, 'grassroots_committee', 'Đảng bộ xã Lớn');
    const cells = [await createUnit(ctx.db, committee, 'cell', 'Chi bộ thôn Một'), await createUnit(ctx.db, committee, 'cell', 'Chi bộ thôn Hai')];
    const given = ['An', 'Ánh', 'Bình', 'Dương', 'Đức', 'Hà', 'Hải', 'Hưng', 'Yến', 'Đạt'];
    const middle = ['', 'Văn', 'Thị', 'Đức'];
    const family = ['Nguyễn', 'Âu Dương', 'Đặng', 'Lê'];
    await sql`
      INSERT INTO member (unit_id, family_name, middle_name, given_name, search_name, gender, status)
      SELECT (${sql.val(cells.map((c) => c.id))}::bigint[])[1 + i % 2],
             (${sql.val(family)}::text[])[1 + (i / 7) % 4],
             (${sql.val(middle)}::text[])[1 + (i / 3) % 4],
             (${sql.val(given)}::text[])[1 + i % 10],
             'x', 'male', 'probationary'
        FROM generate_series(0, 20499) AS i`.execute(ctx.db);
    const province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
    const page = async (n: number) =>
      memberListSchema.parse((await province.get(`/api/members?unitId=${committee.id}&subtree=true&page=${n}&pageSize=200`)).body);
    const first = await page(1);
    expect(first.total).toBe(20_500);
    const collator = new Intl.Collator('vi');
    const key = (m: { givenName: string; middleName: string; familyName: string }) => [m.givenName, m.middleName, m.familyName];
    const inOrder = (items: { givenName: string; middleName: string; familyName: string; id: number }[]) =>
      items.every((m, i) => {
        const previous = items[i - 1];
        if (!previous) return true;
        const [a, b] = [key(previous), key(m)];
        for (let k = 0; k < 3; k++) {
          const c = collator.compare(a[k] ?? '', b[k] ?? '');
          if (c !== 0) return c < 0;
        }
        return previous.id < m.id;
      });
    const middlePage = await page(50);
    const last = await page(103);
    expect(middlePage.items).toHaveLength(200);
    expect(last.items).toHaveLength(100);
    for (const items of [first.items, middlePage.items, last.items]) expect(inOrder(items)).toBe(true);
    expect(first.items[0]?.givenName).toBe('An');
    expect(last.items.at(-1)?.givenName).toBe('Yến');
  });
});
