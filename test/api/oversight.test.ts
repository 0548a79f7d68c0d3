import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { settableClock } from '../../src/server/http/clock';
import {
  activityDetailSchema,
  activityListSchema,
  findingSchema,
  followUpItemSchema,
  followUpListSchema,
  negativeItemSchema,
  negativeListSchema,
  unitFindingsSchema,
} from '../../src/shared/schemas/oversight';
import { Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createDocument, createMember, createTree, createUnit } from '../helpers/factories';

type Detail = ReturnType<typeof activityDetailSchema.parse>;

const clock = settableClock();
let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;
let queVoDistrict: Client;
let grassroots: Client;
let secretary: Client;
let member: Client;
let closedCell: TestUnit;
let provincePlanId: number;
let queVoPlanId: number;

/** The shared fingerprint plus the oversight tables. */
async function fingerprint(): Promise<string> {
  const parts = [await databaseFingerprint(ctx.db)];
  for (const table of ['oversight_activity', 'oversight_activity_unit', 'oversight_activity_attachment', 'oversight_finding', 'follow_up', 'negative_phenomenon']) {
    const result = await sql<{ digest: string | null }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${sql.table(table)} t`.execute(ctx.db);
    parts.push(`${table}:${result.rows[0]?.digest ?? 'empty'}`);
  }
  return parts.join(' ');
}

async function expectRefused(request: () => Promise<{ status: number; body: { message: string; details?: { path: string; message: string }[] } }>, status: number, message: RegExp | string, path?: string) {
  const before = await fingerprint();
  const response = await request();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (typeof message === 'string') expect(response.body.message).toBe(message);
  else expect(response.body.message).toMatch(message);
  if (path) expect(response.body.details?.map((d) => d.path)).toContain(path);
  expect(await fingerprint()).toBe(before);
}

const PDF = Buffer.from('%PDF-1.4\n% biên bản kiểm tra\n');

async function upload(client: Client, unit: TestUnit, name = 'ke-hoach-kiem-tra.pdf'): Promise<number> {
  const response = await client.request({ method: 'POST', url: `/api/files?unitId=${unit.id}`, headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(name) }, payload: PDF });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as number;
}

const inspection = (extra: Record<string, unknown> = {}) => ({
  organiserUnitId: tree.tuSon.id,
  kind: 'inspection',
  title: 'Kiểm tra việc thực hiện Cuộc vận động tại Đảng bộ phường Đình Bảng',
  plannedOn: '2012-06-15',
  unitIds: [tree.dinhBang.id],
  location: 'Trụ sở Đảng ủy phường Đình Bảng',
  ...extra,
});

beforeAll(async () => {
  clock.set('2012-06-01');
  ctx = await setupApp({ clock });
  tree = await createTree(ctx.db);
  closedCell = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố cũ');
  await ctx.db.updateTable('unit').set({ valid_to: '2011-12-31' }).where('id', '=', closedCell.id).execute();
  const memberId = await createMember(ctx.db, tree.cellA);
  provincePlanId = (await createDocument(ctx.db, tree.province, { title: 'Kế hoạch kiểm tra việc thực hiện Chỉ thị 03-CT/TW' })).id;
  queVoPlanId = (await createDocument(ctx.db, tree.queVo)).id;
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  queVoDistrict = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo }));
  grassroots = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'grassroots_officer', scope: tree.dinhBang }));
  secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
  member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
});

describe('planning an activity', () => {
  it('creates a planned inspection with units, a file and a Party document, in NFC', async () => {
    const fileId = await upload(district, tree.tuSon);
    const created = await district.post('/api/oversight', inspection({ title: 'Kiểm tra việc học tập và làm theo'.normalize('NFD'), fileIds: [fileId], documentIds: [provincePlanId] }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const detail = activityDetailSchema.parse(created.body);
    expect(detail).toMatchObject({
      kind: 'inspection',
      state: 'planned',
      title: 'Kiểm tra việc học tập và làm theo'.normalize('NFC'),
      organiser: { id: tree.tuSon.id },
      units: [{ id: tree.dinhBang.id, name: 'Đảng bộ phường Đình Bảng' }],
      heldOn: null,
      findings: [],
      can: { edit: true, hold: true, cancel: true, addFinding: false },
    });
    expect(detail.attachments.map((a) => a.file?.id ?? a.document?.id)).toEqual([fileId, provincePlanId]);
    const attachment = detail.attachments[0];
    const download = await district.get(`/api/oversight/${detail.id}/attachments/${attachment?.id}/file`);
    expect(download.status).toBe(200);
    expect(download.raw.equals(PDF)).toBe(true);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'entity_type', 'after']).where('entity_id', '=', detail.id).where('entity_type', '=', 'oversight_activity').execute();
    expect(audit.map((a) => a.action)).toEqual(['oversight.create']);
  });

  it('records an activity already held when heldOn is given', async () => {
    const created = await grassroots.post('/api/oversight', { organiserUnitId: tree.dinhBang.id, kind: 'briefing', title: 'Giao ban bí thư chi bộ quý II', plannedOn: '2012-05-30', heldOn: '2012-05-30', participants: 'Bí thư các chi bộ', participantCount: 12 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(activityDetailSchema.parse(created.body)).toMatchObject({ state: 'held', heldOn: '2012-05-30', units: [], participantCount: 12, can: { hold: false, cancel: false, addFinding: true } });
  });

  it('refuses bad input with Vietnamese messages and field paths, writing nothing', async () => {
    await expectRefused(() => district.post('/api/oversight', inspection({ unitIds: [] })), 400, 'Hoạt động kiểm tra phải có ít nhất một đơn vị được kiểm tra.', 'body.unitIds');
    await expectRefused(() => district.post('/api/oversight', inspection({ kind: 'supervision', unitIds: [] })), 400, 'Hoạt động giám sát phải có ít nhất một đơn vị được giám sát.', 'body.unitIds');
    await expectRefused(() => district.post('/api/oversight', inspection({ unitIds: [tree.phuongLieu.id] })), 400, /phải là Đảng bộ Thị xã Từ Sơn hoặc đơn vị trực thuộc/u, 'body.unitIds');
    await expectRefused(() => district.post('/api/oversight', inspection({ unitIds: [closedCell.id] })), 400, /đã giải thể \(31\/12\/2011\)/u, 'body.unitIds');
    await expectRefused(() => district.post('/api/oversight', inspection({ plannedOn: '2010-12-31' })), 400, 'Ngày dự kiến phải từ năm 2011 đến năm 2100.', 'body.plannedOn');
    await expectRefused(() => district.post('/api/oversight', inspection({ plannedOn: '15/06/2012' })), 400, /Ngày không hợp lệ/u, 'body.plannedOn');
    await expectRefused(() => district.post('/api/oversight', inspection({ heldOn: '2012-06-02' })), 400, 'Ngày tổ chức (02/06/2012) không được sau hôm nay (01/06/2012).', 'body.heldOn');
    await expectRefused(() => district.post('/api/oversight', inspection({ kind: 'audit' })), 400, 'Loại hoạt động không hợp lệ.', 'body.kind');
    await expectRefused(() => district.post('/api/oversight', inspection({ title: '  ' })), 400, /Tên hoạt động/u, 'body.title');
    await expectRefused(() => district.post('/api/oversight', inspection({ documentIds: [queVoPlanId] })), 400, /Không tìm thấy văn bản đã chọn/u, 'body.documentIds');
    const dinhBangFile = await upload(grassroots, tree.dinhBang);
    await expectRefused(() => district.post('/api/oversight', inspection({ fileIds: [dinhBangFile] })), 400, /tải lên cho đơn vị khác/u, 'body.fileIds');
    // The caller reads a neighbour commune's plan, but the organiser (Đình Bảng) does not: refused.
    const dongNguyen = await createUnit(ctx.db, tree.tuSon, 'grassroots_committee', 'Đảng bộ phường Đồng Nguyên');
    const neighbourPlan = await createDocument(ctx.db, dongNguyen);
    await expectRefused(
      () => district.post('/api/oversight', inspection({ organiserUnitId: tree.dinhBang.id, unitIds: [tree.cellA.id], documentIds: [neighbourPlan.id] })),
      400,
      `Văn bản ${neighbourPlan.symbol} không phải văn bản của Đảng bộ phường Đình Bảng, của đơn vị trực thuộc hay của cấp trên.`,
      'body.documentIds',
    );
  });

  it('lets only officers write, and only for units in their scope', async () => {
    await expectRefused(() => secretary.post('/api/oversight', inspection({ organiserUnitId: tree.cellA.id, unitIds: [tree.cellA.id] })), 403, /Chỉ cán bộ giúp việc/u);
    await expectRefused(() => member.post('/api/oversight', inspection()), 403, /Chỉ cán bộ giúp việc/u);
    await expectRefused(() => queVoDistrict.post('/api/oversight', inspection()), 404, /Không tìm thấy đơn vị/u);
    await expectRefused(() => new Client(ctx.app).post('/api/oversight', inspection()), 401, /đăng nhập/u);
  });
});

describe('an inspection: planned → held → findings → follow-ups through the four timeliness states', () => {
  let activity: Detail;
  let findingId: number;
  let followUpId: number;
  let followUpVersion: number;

  it('is listed for the organiser and for the units concerned, never for a sibling district', async () => {
    const organised = activityListSchema.parse((await district.get('/api/oversight?year=2012')).body);
    const found = organised.items.find((a) => a.kind === 'inspection');
    expect(found).toBeDefined();
    activity = activityDetailSchema.parse((await district.get(`/api/oversight/${found?.id}`)).body);
    expect(organised).toMatchObject({ relation: 'organised', can: { create: true } });
    const concerning = activityListSchema.parse((await grassroots.get('/api/oversight?relation=concerning&year=2012')).body);
    expect(concerning.items.map((a) => a.id)).toContain(activity.id);
    expect(concerning.items.find((a) => a.id === activity.id)?.can).toEqual({ edit: false, hold: false, cancel: false, addFinding: false });
    const ownOnly = activityListSchema.parse((await grassroots.get('/api/oversight?year=2012')).body);
    expect(ownOnly.items.map((a) => a.id)).not.toContain(activity.id);
    expect(activityListSchema.parse((await queVoDistrict.get('/api/oversight?relation=concerning')).body).items).toEqual([]);
    expect((await queVoDistrict.get(`/api/oversight/${activity.id}`)).status).toBe(404);
    expect((await queVoDistrict.get(`/api/oversight?unitId=${tree.tuSon.id}`)).status).toBe(404);
    expect((await member.get('/api/oversight')).status).toBe(403);
    expect(activityListSchema.parse((await district.get('/api/oversight?kind=briefing')).body).items.map((a) => a.organiser.id)).toEqual([tree.dinhBang.id]);
    expect((await district.get('/api/oversight?relation=above')).status).toBe(400);
  });

  it('refuses findings before it is held', async () => {
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.dinhBang.id, kind: 'strength', content: 'Triển khai nghiêm túc' }), 409, /Chỉ ghi nhận xét sau khi hoạt động đã tổ chức/u);
  });

  it('is edited with its version; stale versions and orphaning findings are refused', async () => {
    const edited = await district.patch(`/api/oversight/${activity.id}`, { version: activity.version, title: 'Kiểm tra Đảng bộ phường Đình Bảng', location: null });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await expectRefused(() => district.patch(`/api/oversight/${activity.id}`, { version: activity.version, title: 'Sửa trên bản cũ' }), 409, /đã được người khác thay đổi/u);
    activity = activityDetailSchema.parse(edited.body);
    expect(activity).toMatchObject({ title: 'Kiểm tra Đảng bộ phường Đình Bảng', location: null, version: 2 });
    await expectRefused(() => grassroots.patch(`/api/oversight/${activity.id}`, { version: activity.version, title: 'Sửa của cấp dưới' }), 403, /đơn vị tổ chức/u);
    await expectRefused(() => district.patch(`/api/oversight/${activity.id}`, { version: activity.version, heldOn: '2012-05-30' }), 400, /hãy dùng "Ghi nhận đã tổ chức"/u, 'body.heldOn');
  });

  it('is held on a day not in the future, once', async () => {
    clock.set('2012-06-20');
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/hold`, { version: activity.version, heldOn: '2012-06-21' }), 400, 'Ngày tổ chức (21/06/2012) không được sau hôm nay (20/06/2012).', 'body.heldOn');
    await expectRefused(() => secretary.post(`/api/oversight/${activity.id}/hold`, { version: activity.version, heldOn: '2012-06-15' }), 403, /Chỉ cán bộ giúp việc/u);
    await expectRefused(() => queVoDistrict.post(`/api/oversight/${activity.id}/hold`, { version: activity.version, heldOn: '2012-06-15' }), 404, /Không tìm thấy hoạt động/u);
    await expectRefused(() => grassroots.post(`/api/oversight/${activity.id}/hold`, { version: activity.version, heldOn: '2012-06-15' }), 403, /đơn vị tổ chức/u);
    const held = await district.post(`/api/oversight/${activity.id}/hold`, { version: activity.version, heldOn: '2012-06-15', participants: 'Đoàn kiểm tra của Thị ủy', participantCount: 7, conclusion: 'Cơ bản thực hiện tốt.' });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    activity = activityDetailSchema.parse(held.body);
    expect(activity).toMatchObject({ state: 'held', heldOn: '2012-06-15', participantCount: 7, can: { hold: false, cancel: false, addFinding: true, edit: true } });
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/hold`, { version: activity.version, heldOn: '2012-06-16' }), 409, 'Hoạt động này đã được ghi nhận là đã tổ chức.');
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/cancel`, { version: activity.version, reason: 'Đổi kế hoạch' }), 409, 'Hoạt động đã tổ chức không thể hủy.');
  });

  it('refuses a follow-up due before its inspection, naming the dates, and other bad findings', async () => {
    const finding = (extra: Record<string, unknown> = {}) => ({ unitId: tree.cellA.id, kind: 'shortcoming', content: 'Chi bộ chưa đưa chuyên đề vào sinh hoạt', followUp: { task: 'Đưa chuyên đề vào sinh hoạt chi bộ hằng tháng', ownerUnitId: tree.cellA.id, dueOn: '2012-07-31' }, ...extra });
    await expectRefused(
      () => district.post(`/api/oversight/${activity.id}/findings`, finding({ followUp: { task: 'Khắc phục', ownerUnitId: tree.cellA.id, dueOn: '2012-06-10' } })),
      400,
      'Hạn hoàn thành (10/06/2012) không được trước ngày tổ chức buổi kiểm tra (15/06/2012).',
      'body.followUp.dueOn',
    );
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/findings`, finding({ unitId: tree.tuSon.id })), 400, /chỉ gửi tới đơn vị được kiểm tra/u, 'body.unitId');
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/findings`, finding({ unitId: tree.cellB.id })), 400, /chỉ gửi tới đơn vị được kiểm tra/u, 'body.unitId');
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/findings`, finding({ unitId: closedCell.id })), 400, /đã giải thể/u, 'body.unitId');
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/findings`, finding({ followUp: { task: 'Khắc phục', ownerUnitId: tree.cellB.id, dueOn: '2012-07-31' } })), 400, /Đơn vị thực hiện phải là Đảng bộ Thị xã Từ Sơn/u, 'body.followUp.ownerUnitId');
    await expectRefused(() => district.post(`/api/oversight/${activity.id}/findings`, finding({ kind: 'praise' })), 400, /Loại nhận xét không hợp lệ/u, 'body.kind');
    await expectRefused(() => secretary.post(`/api/oversight/${activity.id}/findings`, finding()), 403, /Chỉ cán bộ giúp việc/u);
    await expectRefused(() => queVoDistrict.post(`/api/oversight/${activity.id}/findings`, finding()), 404, /Không tìm thấy hoạt động/u);
  });

  it('writes a finding with a follow-up due 31/07/2012, pending until then', async () => {
    const created = await district.post(`/api/oversight/${activity.id}/findings`, {
      unitId: tree.cellA.id,
      kind: 'shortcoming',
      content: 'Chi bộ chưa đưa chuyên đề vào sinh hoạt',
      followUp: { task: 'Đưa chuyên đề vào sinh hoạt chi bộ hằng tháng', ownerUnitId: tree.cellA.id, dueOn: '2012-07-31' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const finding = findingSchema.parse(created.body);
    expect(finding).toMatchObject({ number: 1, unit: { id: tree.cellA.id }, followUp: { state: 'open', dueOn: '2012-07-31', timeliness: 'pending', can: { complete: true, reopen: false, cancel: true } }, negatives: [] });
    findingId = finding.id;
    followUpId = finding.followUp?.id as number;
    followUpVersion = finding.followUp?.version as number;
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['finding.create', 'follow_up.create']).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['finding.create', 'follow_up.create']);

    clock.set('2012-07-31');
    const list = followUpListSchema.parse((await district.get('/api/follow-ups?year=2012')).body);
    expect(list.counts).toEqual({ done_on_time: 0, done_late: 0, pending: 1, overdue: 0, cancelled: 0 });
    expect(list.items.map((i) => [i.id, i.timeliness, i.finding.number, i.activity.id])).toEqual([[followUpId, 'pending', 1, activity.id]]);
  });

  it('turns overdue the day after its due date', async () => {
    clock.set('2012-08-01');
    const list = followUpListSchema.parse((await district.get('/api/follow-ups')).body);
    expect(list.counts).toEqual({ done_on_time: 0, done_late: 0, pending: 0, overdue: 1, cancelled: 0 });
    expect(list.items[0]?.timeliness).toBe('overdue');
    const cellList = followUpListSchema.parse((await secretary.get('/api/follow-ups')).body);
    expect(cellList.items.map((i) => i.id)).toEqual([followUpId]);
    expect(followUpListSchema.parse((await queVoDistrict.get('/api/follow-ups')).body).items).toEqual([]);
    const organised = activityListSchema.parse((await district.get('/api/oversight')).body);
    expect(organised.items.find((a) => a.id === activity.id)?.counts).toEqual({ findings: 1, followUps: 1, openFollowUps: 1, overdueFollowUps: 1 });
  });

  it('is completed late by the cell secretary, with evidence', async () => {
    clock.set('2012-08-05');
    const evidence = await upload(secretary, tree.cellA, 'bien-ban-sinh-hoat.pdf');
    const otherFile = await upload(district, tree.tuSon, 'khac.pdf');
    const complete = (extra: Record<string, unknown> = {}) => secretary.post(`/api/follow-ups/${followUpId}/complete`, { version: followUpVersion, result: 'Chi bộ đã đưa chuyên đề vào sinh hoạt tháng 8', evidenceFileId: evidence, ...extra });
    await expectRefused(() => complete({ doneOn: '2012-08-06' }), 400, 'Ngày hoàn thành (06/08/2012) không được sau hôm nay (05/08/2012).', 'body.doneOn');
    await expectRefused(() => complete({ doneOn: '2012-06-14' }), 400, 'Ngày hoàn thành (14/06/2012) không được trước ngày tổ chức hoạt động (15/06/2012).', 'body.doneOn');
    await expectRefused(() => complete({ result: '' }), 400, /Kết quả thực hiện/u, 'body.result');
    await expectRefused(() => complete({ evidenceFileId: otherFile }), 400, /tải lên cho đơn vị khác/u, 'body.evidenceFileId');
    await expectRefused(() => complete({ version: followUpVersion + 1 }), 409, /đã được người khác thay đổi/u);
    await expectRefused(() => member.post(`/api/follow-ups/${followUpId}/complete`, { version: followUpVersion, result: 'Đảng viên báo' }), 403, /Đảng viên/u);
    await expectRefused(() => queVoDistrict.post(`/api/follow-ups/${followUpId}/complete`, { version: followUpVersion, result: 'Huyện khác báo' }), 404, /Không tìm thấy việc khắc phục/u);
    const done = await complete();
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const item = followUpItemSchema.parse(done.body);
    expect(item).toMatchObject({ state: 'done', doneOn: '2012-08-05', timeliness: 'done_late', evidenceFile: { id: evidence, name: 'bien-ban-sinh-hoat.pdf' }, can: { complete: false, reopen: false, cancel: false } });
    followUpVersion = item.version;
    const download = await district.get(`/api/follow-ups/${followUpId}/evidence`);
    expect(download.status).toBe(200);
    expect((await queVoDistrict.get(`/api/follow-ups/${followUpId}/evidence`)).status).toBe(404);
    const list = followUpListSchema.parse((await district.get('/api/follow-ups')).body);
    expect(list.counts).toEqual({ done_on_time: 0, done_late: 1, pending: 0, overdue: 0, cancelled: 0 });
    const audit = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'follow_up.complete').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ state: 'open', doneOn: null });
    expect(audit.after).toMatchObject({ state: 'done', doneOn: '2012-08-05' });
  });

  it('refuses illegal transitions with 409, and lets only the organiser reopen', async () => {
    await expectRefused(() => secretary.post(`/api/follow-ups/${followUpId}/complete`, { version: followUpVersion, result: 'Báo lại lần nữa' }), 409, 'Không thể báo hoàn thành việc khắc phục đang ở trạng thái "Đã hoàn thành".');
    await expectRefused(() => district.post(`/api/follow-ups/${followUpId}/cancel`, { version: followUpVersion, reason: 'Không cần nữa' }), 409, 'Không thể hủy việc khắc phục đang ở trạng thái "Đã hoàn thành".');
    await expectRefused(() => secretary.post(`/api/follow-ups/${followUpId}/reopen`, { version: followUpVersion, comment: 'Tự mở lại' }), 403, /Chỉ đơn vị tổ chức/u);
    await expectRefused(() => grassroots.post(`/api/follow-ups/${followUpId}/reopen`, { version: followUpVersion, comment: 'Mở lại' }), 403, /Chỉ đơn vị tổ chức/u);
    await expectRefused(() => queVoDistrict.post(`/api/follow-ups/${followUpId}/reopen`, { version: followUpVersion, comment: 'Mở lại' }), 404, /Không tìm thấy việc khắc phục/u);
    await expectRefused(() => district.post(`/api/follow-ups/${followUpId}/reopen`, { version: followUpVersion }), 400, /Thiếu trường bắt buộc|Lý do mở lại/u);
  });

  it('is overdue again when reopened, then done late again', async () => {
    const reopened = await district.post(`/api/follow-ups/${followUpId}/reopen`, { version: followUpVersion, comment: 'Biên bản chưa thể hiện nội dung chuyên đề' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const item = followUpItemSchema.parse(reopened.body);
    expect(item).toMatchObject({ state: 'open', doneOn: null, result: null, evidenceFile: null, reopenComment: 'Biên bản chưa thể hiện nội dung chuyên đề', timeliness: 'overdue' });
    let list = followUpListSchema.parse((await district.get('/api/follow-ups')).body);
    expect(list.counts).toEqual({ done_on_time: 0, done_late: 0, pending: 0, overdue: 1, cancelled: 0 });
    const done = followUpItemSchema.parse((await secretary.post(`/api/follow-ups/${followUpId}/complete`, { version: item.version, result: 'Đã sinh hoạt chuyên đề, có biên bản', doneOn: '2012-08-04' })).body);
    expect(done).toMatchObject({ timeliness: 'done_late', doneOn: '2012-08-04', closedBy: expect.stringMatching(/^Người dùng/u) });
    followUpVersion = done.version;
    list = followUpListSchema.parse((await district.get('/api/follow-ups?timeliness=done_late')).body);
    expect(list.items.map((i) => i.id)).toEqual([followUpId]);
    expect(followUpListSchema.parse((await district.get('/api/follow-ups?timeliness=overdue')).body).items).toEqual([]);
  });

  it('counts each timeliness state in GET /api/follow-ups', async () => {
    // Done on time: a finding for the grassroots committee, due 30/09, done 05/08.
    const onTime = findingSchema.parse(
      (await district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.dinhBang.id, kind: 'shortcoming', content: 'Đảng ủy chưa sơ kết việc đăng ký làm theo', followUp: { task: 'Sơ kết việc đăng ký làm theo', ownerUnitId: tree.dinhBang.id, dueOn: '2012-09-30' } })).body,
    );
    expect(onTime.number).toBe(2);
    const doneOnTime = await grassroots.post(`/api/follow-ups/${onTime.followUp?.id}/complete`, { version: onTime.followUp?.version, result: 'Đã sơ kết ngày 05/08/2012' });
    expect(followUpItemSchema.parse(doneOnTime.body).timeliness).toBe('done_on_time');
    // Pending: due 30/09, still open.
    const pending = findingSchema.parse(
      (await district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.dinhBang.id, kind: 'violation', content: 'Hồ sơ đăng ký làm theo chưa đầy đủ', followUp: { task: 'Bổ sung hồ sơ', ownerUnitId: tree.dinhBang.id, dueOn: '2012-09-30' } })).body,
    );
    // Overdue: due 31/07, still open.
    await district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.cellA.id, kind: 'shortcoming', content: 'Chi bộ chưa có sổ theo dõi', followUp: { task: 'Lập sổ theo dõi', ownerUnitId: tree.cellA.id, dueOn: '2012-07-31' } });
    // Cancelled.
    const cancelled = findingSchema.parse(
      (await district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.dinhBang.id, kind: 'shortcoming', content: 'Phòng truyền thống chưa cập nhật', followUp: { task: 'Cập nhật phòng truyền thống', ownerUnitId: tree.dinhBang.id, dueOn: '2012-12-31' } })).body,
    );
    await expectRefused(() => secretary.post(`/api/follow-ups/${cancelled.followUp?.id}/cancel`, { version: 1, reason: 'Không làm' }), 404, /Không tìm thấy việc khắc phục/u);
    const cancel = followUpItemSchema.parse((await district.post(`/api/follow-ups/${cancelled.followUp?.id}/cancel`, { version: cancelled.followUp?.version, reason: 'Đơn vị đã sáp nhập phòng truyền thống' })).body);
    expect(cancel).toMatchObject({ state: 'cancelled', timeliness: null, cancelReason: 'Đơn vị đã sáp nhập phòng truyền thống' });
    await expectRefused(() => district.post(`/api/follow-ups/${cancel.id}/reopen`, { version: cancel.version, comment: 'Mở lại việc đã hủy' }), 409, 'Không thể mở lại việc khắc phục đang ở trạng thái "Đã hủy".');

    const list = followUpListSchema.parse((await district.get('/api/follow-ups?year=2012')).body);
    expect(list.counts).toEqual({ done_on_time: 1, done_late: 1, pending: 1, overdue: 1, cancelled: 1 });
    expect(list.total).toBe(5);
    expect(followUpListSchema.parse((await district.get('/api/follow-ups?timeliness=pending')).body).items.map((i) => i.id)).toEqual([pending.followUp?.id]);
    const paged = followUpListSchema.parse((await district.get('/api/follow-ups?state=open&pageSize=1')).body);
    expect(paged).toMatchObject({ total: 2, pageSize: 1, counts: { pending: 1, overdue: 1, done_late: 0, cancelled: 0 } });
    // The cell sees only its own follow-ups.
    const cell = followUpListSchema.parse((await secretary.get('/api/follow-ups')).body);
    expect(cell.counts).toEqual({ done_on_time: 0, done_late: 1, pending: 0, overdue: 1, cancelled: 0 });
    expect(followUpListSchema.parse((await district.get('/api/follow-ups?year=2013')).body).total).toBe(0);
    expect((await district.get(`/api/follow-ups?unitId=${tree.queVo.id}`)).status).toBe(404);
    expect((await member.get('/api/follow-ups')).status).toBe(403);
    expect((await district.get('/api/follow-ups?timeliness=late')).status).toBe(400);
  });

  it('gives a finding without a follow-up one later, once', async () => {
    const plain = findingSchema.parse((await district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.cellA.id, kind: 'strength', content: 'Chi bộ sinh hoạt đều đặn' })).body);
    expect(plain).toMatchObject({ followUp: null, can: { addFollowUp: true } });
    await expectRefused(() => district.post(`/api/findings/${plain.id}/follow-up`, { task: 'Nhân rộng', ownerUnitId: tree.cellA.id, dueOn: '2012-06-01' }), 400, 'Hạn hoàn thành (01/06/2012) không được trước ngày tổ chức buổi kiểm tra (15/06/2012).', 'body.dueOn');
    await expectRefused(() => secretary.post(`/api/findings/${plain.id}/follow-up`, { task: 'Nhân rộng', ownerUnitId: tree.cellA.id, dueOn: '2012-10-01' }), 403, /Chỉ cán bộ giúp việc/u);
    const added = await district.post(`/api/findings/${plain.id}/follow-up`, { task: 'Nhân rộng cách làm', ownerUnitId: tree.dinhBang.id, dueOn: '2012-10-01' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(followUpItemSchema.parse(added.body)).toMatchObject({ owner: { id: tree.dinhBang.id }, timeliness: 'pending', finding: { id: plain.id } });
    await expectRefused(() => district.post(`/api/findings/${plain.id}/follow-up`, { task: 'Lần hai', ownerUnitId: tree.cellA.id, dueOn: '2012-10-01' }), 409, /đã có việc khắc phục/u);
  });

  it('edits a finding with its version', async () => {
    const current = findingSchema.parse((await district.get(`/api/units/${tree.cellA.id}/findings`)).body.items.find((f: { id: number }) => f.id === findingId));
    const edited = await district.patch(`/api/findings/${findingId}`, { version: current.version, content: 'Chi bộ chưa đưa chuyên đề năm 2012 vào sinh hoạt' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(findingSchema.parse(edited.body)).toMatchObject({ content: 'Chi bộ chưa đưa chuyên đề năm 2012 vào sinh hoạt', version: current.version + 1 });
    await expectRefused(() => district.patch(`/api/findings/${findingId}`, { version: current.version, kind: 'violation' }), 409, /đã được người khác thay đổi/u);
    await expectRefused(() => district.patch(`/api/findings/${findingId}`, { version: current.version + 1, unitId: tree.cellB.id }), 400, /chỉ gửi tới đơn vị được kiểm tra/u, 'body.unitId');
    await expectRefused(() => grassroots.patch(`/api/findings/${findingId}`, { version: current.version + 1, kind: 'violation' }), 403, /đơn vị tổ chức/u);
    await expectRefused(() => queVoDistrict.patch(`/api/findings/${findingId}`, { version: current.version + 1, kind: 'violation' }), 404, /Không tìm thấy nhận xét/u);
    // Removing the unit concerned would orphan its findings.
    const detail = activityDetailSchema.parse((await district.get(`/api/oversight/${activity.id}`)).body);
    await expectRefused(() => district.patch(`/api/oversight/${activity.id}`, { version: detail.version, unitIds: [tree.cellA.id] }), 400, /Nhận xét số 2 gửi tới Đảng bộ phường Đình Bảng/u, 'body.unitIds');
    await expectRefused(() => district.patch(`/api/oversight/${activity.id}`, { version: detail.version, heldOn: '2012-08-01' }), 400, /trước ngày tổ chức mới 01\/08\/2012/u, 'body.heldOn');
  });

  it('shows a unit the findings addressed to it, and the cell secretary only its own', async () => {
    const cell = unitFindingsSchema.parse((await secretary.get(`/api/units/${tree.cellA.id}/findings?year=2012`)).body);
    expect(cell.items.map((f) => f.number).sort()).toEqual([1, 4, 6]);
    expect(cell.items.every((f) => f.unit.id === tree.cellA.id && f.activity.id === activity.id)).toBe(true);
    expect(unitFindingsSchema.parse((await secretary.get(`/api/units/${tree.cellA.id}/findings?year=2011`)).body).items).toEqual([]);
    expect((await secretary.get(`/api/units/${tree.dinhBang.id}/findings`)).status).toBe(404);
    expect((await member.get(`/api/units/${tree.cellA.id}/findings`)).status).toBe(403);
    expect((await queVoDistrict.get(`/api/units/${tree.cellA.id}/findings`)).status).toBe(404);
    // The detail of the activity shows the secretary only the findings addressed to the cell.
    const detail = activityDetailSchema.parse((await secretary.get(`/api/oversight/${activity.id}`)).body);
    expect(detail.findings.map((f) => f.number)).toEqual([1, 4, 6]);
    expect(detail.counts.findings).toBe(3);
    expect(detail.can).toEqual({ edit: false, hold: false, cancel: false, addFinding: false });
    const full = activityDetailSchema.parse((await district.get(`/api/oversight/${activity.id}`)).body);
    expect(full.findings.map((f) => f.number)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('negative phenomena: officers in scope only', () => {
  let activityId: number;
  let findingId: number;
  let negativeId: number;
  let negativeVersion: number;
  const secret = 'Một đảng viên nhận quà của người dân khi giải quyết hồ sơ';

  beforeAll(async () => {
    clock.set('2012-09-10');
    const response = await district.post('/api/oversight', inspection({ kind: 'supervision', title: 'Giám sát chi bộ khu phố Đình', unitIds: [tree.cellA.id], plannedOn: '2012-09-05', heldOn: '2012-09-05' }));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const created = activityDetailSchema.parse(response.body);
    activityId = created.id;
    findingId = findingSchema.parse((await district.post(`/api/oversight/${activityId}/findings`, { unitId: tree.cellA.id, kind: 'violation', content: 'Có biểu hiện tiêu cực trong giải quyết hồ sơ' })).body).id;
  });

  it('is written by the organiser\'s officers, attached to a finding', async () => {
    await expectRefused(() => district.post(`/api/findings/${findingId}/negatives`, { unitId: tree.cellB.id, description: secret }), 400, /thuộc Chi bộ khu phố Đình hoặc đơn vị trực thuộc/u, 'body.unitId');
    await expectRefused(() => district.post(`/api/findings/${findingId}/negatives`, { unitId: tree.cellA.id, description: '' }), 400, /Mô tả hiện tượng tiêu cực/u, 'body.description');
    await expectRefused(() => secretary.post(`/api/findings/${findingId}/negatives`, { unitId: tree.cellA.id, description: secret }), 403, /Chỉ cán bộ giúp việc/u);
    await expectRefused(() => member.post(`/api/findings/${findingId}/negatives`, { unitId: tree.cellA.id, description: secret }), 403, /Chỉ cán bộ giúp việc/u);
    await expectRefused(() => grassroots.post(`/api/findings/${findingId}/negatives`, { unitId: tree.cellA.id, description: secret }), 403, /đơn vị tổ chức/u);
    await expectRefused(() => queVoDistrict.post(`/api/findings/${findingId}/negatives`, { unitId: tree.cellA.id, description: secret }), 404, /Không tìm thấy nhận xét/u);
    const created = await district.post(`/api/findings/${findingId}/negatives`, { unitId: tree.cellA.id, description: secret, handling: 'Kiểm điểm trước chi bộ' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const negative = negativeItemSchema.parse(created.body);
    expect(negative).toMatchObject({ unit: { id: tree.cellA.id }, finding: { id: findingId }, activity: { id: activityId }, can: { edit: true } });
    negativeId = negative.id;
    negativeVersion = negative.version;
  });

  it('is edited with its version', async () => {
    const edited = await district.patch(`/api/negatives/${negativeId}`, { version: negativeVersion, handling: 'Khiển trách' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(negativeItemSchema.parse(edited.body)).toMatchObject({ handling: 'Khiển trách', version: negativeVersion + 1 });
    await expectRefused(() => district.patch(`/api/negatives/${negativeId}`, { version: negativeVersion, handling: 'Cảnh cáo' }), 409, /đã được người khác thay đổi/u);
    await expectRefused(() => district.patch(`/api/negatives/${negativeId}`, { version: negativeVersion + 1, unitId: tree.dinhBang.id }), 400, /thuộc Chi bộ khu phố Đình/u, 'body.unitId');
    await expectRefused(() => secretary.patch(`/api/negatives/${negativeId}`, { version: negativeVersion + 1, handling: 'Sửa' }), 403, /Chỉ cán bộ giúp việc/u);
    await expectRefused(() => grassroots.patch(`/api/negatives/${negativeId}`, { version: negativeVersion + 1, handling: 'Sửa' }), 403, /đơn vị tổ chức/u);
    await expectRefused(() => queVoDistrict.patch(`/api/negatives/${negativeId}`, { version: negativeVersion + 1, handling: 'Sửa' }), 404, /Không tìm thấy hiện tượng tiêu cực/u);
  });

  it('is listed for officers in scope, refused to the cell secretary and the member', async () => {
    for (const client of [district, grassroots, province]) {
      const list = negativeListSchema.parse((await client.get('/api/negatives?year=2012')).body);
      expect(list.items.map((n) => n.id)).toEqual([negativeId]);
    }
    expect(negativeListSchema.parse((await grassroots.get('/api/negatives')).body).items[0]?.can.edit).toBe(false);
    expect(negativeListSchema.parse((await district.get('/api/negatives?year=2011')).body).items).toEqual([]);
    expect(negativeListSchema.parse((await queVoDistrict.get('/api/negatives')).body).items).toEqual([]);
    expect((await queVoDistrict.get(`/api/negatives?unitId=${tree.tuSon.id}`)).status).toBe(404);
    for (const client of [secretary, member]) {
      const response = await client.get('/api/negatives');
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(/Chỉ cán bộ giúp việc/u);
    }
  });

  it('never appears in finding or activity answers sent to non-officers', async () => {
    const officerDetail = activityDetailSchema.parse((await district.get(`/api/oversight/${activityId}`)).body);
    expect(officerDetail.findings[0]?.negatives?.map((n) => n.description)).toEqual([secret]);
    const officerFindings = unitFindingsSchema.parse((await grassroots.get(`/api/units/${tree.cellA.id}/findings`)).body);
    expect(JSON.stringify(officerFindings)).toContain(secret);

    const detail = await secretary.get(`/api/oversight/${activityId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.findings).toHaveLength(1);
    expect(detail.body.findings[0]).not.toHaveProperty('negatives');
    const findings = await secretary.get(`/api/units/${tree.cellA.id}/findings`);
    expect(findings.status).toBe(200);
    expect(findings.body.items.length).toBeGreaterThan(0);
    for (const response of [detail, findings, await secretary.get('/api/follow-ups'), await secretary.get('/api/oversight?relation=concerning')]) {
      expect(JSON.stringify(response.body)).not.toContain(secret);
      expect(JSON.stringify(response.body)).not.toContain('Khiển trách');
      expect(JSON.stringify(response.body)).not.toContain('negatives');
    }
  });
});

describe('briefings and reviews; cancelling', () => {
  it('lets findings of a briefing reach any unit of the organiser\'s subtree', async () => {
    clock.set('2012-10-01');
    const briefing = activityDetailSchema.parse((await grassroots.post('/api/oversight', { organiserUnitId: tree.dinhBang.id, kind: 'briefing', title: 'Giao ban quý III', plannedOn: '2012-09-28', heldOn: '2012-09-28' })).body);
    const finding = await grassroots.post(`/api/oversight/${briefing.id}/findings`, { unitId: tree.cellA.id, kind: 'strength', content: 'Chi bộ làm tốt việc đăng ký làm theo' });
    expect(finding.status, JSON.stringify(finding.body)).toBe(201);
    await expectRefused(
      () => grassroots.post(`/api/oversight/${briefing.id}/findings`, { unitId: tree.tuSon.id, kind: 'strength', content: 'Thị ủy chỉ đạo sát' }),
      400,
      'Nhận xét chỉ gửi tới Đảng bộ phường Đình Bảng hoặc đơn vị trực thuộc.',
      'body.unitId',
    );
  });

  it('cancels a planned activity with a reason; a cancelled one is not edited or held', async () => {
    const planned = activityDetailSchema.parse((await province.post('/api/oversight', { organiserUnitId: tree.province.id, kind: 'review_half_year', title: 'Sơ kết 6 tháng cuối năm', plannedOn: '2012-12-20' })).body);
    await expectRefused(() => province.post(`/api/oversight/${planned.id}/cancel`, { version: planned.version, reason: '' }), 400, /Lý do hủy/u, 'body.reason');
    await expectRefused(() => district.post(`/api/oversight/${planned.id}/cancel`, { version: planned.version, reason: 'Trùng lịch' }), 404, /Không tìm thấy hoạt động/u);
    const cancelled = await province.post(`/api/oversight/${planned.id}/cancel`, { version: planned.version, reason: 'Gộp vào tổng kết năm' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const after = activityDetailSchema.parse(cancelled.body);
    expect(after).toMatchObject({ state: 'cancelled', cancelReason: 'Gộp vào tổng kết năm', can: { edit: false, hold: false, cancel: false, addFinding: false } });
    await expectRefused(() => province.patch(`/api/oversight/${planned.id}`, { version: after.version, title: 'Sửa hoạt động đã hủy' }), 409, 'Hoạt động đã hủy, không sửa được.');
    await expectRefused(() => province.post(`/api/oversight/${planned.id}/hold`, { version: after.version, heldOn: '2012-09-30' }), 409, 'Hoạt động đã hủy không thể ghi nhận là đã tổ chức.');
    await expectRefused(() => province.post(`/api/oversight/${planned.id}/cancel`, { version: after.version, reason: 'Hủy lần nữa' }), 409, 'Hoạt động này đã hủy.');
    const list = activityListSchema.parse((await province.get('/api/oversight?state=cancelled')).body);
    expect(list.items.map((a) => a.id)).toEqual([planned.id]);
    const audit = await ctx.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'oversight.cancel').where('entity_id', '=', planned.id).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ state: 'planned', cancelReason: null });
    expect(audit.after).toMatchObject({ state: 'cancelled', cancelReason: 'Gộp vào tổng kết năm' });
  });
});

describe('review: edits after the tree changed, and concurrent writes on one activity', () => {
  /** Hold the audit log so that every write blocks just before its audit entry (inside its transaction). */
  async function holdingAuditLog<T>(run: (waitForBlocked: (count: number) => Promise<void>) => Promise<T>): Promise<T> {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = ctx.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE audit_log IN EXCLUSIVE MODE`.execute(trx);
      locked();
      await gate;
    });
    await lockTaken;
    const waitForBlocked = async (count: number) => {
      for (let attempt = 0; attempt < 200; attempt++) {
        const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(ctx.db);
        if ((row.rows[0]?.n ?? 0) >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`expected ${count} blocked transactions`);
    };
    try {
      return await run(waitForBlocked);
    } finally {
      release();
      await holder;
    }
  }

  it('keeps editing an activity whose unit concerned has closed since (the form sends the units back unchanged)', async () => {
    clock.set('2012-11-01');
    const cell = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Xuân Ổ');
    const response = await district.post('/api/oversight', inspection({ title: 'Kiểm tra chi bộ khu phố Xuân Ổ', unitIds: [cell.id], plannedOn: '2012-10-20', heldOn: '2012-10-20' }));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const created = activityDetailSchema.parse(response.body);
    await ctx.db.updateTable('unit').set({ valid_to: '2012-10-31' }).where('id', '=', cell.id).execute();
    const edited = await district.patch(`/api/oversight/${created.id}`, {
      version: created.version,
      kind: created.kind,
      title: created.title,
      plannedOn: created.plannedOn,
      unitIds: [cell.id],
      heldOn: '2012-10-20',
      conclusion: 'Chi bộ đã sáp nhập vào chi bộ khu phố Đình.',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = activityDetailSchema.parse(edited.body);
    expect(after).toMatchObject({ conclusion: 'Chi bộ đã sáp nhập vào chi bộ khu phố Đình.', units: [{ id: cell.id }] });
    // Adding a unit that is closed is still refused.
    await expectRefused(() => district.patch(`/api/oversight/${created.id}`, { version: after.version, unitIds: [cell.id, closedCell.id] }), 400, /Chi bộ khu phố cũ đã giải thể/u, 'body.unitIds');
  });

  it('never lets a follow-up fall due before its inspection when the held date is corrected at the same time', async () => {
    clock.set('2012-11-30');
    const activity = activityDetailSchema.parse((await district.post('/api/oversight', inspection({ title: 'Kiểm tra đột xuất Đình Bảng', plannedOn: '2012-11-05', heldOn: '2012-11-05' }))).body);
    const finding = findingSchema.parse((await district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.cellA.id, kind: 'shortcoming', content: 'Chưa lập sổ theo dõi đăng ký làm theo' })).body);
    const [addition, correction] = await holdingAuditLog(async (waitForBlocked) => {
      const first = district.post(`/api/findings/${finding.id}/follow-up`, { task: 'Lập sổ theo dõi', ownerUnitId: tree.cellA.id, dueOn: '2012-11-10' });
      await waitForBlocked(1);
      const second = district.patch(`/api/oversight/${activity.id}`, { version: activity.version, heldOn: '2012-11-20' });
      await waitForBlocked(2);
      return [first, second] as const;
    });
    const statuses = [(await addition).status, (await correction).status];
    const rows = await ctx.db
      .selectFrom('follow_up as x')
      .innerJoin('oversight_finding as f', 'f.id', 'x.finding_id')
      .innerJoin('oversight_activity as a', 'a.id', 'f.activity_id')
      .select(['x.due_on', 'a.held_on'])
      .where('a.id', '=', activity.id)
      .execute();
    expect(rows.filter((r) => r.held_on !== null && r.due_on < r.held_on)).toEqual([]);
    expect(statuses).toEqual([201, 400]);
  });

  it('never orphans a finding when its unit and the units concerned change at the same time', async () => {
    clock.set('2012-12-10');
    const activity = activityDetailSchema.parse(
      (await district.post('/api/oversight', inspection({ kind: 'supervision', title: 'Giám sát hai đảng bộ', plannedOn: '2012-12-05', heldOn: '2012-12-05', unitIds: [tree.dinhBang.id, tree.cellA.id] }))).body,
    );
    const finding = findingSchema.parse((await district.post(`/api/oversight/${activity.id}/findings`, { unitId: tree.cellA.id, kind: 'strength', content: 'Chi bộ sinh hoạt nền nếp' })).body);
    const [move, shrink] = await holdingAuditLog(async (waitForBlocked) => {
      const first = district.patch(`/api/findings/${finding.id}`, { version: finding.version, unitId: tree.dinhBang.id });
      await waitForBlocked(1);
      const second = district.patch(`/api/oversight/${activity.id}`, { version: activity.version, unitIds: [tree.cellA.id] });
      await waitForBlocked(2);
      return [first, second] as const;
    });
    const statuses = [(await move).status, (await shrink).status];
    const detail = activityDetailSchema.parse((await district.get(`/api/oversight/${activity.id}`)).body);
    const concerned = detail.units.map((u) => u.id);
    // The finding's unit (Đình Bảng) must still be concerned, or be below a unit concerned.
    expect(detail.findings.map((f) => f.unit.id).every((id) => concerned.includes(id))).toBe(true);
    expect(statuses).toEqual([200, 400]);
  });
});
