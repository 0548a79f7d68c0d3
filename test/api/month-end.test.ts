/**
 * Month end (issue #10): many cell secretaries record their meeting at the same moment. Two causes of
 * failure found by `npm run bench:month-end`, each with its proof here:
 * - a recording asked the pool for a second connection while its transaction held one (the study topic
 *   was read outside the transaction): with every connection held by such a request, none could go on
 *   until the pool's wait ran out (503);
 * - every recording locked the meeting summaries of all its ancestors at its INSERT and held them to its
 *   commit, so writers queued one behind the other; the summaries are now updated at COMMIT.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import { createDb, createPool } from '../../src/server/db/connect';
import type { App } from '../../src/server/http/types';
import { databaseUrl } from '../setup/postgres';
import { type Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createMember, createTree, createUnit } from '../helpers/factories';

interface Secretary {
  cell: TestUnit;
  roll: number[];
  login: { username: string; password: string };
  client: Client;
}

let ctx: TestContext;
let tree: TestTree;
let itemIds: number[];
let url: string;
const secretaries: Secretary[] = [];
let smallPoolApp: App | undefined;

const body = (s: Secretary, heldOn: string) => ({ unitId: s.cell.id, heldOn, itemIds, attendance: s.roll.map((memberId) => ({ memberId, status: 'present' })) });

/** The summaries kept at commit equal a recompute from the meetings. */
async function summariesAgreeWithRecompute() {
  const rows = async (client: pg.Client) => ({
    rollup: (await client.query('SELECT (r.*)::text AS row FROM meeting_rollup r WHERE (held, held_without_topic, present, roll) <> (0, 0, 0, 0) ORDER BY 1')).rows,
    masks: (await client.query('SELECT (y.*)::text AS row FROM cell_meeting_year y WHERE held_mask <> 0 ORDER BY 1')).rows,
    gaps: (await client.query('SELECT (g.*)::text AS row FROM meeting_gap_rollup g WHERE cells <> 0 ORDER BY 1')).rows,
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const kept = await rows(client);
    await client.query('BEGIN');
    await client.query('SELECT recompute_meeting_rollup()');
    expect(await rows(client)).toEqual(kept);
    await client.query('ROLLBACK');
    return kept.rollup.length;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  const name = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(ctx.db)).rows[0]?.name ?? '';
  url = databaseUrl(inject('pgAdminUrl'), name);
  const province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  const topic = await province.post('/api/study-topics', { year: 2012, title: 'Nêu cao tinh thần trách nhiệm', items: [{ title: 'Trách nhiệm' }, { title: 'Nói đi đôi với làm' }] });
  expect(topic.status, JSON.stringify(topic.body)).toBe(201);
  itemIds = topic.body.items.map((i: { id: number }) => i.id).slice(0, 2);
  for (let i = 0; i < 12; i++) {
    const cell = await createUnit(ctx.db, i % 2 === 0 ? tree.dinhBang : tree.phuongLieu, 'cell', `Chi bộ cuối tháng ${i + 1}`);
    const roll = [await createMember(ctx.db, cell), await createMember(ctx.db, cell, { familyName: 'Trần', middleName: 'Thị', givenName: 'Bình' })];
    const login = await createAccount(ctx.db, { role: 'cell_secretary', scope: cell });
    secretaries.push({ cell, roll, login, client: await loggedIn(ctx.app, login) });
  }
});

afterAll(async () => {
  await smallPoolApp?.close();
});

describe('month end', () => {
  it('records twelve meetings sent at the same moment, every one, and the summaries equal a recompute', async () => {
    const answers = await Promise.all(secretaries.map((s) => s.client.post('/api/meetings', body(s, '2012-06-29'))));
    expect(answers.map((a) => a.status)).toEqual(secretaries.map(() => 201));
    const stored = await ctx.db.selectFrom('cell_meeting').select((eb) => eb.fn.countAll<number>().as('n')).where('held_on', '=', '2012-06-29').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(12);
    const province = await ctx.db.selectFrom('meeting_rollup').select(['held', 'present', 'roll']).where('unit_id', '=', tree.province.id).where('year', '=', 2012).where('month', '=', 6).executeTakeFirstOrThrow();
    expect(province).toEqual({ held: 12, present: 24, roll: 24 });
    expect(await summariesAgreeWithRecompute()).toBeGreaterThan(0);
  });

  it('lets a recording commit while another cell\'s recording is still open: the shared summary rows are taken only at commit', async () => {
    const [first, second] = secretaries;
    if (!first || !second) throw new Error('no secretaries');
    const open = new pg.Client({ connectionString: url });
    await open.connect();
    try {
      // Another writer has inserted a meeting (so it would hold the province's summary row under the old
      // statement triggers) and has not committed yet.
      await open.query('BEGIN');
      await open.query(
        `INSERT INTO cell_meeting (unit_id, year, month, kind, held_on, recorded_at, studied_count, present_count, excused_count, absent_count)
         VALUES ($1, 2012, 7, 'regular', '2012-07-30', now(), 1, 2, 0, 0)`,
        [first.cell.id],
      );
      const answer = await Promise.race([
        second.client.post('/api/meetings', body(second, '2012-07-30')),
        new Promise<{ status: number; body: unknown }>((resolve) => setTimeout(() => resolve({ status: 0, body: 'still waiting after 5 s' }), 5_000)),
      ]);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      await open.query('COMMIT');
    } finally {
      await open.query('ROLLBACK').catch(() => undefined);
      await open.end();
    }
    const july = await ctx.db.selectFrom('meeting_rollup').select('held').where('unit_id', '=', tree.province.id).where('year', '=', 2012).where('month', '=', 7).executeTakeFirstOrThrow();
    expect(july.held).toBe(2);
    await summariesAgreeWithRecompute();
  });

  it('never needs a second connection inside a recording: eight at once on a pool of two all succeed', async () => {
    smallPoolApp = await buildApp({ db: createDb(createPool(url, 2)), database: inject('pgKind') });
    const clients = await Promise.all(secretaries.slice(0, 8).map((s) => loggedIn(smallPoolApp as App, s.login)));
    const answers = await Promise.all(clients.map((client, i) => client.post('/api/meetings', body(secretaries[i] as Secretary, '2012-08-30'))));
    expect(answers.map((a) => a.status)).toEqual(clients.map(() => 201));
    await summariesAgreeWithRecompute();
  });
});

/** Until another session waits for a lock `client`'s open transaction holds (at most 5 s). */
async function waitUntilBlocking(client: pg.Client) {
  for (let i = 0; i < 200; i++) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))`);
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('nobody waited for the open transaction');
}

/**
 * `change` runs in another session's transaction, left open while `request` is sent; the transaction
 * commits once the request waits for its locks. The request's answer and what `change` returned.
 */
async function answerWhileChanging<T, A>(change: (other: pg.Client) => Promise<T>, request: () => Promise<A>): Promise<{ answer: A; changed: T }> {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    await other.query('BEGIN');
    const changed = await change(other);
    const answer = request();
    await waitUntilBlocking(other);
    await other.query('COMMIT');
    return { answer: await answer, changed };
  } finally {
    await other.query('ROLLBACK').catch(() => undefined);
    await other.end();
  }
}

describe('two writers of one month', () => {
  const regularOf = (cell: TestUnit, month: number) =>
    ctx.db.selectFrom('cell_meeting').select(['id', 'held_on', 'version']).where('unit_id', '=', cell.id).where('year', '=', 2012).where('month', '=', month).where('kind', '=', 'regular').execute();
  const recordAudits = (meetingId: number) =>
    ctx.db.selectFrom('audit_log').select('after').where('entity_type', '=', 'meeting').where('entity_id', '=', meetingId).where('action', '=', 'meeting.record').execute();

  it('records a month once when two recordings of it arrive at the same moment; the other is told to reload', async () => {
    const s = secretaries[8] as Secretary;
    const answers = await Promise.all([s.client.post('/api/meetings', body(s, '2012-09-10')), s.client.post('/api/meetings', body(s, '2012-09-11'))]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.message).toMatch(/Tháng 09\/2012 (vừa có người|đã có biên bản)/u);
    const rows = await regularOf(s.cell, 9);
    expect(rows).toHaveLength(1);
    expect(await recordAudits(rows[0]?.id as number)).toHaveLength(1);
    await summariesAgreeWithRecompute();
  });

  it('does not complete a plan changed while the recording was on its way, and writes nothing', async () => {
    const s = secretaries[9] as Secretary;
    const planned = await s.client.post('/api/meetings/plan', { unitId: s.cell.id, year: 2012, month: 10, plannedOn: '2012-10-15', itemIds: [itemIds[0]] });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    // Someone changes the plan and has not committed yet when the recording arrives: the recording
    // reads the plan as it was and then waits for that transaction's row lock.
    const { answer: refused } = await answerWhileChanging(
      (other) => other.query(`UPDATE cell_meeting SET plan_note = 'Đổi ngày', version = version + 1 WHERE id = $1`, [planned.body.id]),
      () => s.client.post('/api/meetings', body(s, '2012-10-16')),
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.message).toMatch(/Tháng 10\/2012 vừa có người lập kế hoạch hoặc ghi sinh hoạt thường kỳ\. Vui lòng tải lại trang\./u);
    const [row] = await regularOf(s.cell, 10);
    expect(row).toMatchObject({ held_on: null, version: planned.body.version + 1 });
    const attendance = await ctx.db.selectFrom('cell_meeting_attendance').select('member_id').where('meeting_id', '=', planned.body.id).execute();
    expect(attendance).toEqual([]);
    expect(await recordAudits(planned.body.id)).toEqual([]);
    // Read again, the plan is recorded, and its audit entry names the planned and studied items.
    // The items sent in reverse come back, and are audited, in the topic's order.
    const recorded = await s.client.post('/api/meetings', { ...body(s, '2012-10-16'), itemIds: [...itemIds].reverse() });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body).toMatchObject({ id: planned.body.id, heldOn: '2012-10-16', plannedOn: '2012-10-15', planNote: 'Đổi ngày', present: 2, roll: 2, version: planned.body.version + 2 });
    expect(recorded.body.studiedItems.map((i: { number: number }) => i.number)).toEqual([1, 2]);
    expect(recorded.body.plannedItems.map((i: { number: number }) => i.number)).toEqual([1]);
    expect((await recordAudits(planned.body.id)).map((a) => a.after)).toEqual([
      expect.objectContaining({ month: '10/2012', plannedOn: '2012-10-15', heldOn: '2012-10-16', planned: [1], studied: [1, 2], present: 2 }),
    ]);
    await summariesAgreeWithRecompute();
  });

  it('does not complete a plan deleted and made again while the recording was on its way', async () => {
    const s = secretaries[10] as Secretary;
    const first = await s.client.post('/api/meetings/plan', { unitId: s.cell.id, year: 2012, month: 11, plannedOn: '2012-11-15', itemIds: [itemIds[0]] });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // The plan is deleted and another one made (at version 1 again) in a transaction still open.
    const { answer: refused, changed: made } = await answerWhileChanging(
      async (other) => {
        await other.query('DELETE FROM cell_meeting WHERE id = $1', [first.body.id]);
        const inserted = await other.query(
          `INSERT INTO cell_meeting (unit_id, year, month, kind, planned_on, planned_at) VALUES ($1, 2012, 11, 'regular', '2012-11-20', now()) RETURNING id::int, version`,
          [s.cell.id],
        );
        return inserted.rows[0] as { id: number; version: number };
      },
      () => s.client.post('/api/meetings', body(s, '2012-11-16')),
    );
    expect(made.version).toBe(first.body.version);
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.message).toMatch(/Tháng 11\/2012 vừa có người/u);
    expect(await regularOf(s.cell, 11)).toEqual([{ id: made.id, held_on: null, version: 1 }]);
    expect(await recordAudits(made.id)).toEqual([]);
    await summariesAgreeWithRecompute();
  });

  it('answers 409 and writes nothing when an item it read is deleted before its write', async () => {
    const s = secretaries[11] as Secretary;
    const topicId = (await ctx.db.selectFrom('study_topic_item').select('topic_id').where('id', '=', itemIds[0] as number).executeTakeFirstOrThrow()).topic_id;
    const extra = await ctx.db.insertInto('study_topic_item').values({ topic_id: topicId, number: 9, title: 'Nội dung sắp bỏ' }).returning('id').executeTakeFirstOrThrow();
    const { answer: refused } = await answerWhileChanging(
      (other) => other.query('DELETE FROM study_topic_item WHERE id = $1', [extra.id]),
      () => s.client.post('/api/meetings', { ...body(s, '2012-12-05'), itemIds: [extra.id] }),
    );
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.message).toMatch(/vừa được người khác thay đổi nên chưa có gì được lưu/u);
    expect(await regularOf(s.cell, 12)).toEqual([]);
  });
});
