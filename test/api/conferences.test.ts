import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { conferenceCoverageSchema, conferenceDetailSchema, conferenceDocumentOptionsSchema, conferenceListSchema } from '../../src/shared/schemas/conferences';
import { todayInVietnam } from '../../src/server/http/clock';
import { Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createConference, createDocument, createMember, createRequirement, createTree, createUnit } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;
/** Documents: from above the tree, the province's plan, the district's plan, a sibling district's plan, a commune's plan. */
let central: { id: number; symbol: string };
let provincePlan: { id: number; symbol: string };
let districtPlan: { id: number; symbol: string };
let siblingPlan: { id: number; symbol: string };
let communePlan: { id: number; symbol: string };

const conference = (unit: TestUnit, documentIds: number[], extra: Record<string, unknown> = {}) => ({
  unitId: unit.id,
  heldOn: '2011-10-20',
  form: 'in_person',
  expectedCadres: 40,
  attendedCadres: 38,
  expectedMembers: 500,
  attendedMembers: 450,
  documentIds,
  ...extra,
});

const PDF = Buffer.from('%PDF-1.4\n% biên bản hội nghị\n');

async function upload(client: Client, unit: TestUnit, name = 'bien-ban.pdf'): Promise<number> {
  const response = await client.request({
    method: 'POST',
    url: `/api/files?unitId=${unit.id}`,
    headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) },
    payload: PDF,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as number;
}

const del = (client: Client, url: string) => client.request({ method: 'DELETE', url });

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  central = await createDocument(ctx.db, null, { docType: 'directive', typeSymbol: 'CT', issuedOn: '2011-05-14', title: 'Chỉ thị về tiếp tục đẩy mạnh việc học tập', owner: tree.province });
  provincePlan = await createDocument(ctx.db, tree.province, { issuedOn: '2011-09-07', implementsId: central.id, title: 'Kế hoạch thực hiện Chỉ thị 03' });
  districtPlan = await createDocument(ctx.db, tree.tuSon, { issuedOn: '2011-10-01', implementsId: provincePlan.id, title: 'Kế hoạch của Thị ủy Từ Sơn' });
  siblingPlan = await createDocument(ctx.db, tree.queVo, { issuedOn: '2011-10-02', implementsId: provincePlan.id, title: 'Kế hoạch của Huyện ủy Quế Võ' });
  communePlan = await createDocument(ctx.db, tree.dinhBang, { issuedOn: '2011-10-05', implementsId: districtPlan.id, title: 'Kế hoạch của Đảng ủy phường Đình Bảng' });
});

describe('recording a conference', () => {
  it('records a conference on documents from the unit, its ancestors and above the tree, with an audit entry', async () => {
    const response = await district.post('/api/conferences', conference(tree.tuSon, [districtPlan.id, central.id, provincePlan.id], { note: '  Hội nghị  trực tiếp tại Hội trường Thị ủy ', form: 'mixed' }));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const detail = conferenceDetailSchema.parse(response.body);
    expect(detail.unit).toEqual({ id: tree.tuSon.id, name: tree.tuSon.name, kind: 'district_committee' });
    expect(detail.documents.map((d) => d.symbol)).toEqual([central.symbol, provincePlan.symbol, districtPlan.symbol]);
    expect(detail.note).toBe('Hội nghị trực tiếp tại Hội trường Thị ủy');
    expect(detail.form).toBe('mixed');
    expect(detail.hasMinutes).toBe(false);
    expect(detail.minutesFile).toBeNull();
    expect(detail.can).toEqual({ edit: true, delete: true });
    expect(detail.version).toBe(1);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'after', 'unit_id']).where('entity_type', '=', 'conference').where('entity_id', '=', detail.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('conference.create');
    expect(audit[0]?.unit_id).toBe(tree.tuSon.id);
    expect(audit[0]?.after).toMatchObject({ attendedMembers: 450, documents: [central.symbol, provincePlan.symbol, districtPlan.symbol] });
  });

  it('lets a cell secretary record for their own cell', async () => {
    const secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
    const response = await secretary.post('/api/conferences', conference(tree.cellA, [communePlan.id], { expectedCadres: 0, attendedCadres: 0, expectedMembers: 25, attendedMembers: 25 }));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('refuses bad conferences with Vietnamese messages and writes nothing', async () => {
    const closed = await createUnit(ctx.db, tree.tuSon, 'grassroots_committee', 'Đảng bộ xã Đã Giải Thể');
    await ctx.db.updateTable('unit').set({ valid_to: '2012-01-01' }).where('id', '=', closed.id).execute();
    const otherUnitFile = await upload(district, tree.dinhBang);
    // The same directive registered by another province is that province's record, not ours.
    const otherProvince = await createUnit(ctx.db, null, 'province_committee', 'Đảng bộ tỉnh Hà Nam');
    const otherCentral = await createDocument(ctx.db, null, { docType: 'directive', typeSymbol: 'CT', issuedOn: '2011-05-14', owner: otherProvince });
    const before = await databaseFingerprint(ctx.db);
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [conference(tree.tuSon, [districtPlan.id], { heldOn: '2099-01-01' }), 400, /không được sau hôm nay/u],
      [conference(tree.tuSon, [districtPlan.id], { attendedCadres: 41 }), 400, /Số cán bộ dự \(41\) không được nhiều hơn số cán bộ triệu tập \(40\)/u],
      [conference(tree.tuSon, [districtPlan.id], { attendedMembers: 501 }), 400, /Số đảng viên dự \(501\)/u],
      // A sibling district's plan: the district officer cannot even see it.
      [conference(tree.tuSon, [siblingPlan.id]), 400, /Không tìm thấy văn bản/u],
      // A document of a unit below is not one the district disseminates.
      [conference(tree.tuSon, [communePlan.id]), 400, /chỉ quán triệt văn bản của chính mình, của cấp ủy cấp trên hoặc của Trung ương/u],
      [conference(tree.tuSon, [districtPlan.id], { heldOn: '2011-09-30' }), 400, new RegExp(`trước ngày ban hành văn bản ${districtPlan.symbol} \\(01/10/2011\\)`, 'u')],
      [conference(tree.tuSon, [999_999]), 400, /Không tìm thấy văn bản/u],
      [conference(tree.tuSon, []), 400, /ít nhất một văn bản/u],
      [conference(tree.tuSon, Array.from({ length: 21 }, (_, i) => i + 1)), 400, /tối đa 20 văn bản/u],
      [conference(tree.tuSon, [districtPlan.id], { expectedCadres: -1 }), 400, /không được âm/u],
      [conference(tree.tuSon, [districtPlan.id], { form: 'video' }), 400, /Hình thức hội nghị/u],
      [conference(tree.tuSon, [districtPlan.id], { heldOn: '20/10/2011' }), 400, /Ngày không hợp lệ/u],
      [conference(tree.tuSon, [districtPlan.id], { minutesFileId: otherUnitFile }), 400, /tải lên cho đơn vị khác/u],
      [conference(tree.tuSon, [districtPlan.id], { minutesFileId: 999_999 }), 400, /không tồn tại/u],
      [conference(closed, [provincePlan.id]), 400, /đã đóng/u],
      [conference(tree.tuSon, [districtPlan.id], { surprise: true }), 400, /./u],
    ];
    for (const [body, status, message] of cases) {
      const response = await district.post('/api/conferences', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.message, JSON.stringify(body)).toMatch(message);
    }
    // The province officer sees the sibling's plan, and is told why it does not fit.
    const sibling = await province.post('/api/conferences', conference(tree.tuSon, [siblingPlan.id]));
    expect(sibling.status).toBe(400);
    expect(sibling.body.message).toMatch(new RegExp(`Văn bản ${siblingPlan.symbol} do Đảng bộ huyện Quế Võ ban hành`, 'u'));
    expect(sibling.body.details).toEqual([{ path: 'body.documentIds', message: sibling.body.message }]);
    const foreign = await province.post('/api/conferences', conference(tree.province, [otherCentral.id]));
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/Không tìm thấy văn bản/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('accepts a conference held today and refuses one held tomorrow', async () => {
    const today = todayInVietnam();
    const ok = await district.post('/api/conferences', conference(tree.tuSon, [districtPlan.id], { heldOn: today }));
    expect(ok.status).toBe(201);
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const refused = await district.post('/api/conferences', conference(tree.tuSon, [districtPlan.id], { heldOn: tomorrow.toISOString().slice(0, 10) }));
    expect(refused.status).toBe(400);
    await del(district, `/api/conferences/${ok.body.id}?version=1`);
  });

  it('answers 401 without a session, 404 out of scope and 403 for a member', async () => {
    const anonymous = new Client(ctx.app);
    const memberId = await createMember(ctx.db, tree.cellA, { familyName: 'Lê', middleName: 'Văn', givenName: 'Thường' });
    const member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
    const before = await databaseFingerprint(ctx.db);
    expect((await anonymous.post('/api/conferences', conference(tree.tuSon, [districtPlan.id]))).status).toBe(401);
    const outside = await district.post('/api/conferences', conference(tree.queVo, [siblingPlan.id]));
    expect(outside.status).toBe(404);
    expect(outside.body.message).toMatch(/ngoài phạm vi/u);
    const forbidden = await member.post('/api/conferences', conference(tree.cellA, [communePlan.id]));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/không có quyền/u);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('fills the cascade obligation of a unit that must hold a conference, and clears it when deleted', async () => {
    const tree2 = await createTree(ctx.db);
    const plan = await createDocument(ctx.db, tree2.province, { issuedOn: '2011-09-07' });
    const requirementId = await createRequirement(ctx.db, plan.id, { targetKinds: ['district_committee'], conferenceDueOn: '2011-10-22' });
    const officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree2.tuSon }));
    const obligation = () =>
      ctx.db.selectFrom('cascade_obligation').select(['conference_id', 'conference_on']).where('requirement_id', '=', requirementId).where('unit_id', '=', tree2.tuSon.id).executeTakeFirstOrThrow();
    expect((await obligation()).conference_id).toBeNull();
    const created = (await officer.post('/api/conferences', conference(tree2.tuSon, [plan.id], { heldOn: '2011-10-25' }))).body;
    expect(await obligation()).toEqual({ conference_id: created.id, conference_on: '2011-10-25' });
    const moved = await officer.patch(`/api/conferences/${created.id}`, { version: created.version, heldOn: '2011-10-21' });
    expect(moved.status).toBe(200);
    expect(await obligation()).toEqual({ conference_id: created.id, conference_on: '2011-10-21' });
    expect((await del(officer, `/api/conferences/${created.id}?version=${moved.body.version}`)).status).toBe(204);
    expect(await obligation()).toEqual({ conference_id: null, conference_on: null });
  });
});

describe('documents a unit may disseminate', () => {
  it('offers the unit\'s own documents and its ancestors\', never those of units below or beside it', async () => {
    const options = conferenceDocumentOptionsSchema.parse((await district.get(`/api/conferences/document-options?unitId=${tree.tuSon.id}`)).body);
    const ids = options.items.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([central.id, provincePlan.id, districtPlan.id]));
    expect(ids).not.toContain(communePlan.id);
    expect(ids).not.toContain(siblingPlan.id);
    expect(options.items.find((d) => d.id === central.id)?.issuerName).toBe('Ban Bí thư');
    const commune = conferenceDocumentOptionsSchema.parse((await district.get(`/api/conferences/document-options?unitId=${tree.dinhBang.id}`)).body);
    expect(commune.items.map((d) => d.id)).toEqual(expect.arrayContaining([communePlan.id, districtPlan.id, provincePlan.id]));
  });

  it('searches without diacritics and refuses a unit outside the scope', async () => {
    const found = conferenceDocumentOptionsSchema.parse((await district.get(`/api/conferences/document-options?unitId=${tree.tuSon.id}&q=chi%20thi%2003`)).body);
    expect(found.items.map((d) => d.id)).toEqual([provincePlan.id]);
    expect((await district.get(`/api/conferences/document-options?unitId=${tree.queVo.id}`)).status).toBe(404);
    expect((await district.get('/api/conferences/document-options')).status).toBe(400);
  });
});

describe('conference list and detail', () => {
  let listTree: TestTree;
  let officer: Client;
  beforeAll(async () => {
    listTree = await createTree(ctx.db);
    officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: listTree.tuSon }));
    const plan = await createDocument(ctx.db, listTree.tuSon, { issuedOn: '2011-10-01' });
    await createConference(ctx.db, listTree.tuSon, [plan.id], '2011-10-15');
    await createConference(ctx.db, listTree.tuSon, [plan.id], '2012-03-01');
    await createConference(ctx.db, listTree.dinhBang, [plan.id], '2011-11-02');
    await createConference(ctx.db, listTree.cellA, [plan.id], '2012-01-10');
    await createConference(ctx.db, listTree.phuongLieu, [plan.id], '2012-01-10');
  });

  it('lists the scope unit by default, newest first, with its documents and what the caller may do', async () => {
    const list = conferenceListSchema.parse((await officer.get('/api/conferences')).body);
    expect(list.total).toBe(2);
    expect(list.items.map((k) => k.heldOn)).toEqual(['2012-03-01', '2011-10-15']);
    expect(list.items[0]?.documents).toHaveLength(1);
    expect(list.can).toEqual({ create: true });
  });

  it('lists the subtree with a switch, filters by year and pages', async () => {
    const subtree = conferenceListSchema.parse((await officer.get(`/api/conferences?unitId=${listTree.tuSon.id}&subtree=true`)).body);
    expect(subtree.items.map((k) => [k.unit.name, k.heldOn])).toEqual([
      [listTree.tuSon.name, '2012-03-01'],
      [listTree.cellA.name, '2012-01-10'],
      [listTree.dinhBang.name, '2011-11-02'],
      [listTree.tuSon.name, '2011-10-15'],
    ]);
    const year = conferenceListSchema.parse((await officer.get(`/api/conferences?unitId=${listTree.tuSon.id}&subtree=true&year=2011`)).body);
    expect(year.total).toBe(2);
    const page2 = conferenceListSchema.parse((await officer.get(`/api/conferences?subtree=true&pageSize=3&page=2`)).body);
    expect(page2.total).toBe(4);
    expect(page2.items.map((k) => k.heldOn)).toEqual(['2011-10-15']);
    expect((await officer.get('/api/conferences?year=20x1')).status).toBe(400);
  });

  it('shows a member the conferences of their cell, read-only', async () => {
    const memberId = await createMember(ctx.db, listTree.cellA, { familyName: 'Vũ', middleName: 'Thị', givenName: 'Hoa' });
    const member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: listTree.cellA, memberId }));
    const list = conferenceListSchema.parse((await member.get('/api/conferences')).body);
    expect(list.total).toBe(1);
    expect(list.can.create).toBe(false);
    const detail = conferenceDetailSchema.parse((await member.get(`/api/conferences/${list.items[0]?.id}`)).body);
    expect(detail.can).toEqual({ edit: false, delete: false });
  });

  it('answers 404 for a unit or conference outside the scope', async () => {
    expect((await officer.get(`/api/conferences?unitId=${listTree.queVo.id}`)).status).toBe(404);
    const outside = await ctx.db.selectFrom('dissemination_conference').select('id').where('unit_id', '=', listTree.phuongLieu.id).executeTakeFirstOrThrow();
    const response = await officer.get(`/api/conferences/${outside.id}`);
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(/Không tìm thấy hội nghị/u);
  });
});

describe('editing and deleting', () => {
  it('edits fields, documents and minutes with the version it read, and audits the change', async () => {
    const created = conferenceDetailSchema.parse((await district.post('/api/conferences', conference(tree.tuSon, [districtPlan.id]))).body);
    const fileId = await upload(district, tree.tuSon, 'Biên bản hội nghị.pdf');
    const response = await district.patch(`/api/conferences/${created.id}`, {
      version: created.version,
      attendedMembers: 480,
      documentIds: [provincePlan.id, districtPlan.id],
      minutesFileId: fileId,
      note: '',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const updated = conferenceDetailSchema.parse(response.body);
    expect(updated.version).toBe(2);
    expect(updated.attendedMembers).toBe(480);
    expect(updated.documents.map((d) => d.id)).toEqual([provincePlan.id, districtPlan.id]);
    expect(updated.minutesFile).toEqual({ id: fileId, name: 'Biên bản hội nghị.pdf', mediaType: 'application/pdf', size: PDF.length });
    expect(updated.hasMinutes).toBe(true);
    expect(updated.note).toBeNull();
    const audit = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('entity_type', '=', 'conference').where('entity_id', '=', created.id).where('action', '=', 'conference.update').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ attendedMembers: 450, minutesFileId: null });
    expect(audit.after).toMatchObject({ attendedMembers: 480, minutesFileId: fileId, documents: [provincePlan.symbol, districtPlan.symbol] });

    const download = await district.get(`/api/conferences/${created.id}/minutes`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toContain(encodeURIComponent('Biên bản hội nghị.pdf'));
    expect(download.raw.equals(PDF)).toBe(true);

    const removed = conferenceDetailSchema.parse((await district.patch(`/api/conferences/${created.id}`, { version: updated.version, minutesFileId: null })).body);
    expect(removed.minutesFile).toBeNull();
    const none = await district.get(`/api/conferences/${created.id}/minutes`);
    expect(none.status).toBe(404);
    expect(none.body.message).toMatch(/chưa có biên bản/u);
  });

  it('refuses a stale version, and bad edits, writing nothing', async () => {
    const created = conferenceDetailSchema.parse((await district.post('/api/conferences', conference(tree.tuSon, [districtPlan.id]))).body);
    const first = await district.patch(`/api/conferences/${created.id}`, { version: created.version, attendedCadres: 30 });
    expect(first.status).toBe(200);
    const before = await databaseFingerprint(ctx.db);
    const stale = await province.patch(`/api/conferences/${created.id}`, { version: created.version, attendedCadres: 20 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/tải lại/u);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ expectedCadres: 10 }, /Số cán bộ dự \(30\) không được nhiều hơn số cán bộ triệu tập \(10\)/u],
      [{ heldOn: '2011-09-01' }, /trước ngày ban hành văn bản/u],
      [{ documentIds: [siblingPlan.id] }, /Không tìm thấy văn bản/u],
      [{ heldOn: '2099-01-01' }, /không được sau hôm nay/u],
      [{ unitId: tree.queVo.id }, /ngoài phạm vi/u],
    ];
    for (const [changes, message] of cases) {
      const response = await district.patch(`/api/conferences/${created.id}`, { version: first.body.version, ...changes });
      if (changes.unitId === tree.queVo.id) {
        expect(response.status).toBe(404);
        continue;
      }
      expect(response.status, JSON.stringify(changes)).toBe(400);
      expect(response.body.message).toMatch(message);
    }
    const missingVersion = await district.patch(`/api/conferences/${created.id}`, { attendedCadres: 1 });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.message).toMatch(/phiên bản/iu);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('moves a conference to a unit below, checking its documents again', async () => {
    const created = conferenceDetailSchema.parse((await district.post('/api/conferences', conference(tree.tuSon, [districtPlan.id]))).body);
    const moved = await district.patch(`/api/conferences/${created.id}`, { version: created.version, unitId: tree.dinhBang.id, documentIds: [districtPlan.id, communePlan.id] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.unit.id).toBe(tree.dinhBang.id);
  });

  it('deletes with the current version only, and audits it', async () => {
    const created = conferenceDetailSchema.parse((await district.post('/api/conferences', conference(tree.tuSon, [districtPlan.id]))).body);
    const secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
    const before = await databaseFingerprint(ctx.db);
    const stale = await del(district, `/api/conferences/${created.id}?version=7`);
    expect(stale.status).toBe(409);
    const noVersion = await del(district, `/api/conferences/${created.id}`);
    expect(noVersion.status).toBe(400);
    expect((await del(secretary, `/api/conferences/${created.id}?version=1`)).status).toBe(404);
    expect(await databaseFingerprint(ctx.db)).toBe(before);
    expect((await del(district, `/api/conferences/${created.id}?version=1`)).status).toBe(204);
    expect((await district.get(`/api/conferences/${created.id}`)).status).toBe(404);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'before']).where('entity_type', '=', 'conference').where('entity_id', '=', created.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.action).toBe('conference.delete');
    expect(audit.before).toMatchObject({ unitId: tree.tuSon.id });
    const links = await ctx.db.selectFrom('conference_document').select('document_id').where('conference_id', '=', created.id).execute();
    expect(links).toEqual([]);
  });
});

describe('coverage', () => {
  let cov: TestTree;
  let officer: Client;
  beforeAll(async () => {
    cov = await createTree(ctx.db);
    officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: cov.province }));
    const plan = await createDocument(ctx.db, cov.province, { issuedOn: '2011-09-07' });
    const at = async (unit: TestUnit, heldOn: string, counts: [number, number, number, number]) => {
      const id = await createConference(ctx.db, unit, [plan.id], heldOn);
      const [expected_cadres, attended_cadres, expected_members, attended_members] = counts;
      await ctx.db.updateTable('dissemination_conference').set({ expected_cadres, attended_cadres, expected_members, attended_members }).where('id', '=', id).execute();
    };
    await at(cov.province, '2011-09-20', [100, 90, 0, 0]);
    await at(cov.tuSon, '2011-10-01', [50, 50, 400, 300]);
    await at(cov.dinhBang, '2011-10-10', [10, 5, 200, 150]);
    await at(cov.cellA, '2012-02-01', [0, 0, 20, 20]);
    await at(cov.queVo, '2011-10-05', [40, 30, 0, 0]);
    // A closed district without conferences is left out; an open one without any shows zeros.
    const closed = await createUnit(ctx.db, cov.province, 'district_committee', 'Đảng bộ huyện Cũ');
    await ctx.db.updateTable('unit').set({ valid_to: '2011-01-01' }).where('id', '=', closed.id).execute();
    await createUnit(ctx.db, cov.province, 'affiliated_committee', 'Đảng bộ Khối các cơ quan tỉnh');
  });

  it('rolls up conferences and attendance per child subtree, with the unit itself and a total', async () => {
    const coverage = conferenceCoverageSchema.parse((await officer.get(`/api/conferences/coverage?unitId=${cov.province.id}`)).body);
    expect(coverage.year).toBeNull();
    // Vietnamese order: "Đảng bộ huyện Quế Võ" < "Đảng bộ Khối…" < "Đảng bộ Thị xã Từ Sơn".
    expect(coverage.children.map((c) => c.unit.name)).toEqual(['Đảng bộ huyện Quế Võ', 'Đảng bộ Khối các cơ quan tỉnh', 'Đảng bộ Thị xã Từ Sơn']);
    const tuSon = coverage.children.find((c) => c.unit.id === cov.tuSon.id);
    expect(tuSon).toMatchObject({ conferences: 3, expectedCadres: 60, attendedCadres: 55, expectedMembers: 620, attendedMembers: 470 });
    expect(tuSon?.cadreRatio).toBeCloseTo(55 / 60);
    expect(tuSon?.memberRatio).toBeCloseTo(470 / 620);
    const empty = coverage.children.find((c) => c.unit.name === 'Đảng bộ Khối các cơ quan tỉnh');
    expect(empty).toMatchObject({ conferences: 0, cadreRatio: null, memberRatio: null });
    expect(coverage.own).toMatchObject({ conferences: 1, expectedCadres: 100, attendedCadres: 90, memberRatio: null });
    expect(coverage.unit).toMatchObject({ conferences: 5, expectedCadres: 200, attendedCadres: 175, expectedMembers: 620, attendedMembers: 470 });
  });

  it('filters by year and defaults to the caller\'s scope', async () => {
    const coverage = conferenceCoverageSchema.parse((await officer.get('/api/conferences/coverage?year=2012')).body);
    expect(coverage.year).toBe(2012);
    expect(coverage.unit.unit.id).toBe(cov.province.id);
    expect(coverage.unit).toMatchObject({ conferences: 1, expectedMembers: 20, attendedMembers: 20, memberRatio: 1 });
    const dinhBang = conferenceCoverageSchema.parse((await officer.get(`/api/conferences/coverage?unitId=${cov.dinhBang.id}`)).body);
    expect(dinhBang.children.map((c) => [c.unit.name, c.conferences])).toEqual([[cov.cellA.name, 1]]);
    expect(dinhBang.own.conferences).toBe(1);
  });

  it('answers 404 outside the scope and 400 for a bad year', async () => {
    const officerTuSon = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: cov.tuSon }));
    expect((await officerTuSon.get(`/api/conferences/coverage?unitId=${cov.queVo.id}`)).status).toBe(404);
    expect((await officerTuSon.get(`/api/conferences/coverage?unitId=${cov.province.id}`)).status).toBe(404);
    const bad = await officer.get('/api/conferences/coverage?year=1800');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/Năm không hợp lệ/u);
  });

  it('counts the numbers the SQL roll-up gives against a plain recount', async () => {
    const recount = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM dissemination_conference k JOIN unit u ON u.id = k.unit_id WHERE u.path <@ ${cov.province.path}::ltree`.execute(ctx.db);
    const coverage = conferenceCoverageSchema.parse((await officer.get('/api/conferences/coverage')).body);
    expect(coverage.unit.conferences).toBe(recount.rows[0]?.n);
  });
});
