import { beforeAll, describe, expect, it } from 'vitest';
import { pilotSchema, pilotsOverviewSchema, pressingIssueSchema, standardVersionSchema, standardsCoverageSchema, unitStandardsSchema, yearRuleSchema } from '../../src/shared/schemas/standards';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createMember, createTree, createUnit } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let provinceOther: Client;
let district: Client;
let districtQueVo: Client;
let grassroots: Client;
let member: Client;
let taxOffice: TestUnit;
let taxOfficer: Client;

async function expectRefused(request: () => Promise<{ status: number; body: { message: string } }>, status: number, message: RegExp) {
  const before = await databaseFingerprint(ctx.db);
  const response = await request();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.message).toMatch(message);
  expect(await databaseFingerprint(ctx.db)).toBe(before);
}

const criteria = [
  { group: 'Với nhân dân', text: 'Gần dân, trọng dân, vì dân' },
  { group: 'Với công việc', text: 'Thu đúng, thu đủ, không gây phiền hà' },
];

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  taxOffice = await createUnit(ctx.db, tree.tuSon, 'grassroots_cell', 'Chi bộ Chi cục Thuế Từ Sơn');
  await ctx.db.updateTable('unit').set({ sector: 'tax' }).where('id', '=', taxOffice.id).execute();
  const memberId = await createMember(ctx.db, tree.cellA);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  provinceOther = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  districtQueVo = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo }));
  grassroots = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'grassroots_officer', scope: tree.dinhBang }));
  taxOfficer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: taxOffice }));
  member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
});

describe('standards: draft → submitted → approved → issued → revised', () => {
  let draft: ReturnType<typeof standardVersionSchema.parse>;

  it('is drafted by the unit with gentle length warnings', async () => {
    const long = { text: Array.from({ length: 35 }, () => 'dài').join(' ') };
    const created = await taxOfficer.post('/api/standards', { unitId: taxOffice.id, kind: 'professional', title: 'Chuẩn mực đạo đức nghề nghiệp cán bộ thuế', criteria: [...criteria, long] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    draft = standardVersionSchema.parse(created.body);
    expect(draft).toMatchObject({ state: 'draft', versionNo: 1, warnings: ['Tiêu chí 3 dài 35 từ: nên viết ngắn gọn, dễ nhớ (dưới 30 từ).'], can: { edit: true, submit: true, approve: false } });
    await expectRefused(() => taxOfficer.post('/api/standards', { unitId: taxOffice.id, kind: 'professional', title: 'Bản thứ hai', criteria }), 409, /đang có một bản dự thảo/u);
    await expectRefused(() => member.post('/api/standards', { unitId: tree.cellA.id, kind: 'moral', title: 'Chuẩn mực chi bộ', criteria }), 403, /soạn bộ chuẩn mực/u);
    const edited = await taxOfficer.patch(`/api/standard-versions/${draft.id}`, { version: draft.version, criteria });
    draft = standardVersionSchema.parse(edited.body);
    expect(draft.warnings).toEqual([]);
  });

  it('is approved only by the committee above, never by itself', async () => {
    draft = standardVersionSchema.parse((await taxOfficer.post(`/api/standard-versions/${draft.id}/submit`, { version: draft.version })).body);
    expect(draft.state).toBe('submitted');
    await expectRefused(() => taxOfficer.post(`/api/standard-versions/${draft.id}/approve`, { version: draft.version }), 403, /cấp ủy cấp trên/u);
    await expectRefused(() => taxOfficer.patch(`/api/standard-versions/${draft.id}`, { version: draft.version, title: 'Sửa khi đã trình' }), 409, /Chỉ sửa được bản dự thảo/u);
    const waiting = unitStandardsSchema.parse((await district.get('/api/standards')).body);
    expect(waiting.awaitingApproval.map((a) => a.id)).toEqual([draft.id]);
    const returned = await district.post(`/api/standard-versions/${draft.id}/return`, { version: draft.version, comment: 'Tiêu chí 2 nên nói rõ hơn.' });
    draft = standardVersionSchema.parse(returned.body);
    expect(draft).toMatchObject({ state: 'draft', returnComment: 'Tiêu chí 2 nên nói rõ hơn.' });
    draft = standardVersionSchema.parse((await taxOfficer.post(`/api/standard-versions/${draft.id}/submit`, { version: draft.version })).body);
    draft = standardVersionSchema.parse((await district.post(`/api/standard-versions/${draft.id}/approve`, { version: draft.version })).body);
    expect(draft.state).toBe('approved');
  });

  it('is issued with a Party document symbol, and the sector coverage changes', async () => {
    const before = standardsCoverageSchema.parse((await province.get('/api/standards/coverage')).body);
    const tax = () => before.sectors.find((s) => s.sector === 'tax');
    expect(tax()).toMatchObject({ units: 1, withProfessional: 0, missing: [{ id: taxOffice.id, parentName: 'Đảng bộ Thị xã Từ Sơn' }] });
    await expectRefused(() => taxOfficer.post(`/api/standard-versions/${draft.id}/issue`, { version: draft.version, documentSymbol: 'quyết định số 5', issuedOn: '2012-03-01' }), 400, /không đúng mẫu/u);
    const issued = await taxOfficer.post(`/api/standard-versions/${draft.id}/issue`, { version: draft.version, documentSymbol: '05-QĐ/CB', issuedOn: '2012-03-01' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    draft = standardVersionSchema.parse(issued.body);
    expect(draft).toMatchObject({ state: 'issued', documentSymbol: '05-QĐ/CB', issuedOn: '2012-03-01', can: { revise: true } });
    const after = standardsCoverageSchema.parse((await province.get('/api/standards/coverage')).body);
    expect(after.sectors.find((s) => s.sector === 'tax')).toMatchObject({ units: 1, withProfessional: 1, missing: [] });
    expect(after.total.withProfessional).toBe(before.total.withProfessional + 1);
  });

  it('counts a department cell inside a committee of the same sector under its committee, not on its own', async () => {
    const hospital = await createUnit(ctx.db, tree.tuSon, 'grassroots_committee', 'Đảng bộ Trung tâm Y tế Từ Sơn');
    const ward = await createUnit(ctx.db, hospital, 'cell', 'Chi bộ Khoa Nội');
    await ctx.db.updateTable('unit').set({ sector: 'health' }).where('id', 'in', [hospital.id, ward.id]).execute();
    const coverage = standardsCoverageSchema.parse((await province.get('/api/standards/coverage')).body);
    expect(coverage.sectors.find((s) => s.sector === 'health')).toMatchObject({ units: 1, withProfessional: 0, missing: [{ id: hospital.id }] });
  });

  it('is revised as a new version; the old one stays current until the revision is issued', async () => {
    const revision = standardVersionSchema.parse((await taxOfficer.post('/api/standards', { unitId: taxOffice.id, kind: 'professional', title: 'Chuẩn mực đạo đức nghề nghiệp (sửa đổi)', criteria: [...criteria, { text: 'Không nhận quà biếu' }] })).body);
    expect(revision.versionNo).toBe(2);
    let series = unitStandardsSchema.parse((await taxOfficer.get(`/api/standards?unitId=${taxOffice.id}`)).body).series[0];
    expect(series?.current?.id).toBe(draft.id);
    expect(series?.open?.id).toBe(revision.id);
    let v2 = standardVersionSchema.parse((await taxOfficer.post(`/api/standard-versions/${revision.id}/submit`, { version: revision.version })).body);
    v2 = standardVersionSchema.parse((await district.post(`/api/standard-versions/${v2.id}/approve`, { version: v2.version })).body);
    await expectRefused(() => taxOfficer.post(`/api/standard-versions/${v2.id}/issue`, { version: v2.version, documentSymbol: '09-QĐ/CB', issuedOn: '2012-02-01' }), 400, /trước bản hiện hành/u);
    v2 = standardVersionSchema.parse((await taxOfficer.post(`/api/standard-versions/${v2.id}/issue`, { version: v2.version, documentSymbol: '09-QĐ/CB', issuedOn: '2012-09-01' })).body);
    series = unitStandardsSchema.parse((await taxOfficer.get(`/api/standards?unitId=${taxOffice.id}`)).body).series[0];
    expect(series?.current?.id).toBe(v2.id);
    expect(series?.history.map((h) => [h.versionNo, h.state])).toEqual([
      [2, 'issued'],
      [1, 'superseded'],
    ]);
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'standard').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toContain('standard.revise');
  });

  it('shows members the current standards of their lineage, never drafts', async () => {
    const moral = standardVersionSchema.parse((await grassroots.post('/api/standards', { unitId: tree.dinhBang.id, kind: 'moral', title: 'Chuẩn mực đạo đức cán bộ, đảng viên phường Đình Bảng', criteria })).body);
    let mine = (await member.get('/api/me/standards')).body;
    expect(mine.items).toEqual([]);
    expect((await member.get(`/api/standard-versions/${moral.id}`)).status).toBe(404);
    let v = standardVersionSchema.parse((await grassroots.post(`/api/standard-versions/${moral.id}/submit`, { version: moral.version })).body);
    // The root committee approves its own level's standards by another officer; here Từ Sơn approves Đình Bảng.
    v = standardVersionSchema.parse((await district.post(`/api/standard-versions/${v.id}/approve`, { version: v.version })).body);
    v = standardVersionSchema.parse((await grassroots.post(`/api/standard-versions/${v.id}/issue`, { version: v.version, documentSymbol: '03-QĐ/ĐU', issuedOn: '2012-04-01' })).body);
    mine = (await member.get('/api/me/standards')).body;
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([v.id]);
  });

  it('lets the root committee\'s standard be approved by another of its officers, not the one who submitted it', async () => {
    let root = standardVersionSchema.parse((await province.post('/api/standards', { unitId: tree.province.id, kind: 'moral', title: 'Chuẩn mực đạo đức cán bộ, đảng viên tỉnh', criteria })).body);
    root = standardVersionSchema.parse((await province.post(`/api/standard-versions/${root.id}/submit`, { version: root.version })).body);
    await expectRefused(() => province.post(`/api/standard-versions/${root.id}/approve`, { version: root.version }), 403, /không tự duyệt/u);
    expect((await provinceOther.post(`/api/standard-versions/${root.id}/approve`, { version: root.version })).status).toBe(200);
  });
});

describe('pilots and the year\'s quota', () => {
  const pilot = (committee: TestUnit, target: TestUnit, kind: 'comprehensive' | 'field', field?: string) => ({
    committeeUnitId: committee.id,
    year: 2012,
    kind,
    ...(field ? { field } : {}),
    targetUnitId: target.id,
    goals: 'Đơn vị tiêu biểu về làm theo trong cải cách hành chính',
    responsible: 'Đồng chí Phó Bí thư Thường trực',
  });

  it('takes 2 + 3 by default, refusing a fourth by field and a unit outside the committee', async () => {
    const rule = yearRuleSchema.parse((await district.get('/api/year-rules/2012')).body);
    expect(rule).toMatchObject({ comprehensivePilots: 2, fieldPilots: 3, pressingIssues: 1, isDefault: true, can: { edit: false } });
    const targets: TestUnit[] = [];
    for (let i = 0; i < 6; i++) targets.push(await createUnit(ctx.db, tree.dinhBang, 'cell', `Chi bộ điểm ${i + 1}`));
    for (const [i, target] of targets.slice(0, 5).entries()) {
      const made = await district.post('/api/pilots', i < 2 ? pilot(tree.tuSon, target, 'comprehensive') : pilot(tree.tuSon, target, 'field', 'Cải cách hành chính'));
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    await expectRefused(() => district.post('/api/pilots', pilot(tree.tuSon, targets[5] as TestUnit, 'field', 'Văn hóa công sở')), 400, /^Năm 2012 mỗi cấp ủy chọn 3 đơn vị chỉ đạo điểm theo lĩnh vực; đã chọn đủ 3\.$/u);
    await expectRefused(() => province.post('/api/pilots', pilot(tree.tuSon, tree.cellB, 'comprehensive')), 400, /phải thuộc Đảng bộ Thị xã Từ Sơn/u);
    await expectRefused(() => district.post('/api/pilots', pilot(tree.queVo, tree.cellB, 'comprehensive')), 404, /ngoài phạm vi/u);
    await expectRefused(() => grassroots.post('/api/pilots', pilot(tree.dinhBang, tree.cellA, 'comprehensive')), 400, /không phải cấp ủy cấp huyện/u);
    const overview = pilotsOverviewSchema.parse((await province.get('/api/pilots?year=2012')).body);
    expect(overview.committees.map((c) => [c.committee.name, c.comprehensive, c.field, c.met])).toEqual([
      ['Đảng bộ huyện Quế Võ', 0, 0, false],
      ['Đảng bộ Thị xã Từ Sơn', 2, 3, true],
    ]);
  });

  it('follows a pilot with notes to its final result; the quota is data per year', async () => {
    const overview = pilotsOverviewSchema.parse((await district.get('/api/pilots?year=2012')).body);
    const first = overview.pilots[0];
    if (!first) throw new Error('no pilot');
    const noted = pilotSchema.parse((await district.post(`/api/pilots/${first.id}/notes`, { note: 'Đã xây dựng kế hoạch điểm' })).body);
    expect(noted.notes.map((n) => n.note)).toEqual(['Đã xây dựng kế hoạch điểm']);
    const done = await district.post(`/api/pilots/${first.id}/complete`, { version: noted.version, result: 'Đạt mục tiêu, nhân rộng ra 5 chi bộ', lessons: 'Cần người đứng đầu gương mẫu', completedOn: '2012-12-20' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(pilotSchema.parse(done.body)).toMatchObject({ state: 'completed', completedOn: '2012-12-20' });
    await expectRefused(() => district.put('/api/year-rules/2013', { version: null, comprehensivePilots: 1, fieldPilots: 1, pressingIssues: 1 }), 403, /cấp tỉnh/u);
    const rule = await province.put('/api/year-rules/2013', { version: null, comprehensivePilots: 1, fieldPilots: 1, pressingIssues: 2 });
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
    expect(yearRuleSchema.parse(rule.body)).toMatchObject({ isDefault: false, version: 1, pressingIssues: 2 });
    const target = await createUnit(ctx.db, tree.phuongLieu, 'cell', 'Chi bộ điểm Quế Võ');
    const target2 = await createUnit(ctx.db, tree.phuongLieu, 'cell', 'Chi bộ điểm Quế Võ 2');
    expect((await districtQueVo.post('/api/pilots', { ...pilot(tree.queVo, target, 'comprehensive'), year: 2013 })).status).toBe(201);
    await expectRefused(() => districtQueVo.post('/api/pilots', { ...pilot(tree.queVo, target2, 'comprehensive'), year: 2013 }), 400, /chọn 1 đơn vị chỉ đạo điểm toàn diện/u);
  });
});

describe('the pressing issue', () => {
  const milestones = [
    { title: 'Khảo sát, thống kê các điểm lấn chiếm', dueOn: '2012-03-31', weight: 1, progress: 100 },
    { title: 'Vận động tháo dỡ', dueOn: '2012-07-31', weight: 2, progress: 50 },
    { title: 'Xử lý dứt điểm', dueOn: '2012-11-30', weight: 1, progress: 0 },
  ];
  let issue: ReturnType<typeof pressingIssueSchema.parse>;

  it('is one per committee per year, with milestones in date order; progress is the weighted mean', async () => {
    const body = { committeeUnitId: tree.tuSon.id, year: 2012, title: 'Tình trạng lấn chiếm hành lang giao thông', target: 'Giải tỏa 100% điểm lấn chiếm trên quốc lộ 1A' };
    await expectRefused(() => district.post('/api/pressing-issues', { ...body, milestones: [milestones[1], milestones[0]] }), 400, /Mốc 2 có hạn trước mốc 1/u);
    await expectRefused(() => district.post('/api/pressing-issues', { ...body, milestones: [{ ...milestones[0], weight: 0.001 }] }), 400, /Trọng số phải từ 0,01/u);
    const created = await district.post('/api/pressing-issues', { ...body, milestones });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    issue = pressingIssueSchema.parse(created.body);
    expect(issue).toMatchObject({ progress: 50, status: 'on_track', timeliness: 'overdue' });
    await expectRefused(() => district.post('/api/pressing-issues', { ...body, title: 'Vấn đề thứ hai của năm', milestones: [] }), 400, /mỗi cấp ủy chọn 1 vấn đề nổi cộm/u);
  });

  it('is resolved with a date and shown on time or late; stale versions conflict', async () => {
    await expectRefused(() => district.patch(`/api/pressing-issues/${issue.id}`, { version: issue.version, status: 'resolved' }), 400, /cần ngày giải quyết/u);
    expect((await district.get(`/api/pressing-issues/${issue.id}/evidence`)).status).toBe(404);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const file = await district.request({ method: 'POST', url: `/api/files?unitId=${tree.tuSon.id}`, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'bien-ban.png' }, payload: png });
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    const resolved = await district.patch(`/api/pressing-issues/${issue.id}`, {
      version: issue.version,
      evidenceFileId: file.body.id,
      status: 'resolved',
      resolvedOn: '2012-12-15',
      evidence: 'Biên bản kiểm tra ngày 15/12/2012',
      milestones: milestones.map((m) => ({ ...m, progress: 100 })),
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(pressingIssueSchema.parse(resolved.body)).toMatchObject({ progress: 100, status: 'resolved', timeliness: 'done_on_time', evidenceFile: { name: 'bien-ban.png' } });
    const evidence = await province.request({ method: 'GET', url: `/api/pressing-issues/${issue.id}/evidence` });
    expect(evidence.status).toBe(200);
    expect(evidence.headers['content-type']).toBe('image/png');
    await expectRefused(() => district.patch(`/api/pressing-issues/${issue.id}`, { version: issue.version, title: 'Sửa trên bản cũ' }), 409, /người khác thay đổi/u);
    const overview = pilotsOverviewSchema.parse((await province.get('/api/pilots?year=2012')).body);
    expect(overview.committees.find((c) => c.committee.id === tree.tuSon.id)?.issue).toMatchObject({ status: 'resolved', progress: 100, timeliness: 'done_on_time' });
    expect((await districtQueVo.get(`/api/pressing-issues/${issue.id}`)).status).toBe(404);
  });
});
