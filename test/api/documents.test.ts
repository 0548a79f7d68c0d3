import { beforeAll, describe, expect, it } from 'vitest';
import { documentDetailSchema, documentListSchema, requirementSchema } from '../../src/shared/schemas/documents';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createTree } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let tuSon: Client;
let queVo: Client;
let cellSecretary: Client;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  tuSon = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  queVo = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo }));
  cellSecretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
});

async function register(client: Client, body: Record<string, unknown>) {
  return client.post('/api/documents', { docType: 'plan', title: 'Kế hoạch thực hiện Cuộc vận động', ...body });
}

/** Refused with a Vietnamese message, and nothing in the database changed. */
async function expectRefused(request: () => Promise<{ status: number; body: { message: string } }>, status: number, message: RegExp) {
  const before = await databaseFingerprint(ctx.db);
  const response = await request();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.message).toMatch(message);
  expect(await databaseFingerprint(ctx.db)).toBe(before);
}

describe('registering Party documents', () => {
  let directive: number;
  let centralPlan: number;
  let provincePlan: number;

  it('registers the central documents (from above the tree) as a province officer', async () => {
    const ct = await register(province, { issuerUnitId: null, issuerName: 'Bộ Chính trị', issuerCode: 'TW', docType: 'directive', symbol: '03-CT/TW', issuedOn: '2011-05-14', title: 'Về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh' });
    expect(ct.status, JSON.stringify(ct.body)).toBe(201);
    directive = documentDetailSchema.parse(ct.body).id;
    const kh = await register(province, { issuerUnitId: null, issuerName: 'Ban Bí thư', issuerCode: 'TW', symbol: '03-KH/TW', issuedOn: '2011-07-01', implementsId: directive });
    expect(kh.status).toBe(201);
    centralPlan = kh.body.id;
    expect(kh.body.implements.symbol).toBe('03-CT/TW');
  });

  it('suggests the next free number per issuer, type and term, with the issuer code of the unit', async () => {
    const first = await province.get(`/api/documents/next-number?issuerUnitId=${tree.province.id}&docType=plan&issuedOn=2011-09-07`);
    expect(first.body).toMatchObject({ number: 1, symbol: '01-KH/TU', termName: '2010–2015' });
    const registered = await register(province, { issuerUnitId: tree.province.id, symbol: 'Số 08 - KH/TU', issuedOn: '2011-09-07', implementsId: centralPlan, signer: 'Nguyễn Nhân Chiến' });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    provincePlan = registered.body.id;
    expect(registered.body).toMatchObject({ symbol: '08-KH/TU', number: 8, termName: '2010–2015', issuer: { unitId: tree.province.id, code: 'TU' } });
    const next = await province.get(`/api/documents/next-number?issuerUnitId=${tree.province.id}&docType=plan&issuedOn=2011-12-01`);
    expect(next.body.symbol).toBe('09-KH/TU');
    // A new term starts again from 01.
    const newTerm = await province.get(`/api/documents/next-number?issuerUnitId=${tree.province.id}&docType=plan&issuedOn=2016-01-05`);
    expect(newTerm.body).toMatchObject({ symbol: '01-KH/TU', termName: '2015–2020' });
    const huyen = await queVo.get(`/api/documents/next-number?issuerUnitId=${tree.queVo.id}&docType=guidance&issuedOn=2011-09-20`);
    expect(huyen.body.symbol).toBe('01-HD/HU');
  });

  it('audits the registration', async () => {
    const entry = await ctx.db.selectFrom('audit_log').select(['action', 'after', 'unit_id']).where('entity_type', '=', 'document').where('entity_id', '=', provincePlan).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'document.create', unit_id: tree.province.id });
    expect(entry.after).toMatchObject({ symbol: '08-KH/TU', issuedOn: '2011-09-07' });
  });

  it('lets a district see guidance from above and its own documents, never a sibling district\'s', async () => {
    const own = await register(tuSon, { issuerUnitId: tree.tuSon.id, symbol: '12-KH/TU', issuedOn: '2011-10-05', implementsId: provincePlan });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const list = documentListSchema.parse((await tuSon.get('/api/documents?pageSize=100')).body);
    expect(list.items.map((d) => d.symbol)).toEqual(['12-KH/TU', '08-KH/TU', '03-KH/TW', '03-CT/TW']);
    expect(list.can).toEqual({ create: true, createExternal: false });
    expect((await queVo.get(`/api/documents/${own.body.id}`)).status).toBe(404);
    const queVoList = await queVo.get('/api/documents?pageSize=100');
    expect(queVoList.body.items.map((d: { symbol: string }) => d.symbol)).not.toContain('12-KH/TU');
    const onlyOwn = await tuSon.get('/api/documents?includeAbove=false');
    expect(onlyOwn.body.items.map((d: { symbol: string }) => d.symbol)).toEqual(['12-KH/TU']);
    // Search works without diacritics, on the symbol and the title.
    const found = await tuSon.get(`/api/documents?q=${encodeURIComponent('hoc tap va lam theo')}`);
    expect(found.body.items.map((d: { symbol: string }) => d.symbol)).toEqual(['03-CT/TW']);
    // The province sees the district's plan among the documents implementing its own.
    const detail = documentDetailSchema.parse((await province.get(`/api/documents/${provincePlan}`)).body);
    expect(detail.implementedBy.map((d) => d.symbol)).toEqual(['12-KH/TU']);
    expect(detail.can.edit).toBe(true);
    const seenFromBelow = documentDetailSchema.parse((await tuSon.get(`/api/documents/${provincePlan}`)).body);
    expect(seenFromBelow.can).toEqual({ edit: false, delete: false, addRequirement: false });
  });

  it('refuses a symbol that does not parse or does not fit, with a Vietnamese message and nothing written', async () => {
    await expectRefused(() => register(queVo, { issuerUnitId: tree.queVo.id, symbol: '3970/QĐ-UBND', issuedOn: '2011-09-20' }), 400, /không đúng mẫu văn bản của Đảng/u);
    await expectRefused(() => register(queVo, { issuerUnitId: tree.queVo.id, symbol: '05-HD/HU', issuedOn: '2011-09-20' }), 400, /không khớp với loại văn bản Kế hoạch/u);
    await expectRefused(() => register(queVo, { issuerUnitId: tree.queVo.id, symbol: '05-KH/TU', issuedOn: '2011-09-20' }), 400, /phải là "HU"/u);
  });

  it('refuses a number already used in the term and names the next free one', async () => {
    await expectRefused(() => register(province, { issuerUnitId: tree.province.id, symbol: '08-KH/TU', issuedOn: '2012-01-10' }), 409, /08-KH\/TU đã được dùng trong nhiệm kỳ 2010–2015.*Số tiếp theo còn trống: 09-KH\/TU/u);
    // The same number in the next term is free.
    const nextTerm = await register(province, { issuerUnitId: tree.province.id, symbol: '08-KH/TU', issuedOn: '2016-03-01' });
    expect(nextTerm.status).toBe(201);
  });

  it('refuses a document dated before the one it implements, or in the future', async () => {
    await expectRefused(
      () => register(queVo, { issuerUnitId: tree.queVo.id, symbol: '07-KH/HU', issuedOn: '2011-09-06', implementsId: provincePlan }),
      400,
      /trước ngày của văn bản được thực hiện 08-KH\/TU \(07\/09\/2011\)/u,
    );
    await expectRefused(() => register(queVo, { issuerUnitId: tree.queVo.id, symbol: '07-KH/HU', issuedOn: '2099-01-01' }), 400, /không được sau ngày hôm nay/u);
  });

  it('refuses guidance from a sibling as the implemented document, and external documents from below the province', async () => {
    const sibling = await ctx.db.selectFrom('party_document').select('id').where('symbol', '=', '12-KH/TU').executeTakeFirstOrThrow();
    // Quế Võ cannot even read Từ Sơn's plan.
    await expectRefused(() => register(queVo, { issuerUnitId: tree.queVo.id, symbol: '07-KH/HU', issuedOn: '2011-10-10', implementsId: sibling.id }), 400, /Không tìm thấy văn bản được thực hiện/u);
    await expectRefused(() => register(tuSon, { issuerUnitId: null, issuerName: 'Ban Bí thư', issuerCode: 'TW', symbol: '04-KH/TW', issuedOn: '2011-07-01' }), 403, /cấp tỉnh/u);
    await expectRefused(() => register(tuSon, { issuerUnitId: tree.queVo.id, symbol: '07-KH/HU', issuedOn: '2011-10-10' }), 404, /phạm vi/u);
  });

  it('lets a cell secretary register the documents of their own cell only', async () => {
    const own = await register(cellSecretary, { issuerUnitId: tree.cellA.id, docType: 'report', symbol: '01-BC/CB', issuedOn: '2011-12-20', title: 'Báo cáo kết quả học tập chuyên đề' });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    await expectRefused(() => register(cellSecretary, { issuerUnitId: tree.dinhBang.id, symbol: '01-KH/ĐU', issuedOn: '2011-12-20' }), 404, /phạm vi/u);
  });

  it('updates with a version check, and a date change keeps the rules', async () => {
    const doc = (await tuSon.get('/api/documents?includeAbove=false&docType=plan')).body.items[0];
    expect(doc.symbol).toBe('12-KH/TU');
    const detail = (await tuSon.get(`/api/documents/${doc.id}`)).body;
    const updated = await tuSon.patch(`/api/documents/${doc.id}`, { version: detail.version, title: 'Kế hoạch thực hiện Chỉ thị 03-CT/TW của Thị ủy Từ Sơn' });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.version).toBe(detail.version + 1);
    await expectRefused(() => tuSon.patch(`/api/documents/${doc.id}`, { version: detail.version, title: 'Sửa đè' }), 409, /người khác thay đổi/u);
    await expectRefused(() => tuSon.patch(`/api/documents/${doc.id}`, { version: updated.body.version, issuedOn: '2011-09-01' }), 400, /trước ngày của văn bản được thực hiện/u);
    // The province cannot move its plan after a plan that implements it.
    const plan = (await province.get(`/api/documents/${provincePlan}`)).body;
    await expectRefused(() => province.patch(`/api/documents/${provincePlan}`, { version: plan.version, issuedOn: '2011-10-06' }), 400, /12-KH\/TU thực hiện văn bản này lại ban hành ngày 05\/10\/2011/u);
  });

  it('refuses to move a document after the conference that disseminated it', async () => {
    const plan = await register(queVo, { issuerUnitId: tree.queVo.id, symbol: '40-KH/HU', issuedOn: '2011-10-10' });
    await ctx.db.insertInto('dissemination_conference').values({ unit_id: tree.queVo.id, held_on: '2011-10-12', form: 'in_person', expected_cadres: 5, attended_cadres: 5, expected_members: 10, attended_members: 9 }).returning('id').executeTakeFirstOrThrow()
      .then((k) => ctx.db.insertInto('conference_document').values({ conference_id: k.id, document_id: plan.body.id }).execute());
    await expectRefused(() => queVo.patch(`/api/documents/${plan.body.id}`, { version: plan.body.version, issuedOn: '2011-10-13' }), 400, /quán triệt tại hội nghị ngày 12\/10\/2011/u);
    await expectRefused(() => queVo.request({ method: 'DELETE', url: `/api/documents/${plan.body.id}?version=${plan.body.version}` }), 409, /đã được quán triệt tại hội nghị/u);
  });

  it('deletes only documents nothing depends on', async () => {
    const plan = (await province.get(`/api/documents/${provincePlan}`)).body;
    await expectRefused(() => province.request({ method: 'DELETE', url: `/api/documents/${provincePlan}?version=${plan.version}` }), 409, /có văn bản thực hiện văn bản này/u);
    const spare = await register(queVo, { issuerUnitId: tree.queVo.id, symbol: '20-KH/HU', issuedOn: '2011-10-10' });
    const deleted = await queVo.request({ method: 'DELETE', url: `/api/documents/${spare.body.id}?version=1` });
    expect(deleted.status).toBe(204);
    expect((await queVo.get(`/api/documents/${spare.body.id}`)).status).toBe(404);
  });
});

describe('attached files', () => {
  const upload = (client: Client, unitId: number, body: Buffer, name = 'ke-hoach.pdf', type = 'application/pdf') =>
    client.request({ method: 'POST', url: `/api/files?unitId=${unitId}`, headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) }, payload: body });

  it('stores a PDF checked by content and serves it back with the document', async () => {
    const stored = await upload(queVo, tree.queVo.id, PDF, '../../Kế hoạch 05.pdf');
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    expect(stored.body).toMatchObject({ name: 'Kế hoạch 05.pdf', mediaType: 'application/pdf', size: PDF.length });
    const doc = await register(queVo, { issuerUnitId: tree.queVo.id, symbol: '05-KH/HU', issuedOn: '2011-10-01', fileId: stored.body.id });
    expect(doc.status, JSON.stringify(doc.body)).toBe(201);
    expect(doc.body.file.name).toBe('Kế hoạch 05.pdf');
    const file = await queVo.get(`/api/documents/${doc.body.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.raw.equals(PDF)).toBe(true);
    // Someone from another district may neither read nor reuse it.
    expect((await tuSon.get(`/api/documents/${doc.body.id}/file`)).status).toBe(404);
    await expectRefused(() => register(tuSon, { issuerUnitId: tree.tuSon.id, symbol: '30-KH/TU', issuedOn: '2011-10-01', fileId: stored.body.id }), 400, /đơn vị khác/u);
  });

  it('refuses a file that claims to be a PDF but is not', async () => {
    await expectRefused(() => upload(queVo, tree.queVo.id, Buffer.from('MZ\u0090\u0000 not a pdf'), 'ke-hoach.pdf'), 400, /kiểm tra nội dung tệp/u);
    await expectRefused(() => upload(queVo, tree.queVo.id, Buffer.alloc(0), 'rong.pdf'), 400, /trống/u);
  });
});

describe('cascade requirements', () => {
  it('computes due dates from the document date and refuses bad windows and kinds', async () => {
    const doc = await register(province, { issuerUnitId: tree.province.id, symbol: '15-KH/TU', issuedOn: '2011-09-09' });
    const created = await province.post(`/api/documents/${doc.body.id}/requirements`, { targetKinds: ['district_committee'], requiredType: 'plan', days: 30, conferenceDays: 45 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(requirementSchema.parse(created.body)).toMatchObject({ dueOn: '2011-10-09', conferenceDueOn: '2011-10-24', counts: { overdue: 2 } });
    const working = await province.post(`/api/documents/${doc.body.id}/requirements`, { targetKinds: ['district_committee'], requiredType: 'report', days: 1, workingDays: true });
    // Friday 09/09/2011 + 1 working day = Monday 12/09/2011.
    expect(working.body.dueOn).toBe('2011-09-12');
    await expectRefused(() => province.post(`/api/documents/${doc.body.id}/requirements`, { targetKinds: ['district_committee'], requiredType: 'plan', days: -5 }), 400, /không được âm/u);
    await expectRefused(() => province.post(`/api/documents/${doc.body.id}/requirements`, { targetKinds: ['cell'], requiredType: 'plan', days: 30 }), 400, /không trực thuộc/u);
    await expectRefused(() => province.post(`/api/documents/${doc.body.id}/requirements`, { targetKinds: [], requiredType: 'plan', days: 30 }), 400, /ít nhất một loại/u);
    await expectRefused(() => tuSon.post(`/api/documents/${doc.body.id}/requirements`, { targetKinds: ['grassroots_committee'], requiredType: 'plan', days: 30 }), 403, /quyền/u);
    // Moving the document's date moves the deadlines.
    const current = (await province.get(`/api/documents/${doc.body.id}`)).body;
    const moved = await province.patch(`/api/documents/${doc.body.id}`, { version: current.version, issuedOn: '2011-09-10' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.requirements.map((r: { dueOn: string }) => r.dueOn)).toEqual(['2011-10-10', '2011-09-12']);
    // Edit and delete with version checks.
    const requirement = moved.body.requirements[0];
    const edited = await province.patch(`/api/requirements/${requirement.id}`, { version: requirement.version, targetKinds: ['district_committee'], requiredType: 'plan', days: 20 });
    expect(edited.body.dueOn).toBe('2011-09-30');
    await expectRefused(() => province.request({ method: 'DELETE', url: `/api/requirements/${requirement.id}?version=${requirement.version}` }), 409, /người khác thay đổi/u);
    expect((await province.request({ method: 'DELETE', url: `/api/requirements/${requirement.id}?version=${edited.body.version}` })).status).toBe(204);
  });
});
