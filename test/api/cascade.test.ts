import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, timeliness } from '../../src/shared/domain/timeliness';
import { cascadeViewSchema, upcomingListSchema } from '../../src/shared/schemas/cascade';
import { timelinessSql } from '../../src/server/db/timeliness';
import { todayInVietnam } from '../../src/server/http/clock';
import { type Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createConference, createDocument, createRequirement, createTree, createUnit } from '../helpers/factories';
import { readWorkbook } from '../helpers/xlsx';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let tuSon: Client;
let yenPhong: TestUnit;
let khoi: TestUnit;
let plan: { id: number; symbol: string; lineage: string };

/** Obligations as the triggers left them, and as a from-scratch recompute makes them: they must agree. */
async function obligationsAgreeWithRecompute() {
  const snapshot = async (db: typeof ctx.db) => ({
    obligations: (await sql<{ row: string }>`SELECT (o.*)::text AS row FROM cascade_obligation o ORDER BY requirement_id, unit_id`.execute(db)).rows.map((r) => r.row),
    rollup: (await sql<{ row: string }>`SELECT (r.*)::text AS row FROM cascade_rollup r ORDER BY unit_id, requirement_id`.execute(db)).rows.map((r) => r.row),
  });
  const kept = await snapshot(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await sql`DELETE FROM cascade_obligation`.execute(trx);
    await sql`DELETE FROM cascade_rollup`.execute(trx);
    await sql`SELECT refresh_cascade_obligations(array(SELECT id FROM cascade_requirement))`.execute(trx);
    const fresh = await snapshot(trx);
    expect(fresh.obligations.length).toBe(kept.obligations.length);
    expect(fresh).toEqual(kept);
    // Leave the database as the triggers made it.
    throw new RollbackSignal();
  }).catch((error: unknown) => {
    if (!(error instanceof RollbackSignal)) throw error;
  });
  return kept.obligations.length;
}
class RollbackSignal extends Error {}

const view = async (client: Client, query: string) => {
  const response = await client.get(`/api/cascade?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return cascadeViewSchema.parse(response.body);
};

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  yenPhong = await createUnit(ctx.db, tree.province, 'district_committee', 'Đảng bộ huyện Yên Phong');
  khoi = await createUnit(ctx.db, tree.province, 'affiliated_committee', 'Đảng bộ Khối các cơ quan tỉnh');
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  tuSon = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  // 08-KH/TU of 07/09/2011: district-level committees issue a plan within 30 days (07/10/2011)
  // and hold a conference within 45 days (22/10/2011).
  plan = await createDocument(ctx.db, tree.province, { issuedOn: '2011-09-07' });
  await createRequirement(ctx.db, plan.id, { targetKinds: ['district_committee'], dueOn: '2011-10-07', conferenceDueOn: '2011-10-22' });
});

describe('the SQL states are the shared rule', () => {
  it('agrees with timeliness() on the boundary days', async () => {
    const due = '2011-10-07';
    const cases = [
      { doneOn: '2011-10-06', today: '2011-10-06' },
      { doneOn: '2011-10-07', today: '2011-10-20' },
      { doneOn: '2011-10-08', today: '2011-10-08' },
      { doneOn: null, today: '2011-10-06' },
      { doneOn: null, today: '2011-10-07' },
      { doneOn: null, today: '2011-10-08' },
      { doneOn: '2011-09-01', today: '2011-09-02' },
    ];
    for (const c of cases) {
      const done = c.doneOn === null ? sql`NULL::date` : sql`${c.doneOn}::date`;
      const result = await sql<{ state: string }>`SELECT ${timelinessSql(done, sql`${due}::date`, c.today)} AS state`.execute(ctx.db);
      expect(result.rows[0]?.state, JSON.stringify(c)).toBe(timeliness({ dueOn: due, doneOn: c.doneOn, today: c.today }));
    }
  });
});

describe('who is late under 08-KH/TU', () => {
  it('shows every district-level committee overdue before anyone acts (only the required kinds)', async () => {
    const v = await view(province, `documentId=${plan.id}`);
    expect(v.unit.counts).toEqual({ done_on_time: 0, done_late: 0, pending: 0, overdue: 3 });
    expect(v.unit.conferenceCounts.overdue).toBe(3);
    expect(v.children.map((c) => c.name)).toEqual(['Đảng bộ huyện Quế Võ', 'Đảng bộ huyện Yên Phong', 'Đảng bộ Thị xã Từ Sơn']);
    const tuSonNode = v.children.find((c) => c.unitId === tree.tuSon.id);
    expect(tuSonNode?.own[0]).toMatchObject({ state: 'overdue', dueOn: '2011-10-07', document: null, parentDocument: { symbol: plan.symbol } });
    expect(v.children.map((c) => c.unitId)).not.toContain(khoi.id);
    expect(await obligationsAgreeWithRecompute()).toBe(3);
  });

  it('turns a plan on the deadline day into "done on time" and one two days later into "done late"', async () => {
    await createDocument(ctx.db, tree.queVo, { implementsId: plan.id, issuedOn: '2011-10-07' });
    const late = await createDocument(ctx.db, tree.tuSon, { implementsId: plan.id, issuedOn: '2011-10-09' });
    const v = await view(province, `documentId=${plan.id}`);
    expect(v.unit.counts).toEqual({ done_on_time: 1, done_late: 1, pending: 0, overdue: 1 });
    const tuSonNode = v.children.find((c) => c.unitId === tree.tuSon.id);
    expect(tuSonNode?.own[0]).toMatchObject({ state: 'done_late', daysLate: 2, document: { id: late.id, issuedOn: '2011-10-09' } });
    const yenPhongNode = v.children.find((c) => c.unitId === yenPhong.id);
    expect(yenPhongNode?.own[0]?.state).toBe('overdue');
    expect(yenPhongNode?.own[0]?.daysLate).toBeGreaterThan(5000);
    // Only overdue children when asked.
    const overdue = await view(province, `documentId=${plan.id}&overdueOnly=true`);
    expect(overdue.children.map((c) => c.unitId).sort()).toEqual([tree.queVo.id, tree.tuSon.id, yenPhong.id].sort());
    expect(await obligationsAgreeWithRecompute()).toBe(3);
  });

  it('counts a conference on the parent or on the unit\'s own plan', async () => {
    const tuSonPlan = await ctx.db.selectFrom('party_document').select('id').where('issuer_unit_id', '=', tree.tuSon.id).executeTakeFirstOrThrow();
    await createConference(ctx.db, tree.tuSon, [tuSonPlan.id], '2011-10-20');
    await createConference(ctx.db, tree.queVo, [plan.id], '2011-10-25');
    const v = await view(province, `documentId=${plan.id}`);
    expect(v.unit.conferenceCounts).toEqual({ done_on_time: 1, done_late: 1, pending: 0, overdue: 1 });
    expect(await obligationsAgreeWithRecompute()).toBe(3);
  });

  it('chains: a district plan\'s own requirement rolls its grassroots units into the province view', async () => {
    const tuSonPlan = await ctx.db.selectFrom('party_document').select('id').where('issuer_unit_id', '=', tree.tuSon.id).executeTakeFirstOrThrow();
    await createRequirement(ctx.db, tuSonPlan.id, { targetKinds: ['grassroots_committee', 'grassroots_cell'], dueOn: '2011-11-08' });
    const extra = await createUnit(ctx.db, tree.tuSon, 'grassroots_cell', 'Chi bộ Trường THPT Từ Sơn');
    const dinhBangPlan = await ctx.db.selectFrom('party_document').select('lineage').where('id', '=', tuSonPlan.id).executeTakeFirstOrThrow();
    await createDocument(ctx.db, tree.dinhBang, { implementsId: tuSonPlan.id, issuedOn: '2011-11-01' });
    expect(dinhBangPlan.lineage.startsWith(plan.lineage)).toBe(true);
    const root = await view(province, `documentId=${plan.id}`);
    expect(root.unit.counts).toEqual({ done_on_time: 2, done_late: 1, pending: 0, overdue: 2 });
    const tuSonNode = root.children.find((c) => c.unitId === tree.tuSon.id);
    expect(tuSonNode?.counts).toEqual({ done_on_time: 1, done_late: 1, pending: 0, overdue: 1 });
    // Drill down to Từ Sơn: its own obligation plus its grassroots children.
    const down = await view(province, `documentId=${plan.id}&unitId=${tree.tuSon.id}`);
    expect(down.ancestors.map((a) => a.name)).toEqual(['Đảng bộ tỉnh Bắc Ninh']);
    expect(down.unit.own[0]?.state).toBe('done_late');
    expect(down.children.map((c) => [c.name, c.own[0]?.state])).toEqual([
      ['Chi bộ Trường THPT Từ Sơn', 'overdue'],
      ['Đảng bộ phường Đình Bảng', 'done_on_time'],
    ]);
    // The district officer sees the same from their own scope, and nothing of Quế Võ.
    const own = await view(tuSon, `documentId=${plan.id}`);
    expect(own.unit.unitId).toBe(tree.tuSon.id);
    expect(own.unit.counts).toEqual(tuSonNode?.counts);
    expect((await tuSon.get(`/api/cascade?documentId=${plan.id}&unitId=${tree.queVo.id}`)).status).toBe(404);
    void extra;
    expect(await obligationsAgreeWithRecompute()).toBe(5);
  });

  it('stays right after deletions, closures, moves and date edits', async () => {
    // Quế Võ's plan is withdrawn: it is overdue again.
    await ctx.db.deleteFrom('party_document').where('issuer_unit_id', '=', tree.queVo.id).where('implements_id', '=', plan.id).execute();
    let v = await view(province, `documentId=${plan.id}`);
    expect(v.children.find((c) => c.unitId === tree.queVo.id)?.own[0]?.state).toBe('overdue');
    // Yên Phong is closed: it no longer owes anything.
    await ctx.db.updateTable('unit').set({ valid_to: '2012-01-01' }).where('id', '=', yenPhong.id).execute();
    v = await view(province, `documentId=${plan.id}`);
    expect(v.children.map((c) => c.unitId)).not.toContain(yenPhong.id);
    // A new district-level committee owes the plan too.
    const newDistrict = await createUnit(ctx.db, tree.province, 'district_committee', 'Đảng bộ huyện Gia Bình');
    v = await view(province, `documentId=${plan.id}`);
    expect(v.children.find((c) => c.unitId === newDistrict.id)?.own[0]?.state).toBe('overdue');
    // A cell moved from Từ Sơn to Quế Võ no longer owes Từ Sơn's requirement.
    const school = await ctx.db.selectFrom('unit').select(['id', 'version']).where('name', '=', 'Chi bộ Trường THPT Từ Sơn').executeTakeFirstOrThrow();
    const moved = await province.post(`/api/units/${school.id}/move`, { version: school.version, newParentId: tree.queVo.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const down = await view(province, `documentId=${plan.id}&unitId=${tree.tuSon.id}`);
    expect(down.children.map((c) => c.unitId)).not.toContain(school.id);
    // Conferences deleted.
    await ctx.db.deleteFrom('dissemination_conference').where('unit_id', '=', tree.tuSon.id).execute();
    v = await view(province, `documentId=${plan.id}`);
    expect(v.children.find((c) => c.unitId === tree.tuSon.id)?.own[0]?.conferenceState).toBe('overdue');
    expect(await obligationsAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('marks obligations still in time as pending and lists who must act in the next 7 days', async () => {
    const today = todayInVietnam();
    const recent = await createDocument(ctx.db, tree.province, { issuedOn: addDays(today, 0), title: 'Kế hoạch sơ kết' });
    await createRequirement(ctx.db, recent.id, { targetKinds: ['district_committee'], requiredType: 'report', dueOn: addDays(today, 5) });
    const v = await view(province, `documentId=${recent.id}`);
    expect(v.unit.counts.pending).toBe(v.children.length);
    const upcoming = upcomingListSchema.parse((await province.get('/api/cascade/upcoming?days=7')).body);
    expect(upcoming.items.filter((i) => i.parentDocument.id === recent.id).map((i) => i.daysLeft)).toEqual(v.children.map(() => 5));
    const tuSonUpcoming = upcomingListSchema.parse((await tuSon.get('/api/cascade/upcoming')).body);
    expect(tuSonUpcoming.items.map((i) => i.unit.id)).toEqual([tree.tuSon.id]);
    const short = upcomingListSchema.parse((await province.get('/api/cascade/upcoming?days=3')).body);
    expect(short.items.filter((i) => i.parentDocument.id === recent.id)).toEqual([]);
    expect((await province.get('/api/cascade/upcoming?days=0')).status).toBe(400);
  });

  it('keeps every plan when several districts register at the same moment', async () => {
    const guidance = await createDocument(ctx.db, tree.province, { issuedOn: '2012-01-05', title: 'Hướng dẫn sơ kết' });
    await createRequirement(ctx.db, guidance.id, { targetKinds: ['district_committee'], requiredType: 'report', dueOn: '2012-02-05' });
    const districts = await ctx.db.selectFrom('unit').select(['id']).where('kind', '=', 'district_committee').where('valid_to', 'is', null).execute();
    expect(districts.length).toBeGreaterThanOrEqual(3);
    const responses = await Promise.all(
      districts.map((d, i) =>
        province.post('/api/documents', { issuerUnitId: d.id, docType: 'report', symbol: `${70 + i}-BC/HU`.replace('/HU', d.id === tree.tuSon.id ? '/TU' : '/HU'), issuedOn: '2012-01-20', title: 'Báo cáo sơ kết', implementsId: guidance.id }),
      ),
    );
    expect(responses.map((r) => r.status), JSON.stringify(responses.map((r) => r.body))).toEqual(districts.map(() => 201));
    const v = await view(province, `documentId=${guidance.id}`);
    expect(v.unit.counts).toEqual({ done_on_time: districts.length, done_late: 0, pending: 0, overdue: 0 });
    expect(await obligationsAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('exports the subtree to Excel, one row per obligation', async () => {
    const response = await province.get(`/api/cascade/export?documentId=${plan.id}`);
    expect(response.status).toBe(200);
    const rows = await readWorkbook(response.raw);
    const header = rows.findIndex((row) => row.includes('Đơn vị'));
    const body = rows.slice(header + 1);
    // Quế Võ, Từ Sơn, Gia Bình and phường Đình Bảng (Yên Phong closed, the school moved away).
    expect(body.length).toBe(4);
    const tuSonRow = body.find((row) => row[1] === 'Đảng bộ Thị xã Từ Sơn');
    expect(tuSonRow).toContain('Hoàn thành quá hạn');
    expect(tuSonRow).toContain('09/10/2011');
  });
});
