import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellYearSchema, meetingDetailSchema, meetingMatrixSchema, myMeetingsSchema, studyTopicSchema } from '../../src/shared/schemas/meetings';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createMember, createTree, createUnit } from '../helpers/factories';
import { readWorkbook } from '../helpers/xlsx';
import { meetingsRepository } from '../../src/server/capabilities/meetings/meetings.repository';
import type { Database } from '../../src/server/db/schema';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;
let secretary: Client;
let member: Client;
let roll: number[];
let topic: ReturnType<typeof studyTopicSchema.parse>;
let cellC: TestUnit;

async function expectRefused(request: () => Promise<{ status: number; body: { message: string } }>, status: number, message: RegExp) {
  const before = await databaseFingerprint(ctx.db);
  const response = await request();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.message).toMatch(message);
  expect(await databaseFingerprint(ctx.db)).toBe(before);
}

const SUMMARIES = {
  rollup: sql<{ row: string }>`SELECT (r.*)::text AS row FROM meeting_rollup r WHERE (held, held_without_topic, present, roll) <> (0, 0, 0, 0) ORDER BY 1`,
  masks: sql<{ row: string }>`SELECT (y.*)::text AS row FROM cell_meeting_year y WHERE held_mask <> 0 ORDER BY 1`,
  spans: sql<{ row: string }>`SELECT (s.*)::text AS row FROM cell_span_rollup s WHERE cells <> 0 ORDER BY 1`,
  gaps: sql<{ row: string }>`SELECT (g.*)::text AS row FROM meeting_gap_rollup g WHERE cells <> 0 ORDER BY 1`,
};

/**
 * The summaries kept by triggers equal a recompute from the meetings and units, and the matrix's cell
 * counts read from them equal a scan of every cell (the query the summaries replaced).
 */
async function summariesAgreeWithRecompute() {
  const snapshot = async (executor: Kysely<Database>) => {
    const rows: Record<string, string[]> = {};
    for (const [name, query] of Object.entries(SUMMARIES)) rows[name] = (await query.execute(executor)).rows.map((r) => r.row);
    return rows;
  };
  const kept = await snapshot(ctx.db);
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await sql`SELECT recompute_meeting_rollup()`.execute(trx);
      await sql`SELECT recompute_cell_rollups()`.execute(trx);
      expect(await snapshot(trx)).toEqual(kept);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  await cellCountsAgreeWithScan();
  return kept.rollup?.length ?? 0;
}

/** For every unit, year and number of months over: the summaries' cells and gaps equal a scan of the cells. */
async function cellCountsAgreeWithScan() {
  const repository = meetingsRepository(ctx.db);
  const units = await ctx.db.selectFrom('unit').select(['id', 'depth', sql<string>`path::text`.as('path')]).execute();
  for (const unit of units) {
    for (const year of [2011, 2012, 2013]) {
      for (const dueMonths of [0, 1, 2, 3, 6, 12]) {
        const dueMask = (1 << dueMonths) - 1;
        const scan = await sql<{ node: number; cells: number; missing_two: number }>`
          SELECT CASE WHEN nlevel(c.path) = ${unit.depth + 1} THEN c.id ELSE ltree2text(subltree(c.path, ${unit.depth + 1}, ${unit.depth + 2}))::bigint END::int AS node,
                 count(*)::int AS cells,
                 count(*) FILTER (WHERE (m.missing & (m.missing >> 1)) <> 0)::int AS missing_two
            FROM unit c
            LEFT JOIN cell_meeting_year y ON y.unit_id = c.id AND y.year = ${year}
            CROSS JOIN LATERAL (SELECT ${dueMask}::int & ~coalesce(y.held_mask, 0) AS missing) m
           WHERE c.path <@ ${unit.path}::ltree AND c.kind IN ('cell', 'grassroots_cell')
             AND c.valid_from <= make_date(${year}, 12, 31) AND (c.valid_to IS NULL OR c.valid_to >= make_date(${year}, 1, 1))
           GROUP BY 1 ORDER BY 1`.execute(ctx.db);
        const read = (await repository.cellsByChild(unit.id, year, dueMonths)).sort((a, b) => a.node - b.node);
        expect(read, `unit ${unit.path}, ${year}, ${dueMonths} months over`).toEqual(scan.rows);
      }
    }
  }
}
class Rollback extends Error {}

const record = (client: Client, body: Record<string, unknown>) =>
  client.post('/api/meetings', { unitId: tree.cellA.id, attendance: roll.map((memberId) => ({ memberId, status: 'present' })), ...body });

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  cellC = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Ba');
  roll = [
    await createMember(ctx.db, tree.cellA, { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An' }),
    await createMember(ctx.db, tree.cellA, { familyName: 'Trần', middleName: 'Thị', givenName: 'Bình' }),
    await createMember(ctx.db, tree.cellA, { familyName: 'Lê', middleName: '', givenName: 'Cường' }),
  ];
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
  member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId: roll[1] }));
});

describe('the year\'s study topic', () => {
  it('is set by a province officer with numbered items and the 1–2 rule, and read by every level', async () => {
    const created = await province.post('/api/study-topics', {
      year: 2012,
      title: 'Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm',
      items: [{ title: 'Tinh thần trách nhiệm trong công việc' }, { title: 'Chống chủ nghĩa cá nhân' }, { title: 'Nói đi đôi với làm' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    topic = studyTopicSchema.parse(created.body);
    expect(topic.items.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(topic.rule).toMatchObject({ minItems: 1, maxItems: 2, planDay: 20, requiredMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    const seen = await secretary.get('/api/study-topics?year=2012');
    expect(seen.body.items.map((t: { id: number }) => t.id)).toEqual([topic.id]);
    expect(seen.body.can.create).toBe(false);
    const withMaterial = await province.post(`/api/study-topics/${topic.id}/materials`, { title: 'Tài liệu học tập chuyên đề 2012', url: 'https://example.org/chuyen-de-2012' });
    expect(withMaterial.status, JSON.stringify(withMaterial.body)).toBe(201);
    expect(withMaterial.body.materials[0].url).toBe('https://example.org/chuyen-de-2012');
    topic = studyTopicSchema.parse(withMaterial.body);
  });

  it('edits, reorders and adds items, keeping the ids meetings point at', async () => {
    const reordered = [topic.items[2], topic.items[0], topic.items[1]].map((item) => ({ id: item?.id, title: item?.title ?? '' }));
    const edited = await province.patch(`/api/study-topics/${topic.id}`, { version: topic.version, items: [...reordered, { title: 'Gương mẫu trong lời nói và việc làm' }] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = studyTopicSchema.parse(edited.body);
    expect(after.items.map((i) => [i.number, i.id])).toEqual([
      [1, topic.items[2]?.id],
      [2, topic.items[0]?.id],
      [3, topic.items[1]?.id],
      [4, after.items[3]?.id],
    ]);
    // Back to the original order for the tests below.
    const restored = await province.patch(`/api/study-topics/${topic.id}`, { version: after.version, items: topic.items.map((i) => ({ id: i.id, title: i.title })) });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    topic = studyTopicSchema.parse(restored.body);
    expect(topic.items.map((i) => i.number)).toEqual([1, 2, 3]);
  });

  it('refuses a second topic for the year, a reversed rule, and anyone below the province', async () => {
    await expectRefused(() => province.post('/api/study-topics', { year: 2012, title: 'Chuyên đề thứ hai', items: [{ title: 'Nội dung một' }] }), 409, /Năm 2012 đã có chuyên đề/u);
    await expectRefused(() => province.post('/api/study-topics', { year: 2013, title: 'Chuyên đề năm 2013', minItems: 3, maxItems: 2, items: [{ title: 'Nội dung một' }] }), 400, /tối thiểu không được lớn hơn/u);
    await expectRefused(() => district.post('/api/study-topics', { year: 2013, title: 'Chuyên đề năm 2013', items: [{ title: 'Nội dung một' }] }), 403, /cấp tỉnh/u);
    await expectRefused(() => province.post(`/api/study-topics/${topic.id}/materials`, { title: 'Hai nguồn', url: 'https://example.org/a', documentId: 1 }), 400, /đúng một nguồn/u);
  });
});

describe('planning and recording a monthly meeting', () => {
  let june: number;

  it('plans next month\'s meeting with the items chosen, and the member sees it', async () => {
    const planned = await secretary.post('/api/meetings/plan', { unitId: tree.cellA.id, year: 2012, month: 6, plannedOn: '2012-06-15', itemIds: [topic.items[0]?.id, topic.items[1]?.id], note: 'Đọc tài liệu trang 5–12' });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    const detail = meetingDetailSchema.parse(planned.body);
    june = detail.id;
    expect(detail.plannedItems.map((i) => i.number)).toEqual([1, 2]);
    expect(detail.heldOn).toBeNull();
    // Planned in 2026 for June 2012: after the 20th of the month before.
    expect(detail.planLate).toBe(true);
    const year = cellYearSchema.parse((await member.get(`/api/meetings/cell-year?unitId=${tree.cellA.id}&year=2012`)).body);
    expect(year.months[5]).toMatchObject({ month: 6, state: 'not_held', planBy: '2012-05-20', meeting: { plannedOn: '2012-06-15' } });
    expect(year.can).toEqual({ plan: false, record: false });
    const mine = myMeetingsSchema.parse((await member.get('/api/me/meetings')).body);
    expect(mine.next).toBeNull(); // 15/06/2012 is in the past; only future plans are "next".
    await expectRefused(() => secretary.post('/api/meetings/plan', { unitId: tree.cellA.id, year: 2012, month: 7, itemIds: topic.items.map((i) => i.id) }), 400, /chỉ học 1 đến 2 nội dung.*đang chọn 3/u);
    // Re-planning needs the version read: a plan changed meanwhile is never overwritten.
    await expectRefused(() => secretary.post('/api/meetings/plan', { unitId: tree.cellA.id, year: 2012, month: 6, itemIds: [] }), 409, /đã có kế hoạch/u);
    const replanned = await secretary.post('/api/meetings/plan', { unitId: tree.cellA.id, year: 2012, month: 6, version: detail.version, plannedOn: '2012-06-15', itemIds: [topic.items[0]?.id, topic.items[1]?.id], note: 'Đọc tài liệu trang 5–12' });
    expect(replanned.status, JSON.stringify(replanned.body)).toBe(200);
    expect(replanned.body.plannedAt).toBe(detail.plannedAt);
    await expectRefused(() => secretary.post('/api/meetings/plan', { unitId: tree.cellA.id, year: 2012, month: 7, plannedOn: '2012-08-01', itemIds: [] }), 400, /thuộc tháng 07\/2012/u);
  });

  it('records it on the planned row with attendance from the roll, counts and a late mark', async () => {
    const response = await record(secretary, {
      heldOn: '2012-06-15',
      itemIds: [topic.items[0]?.id, topic.items[1]?.id],
      attendance: [
        { memberId: roll[0], status: 'present' },
        { memberId: roll[1], status: 'excused' },
        { memberId: roll[2], status: 'present' },
      ],
      relatedNotes: 'Liên hệ việc giải quyết thủ tục cho dân còn chậm.',
      actions: 'Mỗi đảng viên nhận giúp một hộ khó khăn.',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const detail = meetingDetailSchema.parse(response.body);
    expect(detail.id).toBe(june);
    expect(detail).toMatchObject({ present: 2, excused: 1, absent: 0, roll: 3, studiedCount: 2, recordLate: true });
    expect(detail.attendance.map((a) => a.fullName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Cường']);
    const year = cellYearSchema.parse((await secretary.get(`/api/meetings/cell-year?unitId=${tree.cellA.id}&year=2012`)).body);
    expect(year.months[5]?.state).toBe('held');
    const mine = myMeetingsSchema.parse((await member.get('/api/me/meetings')).body);
    expect(mine.history[0]).toMatchObject({ month: 6, status: 'excused', studiedItems: ['1. Tinh thần trách nhiệm trong công việc', '2. Chống chủ nghĩa cá nhân'] });
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('refuses bad meetings with a reason and writes nothing', async () => {
    const items = [topic.items[0]?.id];
    await expectRefused(() => record(secretary, { heldOn: '2099-05-05', itemIds: items }), 400, /sau ngày hôm nay/u);
    await expectRefused(() => record(secretary, { heldOn: '2012-05-10', itemIds: topic.items.map((i) => i.id) }), 400, /chỉ học 1 đến 2 nội dung.*đang chọn 3/u);
    await expectRefused(() => record(secretary, { heldOn: '2012-05-10', itemIds: [] }), 400, /tháng 5 phải học 1 đến 2 nội dung/u);
    const stranger = await createMember(ctx.db, tree.cellB);
    await expectRefused(
      () => record(secretary, { heldOn: '2012-05-10', itemIds: items, attendance: [...roll.map((memberId) => ({ memberId, status: 'present' })), { memberId: stranger, status: 'present' }] }),
      400,
      /không có tên trong danh sách sinh hoạt/u,
    );
    await expectRefused(() => record(secretary, { heldOn: '2012-05-10', itemIds: items, attendance: [{ memberId: roll[0], status: 'present' }] }), 400, /Chưa điểm danh: Trần Thị Bình, Lê Cường/u);
    await expectRefused(() => record(secretary, { heldOn: '2012-06-20', itemIds: items }), 409, /đã có biên bản sinh hoạt thường kỳ/u);
    await expectRefused(() => secretary.post('/api/meetings', { unitId: tree.cellB.id, heldOn: '2012-05-10', itemIds: items, attendance: [] }), 404, /phạm vi/u);
    await expectRefused(() => district.post('/api/meetings', { unitId: tree.dinhBang.id, heldOn: '2012-05-10', itemIds: items, attendance: [] }), 400, /không phải chi bộ/u);
    // A meeting of June cannot move to another year.
    const june = (await secretary.get(`/api/meetings/cell-year?unitId=${tree.cellA.id}&year=2012`)).body.months[5].meeting;
    const detail = (await secretary.get(`/api/meetings/${june.id}`)).body;
    await expectRefused(() => secretary.patch(`/api/meetings/${june.id}`, { version: detail.version, heldOn: '2013-06-15' }), 400, /năm 2012/u);
  });

  it('refuses a meeting after the cell was closed, and accepts one held before', async () => {
    // In a district of its own, so the matrix tests below keep their numbers.
    const giaBinh = await createUnit(ctx.db, tree.province, 'district_committee', 'Đảng bộ huyện Gia Bình');
    const closing = await createUnit(ctx.db, giaBinh, 'grassroots_cell', 'Chi bộ Trạm Y tế Giải Thể');
    const only = await createMember(ctx.db, closing, { familyName: 'Phạm', middleName: 'Văn', givenName: 'Định' });
    await ctx.db.updateTable('unit').set({ valid_to: '2012-04-30' }).where('id', '=', closing.id).execute();
    const body = (heldOn: string) => ({ unitId: closing.id, heldOn, itemIds: [topic.items[0]?.id], attendance: [{ memberId: only, status: 'present' }] });
    await expectRefused(() => province.post('/api/meetings', body('2012-05-10')), 400, /giải thể trước ngày sinh hoạt/u);
    const before = await province.post('/api/meetings', body('2012-04-10'));
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    // The closed cell still counts for 2012 (its meeting never outnumbers it), and not for 2013.
    const y2012 = meetingMatrixSchema.parse((await province.get(`/api/meetings/matrix?unitId=${giaBinh.id}&year=2012`)).body);
    expect(y2012.unit.cells).toBe(1);
    expect(y2012.unit.squares[3]).toEqual({ held: 1, held_without_topic: 0, not_held: 0, not_yet_due: 0 });
    const y2013 = meetingMatrixSchema.parse((await province.get(`/api/meetings/matrix?unitId=${giaBinh.id}&year=2013`)).body);
    expect(y2013.unit.cells).toBe(0);
  });

  it('counts a second meeting in a month as extraordinary, never twice', async () => {
    const extra = await record(secretary, { heldOn: '2012-06-25', kind: 'extraordinary', itemIds: [topic.items[2]?.id] });
    expect(extra.status, JSON.stringify(extra.body)).toBe(201);
    const matrix = meetingMatrixSchema.parse((await district.get(`/api/meetings/matrix?unitId=${tree.dinhBang.id}&year=2012`)).body);
    const row = matrix.rows.find((r) => r.unit.id === tree.cellA.id);
    expect(row?.squares[5]).toEqual({ held: 1, held_without_topic: 0, not_held: 0, not_yet_due: 0 });
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });
});

describe('the matrix', () => {
  it('rolls cells × months up the tree with the indicators', async () => {
    // Cell A: March and June; cell C: nothing (every due month missed); cell B (Quế Võ) not in Từ Sơn.
    const march = await record(secretary, { heldOn: '2012-03-08', itemIds: [topic.items[2]?.id] });
    expect(march.status, JSON.stringify(march.body)).toBe(201);
    const byDistrict = meetingMatrixSchema.parse((await district.get('/api/meetings/matrix?year=2012')).body);
    expect(byDistrict.unit.unit.id).toBe(tree.tuSon.id);
    expect(byDistrict.unit.cells).toBe(2);
    expect(byDistrict.rows.map((r) => r.unit.name)).toEqual(['Đảng bộ phường Đình Bảng']);
    expect(byDistrict.unit.squares[2]).toEqual({ held: 1, held_without_topic: 0, not_held: 1, not_yet_due: 0 });
    expect(byDistrict.unit.totals).toEqual({ held: 2, held_without_topic: 0, not_held: 22, not_yet_due: 0 });
    expect(byDistrict.unit.validShare).toBeCloseTo(2 / 24);
    // Both cells have two missed months in a row (cell A: January and February).
    expect(byDistrict.unit.cellsMissingTwoInRow).toBe(2);
    expect(byDistrict.unit.attendanceRate).toBeCloseTo(5 / 6);
    const drill = meetingMatrixSchema.parse((await district.get(`/api/meetings/matrix?unitId=${tree.dinhBang.id}&year=2012`)).body);
    expect(drill.ancestors.map((a) => a.name)).toEqual(['Đảng bộ Thị xã Từ Sơn']);
    expect(drill.rows.map((r) => [r.unit.id, r.totals.held])).toEqual([
      [cellC.id, 0],
      [tree.cellA.id, 2],
    ]);
    expect(drill.columns[5]).toEqual({ held: 1, held_without_topic: 0, not_held: 1, not_yet_due: 0 });
    // The province sees both districts; the future year is not yet due.
    const root = meetingMatrixSchema.parse((await province.get('/api/meetings/matrix?year=2099')).body);
    expect(root.unit.totals.not_yet_due).toBe(root.unit.cells * 12);
    expect(root.unit.validShare).toBeNull();
  });

  it('stays right after edits, deletions and moves', async () => {
    const year = (await secretary.get(`/api/meetings/cell-year?unitId=${tree.cellA.id}&year=2012`)).body;
    const march = year.months[2].meeting;
    const detail = (await secretary.get(`/api/meetings/${march.id}`)).body;
    const edited = await secretary.patch(`/api/meetings/${march.id}`, { version: detail.version, attendance: roll.map((memberId) => ({ memberId, status: 'absent' })) });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ present: 0, absent: 3 });
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
    // Moving cell A under Quế Võ moves its meetings in the roll-up.
    const unit = await ctx.db.selectFrom('unit').select('version').where('id', '=', tree.cellA.id).executeTakeFirstOrThrow();
    const moved = await province.post(`/api/units/${tree.cellA.id}/move`, { version: unit.version, newParentId: tree.phuongLieu.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const queVo = meetingMatrixSchema.parse((await province.get(`/api/meetings/matrix?unitId=${tree.queVo.id}&year=2012`)).body);
    expect(queVo.unit.totals.held).toBe(2);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
    // Deleting the March record turns its square back.
    const deleted = await province.request({ method: 'DELETE', url: `/api/meetings/${march.id}?version=${edited.body.version}` });
    expect(deleted.status).toBe(204);
    const after = meetingMatrixSchema.parse((await province.get(`/api/meetings/matrix?unitId=${tree.queVo.id}&year=2012`)).body);
    expect(after.unit.totals.held).toBe(1);
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('exports the matrix to Excel', async () => {
    const response = await province.get(`/api/meetings/matrix/export?unitId=${tree.phuongLieu.id}&year=2012`);
    expect(response.status).toBe(200);
    const rows = await readWorkbook(response.raw);
    const cellRow = rows.find((row) => row[0] === 'Chi bộ khu phố Đình');
    expect(cellRow?.slice(2, 8)).toEqual(['Không họp', 'Không họp', 'Không họp', 'Không họp', 'Không họp', 'Có CĐ']);
  });
});
