import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/connect';
import { type TestDatabase, createTestDatabase } from '../helpers/database';
import { type TestTree, type TestUnit, createAccount, createMember, createTree, createUnit } from '../helpers/factories';
import { freePort } from '../setup/postgres';
import { HttpClient } from './support/http';
import { type ServerProcess, killStartedProcesses, startServer, waitForExit } from './support/processes';
import { expectDrainingShutdown } from './support/shutdown';

/*
 * `lamtheo serve` (a real process, on a real PostgreSQL) is killed with SIGKILL in the middle of a stream
 * of writes and started again. The writes carry several rows each: recording a cell meeting writes the
 * meeting, its attendance (one row per member), the items studied, an audit entry, and — by triggers —
 * the meeting summaries of the cell and every unit above; creating a unit writes the unit, its audit
 * entry and the counts of every ancestor. Every write the client saw acknowledged (2xx) must be there,
 * whole; a write in flight at the kill is either all there or not at all; the summaries equal a recompute.
 */
const KILL_AFTER_ACKS = 24;
const CELLS = 6;
const MEMBERS_PER_CELL = 4;

interface Attempt {
  kind: 'meeting' | 'unit';
  payload: Record<string, unknown>;
  outcome: 'acknowledged' | 'refused' | 'unknown';
  status?: number;
  id?: number;
  requestId?: string | null;
}

let database: TestDatabase;
let db: Db;
let tree: TestTree;
const cells: { unit: TestUnit; roll: number[] }[] = [];
let seededUnitMax: number;
let server: ServerProcess;
let officer: HttpClient;
let itemIds: number[];
const attempts: Attempt[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  tree = await createTree(db);
  for (let c = 0; c < CELLS; c++) {
    const unit = c === 0 ? tree.cellA : await createUnit(db, tree.dinhBang, 'cell', `Chi bộ khu phố ${c + 1}`);
    const roll: number[] = [];
    for (let m = 0; m < MEMBERS_PER_CELL; m++) roll.push(await createMember(db, unit, { familyName: 'Nguyễn', middleName: 'Văn', givenName: `Thành ${c}-${m}` }));
    cells.push({ unit, roll });
  }
  seededUnitMax = Number((await sql<{ max: number }>`SELECT max(id) AS max FROM unit`.execute(db)).rows[0]?.max);
  const account = await createAccount(db, { role: 'province_officer', scope: tree.province });

  server = await startServer({ port: await freePort(), env: { DATABASE_URL: database.url } });
  officer = new HttpClient(server.baseUrl);
  expect((await officer.login(account.username, account.password)).status).toBe(200);
  const topic = await officer.post('/api/study-topics', {
    year: 2012,
    title: 'Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm',
    items: [{ title: 'Tinh thần trách nhiệm trong công việc' }, { title: 'Chống chủ nghĩa cá nhân' }, { title: 'Nói đi đôi với làm' }],
  });
  expect(topic.status, topic.text).toBe(201);
  itemIds = (topic.body.items as { id: number }[]).map((item) => item.id);
});

afterAll(async () => {
  killStartedProcesses();
  await database?.drop();
});

/** Every job of the stream, in order: the meetings of every cell month by month of 2012, and new units. */
function* meetingJobs(): Generator<Record<string, unknown>> {
  for (let month = 1; month <= 12; month++) {
    for (const [c, cell] of cells.entries()) {
      const statuses = ['present', 'present', 'excused', 'absent'] as const;
      yield {
        unitId: cell.unit.id,
        heldOn: `2012-${String(month).padStart(2, '0')}-${String(10 + c).padStart(2, '0')}`,
        itemIds: [itemIds[(month + c) % itemIds.length], ...(month % 2 === 0 ? [itemIds[(month + c + 1) % itemIds.length]] : [])],
        attendance: cell.roll.map((memberId, m) => ({ memberId, status: statuses[(m + month) % statuses.length] })),
        relatedNotes: `Liên hệ tháng ${month}`,
        actions: `Làm theo tháng ${month}`,
      };
    }
  }
}

async function send(client: HttpClient, kind: Attempt['kind'], payload: Record<string, unknown>): Promise<Attempt> {
  const attempt: Attempt = { kind, payload, outcome: 'unknown' };
  attempts.push(attempt);
  try {
    const response = await client.post(kind === 'meeting' ? '/api/meetings' : '/api/units', payload);
    attempt.status = response.status;
    attempt.requestId = response.headers.get('x-request-id');
    if (response.status >= 200 && response.status < 300) {
      attempt.outcome = 'acknowledged';
      attempt.id = response.body.id as number;
    } else attempt.outcome = 'refused';
  } catch {
    // No answer: the server died with the request in flight; it may or may not have committed.
  }
  return attempt;
}

const acknowledged = (kind?: Attempt['kind']) => attempts.filter((a) => a.outcome === 'acknowledged' && (!kind || a.kind === kind));

/** Nothing half-written, read straight from PostgreSQL. */
async function expectWholeRecords() {
  // Every meeting (acknowledged or not): its attendance covers its cell's roll and matches the counts on
  // the row, its items match studied_count, and it has exactly one audit entry.
  const meetings = await sql<{ id: number; unit_id: number; studied_count: number; counted: number; attendance: number; studied: number; audits: number; roll: number }>`
    SELECT m.id, m.unit_id, m.studied_count,
           m.present_count + m.excused_count + m.absent_count AS counted,
           (SELECT count(*) FROM cell_meeting_attendance a WHERE a.meeting_id = m.id)::int AS attendance,
           (SELECT count(*) FROM cell_meeting_item i WHERE i.meeting_id = m.id AND i.stage = 'studied')::int AS studied,
           (SELECT count(*) FROM audit_log l WHERE l.entity_type = 'meeting' AND l.entity_id = m.id AND l.action = 'meeting.record')::int AS audits,
           (SELECT count(*) FROM member r WHERE r.unit_id = m.unit_id)::int AS roll
      FROM cell_meeting m ORDER BY m.id`.execute(db);
  expect(meetings.rows.length).toBeGreaterThan(0);
  for (const m of meetings.rows) {
    expect({ attendance: m.attendance, counted: m.counted, studied: m.studied, audits: m.audits }, `meeting ${m.id}`).toEqual({
      attendance: m.roll,
      counted: m.roll,
      studied: m.studied_count,
      audits: 1,
    });
    expect(m.studied_count).toBeGreaterThan(0);
  }
  // Every unit created by the stream has its audit entry, and no audit entry points at a missing record.
  const units = await sql<{ id: number; audits: number }>`
    SELECT u.id, (SELECT count(*) FROM audit_log l WHERE l.entity_type = 'unit' AND l.entity_id = u.id AND l.action = 'unit.create')::int AS audits
      FROM unit u WHERE u.id > ${seededUnitMax}`.execute(db);
  for (const u of units.rows) expect(u.audits, `unit ${u.id}`).toBe(1);
  const orphans = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_log l
     WHERE (l.action = 'meeting.record' AND NOT EXISTS (SELECT 1 FROM cell_meeting m WHERE m.id = l.entity_id))
        OR (l.action = 'unit.create' AND NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = l.entity_id))`.execute(db);
  expect(orphans.rows[0]?.n, 'audit entries without their record').toBe(0);
  return { meetings: meetings.rows.length, units: units.rows.length };
}

class Rollback extends Error {}

/** The summaries kept by triggers equal a rebuild from scratch (done in a transaction that is rolled back). */
async function expectSummariesEqualRecompute() {
  const snapshot = async (executor: Db) => {
    const rows = async (query: ReturnType<typeof sql<{ row: string }>>) => (await query.execute(executor)).rows.map((r) => r.row);
    return {
      unitCounts: await rows(sql`SELECT (id, child_count, descendant_count, member_count, direct_member_count)::text AS row FROM unit ORDER BY id`),
      meetingRollup: await rows(sql`SELECT (r.*)::text AS row FROM meeting_rollup r WHERE (held, held_without_topic, present, roll) <> (0, 0, 0, 0) ORDER BY 1`),
      masks: await rows(sql`SELECT (y.*)::text AS row FROM cell_meeting_year y WHERE held_mask <> 0 ORDER BY 1`),
      spans: await rows(sql`SELECT (s.*)::text AS row FROM cell_span_rollup s WHERE cells <> 0 ORDER BY 1`),
      gaps: await rows(sql`SELECT (g.*)::text AS row FROM meeting_gap_rollup g WHERE cells <> 0 ORDER BY 1`),
    };
  };
  const kept = await snapshot(db);
  let rebuilt: typeof kept | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`SELECT recompute_unit_counts()`.execute(trx);
      await sql`SELECT recompute_meeting_rollup()`.execute(trx);
      await sql`SELECT recompute_cell_rollups()`.execute(trx);
      rebuilt = await snapshot(trx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  expect(kept.meetingRollup.length).toBeGreaterThan(0);
  expect(rebuilt).toEqual(kept);
}

describe('SIGKILL in the middle of a stream of writes', () => {
  it('loses no acknowledged write and leaves no half-written record', async () => {
    const jobs = meetingJobs();
    let killedAt = 0;
    const kill = () => {
      if (killedAt === 0) {
        killedAt = Date.now();
        server.signal('SIGKILL');
      }
    };
    // Three lanes record meetings, one creates units, each sending its next write as soon as the last is answered.
    const lanes = [0, 1, 2, 3].map(async (lane) => {
      for (let n = 0; killedAt === 0; n++) {
        if (lane === 3) {
          await send(officer, 'unit', { parentId: tree.dinhBang.id, name: `Chi bộ mới số ${n + 1}`, kind: 'cell' });
        } else {
          const job = jobs.next();
          if (job.done) break;
          await send(officer, 'meeting', job.value);
        }
        if (acknowledged().length >= KILL_AFTER_ACKS) kill();
      }
    });
    await Promise.all(lanes);
    const exit = await waitForExit(server, 30_000);
    expect(exit.signal).toBe('SIGKILL');

    const unknown = attempts.filter((a) => a.outcome === 'unknown');
    expect(attempts.filter((a) => a.outcome === 'refused'), 'every answer before the kill was a success').toEqual([]);
    expect(acknowledged().length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acknowledged('meeting').length).toBeGreaterThan(0);
    expect(acknowledged('unit').length).toBeGreaterThan(0);
    expect(unknown.length, 'writes were in flight when the server was killed').toBeGreaterThan(0);

    // Straight after the crash, before any restart: every acknowledged write is in PostgreSQL, whole.
    for (const attempt of acknowledged('meeting')) {
      const row = await db.selectFrom('cell_meeting').selectAll().where('id', '=', attempt.id ?? 0).executeTakeFirst();
      expect(row, `acknowledged meeting ${attempt.id}`).toMatchObject({ unit_id: attempt.payload.unitId, held_on: attempt.payload.heldOn, kind: 'regular' });
      const attendance = await db.selectFrom('cell_meeting_attendance').select(['member_id', 'status']).where('meeting_id', '=', attempt.id ?? 0).orderBy('member_id').execute();
      expect(attendance.map((a) => ({ memberId: a.member_id, status: a.status }))).toEqual(attempt.payload.attendance);
      const items = await db.selectFrom('cell_meeting_item').select('item_id').where('meeting_id', '=', attempt.id ?? 0).where('stage', '=', 'studied').execute();
      expect(items.map((i) => i.item_id).sort()).toEqual([...(attempt.payload.itemIds as number[])].sort());
    }
    for (const attempt of acknowledged('unit')) {
      const row = await db.selectFrom('unit').select(['name', 'parent_id']).where('id', '=', attempt.id ?? 0).executeTakeFirst();
      expect(row, `acknowledged unit ${attempt.id}`).toEqual({ name: attempt.payload.name, parent_id: tree.dinhBang.id });
    }
    // The audit entry of every acknowledged write carries the request id the client was answered with.
    const audited = new Set((await db.selectFrom('audit_log').select('request_id').execute()).map((r) => r.request_id));
    for (const attempt of acknowledged()) expect(audited.has(attempt.requestId ?? ''), `audit of request ${attempt.requestId}`).toBe(true);
    await expectWholeRecords();
    await expectSummariesEqualRecompute();
  });

  it('restarts on the same database: the session still works, the data reads back, and writes in doubt can be retried safely', async () => {
    const cookie = officer.cookie;
    server = await startServer({ port: await freePort(), env: { DATABASE_URL: database.url } });
    const again = new HttpClient(server.baseUrl, cookie);
    // Sessions live in PostgreSQL: the browser stays logged in across the crash.
    expect((await again.get('/api/auth/me')).status).toBe(200);
    for (const attempt of acknowledged('meeting')) {
      const read = await again.get(`/api/meetings/${attempt.id}`);
      expect(read.status, read.text).toBe(200);
      expect(read.body.heldOn).toBe(attempt.payload.heldOn);
    }
    // A client retrying the writes it got no answer for: a meeting already committed is refused as a
    // duplicate (409), one that was not is recorded now; never two meetings for one cell month.
    for (const attempt of attempts.filter((a) => a.outcome === 'unknown' && a.kind === 'meeting')) {
      const retry = await again.post('/api/meetings', attempt.payload);
      expect([201, 409], retry.text).toContain(retry.status);
    }
    const duplicates = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (SELECT unit_id, year, month FROM cell_meeting WHERE kind = 'regular' GROUP BY 1, 2, 3 HAVING count(*) > 1) d`.execute(db);
    expect(duplicates.rows[0]?.n).toBe(0);
    // The restarted server takes new writes, and everything is still whole and summed right.
    const created = await again.post('/api/units', { parentId: tree.dinhBang.id, name: 'Chi bộ sau khi khởi động lại', kind: 'cell' });
    expect(created.status, created.text).toBe(201);
    await expectWholeRecords();
    await expectSummariesEqualRecompute();
  });

  it('SIGTERM with an external database: the request in flight finishes before the process exits 0', async () => {
    const client = new HttpClient(server.baseUrl, officer.cookie);
    await expectDrainingShutdown({ server, client, databaseUrl: database.url, unitId: tree.cellA.id, newName: 'Chi bộ khu phố Đình (đổi khi dừng)', signal: 'SIGTERM' });
    expect(server.output()).toMatch(/SIGTERM: shutting down…[\s\S]*Database connections closed\./u);
  });
});
