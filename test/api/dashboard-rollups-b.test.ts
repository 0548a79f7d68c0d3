import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type NodeSet, type Window, dashboardRepository } from '../../src/server/capabilities/dashboard/dashboard.repository';
import type { Db } from '../../src/server/db/connect';
import { settableClock } from '../../src/server/http/clock';
import { type Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createExemplar, createTree, createUnit } from '../helpers/factories';

/**
 * The dated summaries of migration 0016 (conference_rollup, inspection_rollup, follow_up_rollup,
 * nomination_rollup, commendation_rollup, publicity_rollup) against what recompute_dashboard_dated_rollups()
 * rebuilds from the base tables, after realistic writes: conferences recorded, edited and deleted;
 * activities planned, held, cancelled and their dates moved; follow-ups done on time, late, reopened and
 * cancelled; exemplars through their states and decision; publicity entries; subtrees moved. And the
 * dashboard's six readers against the plain joins over the base tables, in every NodeSet mode and for
 * windows whose as-of days fall on the follow-ups' boundaries.
 */

const clock = settableClock();
let ctx: TestContext;
let tree: TestTree;
let province: Client;
let accountId: number;
let cellC: TestUnit;

const TABLES = {
  conference_rollup: 'unit_id, held_on',
  inspection_rollup: 'unit_id, day, kind, held',
  follow_up_rollup: 'unit_id, day',
  nomination_rollup: 'unit_id, year, state',
  commendation_rollup: 'unit_id, decision_date, form',
  publicity_rollup: 'unit_id, published_on, channel_id',
} as const;
const VALUES: Record<keyof typeof TABLES, string[]> = {
  conference_rollup: ['conferences', 'expected_cadres', 'attended_cadres', 'expected_members', 'attended_members'],
  inspection_rollup: ['n'],
  follow_up_rollup: ['on_time', 'late', 'pending', 'overdue'],
  nomination_rollup: ['n'],
  commendation_rollup: ['n'],
  publicity_rollup: ['n'],
};

/** Every summary's rows whose counts are not all zero, in key order, as text. */
async function summaries(db: Kysely<unknown> | Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, key] of Object.entries(TABLES) as [keyof typeof TABLES, string][]) {
    const nonZero = VALUES[table].map((column) => `${column} <> 0`).join(' OR ');
    const rows = await sql.raw<{ row: string }>(`SELECT (t.*)::text AS row FROM ${table} t WHERE ${nonZero} ORDER BY ${key}`).execute(db);
    out[table] = rows.rows.map((r) => r.row);
  }
  return out;
}

class Rollback extends Error {}

/** What recompute gives, read inside a transaction that is rolled back: the triggers' rows stay for the next steps. */
async function recomputed(db: Db): Promise<Record<string, string[]>> {
  let result: Record<string, string[]> = {};
  try {
    await db.transaction().execute(async (trx) => {
      await sql`SELECT recompute_dashboard_dated_rollups()`.execute(trx);
      result = await summaries(trx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result;
}

async function expectSummariesRight(db: Db) {
  const kept = await summaries(db);
  expect(Object.values(kept).some((rows) => rows.length > 0)).toBe(true);
  expect(kept).toEqual(await recomputed(db));
}

// ---------------------------------------------------------------- writes

async function conference(unit: TestUnit, heldOn: string, expected: number, attended: number): Promise<number> {
  const row = await ctx.db
    .insertInto('dissemination_conference')
    .values({ unit_id: unit.id, held_on: heldOn, form: 'in_person', expected_cadres: expected, attended_cadres: attended, expected_members: expected * 10, attended_members: attended * 10 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function activity(unit: TestUnit, kind: string, plannedOn: string): Promise<number> {
  const row = await ctx.db
    .insertInto('oversight_activity')
    .values({ organiser_unit_id: unit.id, kind, title: `Hoạt động ${kind}`, planned_on: plannedOn, created_by: accountId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let findingNumber = 0;
async function followUp(activityId: number, owner: TestUnit, dueOn: string): Promise<{ findingId: number; id: number }> {
  findingNumber += 1;
  const finding = await ctx.db
    .insertInto('oversight_finding')
    .values({ activity_id: activityId, number: findingNumber, unit_id: owner.id, kind: 'shortcoming', content: 'Chưa đưa chuyên đề vào sinh hoạt', created_by: accountId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await ctx.db.insertInto('follow_up').values({ finding_id: finding.id, owner_unit_id: owner.id, task: 'Khắc phục', due_on: dueOn }).returning('id').executeTakeFirstOrThrow();
  return { findingId: finding.id, id: row.id };
}

const done = (id: number, doneOn: string) =>
  ctx.db.updateTable('follow_up').set({ state: 'done', done_on: doneOn, result: 'Đã khắc phục', version: sql`version + 1` }).where('id', '=', id).execute();

async function channels(): Promise<number[]> {
  const rows = await ctx.db.selectFrom('publicity_channel').select('id').where('root_unit_id', 'is', null).orderBy('position').execute();
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- the plain joins the dashboard used to run

const WINDOWS: Window[] = [
  { from: '2012-01-01', to: '2012-12-31', year: 2012, asOf: '2012-06-20' },
  { from: '2012-04-01', to: '2012-06-30', year: 2012, asOf: '2012-06-20' },
  { from: '2012-05-01', to: '2012-05-31', year: 2012, asOf: '2012-05-31' },
  { from: '2011-10-01', to: '2011-12-31', year: 2011, asOf: '2011-12-31' },
  // As-of days on the follow-ups' boundaries: given, due, the day after, done.
  { from: '2012-05-12', to: '2012-05-12', year: 2012, asOf: '2012-05-12' },
  { from: '2012-05-13', to: '2012-05-20', year: 2012, asOf: '2012-05-20' },
  { from: '2012-05-21', to: '2012-05-21', year: 2012, asOf: '2012-05-21' },
  { from: '2012-06-01', to: '2012-06-05', year: 2012, asOf: '2012-06-05' },
  { from: '2012-06-06', to: '2012-06-10', year: 2012, asOf: '2012-06-10' },
  { from: '2012-06-11', to: '2012-06-11', year: 2012, asOf: '2012-06-11' },
];

const windowsSql = (windows: Window[]) => sql`(SELECT * FROM unnest(${windows.map((w) => w.from)}::date[], ${windows.map((w) => w.to)}::date[],
  ${windows.map((w) => w.year)}::int[], ${windows.map((w) => w.asOf)}::date[]) WITH ORDINALITY AS x(f, t, y, d, i))`;

/** Each node's subtree, by path, over the base tables: the reference answers. */
async function reference(db: Db, ids: number[], windows: Window[]) {
  const nodes = sql`(SELECT n.id AS node, n.path FROM unit n WHERE n.id = ANY (${ids}::bigint[]))`;
  const w = windowsSql(windows);
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;
  return {
    conferences: await rows(sql<Record<string, unknown>>`
      SELECT w.i - 1 AS w, n.node, count(*) AS conferences, sum(k.expected_cadres) AS expected_cadres, sum(k.attended_cadres) AS attended_cadres,
             sum(k.expected_members) AS expected_members, sum(k.attended_members) AS attended_members
        FROM dissemination_conference k JOIN unit u ON u.id = k.unit_id JOIN ${nodes} n ON u.path <@ n.path
        JOIN ${w} w ON k.held_on BETWEEN w.f AND w.t GROUP BY 1, 2`),
    inspections: await rows(sql<Record<string, unknown>>`
      SELECT w.i - 1 AS w, n.node, count(*) AS total, count(*) FILTER (WHERE a.state = 'held') AS held,
             count(*) FILTER (WHERE a.state = 'held' AND a.kind = 'inspection') AS held_inspection,
             count(*) FILTER (WHERE a.state = 'held' AND a.kind = 'supervision') AS held_supervision
        FROM oversight_activity a JOIN unit u ON u.id = a.organiser_unit_id JOIN ${nodes} n ON u.path <@ n.path
        JOIN ${w} w ON coalesce(a.held_on, a.planned_on) BETWEEN w.f AND w.t
       WHERE a.kind IN ('inspection', 'supervision') AND a.state <> 'cancelled' GROUP BY 1, 2`),
    followUps: await rows(sql<Record<string, unknown>>`
      SELECT w.i - 1 AS w, n.node,
             count(*) FILTER (WHERE x.state = 'done' AND x.done_on <= w.d AND x.done_on <= x.due_on) AS done_on_time,
             count(*) FILTER (WHERE x.state = 'done' AND x.done_on <= w.d AND x.done_on > x.due_on) AS done_late,
             count(*) FILTER (WHERE NOT (x.state = 'done' AND x.done_on <= w.d) AND x.due_on >= w.d) AS pending,
             count(*) FILTER (WHERE NOT (x.state = 'done' AND x.done_on <= w.d) AND x.due_on < w.d) AS overdue
        FROM follow_up x JOIN oversight_finding f ON f.id = x.finding_id JOIN oversight_activity a ON a.id = f.activity_id
        JOIN unit u ON u.id = x.owner_unit_id JOIN ${nodes} n ON u.path <@ n.path
        JOIN ${w} w ON coalesce(a.held_on, a.planned_on) <= w.d
       WHERE x.state <> 'cancelled' GROUP BY 1, 2`),
    nominations: await rows(sql<Record<string, unknown>>`
      SELECT w.i - 1 AS w, n.node, count(*) AS nominated, count(*) FILTER (WHERE e.state IN ('pending', 'returned')) AS in_review,
             count(*) FILTER (WHERE e.state = 'approved') AS approved, count(*) FILTER (WHERE e.state = 'commended') AS commended,
             count(*) FILTER (WHERE e.state = 'rejected') AS rejected
        FROM exemplar e JOIN unit u ON u.id = e.nominating_unit_id JOIN ${nodes} n ON u.path <@ n.path JOIN ${w} w ON e.year = w.y
       WHERE e.state <> 'draft' GROUP BY 1, 2`),
    commendations: await rows(sql<Record<string, unknown>>`
      SELECT w.i - 1 AS w, n.node, e.commendation_form AS form, count(*) AS commended
        FROM exemplar e JOIN unit u ON u.id = e.nominating_unit_id JOIN ${nodes} n ON u.path <@ n.path
        JOIN ${w} w ON e.decision_date BETWEEN w.f AND w.t
       WHERE e.state = 'commended' GROUP BY 1, 2, 3`),
    publicity: await rows(sql<Record<string, unknown>>`
      SELECT w.i - 1 AS w, n.node, c.name AS channel, min(c.position + CASE WHEN c.root_unit_id IS NULL THEN 0 ELSE 100000 END) AS position, count(*) AS entries
        FROM publicity_entry p JOIN publicity_channel c ON c.id = p.channel_id JOIN exemplar e ON e.id = p.exemplar_id
        JOIN unit u ON u.id = e.nominating_unit_id JOIN ${nodes} n ON u.path <@ n.path
        JOIN ${w} w ON p.published_on BETWEEN w.f AND w.t GROUP BY 1, 2, 3`),
  };
}

/** Rows as sorted text, numbers normalised, keys (window, node) first. */
function normal(rows: Record<string, unknown>[]): string[] {
  return rows
    .map((row) => {
      const { w, i, window, node, ...rest } = row as { w?: unknown; i?: unknown; window?: unknown; node: unknown } & Record<string, unknown>;
      const index = w !== undefined ? Number(w) : window !== undefined ? Number(window) : Number(i) - 1;
      const values = Object.keys(rest)
        .sort()
        .map((key) => `${key}=${typeof rest[key] === 'string' && !/^\d+$/u.test(rest[key]) ? rest[key] : Number(rest[key])}`);
      return `${index}:${Number(node)}:${values.join(',')}`;
    })
    .sort();
}

const fromMap = (map: Map<string, Record<string, unknown>>) => normal([...map.values()].map(({ i, ...rest }) => ({ ...rest, w: Number(i) - 1 })));

async function expectDashboardReadsRight(db: Db) {
  const repo = dashboardRepository(db);
  const unit = async (id: number) => (await db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirstOrThrow());
  const p = await unit(tree.province.id);
  const children = (await db.selectFrom('unit').select('id').where('parent_id', '=', p.id).execute()).map((c) => c.id);
  const districtId = tree.queVo.id;
  const district = await unit(districtId);
  const districtChildren = (await db.selectFrom('unit').select('id').where('parent_id', '=', districtId).execute()).map((c) => c.id);
  const sets: NodeSet[] = [
    { parent: p, mode: 'self', ids: [p.id], large: false },
    { parent: p, mode: 'self', ids: [p.id], large: true, whole: true },
    { parent: p, mode: 'children', ids: children, large: false },
    { parent: p, mode: 'children', ids: children, large: true },
    { parent: district, mode: 'self', ids: [districtId], large: false },
    { parent: district, mode: 'children', ids: districtChildren, large: false },
  ];
  for (const nodes of sets) {
    const expected = await reference(db, nodes.ids, WINDOWS);
    expect(fromMap(await repo.conferences(nodes, WINDOWS))).toEqual(normal(expected.conferences));
    expect(fromMap(await repo.inspections(nodes, WINDOWS))).toEqual(normal(expected.inspections));
    expect(fromMap(await repo.followUps(nodes, WINDOWS))).toEqual(normal(expected.followUps));
    expect(fromMap(await repo.nominations(nodes, WINDOWS))).toEqual(normal(expected.nominations));
    expect(normal((await repo.commendations(nodes, WINDOWS)).map(({ i: _i, ...rest }) => rest))).toEqual(normal(expected.commendations));
    expect(normal((await repo.publicity(nodes, WINDOWS)).map(({ i: _i, ...rest }) => rest))).toEqual(normal(expected.publicity));
  }
}

beforeAll(async () => {
  clock.set('2012-06-20');
  ctx = await setupApp({ clock });
  tree = await createTree(ctx.db);
  cellC = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Đình 3');
  const officer = await createAccount(ctx.db, { role: 'province_officer', scope: tree.province });
  accountId = officer.id;
  province = await loggedIn(ctx.app, officer);
});

describe('the dated dashboard summaries', () => {
  it('start empty and equal to recompute on a fresh tree', async () => {
    expect(await summaries(ctx.db)).toEqual(await recomputed(ctx.db));
  });

  it('follow conferences recorded, edited and deleted', async () => {
    const a = await conference(tree.tuSon, '2011-10-25', 20, 18);
    const b = await conference(tree.cellA, '2012-03-02', 5, 5);
    await conference(tree.cellB, '2012-05-15', 7, 6);
    // Several in one statement.
    await ctx.db
      .insertInto('dissemination_conference')
      .values([tree.dinhBang, tree.phuongLieu, cellC].map((unit, index) => ({
        unit_id: unit.id, held_on: `2012-04-1${index}`, form: 'online', expected_cadres: 10, attended_cadres: 9 - index, expected_members: 50, attended_members: 40,
      })))
      .execute();
    await ctx.db.updateTable('dissemination_conference').set({ held_on: '2012-06-01', attended_cadres: 4 }).where('id', '=', b).execute();
    await ctx.db.updateTable('dissemination_conference').set({ note: 'Chỉ đổi ghi chú' }).where('id', '=', a).execute();
    const gone = await conference(tree.queVo, '2012-02-02', 3, 3);
    await ctx.db.deleteFrom('dissemination_conference').where('id', '=', gone).execute();
    await expectSummariesRight(ctx.db);
  });

  it('follow activities planned, held, cancelled and moved, and follow-ups done on time, late, reopened and cancelled', async () => {
    const inspection = await activity(tree.tuSon, 'inspection', '2012-05-10');
    const supervision = await activity(tree.province, 'supervision', '2012-06-01');
    const briefing = await activity(tree.dinhBang, 'briefing', '2012-05-05');
    const later = await activity(tree.queVo, 'inspection', '2012-09-15');
    const dropped = await activity(tree.phuongLieu, 'supervision', '2012-06-12');

    // The inspection held on 12/05 (a day it was not planned for); the supervision planned later.
    await ctx.db.updateTable('oversight_activity').set({ state: 'held', held_on: '2012-05-12' }).where('id', '=', inspection).execute();
    await ctx.db.updateTable('oversight_activity').set({ planned_on: '2012-06-03' }).where('id', '=', supervision).execute();
    await ctx.db.updateTable('oversight_activity').set({ state: 'cancelled', cancel_reason: 'Đổi kế hoạch' }).where('id', '=', dropped).execute();
    await ctx.db.updateTable('oversight_activity').set({ state: 'held', held_on: '2012-05-06' }).where('id', '=', briefing).execute();

    const onTime = await followUp(inspection, tree.cellA, '2012-06-10');
    const late = await followUp(inspection, tree.dinhBang, '2012-05-20');
    const cancelled = await followUp(inspection, cellC, '2012-06-30');
    const open = await followUp(inspection, tree.cellA, '2012-05-20');
    const reopened = await followUp(supervision, tree.cellB, '2012-06-15');
    const future = await followUp(later, tree.phuongLieu, '2012-10-15');
    const briefed = await followUp(briefing, tree.dinhBang, '2012-05-31');
    await done(onTime.id, '2012-06-05');
    await done(late.id, '2012-06-01');
    await done(briefed.id, '2012-05-06');
    await ctx.db.updateTable('follow_up').set({ state: 'cancelled', cancel_reason: 'Không còn phù hợp' }).where('id', '=', cancelled.id).execute();
    await done(reopened.id, '2012-06-10');
    await ctx.db.updateTable('follow_up').set({ state: 'open', done_on: null, result: null, reopen_comment: 'Chưa đạt' }).where('id', '=', reopened.id).execute();
    await expectSummariesRight(ctx.db);

    // The held date corrected: every follow-up of the inspection is given on the new day.
    await ctx.db.updateTable('oversight_activity').set({ held_on: '2012-05-11' }).where('id', '=', inspection).execute();
    // A finding moved to another activity; a follow-up handed to another unit and its due day moved.
    await ctx.db.updateTable('oversight_finding').set({ activity_id: later }).where('id', '=', open.findingId).execute();
    await ctx.db.updateTable('follow_up').set({ owner_unit_id: tree.tuSon.id, due_on: '2012-06-02' }).where('id', '=', late.id).execute();
    // Several follow-ups in one statement, then a deleted one.
    await ctx.db.updateTable('follow_up').set({ due_on: sql`due_on + 1` }).where('id', 'in', [onTime.id, future.id, reopened.id]).execute();
    await ctx.db.deleteFrom('follow_up').where('id', '=', future.id).execute();
    await expectSummariesRight(ctx.db);
    await expectDashboardReadsRight(ctx.db);
  });

  it('follow exemplars through their states and decision, and their publicity', async () => {
    const [generic1, generic2] = (await channels()) as [number, number];
    const own = await ctx.db
      .insertInto('publicity_channel')
      .values({ root_unit_id: tree.province.id, kind: 'newspaper', name: 'Báo Bắc Ninh', position: 5 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const exemplar = (unit: TestUnit, state: 'draft' | 'pending' | 'approved' | 'rejected', year = 2012) =>
      createExemplar(ctx.db, { unit, createdBy: accountId, state, year, pendingUnitId: state === 'pending' ? tree.tuSon.id : undefined });
    const draft = await exemplar(tree.cellA, 'draft');
    const pending = await exemplar(tree.cellA, 'pending');
    const approved = await exemplar(tree.dinhBang, 'approved');
    await exemplar(tree.cellB, 'rejected');
    await exemplar(tree.cellB, 'approved', 2011);
    const commended = await createExemplar(ctx.db, { unit: tree.tuSon, createdBy: accountId, commendation: { form: 'bang_khen', symbol: '12-QĐ/TU', date: '2012-05-19' } });

    // Submitted, returned, submitted again, verified, then commended.
    await ctx.db.updateTable('exemplar').set({ state: 'pending', pending_unit_id: tree.tuSon.id }).where('id', '=', draft).execute();
    await ctx.db.updateTable('exemplar').set({ state: 'returned', pending_unit_id: null }).where('id', '=', draft).execute();
    await ctx.db.updateTable('exemplar').set({ state: 'pending', pending_unit_id: tree.tuSon.id }).where('id', '=', draft).execute();
    await ctx.db.updateTable('exemplar').set({ state: 'approved', pending_unit_id: null }).where('id', '=', pending).execute();
    await ctx.db
      .updateTable('exemplar')
      .set({ state: 'commended', commendation_form: 'giay_khen', decision_symbol: '03-QĐ/ĐU', decision_date: '2012-06-02' })
      .where('id', '=', approved)
      .execute();
    // The decision corrected: another form and day.
    await ctx.db.updateTable('exemplar').set({ commendation_form: 'other', decision_date: '2012-06-04' }).where('id', '=', commended).execute();

    const entry = async (exemplarId: number, channelId: number, publishedOn: string) =>
      (
        await ctx.db
          .insertInto('publicity_entry')
          .values({ exemplar_id: exemplarId, channel_id: channelId, published_on: publishedOn, title: 'Tin về điển hình', recorded_by: accountId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const e1 = await entry(approved, generic1, '2012-06-05');
    await entry(approved, own.id, '2012-06-06');
    await entry(commended, generic2, '2012-05-25');
    const e4 = await entry(pending, generic1, '2012-06-07');
    await ctx.db.updateTable('publicity_entry').set({ channel_id: generic2, published_on: '2012-06-08' }).where('id', '=', e1).execute();
    await ctx.db.deleteFrom('publicity_entry').where('id', '=', e4).execute();
    // The exemplar re-attributed to another nominating unit carries its publicity along.
    await ctx.db.updateTable('exemplar').set({ nominating_unit_id: tree.phuongLieu.id }).where('id', '=', approved).execute();
    const scrapped = await exemplar(tree.cellA, 'pending');
    await ctx.db.deleteFrom('exemplar').where('id', '=', scrapped).execute();
    await expectSummariesRight(ctx.db);
    await expectDashboardReadsRight(ctx.db);
  });

  it('follow subtrees moved under another parent (through the API and in SQL)', async () => {
    const unit = (await province.get(`/api/units/${tree.dinhBang.id}`)).body as { version: number };
    const moved = await province.post(`/api/units/${tree.dinhBang.id}/move`, { version: unit.version, newParentId: tree.queVo.id });
    expect(moved.status).toBe(200);
    await expectSummariesRight(ctx.db);
    await expectDashboardReadsRight(ctx.db);

    // A cell moved on its own, then two subtrees moved in one statement (the cell's and Phương Liễu's tops).
    const cell = (await province.get(`/api/units/${tree.cellB.id}`)).body as { version: number };
    expect((await province.post(`/api/units/${tree.cellB.id}/move`, { version: cell.version, newParentId: tree.dinhBang.id })).status).toBe(200);
    await sql`
      WITH tops AS (SELECT id, path FROM unit WHERE id IN (${cellC.id}, ${tree.phuongLieu.id})),
           target AS (SELECT path FROM unit WHERE id = ${tree.tuSon.id})
      UPDATE unit u SET path = (SELECT path FROM target) || subpath(u.path, nlevel(t.path) - 1),
                        depth = nlevel((SELECT path FROM target) || subpath(u.path, nlevel(t.path) - 1)) - 1
        FROM tops t WHERE u.path <@ t.path`.execute(ctx.db);
    await ctx.db.updateTable('unit').set({ parent_id: tree.tuSon.id }).where('id', 'in', [cellC.id, tree.phuongLieu.id]).execute();
    await expectSummariesRight(ctx.db);
    await expectDashboardReadsRight(ctx.db);
  });

  it('count a write made while a move of its unit is uncommitted under the ancestors the move leaves it', async () => {
    // The writer waits for the move (it locks its units FOR SHARE before reading their paths): had it read
    // the old path, its rows would go to the old ancestors, after the move had already shifted the subtree's.
    const before = await ctx.db.selectFrom('unit').select(['path']).where('id', '=', cellC.id).executeTakeFirstOrThrow();
    let settled = false;
    let writes: Promise<unknown> = Promise.resolve();
    await ctx.db.transaction().execute(async (trx) => {
      await sql`
        UPDATE unit u SET path = t.path || subpath(u.path, nlevel(${before.path}::ltree) - 1),
                          depth = nlevel(t.path || subpath(u.path, nlevel(${before.path}::ltree) - 1)) - 1
          FROM (SELECT path FROM unit WHERE id = ${tree.queVo.id}) t
         WHERE u.path <@ ${before.path}::ltree`.execute(trx);
      await trx.updateTable('unit').set({ parent_id: tree.queVo.id }).where('id', '=', cellC.id).execute();
      writes = Promise.all([conference(cellC, '2012-07-02', 3, 2), activity(cellC, 'inspection', '2012-07-03')]).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
    });
    await writes;
    await expectSummariesRight(ctx.db);
    await expectDashboardReadsRight(ctx.db);
  });

  it('catch a write the triggers missed', async () => {
    await sql`ALTER TABLE follow_up DISABLE TRIGGER follow_up_rollup_update`.execute(ctx.db);
    try {
      await ctx.db.updateTable('follow_up').set({ due_on: '2012-12-31' }).where('state', '=', 'open').execute();
      expect(await summaries(ctx.db)).not.toEqual(await recomputed(ctx.db));
    } finally {
      await sql`ALTER TABLE follow_up ENABLE TRIGGER follow_up_rollup_update`.execute(ctx.db);
      await sql`SELECT recompute_dashboard_dated_rollups()`.execute(ctx.db);
    }
    await expectSummariesRight(ctx.db);
  });
});
