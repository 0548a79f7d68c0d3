import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { settableClock } from '../../src/server/http/clock';
import { exemplarDetailSchema, publicitySummarySchema } from '../../src/shared/schemas/exemplars';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createDocument, createExemplar, createMember, createTree } from '../helpers/factories';

const clock = settableClock();
let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;
let grassroots: Client;
let secretary: Client;
let member: Client;
let queVo: Client;
let anonymous: Client;
let provinceAccount: number;
let memberId: number;
let outsideMemberId: number;

/** Every table, the exemplar ones included: a refused request must leave all of them as they were. */
async function fingerprint(): Promise<string> {
  const parts = [await databaseFingerprint(ctx.db)];
  for (const table of ['exemplar', 'exemplar_step', 'exemplar_file', 'publicity_channel', 'publicity_entry', 'stored_file', 'audit_log']) {
    const result = await sql<{ digest: string | null }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${sql.table(table)} t`.execute(ctx.db);
    parts.push(`${table}:${result.rows[0]?.digest ?? 'empty'}`);
  }
  return parts.join(' ');
}

const nomination = (overrides: Record<string, unknown> = {}) => ({
  nominatingUnitId: tree.cellA.id,
  year: 2012,
  subject: { kind: 'member', memberId },
  title: 'Tấm gương đảng viên gương mẫu ở khu phố Đình',
  field: 'Công tác dân vận',
  summary: 'Đồng chí tận tụy với công việc, gần gũi, giúp đỡ nhân dân trong khu phố.',
  storyHtml: '<p>Ông <strong>An</strong> đã vận động bà con hiến đất làm đường.</p>',
  decidingUnitId: tree.tuSon.id,
  ...overrides,
});

async function nominate(client: Client = secretary, overrides: Record<string, unknown> = {}) {
  const response = await client.post('/api/exemplars', nomination(overrides));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** Nominated by the cell, verified by Đình Bảng and then by Từ Sơn (the deciding unit). */
async function approved(overrides: Record<string, unknown> = {}) {
  let exemplar = await nominate(secretary, overrides);
  exemplar = (await secretary.post(`/api/exemplars/${exemplar.id}/submit`, { version: exemplar.version })).body;
  exemplar = (await grassroots.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version })).body;
  const response = await district.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version, comment: 'Đã xác minh tại địa phương.' });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.state).toBe('approved');
  return response.body;
}

const uploadPhoto = (client: Client, id: number, bytes: Buffer, name = 'ảnh đẹp.jpg', caption?: string) =>
  client.request({
    method: 'POST',
    url: `/api/exemplars/${id}/photos${caption ? `?caption=${encodeURIComponent(caption)}` : ''}`,
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    payload: bytes,
  });

beforeAll(async () => {
  clock.set('2012-07-01');
  ctx = await setupApp({ clock });
  tree = await createTree(ctx.db);
  memberId = await createMember(ctx.db, tree.cellA, { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An' });
  outsideMemberId = await createMember(ctx.db, tree.cellB, { familyName: 'Lê', middleName: 'Thị', givenName: 'Bình' });
  const provinceOfficer = await createAccount(ctx.db, { role: 'province_officer', scope: tree.province });
  provinceAccount = provinceOfficer.id;
  province = await loggedIn(ctx.app, provinceOfficer);
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  grassroots = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'grassroots_officer', scope: tree.dinhBang }));
  secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
  member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
  queVo = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo }));
  const { Client: AnonymousClient } = await import('../helpers/app');
  anonymous = new AnonymousClient(ctx.app);
});

describe('nominating', () => {
  it('lets a cell secretary nominate a member of the cell, with the chain up to the deciding committee', async () => {
    const exemplar = await nominate();
    expect(exemplarDetailSchema.parse(exemplar)).toBeTruthy();
    expect(exemplar).toMatchObject({
      state: 'draft',
      year: 2012,
      nominatingUnit: { id: tree.cellA.id },
      decidingUnit: { id: tree.tuSon.id },
      pendingUnit: null,
      subject: { kind: 'member', memberId, familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An', displayName: 'Nguyễn Văn An', memberUnit: { id: tree.cellA.id } },
      storyHtml: '<p>Ông <strong>An</strong> đã vận động bà con hiến đất làm đường.</p>',
      isPublic: false,
      can: { edit: true, submit: true, verify: false, return: false, reject: false, commend: false, publish: false, addPublicity: false, addPhoto: true },
    });
    expect(exemplar.chain.map((level: { unit: { id: number }; status: string; isDeciding: boolean }) => [level.unit.id, level.status, level.isDeciding])).toEqual([
      [tree.dinhBang.id, 'waiting', false],
      [tree.tuSon.id, 'waiting', true],
    ]);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'entity_type', 'unit_id']).where('entity_id', '=', exemplar.id).where('entity_type', '=', 'exemplar').execute();
    expect(audit).toEqual([{ action: 'exemplar.create', entity_type: 'exemplar', unit_id: tree.cellA.id }]);
  });

  it('keeps a non-member\'s name parts as typed (never split on spaces) and in NFC', async () => {
    const exemplar = await nominate(grassroots, {
      nominatingUnitId: tree.dinhBang.id,
      decidingUnitId: tree.dinhBang.id,
      subject: { kind: 'person', familyName: 'Tôn Thất'.normalize('NFD'), middleName: '', givenName: 'Thuyết Minh' },
    });
    expect(exemplar.subject).toMatchObject({ kind: 'person', familyName: 'Tôn Thất', middleName: '', givenName: 'Thuyết Minh', displayName: 'Tôn Thất Thuyết Minh', memberId: null });
    expect(exemplar.subject.familyName).toBe('Tôn Thất'.normalize('NFC'));
    // The nominating unit decides itself: the chain is the unit alone.
    expect(exemplar.chain.map((level: { unit: { id: number } }) => level.unit.id)).toEqual([tree.dinhBang.id]);
  });

  it('accepts a collective: a unit of the subtree or a free-text name', async () => {
    const byUnit = await nominate(grassroots, { nominatingUnitId: tree.dinhBang.id, subject: { kind: 'collective', unitId: tree.cellA.id } });
    expect(byUnit.subject).toMatchObject({ kind: 'collective', displayName: tree.cellA.name, collectiveUnit: { id: tree.cellA.id }, collectiveName: null });
    const byName = await nominate(secretary, { subject: { kind: 'collective', name: 'Tổ dân phố số 3' } });
    expect(byName.subject).toMatchObject({ kind: 'collective', displayName: 'Tổ dân phố số 3', collectiveUnit: null });
  });

  it('sanitises the story: no script, style, event handler, iframe or image; links get rel="noopener noreferrer"', async () => {
    const exemplar = await nominate(secretary, {
      storyHtml:
        '<p onclick="steal()" style="color:red">Câu chuyện<script>alert("x")</script></p><iframe src="https://evil.example"></iframe><img src="x" onerror="alert(1)">' +
        '<p><a href="https://baobacninh.com.vn/bai-1" target="_blank">Báo Bắc Ninh</a> <a href="javascript:alert(1)">xấu</a></p><style>p{}</style>',
    });
    expect(exemplar.storyHtml).toBe('<p>Câu chuyện</p><p><a href="https://baobacninh.com.vn/bai-1" rel="noopener noreferrer">Báo Bắc Ninh</a> <a rel="noopener noreferrer">xấu</a></p>');
    const stored = await ctx.db.selectFrom('exemplar').select('story_html').where('id', '=', exemplar.id).executeTakeFirstOrThrow();
    expect(stored.story_html).toBe(exemplar.storyHtml);
    const empty = await nominate(secretary, { storyHtml: '<script>alert(1)</script><p></p>' });
    expect(empty.storyHtml).toBe('');
  });

  it('refuses bad input with a Vietnamese message naming the field, and writes nothing', async () => {
    const before = await fingerprint();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ year: 2010 }, 'body.year', /từ 2011/u],
      [{ year: 2013 }, 'year', /không được sau năm hiện tại \(2012\)/u],
      [{ decidingUnitId: tree.cellA.id }, 'decidingUnitId', /không phải chi bộ/u],
      [{ decidingUnitId: tree.queVo.id }, 'decidingUnitId', /cấp trên của đơn vị đề cử/u],
      [{ subject: { kind: 'member', memberId: outsideMemberId } }, 'subject.memberId', /Không tìm thấy đảng viên/u],
      [{ subject: { kind: 'person', givenName: 'An' } }, 'body.subject.familyName', /Họ/u],
      [{ subject: { kind: 'collective' } }, 'body.subject.name', /tên tập thể/u],
      [{ subject: { kind: 'collective', unitId: tree.cellB.id } }, 'subject.unitId', /đơn vị trực thuộc/u],
      [{ subject: { kind: 'robot' } }, 'body.subject.kind', /Loại đối tượng/u],
      [{ summary: 'x'.repeat(1001) }, 'body.summary', /dài quá 1000 ký tự/u],
      [{ storyHtml: `<p>${'chữ '.repeat(13_000)}</p>` }, 'storyHtml', /dài quá 50\.000 ký tự/u],
    ];
    for (const [overrides, path, message] of cases) {
      const response = await secretary.post('/api/exemplars', nomination(overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(response.body.details?.[0]?.path, JSON.stringify(overrides)).toBe(path);
      expect(response.body.message).toMatch(message);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('answers 401 without a session, 403 to a member, 404 outside the scope', async () => {
    const before = await fingerprint();
    expect((await anonymous.post('/api/exemplars', nomination())).status).toBe(401);
    const byMember = await member.post('/api/exemplars', nomination());
    expect(byMember.status).toBe(403);
    expect(byMember.body.message).toMatch(/không có quyền/u);
    expect((await queVo.post('/api/exemplars', nomination())).status).toBe(404);
    expect((await secretary.post('/api/exemplars', nomination({ nominatingUnitId: tree.dinhBang.id }))).status).toBe(404);
    expect(await fingerprint()).toBe(before);
  });

  it('offers the committees that may decide: the unit itself when a committee, and its committee ancestors', async () => {
    const response = await secretary.get(`/api/exemplars/deciding-units?unitId=${tree.cellA.id}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((u: { id: number }) => u.id)).toEqual([tree.dinhBang.id, tree.tuSon.id, tree.province.id]);
    expect((await queVo.get(`/api/exemplars/deciding-units?unitId=${tree.cellA.id}`)).status).toBe(404);
  });
});

describe('editing a nomination', () => {
  it('edits a draft with its version and refuses a stale one', async () => {
    const exemplar = await nominate();
    const edited = await grassroots.patch(`/api/exemplars/${exemplar.id}`, { version: exemplar.version, title: 'Tấm gương sáng về dân vận khéo', decidingUnitId: tree.dinhBang.id });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Tấm gương sáng về dân vận khéo', version: exemplar.version + 1, decidingUnit: { id: tree.dinhBang.id } });
    expect(edited.body.chain.map((l: { unit: { id: number } }) => l.unit.id)).toEqual([tree.dinhBang.id]);
    const before = await fingerprint();
    const stale = await secretary.patch(`/api/exemplars/${exemplar.id}`, { version: exemplar.version, title: 'Tiêu đề cũ hơn' });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/tải lại/u);
    expect((await secretary.patch(`/api/exemplars/${exemplar.id}`, { version: edited.body.version, year: 2009 })).status).toBe(400);
    expect((await queVo.patch(`/api/exemplars/${exemplar.id}`, { version: edited.body.version, title: 'Sửa từ huyện khác' })).status).toBe(404);
    expect((await member.patch(`/api/exemplars/${exemplar.id}`, { version: edited.body.version, title: 'Sửa bởi đảng viên' })).status).toBe(404);
    expect(await fingerprint()).toBe(before);
    const audit = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'exemplar.update').where('entity_id', '=', exemplar.id).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ title: exemplar.title, decidingUnitId: tree.tuSon.id });
    expect(audit.after).toMatchObject({ title: 'Tấm gương sáng về dân vận khéo', decidingUnitId: tree.dinhBang.id });
  });

  it('refuses edits once submitted, and allows them again when returned', async () => {
    let exemplar = await nominate();
    exemplar = (await secretary.post(`/api/exemplars/${exemplar.id}/submit`, { version: exemplar.version })).body;
    const locked = await secretary.patch(`/api/exemplars/${exemplar.id}`, { version: exemplar.version, title: 'Sửa khi đang chờ' });
    expect(locked.status).toBe(409);
    expect(locked.body.message).toMatch(/"Nháp" hoặc "Bị trả lại"/u);
    exemplar = (await grassroots.post(`/api/exemplars/${exemplar.id}/return`, { version: exemplar.version, comment: 'Bổ sung minh chứng việc hiến đất.' })).body;
    expect(exemplar.state).toBe('returned');
    const edited = await secretary.patch(`/api/exemplars/${exemplar.id}`, { version: exemplar.version, summary: 'Đã bổ sung minh chứng việc hiến đất làm đường.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ state: 'returned', summary: 'Đã bổ sung minh chứng việc hiến đất làm đường.' });
  });
});

describe('the approval chain', () => {
  it('climbs level by level: cell → Đình Bảng → Từ Sơn, with statuses, steps and audit entries', async () => {
    let exemplar = await nominate();
    const submitted = await secretary.post(`/api/exemplars/${exemplar.id}/submit`, { version: exemplar.version, comment: 'Kính trình Đảng ủy phường.' });
    expect(submitted.status).toBe(200);
    exemplar = submitted.body;
    expect(exemplar).toMatchObject({ state: 'pending', pendingUnit: { id: tree.dinhBang.id }, can: { edit: false, submit: false, verify: false } });
    expect(exemplar.chain.map((l: { status: string }) => l.status)).toEqual(['ready', 'waiting']);

    // The cell secretary only submits; Quế Võ does not see it; Từ Sơn's level has not come yet for Đình Bảng's officer later.
    const before = await fingerprint();
    const bySecretary = await secretary.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version });
    expect(bySecretary.status).toBe(403);
    expect(bySecretary.body.message).toMatch(/cán bộ giúp việc/u);
    expect((await queVo.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version })).status).toBe(404);
    expect((await member.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version })).status).toBe(404);
    expect((await grassroots.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version - 1 })).status).toBe(409);
    expect(await fingerprint()).toBe(before);

    const atGrassroots = (await grassroots.get(`/api/exemplars/${exemplar.id}`)).body;
    expect(atGrassroots.can).toMatchObject({ verify: true, return: true, reject: true });
    exemplar = (await grassroots.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version, comment: 'Đúng sự thật.' })).body;
    expect(exemplar).toMatchObject({ state: 'pending', pendingUnit: { id: tree.tuSon.id } });
    expect(exemplar.chain.map((l: { status: string }) => l.status)).toEqual(['approved_here', 'ready']);
    expect(exemplar.chain[0]).toMatchObject({ comment: 'Đúng sự thật.', actedBy: expect.stringMatching(/^Người dùng/u) });

    const wrongLevel = await grassroots.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version });
    expect(wrongLevel.status).toBe(403);
    expect(wrongLevel.body.message).toMatch(/đang chờ Đảng bộ Thị xã Từ Sơn xác minh/u);

    exemplar = (await district.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version })).body;
    expect(exemplar).toMatchObject({ state: 'approved', pendingUnit: null, can: { commend: true, publish: true, addPublicity: true, verify: false } });
    expect(exemplar.chain.map((l: { status: string }) => l.status)).toEqual(['approved_above', 'approved_here']);
    expect(exemplar.steps.map((s: { action: string; unit: { id: number } }) => [s.action, s.unit.id])).toEqual([
      ['submit', tree.cellA.id],
      ['verify', tree.dinhBang.id],
      ['verify', tree.tuSon.id],
    ]);
    expect(exemplar.steps[0]).toMatchObject({ comment: 'Kính trình Đảng ủy phường.', actedAt: expect.stringMatching(/^2012-07-01T/u) });
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'exemplar').where('entity_id', '=', exemplar.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['exemplar.create', 'exemplar.submit', 'exemplar.verify', 'exemplar.verify']);

    // Nothing moves an approved nomination back through the chain.
    for (const action of ['submit', 'verify']) {
      const refused = await district.post(`/api/exemplars/${exemplar.id}/${action}`, { version: exemplar.version });
      expect(refused.status, action).toBe(409);
      expect(refused.body.message).toMatch(/"Đã xác minh"/u);
    }
    expect((await district.post(`/api/exemplars/${exemplar.id}/reject`, { version: exemplar.version, comment: 'Đổi ý' })).status).toBe(409);
  });

  it('needs a different account at every level: nobody verifies what they sent, or twice up the chain', async () => {
    // A district officer may write and send a cell's nomination on its behalf…
    let exemplar = await nominate(district);
    exemplar = (await district.post(`/api/exemplars/${exemplar.id}/submit`, { version: exemplar.version })).body;
    expect(exemplar.state).toBe('pending');
    const before = await fingerprint();
    // …but then cannot also verify it for Đình Bảng, nor for Từ Sơn later.
    const own = await district.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version });
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/Mỗi cấp cần một người xác minh khác/u);
    expect(await fingerprint()).toBe(before);
    exemplar = (await grassroots.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version })).body;
    expect((await district.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version })).status).toBe(403);
    const colleague = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
    const verified = await colleague.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version });
    expect(verified.status).toBe(200);
    expect(verified.body.state).toBe('approved');
  });

  it('returns with a required comment, restarts at the first level when resubmitted, and rejects for good', async () => {
    let exemplar = await nominate();
    exemplar = (await secretary.post(`/api/exemplars/${exemplar.id}/submit`, { version: exemplar.version })).body;
    exemplar = (await grassroots.post(`/api/exemplars/${exemplar.id}/verify`, { version: exemplar.version })).body;
    const before = await fingerprint();
    const noComment = await district.post(`/api/exemplars/${exemplar.id}/return`, { version: exemplar.version });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details[0].path).toBe('body.comment');
    expect(noComment.body.message).toMatch(/Ý kiến/u);
    expect(await fingerprint()).toBe(before);

    exemplar = (await district.post(`/api/exemplars/${exemplar.id}/return`, { version: exemplar.version, comment: 'Cần xác nhận của Ủy ban phường.' })).body;
    expect(exemplar).toMatchObject({ state: 'returned', pendingUnit: null, can: { edit: true, submit: true } });
    expect(exemplar.chain.map((l: { status: string }) => l.status)).toEqual(['approved_here', 'returned']);
    expect(exemplar.chain[1].comment).toBe('Cần xác nhận của Ủy ban phường.');

    exemplar = (await secretary.patch(`/api/exemplars/${exemplar.id}`, { version: exemplar.version, summary: 'Đã bổ sung xác nhận của Ủy ban nhân dân phường Đình Bảng.' })).body;
    exemplar = (await secretary.post(`/api/exemplars/${exemplar.id}/submit`, { version: exemplar.version })).body;
    expect(exemplar).toMatchObject({ state: 'pending', pendingUnit: { id: tree.dinhBang.id } });
    expect(exemplar.chain.map((l: { status: string }) => l.status)).toEqual(['ready', 'waiting']);

    const noReason = await grassroots.post(`/api/exemplars/${exemplar.id}/reject`, { version: exemplar.version, comment: '' });
    expect(noReason.status).toBe(400);
    exemplar = (await grassroots.post(`/api/exemplars/${exemplar.id}/reject`, { version: exemplar.version, comment: 'Thành tích chưa tiêu biểu.' })).body;
    expect(exemplar).toMatchObject({ state: 'rejected', can: { edit: false, submit: false, verify: false, addPhoto: false } });
    expect(exemplar.chain.map((l: { status: string }) => l.status)).toEqual(['rejected', 'waiting']);
    for (const [client, action] of [[secretary, 'submit'], [grassroots, 'verify'], [district, 'commend']] as const) {
      const body = action === 'commend' ? { version: exemplar.version, form: 'giay_khen', commendationTitle: 'Giấy khen', decisionSymbol: '12-QĐ/TU', decisionDate: '2012-06-01' } : { version: exemplar.version };
      const refused = await client.post(`/api/exemplars/${exemplar.id}/${action}`, body);
      expect(refused.status, action).toBe(409);
      expect(refused.body.message).toMatch(/"Không được công nhận"/u);
    }
    expect(exemplar.steps.map((s: { action: string }) => s.action)).toEqual(['submit', 'verify', 'return', 'submit', 'reject']);
  });

  it('refuses illegal transitions with 409 and writes nothing', async () => {
    const exemplar = await nominate();
    const before = await fingerprint();
    for (const action of ['verify', 'return', 'reject']) {
      const response = await grassroots.post(`/api/exemplars/${exemplar.id}/${action}`, { version: exemplar.version, comment: 'Ý kiến thử' });
      expect(response.status, action).toBe(409);
      expect(response.body.message).toMatch(/trạng thái "Nháp"/u);
    }
    expect((await district.post(`/api/exemplars/${exemplar.id}/commend`, { version: exemplar.version, form: 'giay_khen', commendationTitle: 'Giấy khen', decisionSymbol: '12-QĐ/TU', decisionDate: '2012-06-01' })).status).toBe(409);
    expect(await fingerprint()).toBe(before);
  });
});

describe('commendation', () => {
  it('is recorded by the deciding unit with a Party decision number, optionally its registered document', async () => {
    const exemplar = await approved();
    const before = await fingerprint();
    const body = { version: exemplar.version, form: 'bang_khen', commendationTitle: 'Giấy khen của Ban Thường vụ Thị ủy Từ Sơn', decisionSymbol: 'Số 125 - QĐ/TU', decisionDate: '2012-06-20' };
    const cases: [Client, Record<string, unknown>, number, RegExp][] = [
      [grassroots, {}, 403, /Chỉ Đảng bộ Thị xã Từ Sơn/u],
      [secretary, {}, 403, /Chỉ Đảng bộ Thị xã Từ Sơn/u],
      [queVo, {}, 404, /Không tìm thấy/u],
      [district, { decisionSymbol: '125/QĐ-UBND' }, 400, /không đúng mẫu văn bản của Đảng/u],
      [district, { decisionSymbol: '125-QĐ/HU' }, 400, /phải là "TU"/u],
      [district, { decisionSymbol: '125-KH/TU' }, 400, /không khớp với loại văn bản Quyết định/u],
      [district, { decisionDate: '2012-07-02' }, 400, /không được sau hôm nay/u],
      [district, { decisionDate: '2011-12-31' }, 400, /từ năm 2012/u],
      [district, { form: 'huan_chuong' }, 400, /Hình thức khen thưởng/u],
      [district, { version: exemplar.version + 5 }, 409, /tải lại/u],
    ];
    for (const [client, overrides, status, message] of cases) {
      const response = await client.post(`/api/exemplars/${exemplar.id}/commend`, { ...body, ...overrides });
      expect(response.status, JSON.stringify(overrides)).toBe(status);
      expect(response.body.message).toMatch(message);
    }
    const otherDocument = await createDocument(ctx.db, tree.dinhBang, { docType: 'decision', typeSymbol: 'QĐ', issuedOn: '2012-06-20' });
    const notTheirs = await district.post(`/api/exemplars/${exemplar.id}/commend`, { ...body, decisionDocumentId: otherDocument.id });
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.details[0].path).toBe('decisionDocumentId');
    await ctx.db.deleteFrom('party_document').where('id', '=', otherDocument.id).execute();
    expect(await fingerprint()).toBe(before);

    const commended = await district.post(`/api/exemplars/${exemplar.id}/commend`, body);
    expect(commended.status).toBe(200);
    expect(commended.body).toMatchObject({
      state: 'commended',
      commendationForm: 'bang_khen',
      commendation: { form: 'bang_khen', title: 'Giấy khen của Ban Thường vụ Thị ủy Từ Sơn', decisionSymbol: '125-QĐ/TU', decisionDate: '2012-06-20', decisionDocument: null },
      can: { commend: false, publish: true },
    });
    expect(commended.body.steps.at(-1)).toMatchObject({ action: 'commend', unit: { id: tree.tuSon.id } });
    expect(commended.body.chain.map((l: { status: string }) => l.status)).toEqual(['approved_above', 'approved_here']);
  });

  it('links the registered decision of the deciding unit when its number and date match', async () => {
    const exemplar = await approved();
    const document = await createDocument(ctx.db, tree.tuSon, { docType: 'decision', typeSymbol: 'QĐ', issuedOn: '2012-06-25', title: 'Quyết định khen thưởng điển hình' });
    const mismatch = await district.post(`/api/exemplars/${exemplar.id}/commend`, { version: exemplar.version, form: 'giay_khen', commendationTitle: 'Giấy khen của Thị ủy', decisionSymbol: document.symbol, decisionDate: '2012-06-24', decisionDocumentId: document.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toMatch(/không khớp/u);
    const response = await district.post(`/api/exemplars/${exemplar.id}/commend`, { version: exemplar.version, form: 'giay_khen', commendationTitle: 'Giấy khen của Thị ủy', decisionSymbol: document.symbol, decisionDate: '2012-06-25', decisionDocumentId: document.id });
    expect(response.status).toBe(200);
    expect(response.body.commendation.decisionDocument).toEqual({ id: document.id, symbol: document.symbol, title: 'Quyết định khen thưởng điển hình' });
  });
});

describe('publication', () => {
  it('refuses to publish an unverified nomination, with a clear message, writing nothing', async () => {
    const draft = await nominate();
    let pending = await nominate();
    pending = (await secretary.post(`/api/exemplars/${pending.id}/submit`, { version: pending.version })).body;
    const before = await fingerprint();
    for (const exemplar of [draft, pending]) {
      const response = await district.put(`/api/exemplars/${exemplar.id}/publication`, { public: true, version: exemplar.version });
      expect(response.status).toBe(409);
      expect(response.body.message).toMatch(/Không thể công khai: đề nghị chưa được xác minh/u);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('publishes once verified (the deciding unit decides), records a public-page entry the first time only', async () => {
    const exemplar = await approved();
    const before = await fingerprint();
    expect((await secretary.put(`/api/exemplars/${exemplar.id}/publication`, { public: true, version: exemplar.version })).status).toBe(403);
    expect((await grassroots.put(`/api/exemplars/${exemplar.id}/publication`, { public: true, version: exemplar.version })).status).toBe(403);
    expect((await queVo.put(`/api/exemplars/${exemplar.id}/publication`, { public: true, version: exemplar.version })).status).toBe(404);
    expect((await district.put(`/api/exemplars/${exemplar.id}/publication`, { public: 'có', version: exemplar.version })).status).toBe(400);
    expect(await fingerprint()).toBe(before);

    clock.set('2012-07-03');
    const published = await district.put(`/api/exemplars/${exemplar.id}/publication`, { public: true, version: exemplar.version });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ isPublic: true, publishedAt: expect.stringMatching(/^2012-07-03T/u) });
    expect(published.body.publicity).toMatchObject([{ channel: { kind: 'public_page' }, publishedOn: '2012-07-03', title: exemplar.title }]);
    expect(published.body.steps.at(-1)).toMatchObject({ action: 'publish', unit: { id: tree.tuSon.id } });

    const withdrawn = await province.put(`/api/exemplars/${exemplar.id}/publication`, { public: false, version: published.body.version });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ isPublic: false, publishedAt: null });
    const again = (await district.put(`/api/exemplars/${exemplar.id}/publication`, { public: true, version: withdrawn.body.version })).body;
    expect(again.isPublic).toBe(true);
    expect(again.publicity).toHaveLength(1);
    expect(again.steps.map((s: { action: string }) => s.action).slice(-3)).toEqual(['publish', 'unpublish', 'publish']);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', exemplar.id).where('entity_type', '=', 'exemplar').where('action', 'like', 'exemplar.%publish').execute();
    expect(audit.map((a) => a.action)).toEqual(['exemplar.publish', 'exemplar.unpublish', 'exemplar.publish']);
    clock.set('2012-07-01');
  });
});

describe('photos', () => {
  const gpsPhoto = (width: number, height: number, orientation?: number) => {
    let image = sharp({ create: { width, height, channels: 3, background: { r: 190, g: 30, b: 40 } } }).jpeg({ quality: 90 });
    if (orientation) image = image.withMetadata({ orientation });
    return image.withExifMerge({ IFD0: { Make: 'DienThoai', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 11/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 4/1 0/1' } }).toBuffer();
  };

  it('resizes, turns upright and strips EXIF and GPS from an upload, and serves it only in scope', async () => {
    const exemplar = await nominate();
    const input = await gpsPhoto(3000, 2000);
    const inputMeta = await sharp(input).metadata();
    expect(inputMeta.exif?.includes(Buffer.from('DienThoai'))).toBe(true);

    const response = await uploadPhoto(secretary, exemplar.id, input, 'ảnh hiến đất.jpeg', 'Ông An cùng bà con làm đường');
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.photos).toMatchObject([{ name: 'ảnh hiến đất.jpg', mediaType: 'image/jpeg', caption: 'Ông An cùng bà con làm đường', position: 1 }]);
    const photoId = response.body.photos[0].id;
    const served = await secretary.get(`/api/exemplars/${exemplar.id}/photos/${photoId}`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(served.raw).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1067 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(served.raw.includes(Buffer.from('DienThoai'))).toBe(false);
    const stored = await ctx.db.selectFrom('stored_file').select(['unit_id', 'size']).where('id', '=', photoId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ unit_id: tree.cellA.id, size: served.raw.length });

    const rotated = await uploadPhoto(secretary, exemplar.id, await gpsPhoto(300, 200, 6), 'doc.jpg');
    const rotatedId = rotated.body.photos[1].id;
    const rotatedMeta = await sharp((await secretary.get(`/api/exemplars/${exemplar.id}/photos/${rotatedId}`)).raw).metadata();
    expect(rotatedMeta).toMatchObject({ width: 200, height: 300 });
    expect(rotatedMeta.exif).toBeUndefined();

    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const pngUpload = await uploadPhoto(secretary, exemplar.id, png, 'trong-suot.png');
    expect(pngUpload.status).toBe(201);
    expect(pngUpload.body.photos[2]).toMatchObject({ name: 'trong-suot.jpg', mediaType: 'image/jpeg' });
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).webp().toBuffer();
    const webpUpload = await secretary.request({ method: 'POST', url: `/api/exemplars/${exemplar.id}/photos`, headers: { 'content-type': 'image/webp', 'x-file-name': 'anh.webp' }, payload: webp });
    expect(webpUpload.status).toBe(201);

    expect((await queVo.get(`/api/exemplars/${exemplar.id}/photos/${photoId}`)).status).toBe(404);
    expect((await member.get(`/api/exemplars/${exemplar.id}/photos/${photoId}`)).status).toBe(404);
    const audit = await ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'exemplar.photo_add').where('entity_id', '=', exemplar.id).orderBy('id').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ fileId: photoId, width: 1600, height: 1067, uploadedBytes: input.length });

    const removed = await secretary.request({ method: 'DELETE', url: `/api/exemplars/${exemplar.id}/photos/${photoId}` });
    expect(removed.status).toBe(204);
    expect((await secretary.get(`/api/exemplars/${exemplar.id}/photos/${photoId}`)).status).toBe(404);
    expect((await secretary.get(`/api/exemplars/${exemplar.id}`)).body.photos).toHaveLength(3);
  });

  it('refuses a text file named .jpg, a broken image, an empty body and a 40 MB photo, writing nothing', async () => {
    const exemplar = await nominate();
    const before = await fingerprint();
    const text = await uploadPhoto(secretary, exemplar.id, Buffer.from('Đây là văn bản, không phải ảnh.'), 'anh.jpg');
    expect(text.status).toBe(400);
    expect(text.body.message).toMatch(/không phải ảnh JPEG, PNG hoặc WebP/u);
    const broken = await uploadPhoto(secretary, exemplar.id, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), 'hong.jpg');
    expect(broken.status).toBe(400);
    expect(broken.body.message).toMatch(/Không đọc được ảnh JPEG/u);
    expect((await uploadPhoto(secretary, exemplar.id, Buffer.alloc(0), 'rong.jpg')).status).toBe(400);
    const huge = await uploadPhoto(secretary, exemplar.id, Buffer.concat([await gpsPhoto(100, 100), Buffer.alloc(40 * 1024 * 1024, 1)]), 'to-qua.jpg');
    expect(huge.status).toBe(413);
    expect(huge.body.message).toBe('Dữ liệu gửi lên quá lớn (tối đa 10 MB).');
    expect(await fingerprint()).toBe(before);
  });

  it('follows the workflow: not while pending, by the deciding unit once verified', async () => {
    const photo = await gpsPhoto(60, 40);
    let exemplar = await nominate();
    exemplar = (await secretary.post(`/api/exemplars/${exemplar.id}/submit`, { version: exemplar.version })).body;
    const before = await fingerprint();
    const pending = await uploadPhoto(secretary, exemplar.id, photo);
    expect(pending.status).toBe(409);
    expect(pending.body.message).toMatch(/"Chờ xác minh"/u);
    expect((await uploadPhoto(queVo, exemplar.id, photo)).status).toBe(404);
    expect((await uploadPhoto(member, exemplar.id, photo)).status).toBe(404);
    expect(await fingerprint()).toBe(before);

    const verified = await approved();
    const bySecretary = await uploadPhoto(secretary, verified.id, photo);
    expect(bySecretary.status).toBe(403);
    expect(bySecretary.body.message).toMatch(/cấp xét công nhận/u);
    expect((await uploadPhoto(district, verified.id, photo)).status).toBe(201);
  });
});

describe('evidence', () => {
  it('attaches a file uploaded for the nominating unit, serves it in scope and detaches it', async () => {
    const exemplar = await nominate();
    const pdf = await secretary.request({ method: 'POST', url: `/api/files?unitId=${tree.cellA.id}`, headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('xác nhận.pdf') }, payload: Buffer.from('%PDF-1.4 xác nhận của tổ dân phố') });
    expect(pdf.status).toBe(201);
    const otherUnit = await grassroots.request({ method: 'POST', url: `/api/files?unitId=${tree.dinhBang.id}`, headers: { 'content-type': 'application/pdf', 'x-file-name': 'khac.pdf' }, payload: Buffer.from('%PDF-1.4 khác') });
    const before = await fingerprint();
    const wrong = await secretary.post(`/api/exemplars/${exemplar.id}/evidence`, { fileId: otherUnit.body.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/đơn vị khác/u);
    expect((await queVo.post(`/api/exemplars/${exemplar.id}/evidence`, { fileId: pdf.body.id })).status).toBe(404);
    expect(await fingerprint()).toBe(before);

    const added = await secretary.post(`/api/exemplars/${exemplar.id}/evidence`, { fileId: pdf.body.id });
    expect(added.status).toBe(201);
    expect(added.body.evidence).toEqual([{ id: pdf.body.id, name: 'xác nhận.pdf', mediaType: 'application/pdf', size: pdf.body.size }]);
    expect((await secretary.post(`/api/exemplars/${exemplar.id}/evidence`, { fileId: pdf.body.id })).status).toBe(409);
    const download = await grassroots.get(`/api/exemplars/${exemplar.id}/evidence/${pdf.body.id}`);
    expect(download.status).toBe(200);
    expect(download.raw.toString()).toContain('%PDF-1.4');
    expect((await grassroots.get(`/api/exemplars/${exemplar.id}/photos/${pdf.body.id}`)).status).toBe(404);
    expect((await secretary.request({ method: 'DELETE', url: `/api/exemplars/${exemplar.id}/evidence/${pdf.body.id}` })).status).toBe(204);
    expect((await secretary.get(`/api/exemplars/${exemplar.id}`)).body.evidence).toEqual([]);
  });
});

describe('the publicity ledger', () => {
  let baoBacNinh: number;

  it('lists the generic channels and the province\'s own; only a province officer adds one', async () => {
    const before = await fingerprint();
    const refused = await district.post('/api/publicity-channels', { name: 'Báo Từ Sơn', kind: 'newspaper' });
    expect(refused.status).toBe(403);
    expect((await province.post('/api/publicity-channels', { name: 'Báo Bắc Ninh', kind: 'radio' })).status).toBe(400);
    expect((await province.post('/api/publicity-channels', { name: 'Bản tin nội bộ', kind: 'bulletin' })).status).toBe(400);
    expect(await fingerprint()).toBe(before);
    const created = await province.post('/api/publicity-channels', { name: 'Báo Bắc Ninh', kind: 'newspaper' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Báo Bắc Ninh', kind: 'newspaper', generic: false, active: true });
    baoBacNinh = created.body.id;
    await province.post('/api/publicity-channels', { name: 'Đài Phát thanh và Truyền hình Bắc Ninh', kind: 'broadcast' });
    const list = await secretary.get('/api/publicity-channels');
    expect(list.status).toBe(200);
    expect(list.body.can.create).toBe(false);
    expect(list.body.items.slice(0, 2).map((c: { name: string }) => c.name)).toEqual(['Báo Bắc Ninh', 'Đài Phát thanh và Truyền hình Bắc Ninh']);
    expect(list.body.items.filter((c: { generic: boolean }) => c.generic)).toHaveLength(7);
    expect((await province.get('/api/publicity-channels')).body.can.create).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'entity_type', 'after']).where('entity_id', '=', baoBacNinh).where('entity_type', '=', 'publicity_channel').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'publicity_channel.create', after: { name: 'Báo Bắc Ninh', kind: 'newspaper' } });
  });

  it('records where a verified exemplar was published, refuses bad entries, and deletes one', async () => {
    const draft = await nominate();
    const exemplar = await approved();
    const entry = { channelId: baoBacNinh, publishedOn: '2012-06-28', title: 'Người đảng viên hiến đất làm đường', url: 'https://baobacninh.com.vn/bai-viet/123' };
    const before = await fingerprint();
    const onDraft = await secretary.post(`/api/exemplars/${draft.id}/publicity`, entry);
    expect(onDraft.status).toBe(409);
    expect(onDraft.body.message).toMatch(/đã được xác minh/u);
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'javascript:alert(1)' }, 'body.url'],
      [{ publishedOn: '2012-07-02' }, 'publishedOn'],
      [{ publishedOn: '2011-12-31' }, 'publishedOn'],
      [{ channelId: 999_999 }, 'channelId'],
      [{ title: '' }, 'body.title'],
    ];
    for (const [overrides, path] of cases) {
      const response = await secretary.post(`/api/exemplars/${exemplar.id}/publicity`, { ...entry, ...overrides });
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(response.body.details[0].path).toBe(path);
    }
    expect((await queVo.post(`/api/exemplars/${exemplar.id}/publicity`, entry)).status).toBe(404);
    expect((await member.post(`/api/exemplars/${exemplar.id}/publicity`, entry)).status).toBe(404);
    expect(await fingerprint()).toBe(before);

    const added = await secretary.post(`/api/exemplars/${exemplar.id}/publicity`, entry);
    expect(added.status).toBe(201);
    expect(added.body.publicity).toMatchObject([{ channel: { id: baoBacNinh, name: 'Báo Bắc Ninh', kind: 'newspaper' }, publishedOn: '2012-06-28', url: entry.url, file: null }]);
    const entryId = added.body.publicity[0].id;
    expect((await queVo.request({ method: 'DELETE', url: `/api/publicity/${entryId}` })).status).toBe(404);
    expect((await secretary.request({ method: 'DELETE', url: `/api/publicity/${entryId}` })).status).toBe(204);
    expect((await secretary.get(`/api/exemplars/${exemplar.id}`)).body.publicity).toEqual([]);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'publicity_entry').where('entity_id', '=', entryId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['publicity.create', 'publicity.delete']);
  });
});

describe('lists and search', () => {
  it('filters by year, state, what awaits the caller, and text with or without diacritics', async () => {
    const special = await nominate(secretary, { title: 'Gương sáng bảo vệ môi trường khu phố' });
    const waiting = (await secretary.post(`/api/exemplars/${special.id}/submit`, { version: special.version })).body;
    const found = await grassroots.get(`/api/exemplars?q=${encodeURIComponent('guong sang bao ve moi truong')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((e: { id: number }) => e.id)).toEqual([waiting.id]);
    const byName = await grassroots.get(`/api/exemplars?q=${encodeURIComponent('nguyen van an')}&pageSize=200`);
    expect(byName.body.items.length).toBeGreaterThan(1);
    expect(byName.body.items.every((e: { subject: { displayName: string } }) => e.subject.displayName === 'Nguyễn Văn An')).toBe(true);
    const thuyetMinh = await grassroots.get(`/api/exemplars?q=${encodeURIComponent('TON THAT THUYET')}`);
    expect(thuyetMinh.body.items).toHaveLength(1);

    const awaiting = await grassroots.get('/api/exemplars?awaiting=true&pageSize=200');
    expect(awaiting.body.items.length).toBeGreaterThan(0);
    expect(awaiting.body.items.every((e: { state: string; pendingUnit: { id: number }; can: { verify: boolean } }) => e.state === 'pending' && e.pendingUnit.id === tree.dinhBang.id && e.can.verify)).toBe(true);
    expect(awaiting.body.items.map((e: { id: number }) => e.id)).toContain(waiting.id);
    expect((await secretary.get('/api/exemplars?awaiting=true')).body).toEqual({ items: [], total: 0 });
    const districtAwaiting = (await district.get('/api/exemplars?awaiting=true&pageSize=200')).body.items;
    // The district's own level first, then the levels below it.
    const levels: number[] = districtAwaiting.map((e: { pendingUnit: { id: number } }) => e.pendingUnit.id);
    expect(levels).toContain(tree.dinhBang.id);
    const firstBelow = levels.findIndex((id) => id !== tree.tuSon.id);
    expect(firstBelow === -1 || levels.lastIndexOf(tree.tuSon.id) < firstBelow).toBe(true);

    const approvedOnes = await province.get('/api/exemplars?state=approved&year=2012&pageSize=200');
    expect(approvedOnes.body.items.length).toBeGreaterThan(0);
    expect(approvedOnes.body.items.every((e: { state: string; year: number }) => e.state === 'approved' && e.year === 2012)).toBe(true);
    expect(approvedOnes.body.total).toBe(approvedOnes.body.items.length);
    const paged = await province.get('/api/exemplars?pageSize=2&page=2');
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBeGreaterThan(4);
    expect((await province.get('/api/exemplars?year=2012&pageSize=2')).body.total).toBe((await province.get('/api/exemplars?year=2012&pageSize=200')).body.items.length);
  });

  it('keeps lists and records inside the scope, and away from members', async () => {
    const ours = await nominate();
    const theirs = await createExemplar(ctx.db, { unit: tree.cellB, createdBy: provinceAccount, title: 'Tấm gương ở Quế Võ', state: 'approved' });
    const seenByTuSon = await district.get('/api/exemplars?pageSize=200');
    expect(seenByTuSon.body.items.map((e: { id: number }) => e.id)).toContain(ours.id);
    expect(seenByTuSon.body.items.map((e: { id: number }) => e.id)).not.toContain(theirs);
    expect((await district.get(`/api/exemplars/${theirs}`)).status).toBe(404);
    expect((await district.get(`/api/exemplars?unitId=${tree.queVo.id}`)).status).toBe(404);
    expect((await queVo.get(`/api/exemplars/${theirs}`)).status).toBe(200);
    const forMember = await member.get('/api/exemplars');
    expect(forMember.status).toBe(403);
    expect(forMember.body.message).toMatch(/trang công khai/u);
    expect((await member.get(`/api/exemplars/${ours.id}`)).status).toBe(404);
    expect((await anonymous.get('/api/exemplars')).status).toBe(401);
    expect((await province.get('/api/exemplars?state=unknown')).status).toBe(400);
  });
});

describe('the publicity summary', () => {
  it('counts nominations, verifications, commendations and publicity for the year against the previous one', async () => {
    // A fresh district of its own, so the numbers are exact.
    const { createUnit } = await import('../helpers/factories');
    const giaBinh = await createUnit(ctx.db, tree.province, 'district_committee', 'Đảng bộ huyện Gia Bình');
    const xaA = await createUnit(ctx.db, giaBinh, 'grassroots_committee', 'Đảng bộ xã Đại Bái');
    const xaB = await createUnit(ctx.db, giaBinh, 'grassroots_committee', 'Đảng bộ xã Nhân Thắng');
    const officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: giaBinh }));
    const channels = (await officer.get('/api/publicity-channels')).body.items as { id: number; kind: string; generic: boolean }[];
    const bulletin = channels.find((c) => c.kind === 'bulletin' && c.generic)?.id as number;
    const cellInfo = channels.find((c) => c.kind === 'cell_info')?.id as number;
    const make = async (unit: typeof xaA, year: number, state: 'draft' | 'pending' | 'approved' | 'commended', isPublic = false) =>
      createExemplar(ctx.db, {
        unit,
        createdBy: provinceAccount,
        year,
        state,
        isPublic,
        decidingUnitId: giaBinh.id,
        pendingUnitId: giaBinh.id,
        ...(state === 'commended' ? { commendation: { form: 'giay_khen' as const, symbol: '05-QĐ/HU', date: `${year}-11-01` } } : {}),
      });
    const entry = (exemplarId: number, channelId: number, publishedOn: string) =>
      ctx.db.insertInto('publicity_entry').values({ exemplar_id: exemplarId, channel_id: channelId, published_on: publishedOn, title: 'Bài viết', recorded_by: provinceAccount }).execute();
    // 2011: four stories, much publicity; 2012: fewer.
    const a1 = await make(xaA, 2011, 'commended', true);
    const a2 = await make(xaA, 2011, 'approved');
    const b1 = await make(xaB, 2011, 'commended');
    await make(xaB, 2011, 'pending');
    await entry(a1, bulletin, '2011-03-10');
    await entry(a1, bulletin, '2011-03-20');
    await entry(a2, cellInfo, '2011-05-02');
    await entry(b1, bulletin, '2011-11-15');
    const c1 = await make(xaA, 2012, 'approved', true);
    await make(xaA, 2012, 'draft');
    await make(giaBinh, 2012, 'pending');
    await entry(c1, bulletin, '2012-03-05');
    await entry(a1, cellInfo, '2012-05-09'); // a 2011 story publicised again in 2012

    const response = await officer.get(`/api/publicity/summary?unitId=${giaBinh.id}&year=2012`);
    expect(response.status).toBe(200);
    const summary = publicitySummarySchema.parse(response.body);
    expect(summary).toMatchObject({ unit: { id: giaBinh.id }, year: 2012, previousYear: 2011 });
    expect(summary.totals).toEqual({
      current: { nominated: 2, approved: 1, commended: 0, publicityEntries: 2, publicStories: 1 },
      previous: { nominated: 4, approved: 3, commended: 2, publicityEntries: 4, publicStories: 1 },
    });
    const byChannel = Object.fromEntries(summary.channels.map((c) => [c.channel.id, [c.current, c.previous]]));
    expect(byChannel[bulletin]).toEqual([1, 3]);
    expect(byChannel[cellInfo]).toEqual([1, 1]);
    expect(summary.months).toHaveLength(12);
    expect(summary.months[2]).toEqual({ month: 3, current: 1, previous: 2 });
    expect(summary.months[4]).toEqual({ month: 5, current: 1, previous: 1 });
    expect(summary.months[10]).toEqual({ month: 11, current: 0, previous: 1 });
    expect(summary.children.map((c) => c.unit.name)).toEqual(['Đảng bộ xã Đại Bái', 'Đảng bộ xã Nhân Thắng']);
    expect(summary.children[0]?.totals).toEqual({
      current: { nominated: 1, approved: 1, commended: 0, publicityEntries: 2, publicStories: 1 },
      previous: { nominated: 2, approved: 2, commended: 1, publicityEntries: 3, publicStories: 1 },
    });
    expect(summary.children[1]?.totals.previous).toEqual({ nominated: 2, approved: 1, commended: 1, publicityEntries: 1, publicStories: 0 });
    expect(summary.own.current).toEqual({ nominated: 1, approved: 0, commended: 0, publicityEntries: 0, publicStories: 0 });

    const fromProvince = (await province.get(`/api/publicity/summary?unitId=${tree.province.id}&year=2012`)).body;
    expect(fromProvince.children.map((c: { unit: { id: number } }) => c.unit.id)).toContain(giaBinh.id);
    expect(fromProvince.children.find((c: { unit: { id: number } }) => c.unit.id === giaBinh.id).totals).toEqual(summary.totals);
    expect((await queVo.get(`/api/publicity/summary?unitId=${giaBinh.id}&year=2012`)).status).toBe(404);
    expect((await member.get(`/api/publicity/summary?year=2012`)).status).toBe(404);
    expect((await officer.get(`/api/publicity/summary?unitId=${giaBinh.id}&year=1990`)).status).toBe(400);
  });
});

describe('review: odd input', () => {
  it('answers a NUL character (which PostgreSQL cannot store) with a Vietnamese 400, writing nothing', async () => {
    const before = await fingerprint();
    for (const overrides of [{ title: 'Tấm gương \u0000 ở khu phố Đình' }, { storyHtml: '<p>Câu chuyện \u0000 có ký tự lạ.</p>' }]) {
      const response = await secretary.post('/api/exemplars', nomination(overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(response.body.message).toMatch(/ký tự không hợp lệ/u);
    }
    const search = await district.get('/api/exemplars?q=an%00');
    expect(search.status).toBe(400);
    expect(search.body.message).toMatch(/ký tự không hợp lệ/u);
    expect(await fingerprint()).toBe(before);
  });
});
