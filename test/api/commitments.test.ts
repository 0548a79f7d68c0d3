import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { commitmentRoundSchema, commitmentSchema, coverageSchema, myCommitmentSchema, rankingSchema, registerSchema, unregisteredSchema } from '../../src/shared/schemas/commitments';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createMember, createTree, createUnit } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;
let grassroots: Client;
let secretary: Client;
let member: Client;
let leader: Client;
let plainId: number;
let leaderId: number;
let round: ReturnType<typeof commitmentRoundSchema.parse>;
let round2018: ReturnType<typeof commitmentRoundSchema.parse>;

async function expectRefused(request: () => Promise<{ status: number; body: { message: string } }>, status: number, message: RegExp) {
  const before = await databaseFingerprint(ctx.db);
  const response = await request();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.message).toMatch(message);
  expect(await databaseFingerprint(ctx.db)).toBe(before);
}

const ROLLUPS = {
  commitments: sql<{ row: string }>`SELECT (r.*)::text AS row FROM commitment_rollup r
    WHERE (members_on_time, members_late, leaders_on_time, leaders_late, collectives_on_time, collectives_late, accepted, self_reviewed, decided) <> (0, 0, 0, 0, 0, 0, 0, 0, 0) ORDER BY 1`,
  levels: sql<{ row: string }>`SELECT (r.*)::text AS row FROM assessment_rollup r WHERE members <> 0 ORDER BY 1`,
  leaders: sql<{ row: string }>`SELECT (r.*)::text AS row FROM leader_rollup r WHERE leaders <> 0 ORDER BY 1`,
};
class Rollback extends Error {}

/** The summaries kept by triggers equal a recompute from the commitments and members. */
async function summariesAgreeWithRecompute() {
  const snapshot = async (executor: typeof ctx.db) => {
    const rows: Record<string, string[]> = {};
    for (const [name, query] of Object.entries(ROLLUPS)) rows[name] = (await query.execute(executor)).rows.map((r) => r.row);
    return rows;
  };
  const kept = await snapshot(ctx.db);
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await sql`SELECT recompute_commitment_rollups()`.execute(trx);
      expect(await snapshot(trx)).toEqual(kept);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return kept.commitments?.length ?? 0;
}

const items = (n: number, year = 2012) =>
  Array.from({ length: n }, (_, i) => ({ action: `Việc làm theo số ${i + 1}: giữ nơi làm việc gọn gàng`, measure: 'Cả năm không bị nhắc nhở', dueOn: `${year}-12-15` }));

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  plainId = await createMember(ctx.db, tree.cellA, { familyName: 'Trần', middleName: 'Thị', givenName: 'Bình' });
  leaderId = await createMember(ctx.db, tree.cellA, { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'Cường' });
  await ctx.db.updateTable('member').set({ is_key_leader: true }).where('id', '=', leaderId).execute();
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  grassroots = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'grassroots_officer', scope: tree.dinhBang }));
  secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
  member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId: plainId }));
  leader = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId: leaderId }));
});

describe('registration rounds', () => {
  it('are opened by the province with deadlines as data, the scheme of the year chosen by default', async () => {
    await expectRefused(() => district.post('/api/commitment-rounds', { year: 2012, leaderDeadline: '2012-04-15', memberDeadline: '2012-05-31' }), 403, /cấp tỉnh/u);
    await expectRefused(() => province.post('/api/commitment-rounds', { year: 2012, leaderDeadline: '2012-06-15', memberDeadline: '2012-05-31' }), 400, /lãnh đạo đăng ký trước/u);
    await expectRefused(() => province.post('/api/commitment-rounds', { year: 2012, leaderDeadline: '2012-04-15', memberDeadline: '2013-05-31' }), 400, /không thuộc năm 2012/u);
    const created = await province.post('/api/commitment-rounds', { year: 2012, leaderDeadline: '2012-04-15', memberDeadline: '2012-05-31' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    round = commitmentRoundSchema.parse(created.body);
    expect(round).toMatchObject({ reviewOpensOn: '2012-12-01', scheme: { code: '07-HD/BTCTW', cap: null } });
    expect(round.scheme.memberLevels.map((l) => l.label)[0]).toBe('Đủ tư cách, hoàn thành xuất sắc nhiệm vụ');
    await expectRefused(() => province.post('/api/commitment-rounds', { year: 2012, leaderDeadline: '2012-04-15', memberDeadline: '2012-05-31' }), 400, /đã có đợt đăng ký/u);
    await expectRefused(() => province.post('/api/commitment-rounds', { year: 2013, leaderDeadline: '2013-04-15', memberDeadline: '2013-05-31', schemeId: 999 }), 400, /Hướng dẫn đánh giá không tồn tại/u);
    const later = await province.post('/api/commitment-rounds', { year: 2019, leaderDeadline: '2019-04-15', memberDeadline: '2019-05-31' });
    round2018 = commitmentRoundSchema.parse(later.body);
    expect(round2018.scheme).toMatchObject({ code: '132-QĐ/TW', cap: { capped: 'excellent', relativeTo: 'good', ratio: 0.2 } });
    const seen = await member.get('/api/commitment-rounds?year=2012');
    expect(seen.body.items.map((r: { id: number }) => r.id)).toEqual([round.id]);
    expect(seen.body.can.create).toBe(false);
  });
});

describe('a member registers, the secretary returns and accepts', () => {
  let commitment: ReturnType<typeof commitmentSchema.parse>;

  it('saves a draft, refuses bad items, and submits: the text locks', async () => {
    const mine = myCommitmentSchema.parse((await member.get('/api/me/commitment?year=2012')).body);
    expect(mine).toMatchObject({ commitment: null, deadline: '2012-05-31', member: { isLeader: false } });
    await expectRefused(() => member.post('/api/commitments', { roundId: round.id, memberId: plainId, items: items(11) }), 400, /tối đa 10 việc/u);
    await expectRefused(() => member.post('/api/commitments', { roundId: round.id, memberId: leaderId, items: items(1) }), 404, /Không tìm thấy đảng viên/u);
    await expectRefused(() => member.post('/api/commitments', { roundId: round.id, memberId: plainId, items: [{ ...items(1)[0], dueOn: '2013-01-10' }] }), 400, /phải trong năm 2012/u);
    const draft = await member.post('/api/commitments', { roundId: round.id, memberId: plainId, items: [{ action: 'Không dùng điện thoại riêng trong giờ họp', measure: null }] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    commitment = commitmentSchema.parse(draft.body);
    expect(commitment).toMatchObject({ state: 'draft', timeliness: 'overdue', can: { edit: true, submit: true, accept: false } });
    // An item without a measure, or without a date, cannot be submitted.
    await expectRefused(() => member.post(`/api/commitments/${commitment.id}/submit`, { version: commitment.version }), 400, /chưa có cách đo kết quả/u);
    await expectRefused(() => member.post('/api/commitments', { roundId: round.id, memberId: plainId, items: [] }), 409, /Đã có bản đăng ký năm 2012/u);
    const fixed = await member.patch(`/api/commitments/${commitment.id}`, { version: commitment.version, items: [{ id: commitment.items[0]?.id, ...items(1)[0] }, items(2)[1]] });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    commitment = commitmentSchema.parse(fixed.body);
    expect(commitment.items.map((i) => i.number)).toEqual([1, 2]);
    // "Nêu gương" pledges are for leaders.
    const pledge = await member.patch(`/api/commitments/${commitment.id}`, { version: commitment.version, items: [...commitment.items.map((i) => ({ id: i.id, action: i.action, measure: i.measure, dueOn: i.dueOn })), { kind: 'example', action: 'Nêu gương tiết kiệm', measure: 'Cả năm', dueOn: '2012-12-01' }] });
    commitment = commitmentSchema.parse(pledge.body);
    await expectRefused(() => member.post(`/api/commitments/${commitment.id}/submit`, { version: commitment.version }), 400, /nêu gương/u);
    commitment = commitmentSchema.parse((await member.patch(`/api/commitments/${commitment.id}`, { version: commitment.version, items: commitment.items.slice(0, 2).map((i) => ({ id: i.id, action: i.action, measure: i.measure, dueOn: i.dueOn })) })).body);
    // A stale version is a conflict, never a silent overwrite.
    await expectRefused(() => member.patch(`/api/commitments/${commitment.id}`, { version: commitment.version - 1, items: items(1) }), 409, /người khác thay đổi/u);
    const submitted = await member.post(`/api/commitments/${commitment.id}/submit`, { version: commitment.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    commitment = commitmentSchema.parse(submitted.body);
    // Registered after 31/05/2012 (the server's today is later): accepted, but marked late.
    expect(commitment).toMatchObject({ state: 'submitted', timeliness: 'done_late', can: { edit: false, checkin: true } });
    await expectRefused(() => member.patch(`/api/commitments/${commitment.id}`, { version: commitment.version, items: items(1) }), 409, /trả lại thì mới sửa/u);
    await expectRefused(() => member.post(`/api/commitments/${commitment.id}/accept`, { version: commitment.version }), 403, /bí thư chi bộ/u);
  });

  it('is returned with a comment, fixed and resubmitted, then accepted; every step audited', async () => {
    await expectRefused(() => secretary.post(`/api/commitments/${commitment.id}/return`, { version: commitment.version, comment: '' }), 400, /Ý kiến trả lại/u);
    const returned = await secretary.post(`/api/commitments/${commitment.id}/return`, { version: commitment.version, comment: 'Việc thứ 2 cần nói rõ đo bằng gì.' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    commitment = commitmentSchema.parse((await member.get(`/api/commitments/${commitment.id}`)).body);
    expect(commitment).toMatchObject({ state: 'returned', returnComment: 'Việc thứ 2 cần nói rõ đo bằng gì.', can: { edit: true } });
    const edited = await member.patch(`/api/commitments/${commitment.id}`, {
      version: commitment.version,
      items: commitment.items.map((i) => ({ id: i.id, action: i.action, measure: i.number === 2 ? 'Mỗi tháng một lần, có sổ ghi' : i.measure, dueOn: i.dueOn })),
    });
    commitment = commitmentSchema.parse(edited.body);
    commitment = commitmentSchema.parse((await member.post(`/api/commitments/${commitment.id}/submit`, { version: commitment.version })).body);
    expect(commitment.returnComment).toBeNull();
    const accepted = await secretary.post(`/api/commitments/${commitment.id}/accept`, { version: commitment.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    commitment = commitmentSchema.parse(accepted.body);
    expect(commitment.state).toBe('accepted');
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'commitment').where('entity_id', '=', commitment.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual([
      'commitment.create', 'commitment.update', 'commitment.update', 'commitment.update', 'commitment.submit', 'commitment.return', 'commitment.update', 'commitment.submit', 'commitment.accept',
    ]);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('takes check-ins on items, with evidence of an allowed type only', async () => {
    const item = commitment.items[0];
    if (!item) throw new Error('no item');
    await expectRefused(() => member.post(`/api/commitments/${commitment.id}/checkins`, { itemId: item.id, percent: 140, note: 'Đã làm nhiều' }), 400, /0 đến 100/u);
    const upload = await member.request({ method: 'POST', url: `/api/files?unitId=${tree.cellA.id}`, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'ghi-chu.txt' }, payload: Buffer.from('chỉ là chữ') });
    expect(upload.status).toBe(400);
    expect(upload.body.message).toMatch(/Hệ thống kiểm tra nội dung tệp/u);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const evidence = await member.request({ method: 'POST', url: `/api/files?unitId=${tree.cellA.id}`, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'anh.png' }, payload: png });
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    const posted = await member.post(`/api/commitments/${commitment.id}/checkins`, { itemId: item.id, percent: 40, note: 'Đã thực hiện được 5 tháng', evidenceFileId: evidence.body.id });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const after = commitmentSchema.parse(posted.body);
    expect(after.items[0]).toMatchObject({ percent: 40, checkins: [{ percent: 40, note: 'Đã thực hiện được 5 tháng', evidence: { name: 'anh.png' } }] });
    const checkinId = after.items[0]?.checkins[0]?.id;
    const download = await secretary.request({ method: 'GET', url: `/api/commitments/${commitment.id}/checkins/${checkinId}/evidence` });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    await expectRefused(() => secretary.post(`/api/commitments/${commitment.id}/checkins`, { itemId: item.id, percent: 50, note: 'Bí thư báo thay' }), 403, /Chỉ người đăng ký/u);
    // A file of the cell uploaded by someone else cannot become this member's evidence (and so be read through it).
    const secretarys = await secretary.request({ method: 'POST', url: `/api/files?unitId=${tree.cellA.id}`, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'bien-ban-chi-bo.png' }, payload: png });
    expect(secretarys.status).toBe(201);
    await expectRefused(() => member.post(`/api/commitments/${commitment.id}/checkins`, { itemId: item.id, percent: 50, note: 'Dùng tệp của người khác', evidenceFileId: secretarys.body.id }), 400, /do chính bạn tải lên/u);
    commitment = after;
  });

  it('lets nobody else read a member\'s commitment', async () => {
    const other = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId: leaderId }));
    expect((await other.get(`/api/commitments/${commitment.id}`)).status).toBe(404);
    expect((await secretary.get(`/api/commitments/${commitment.id}`)).status).toBe(200);
    expect((await district.get(`/api/commitments/${commitment.id}`)).status).toBe(200);
  });
});

describe('coverage up the tree', () => {
  it('counts leaders against their deadline and everyone against theirs, with the four states', async () => {
    // The leader registers in time (dates set as if submitted on 10/04/2012).
    const own = commitmentSchema.parse((await leader.post('/api/commitments', { roundId: round.id, memberId: leaderId, items: [...items(1), { kind: 'example', action: 'Nêu gương đi làm đúng giờ', measure: 'Cả năm', dueOn: '2012-12-31' }] })).body);
    expect(own.isLeader).toBe(true);
    expect(own.deadline).toBe('2012-04-15');
    const submitted = await leader.post(`/api/commitments/${own.id}/submit`, { version: own.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await ctx.db.updateTable('commitment').set({ first_submitted_on: '2012-04-10' }).where('id', '=', own.id).execute();
    const coverage = coverageSchema.parse((await district.get(`/api/commitments/coverage?roundId=${round.id}`)).body);
    expect(coverage.unit).toMatchObject({
      members: 2,
      leaders: 1,
      memberStates: { done_on_time: 1, done_late: 1, pending: 0, overdue: 0 },
      leaderStates: { done_on_time: 1, done_late: 0, pending: 0, overdue: 0 },
      accepted: 1,
    });
    expect(coverage.rows.map((r) => r.unit.name)).toEqual(['Đảng bộ phường Đình Bảng']);
    // A third member who never registers is overdue and listed.
    const third = await createMember(ctx.db, tree.cellA, { familyName: 'Lê', middleName: '', givenName: 'Dũng' });
    const after = coverageSchema.parse((await province.get(`/api/commitments/coverage?unitId=${tree.tuSon.id}&roundId=${round.id}`)).body);
    expect(after.unit.memberStates).toEqual({ done_on_time: 1, done_late: 1, pending: 0, overdue: 1 });
    expect(after.ancestors.map((a) => a.name)).toEqual(['Đảng bộ tỉnh Bắc Ninh']);
    const missing = unregisteredSchema.parse((await grassroots.get(`/api/commitments/unregistered?unitId=${tree.dinhBang.id}&roundId=${round.id}`)).body);
    expect(missing.items.map((i) => [i.member.id, i.state])).toEqual([[third, 'overdue']]);
    expect((await province.get(`/api/commitments/coverage/export?roundId=${round.id}`)).status).toBe(200);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('moves a cell\'s registrations with it when the cell moves, and follows the round\'s deadlines', async () => {
    const unit = await ctx.db.selectFrom('unit').select('version').where('id', '=', tree.cellA.id).executeTakeFirstOrThrow();
    const moved = await province.post(`/api/units/${tree.cellA.id}/move`, { version: unit.version, newParentId: tree.phuongLieu.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const queVo = coverageSchema.parse((await province.get(`/api/commitments/coverage?unitId=${tree.queVo.id}&roundId=${round.id}`)).body);
    expect(queVo.unit.memberStates.done_on_time + queVo.unit.memberStates.done_late).toBe(2);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
    const back = await ctx.db.selectFrom('unit').select('version').where('id', '=', tree.cellA.id).executeTakeFirstOrThrow();
    expect((await province.post(`/api/units/${tree.cellA.id}/move`, { version: back.version, newParentId: tree.dinhBang.id })).status).toBe(200);
    // Moving the members' deadline to 30/11 turns a registration of 20/06 from late to on time.
    await ctx.db.updateTable('commitment').set({ first_submitted_on: '2012-06-20' }).where('member_id', '=', plainId).execute();
    const before = coverageSchema.parse((await district.get(`/api/commitments/coverage?roundId=${round.id}`)).body);
    expect(before.unit.memberStates).toMatchObject({ done_on_time: 1, done_late: 1 });
    const extended = await province.patch(`/api/commitment-rounds/${round.id}`, { version: round.version, memberDeadline: '2012-11-30' });
    expect(extended.status, JSON.stringify(extended.body)).toBe(200);
    round = commitmentRoundSchema.parse(extended.body);
    const coverage = coverageSchema.parse((await district.get(`/api/commitments/coverage?roundId=${round.id}`)).body);
    expect(coverage.unit.memberStates.done_on_time).toBe(2);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });
});

describe('year-end review and the assessment', () => {
  let cap: { cell: TestUnit; grassroots: TestUnit; ids: number[]; officer: Client };

  it('refuses a review before the review opens', async () => {
    const mine = myCommitmentSchema.parse((await member.get('/api/me/commitment?year=2012')).body);
    const c = mine.commitment;
    if (!c) throw new Error('no commitment');
    await province.patch(`/api/commitment-rounds/${round.id}`, { version: round.version, reviewOpensOn: '2012-12-20' });
    // The server's today is long after 2012, so reviews are open; a round of a future year is not.
    const future = commitmentRoundSchema.parse((await province.post('/api/commitment-rounds', { year: 2099, leaderDeadline: '2099-04-15', memberDeadline: '2099-05-31', schemeId: round2018.scheme.id })).body);
    const memberFuture = commitmentSchema.parse((await member.post('/api/commitments', { roundId: future.id, memberId: plainId, items: items(1, 2099) })).body);
    const submitted = commitmentSchema.parse((await member.post(`/api/commitments/${memberFuture.id}/submit`, { version: memberFuture.version })).body);
    const accepted = commitmentSchema.parse((await secretary.post(`/api/commitments/${submitted.id}/accept`, { version: submitted.version })).body);
    await expectRefused(
      () => member.post(`/api/commitments/${accepted.id}/self-review`, { version: accepted.version, items: accepted.items.map((i) => ({ itemId: i.id, result: 'done' })), level: 'good' }),
      400,
      /Chưa đến kỳ kiểm điểm cuối năm: tự đánh giá và xếp loại mở từ ngày 01\/12\/2099/u,
    );
  });

  it('goes self-review → cell proposal → grassroots decision, with levels of the year\'s scheme', async () => {
    const c = myCommitmentSchema.parse((await member.get('/api/me/commitment?year=2012')).body).commitment;
    if (!c) throw new Error('no commitment');
    expect(c.can.selfReview).toBe(true);
    await expectRefused(() => member.post(`/api/commitments/${c.id}/self-review`, { version: c.version, items: [{ itemId: c.items[0]?.id, result: 'done' }], level: 'good' }), 400, /cả việc thứ 2/u);
    await expectRefused(() => member.post(`/api/commitments/${c.id}/self-review`, { version: c.version, items: c.items.map((i) => ({ itemId: i.id, result: 'done' })), level: 'tuyet_voi' }), 400, /không có trong hướng dẫn/u);
    await expectRefused(() => secretary.post(`/api/commitments/${c.id}/cell-review`, { version: c.version, level: 'good' }), 409, /chưa tự kiểm điểm/u);
    const reviewed = commitmentSchema.parse((await member.post(`/api/commitments/${c.id}/self-review`, { version: c.version, items: c.items.map((i, n) => ({ itemId: i.id, result: n === 0 ? 'done' : 'partly' })), level: 'good', note: 'Hoàn thành phần lớn' })).body);
    expect(reviewed.review.selfLevel).toEqual({ code: 'good', label: 'Đủ tư cách, hoàn thành tốt nhiệm vụ' });
    const proposed = commitmentSchema.parse((await secretary.post(`/api/commitments/${c.id}/cell-review`, { version: reviewed.version, level: 'good' })).body);
    await expectRefused(() => secretary.post('/api/commitments/decisions', { roundId: round.id, unitId: tree.cellA.id, decisions: [{ commitmentId: c.id, version: proposed.version, level: 'good' }] }), 400, /không phải tổ chức cơ sở đảng/u);
    const decided = await grassroots.post('/api/commitments/decisions', { roundId: round.id, unitId: tree.dinhBang.id, decisions: [{ commitmentId: c.id, version: proposed.version, level: 'good' }] });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const register = registerSchema.parse(decided.body);
    expect(register.rows.find((r) => r.member.id === plainId)?.commitment).toMatchObject({ decidedLevel: 'good', doneShare: 0.75 });
    const afterDecision = commitmentSchema.parse((await secretary.get(`/api/commitments/${c.id}`)).body);
    await expectRefused(() => secretary.post(`/api/commitments/${c.id}/return`, { version: afterDecision.version, comment: 'Trả lại sau khi đã xếp loại' }), 409, /không trả lại được nữa/u);
    await expectRefused(() => secretary.post(`/api/commitments/${c.id}/cell-review`, { version: afterDecision.version, level: 'done' }), 409, /đã quyết định xếp loại/u);
    const ranking = rankingSchema.parse((await grassroots.get(`/api/commitments/ranking?unitId=${tree.dinhBang.id}&roundId=${round.id}`)).body);
    expect(ranking.members[0]).toMatchObject({ position: 1, member: { id: plainId }, level: { code: 'good' } });
    const coverage = coverageSchema.parse((await district.get(`/api/commitments/coverage?roundId=${round.id}`)).body);
    expect(coverage.unit).toMatchObject({ selfReviewed: 1, decided: 1, levels: { good: 1 } });
    expect((await grassroots.get(`/api/commitments/ranking/export?unitId=${tree.dinhBang.id}&roundId=${round.id}`)).status).toBe(200);
    const form = await member.request({ method: 'GET', url: `/api/commitments/${c.id}/form?form=review` });
    expect(form.status).toBe(200);
    expect(form.headers['content-type']).toMatch(/wordprocessingml/u);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('enforces the 2018 scheme\'s cap on "xuất sắc" relative to "tốt" in each grassroots unit, and allows "chưa đánh giá" with a reason', async () => {
    const unit = await createUnit(ctx.db, tree.tuSon, 'grassroots_cell', 'Chi bộ Trường Tiểu học Đình Bảng');
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await createMember(ctx.db, unit, { familyName: 'Đỗ', middleName: 'Văn', givenName: `Giáo${i}` }));
    const officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: unit }));
    const made: { id: number; version: number }[] = [];
    for (const memberId of ids) {
      const c = commitmentSchema.parse((await officer.post('/api/commitments', { roundId: round2018.id, memberId, items: items(1, 2019) })).body);
      made.push(c);
    }
    cap = { cell: unit, grassroots: unit, ids, officer };
    // Five "tốt" allow one "xuất sắc" (20 % of 5); two are refused, with the numbers.
    const levels = ['excellent', 'excellent', 'good', 'good', 'good', 'good', 'good'];
    await expectRefused(
      () => officer.post('/api/commitments/decisions', { roundId: round2018.id, unitId: unit.id, decisions: made.map((c, i) => ({ commitmentId: c.id, version: c.version, level: levels[i] })) }),
      400,
      /số xếp loại "Hoàn thành xuất sắc nhiệm vụ" \(2\) vượt quá 20% số xếp loại "Hoàn thành tốt nhiệm vụ" \(5\); tối đa 1\./u,
    );
    const ok = await officer.post('/api/commitments/decisions', {
      roundId: round2018.id,
      unitId: unit.id,
      decisions: made.map((c, i) => (i === 1 ? { commitmentId: c.id, version: c.version, level: null, notAssessedReason: 'Đang điều trị dài ngày' } : { commitmentId: c.id, version: c.version, level: levels[i] })),
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const coverage = coverageSchema.parse((await province.get(`/api/commitments/coverage?unitId=${tree.tuSon.id}&roundId=${round2018.id}`)).body);
    expect(coverage.unit.levels).toEqual({ excellent: 1, good: 5, not_assessed: 1 });
    // Lowering one "tốt" would leave 4 "tốt" for 1 "xuất sắc": still allowed (20 % of 4 is 0.8 → 0)? No: refused.
    const register = registerSchema.parse((await officer.get(`/api/commitments/register?unitId=${unit.id}&roundId=${round2018.id}`)).body);
    const good = register.rows.find((r) => r.commitment?.decidedLevel === 'good')?.commitment;
    if (!good) throw new Error('no good');
    await expectRefused(() => officer.post('/api/commitments/decisions', { roundId: round2018.id, unitId: unit.id, decisions: [{ commitmentId: good.id, version: good.version, level: 'done' }] }), 400, /tối đa 0/u);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('keeps the decision to the grassroots committee and those above', async () => {
    const register = registerSchema.parse((await cap.officer.get(`/api/commitments/register?unitId=${cap.grassroots.id}&roundId=${round2018.id}`)).body);
    expect(register.can.decide).toBe(true);
    const c = register.rows[0]?.commitment;
    if (!c) throw new Error('no row');
    expect((await secretary.post('/api/commitments/decisions', { roundId: round2018.id, unitId: cap.grassroots.id, decisions: [{ commitmentId: c.id, version: c.version, level: 'good' }] })).status).toBe(404);
    expect((await member.get(`/api/commitments/register?unitId=${tree.cellA.id}&roundId=${round.id}`)).status).toBe(404);
  });
});

describe('collective commitments', () => {
  it('are registered by the unit and accepted by the level above', async () => {
    const created = await grassroots.post('/api/commitments', { roundId: round.id, unitId: tree.dinhBang.id, items: items(2) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    let c = commitmentSchema.parse(created.body);
    expect(c).toMatchObject({ kind: 'collective', member: null, unit: { id: tree.dinhBang.id } });
    c = commitmentSchema.parse((await grassroots.post(`/api/commitments/${c.id}/submit`, { version: c.version })).body);
    expect(c.can.accept).toBe(false);
    await expectRefused(() => grassroots.post(`/api/commitments/${c.id}/accept`, { version: c.version }), 403, /cấp ủy cấp trên/u);
    const accepted = await district.post(`/api/commitments/${c.id}/accept`, { version: c.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await expectRefused(() => member.post('/api/commitments', { roundId: round.id, unitId: tree.cellA.id, items: items(1) }), 403, /đăng ký tập thể/u);
    const coverage = coverageSchema.parse((await district.get(`/api/commitments/coverage?roundId=${round.id}`)).body);
    expect(coverage.unit.collectivesOnTime + coverage.unit.collectivesLate).toBe(1);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });
});
