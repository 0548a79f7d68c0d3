import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settableClock } from '../../src/server/http/clock';
import { smtpMailer } from '../../src/server/jobs/mailer';
import { TASKS } from '../../src/server/jobs/queue';
import { type Worker, enqueueDeliveries, migrateJobQueue, startWorker } from '../../src/server/jobs/worker';
import { type Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createTree } from '../helpers/factories';

/**
 * E-mail of issue #11 end to end: the job queue (graphile-worker on the test database) sends through
 * nodemailer to a real SMTP server started here (smtp-server), parsed back with mailparser. SMTP down,
 * an address the server refuses, quiet hours, and two workers on one database.
 */

const PUBLIC_URL = 'https://lamtheo.example.vn';
const REFUSED = 'khong.ton.tai@example.vn';

interface Received {
  to: string[];
  mail: ParsedMail;
}

/** A local SMTP server; `down()` closes it, `up()` listens again on the same port. */
function smtp() {
  const received: Received[] = [];
  let server: SMTPServer | null = null;
  let port = 0;
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === REFUSED) {
          const error = new Error('5.1.1 Không có hộp thư này') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch(callback);
      },
    });
  return {
    received,
    get port() {
      return port;
    },
    async up() {
      server = make();
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(port, '127.0.0.1', () => resolve());
      });
      port = (server.server.address() as AddressInfo).port;
    },
    async down() {
      const closing = server;
      server = null;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let ctx: TestContext;
let tree: TestTree;
const clock = settableClock();
const server = smtp();
const pools: pg.Pool[] = [];
const workers: Worker[] = [];
let district: Client;
let secretary: Client;
let secretaryId: number;

function pool(): pg.Pool {
  const created = new pg.Pool({ connectionString: ctx.url, max: 4 });
  created.on('error', () => undefined);
  pools.push(created);
  return created;
}

async function worker(): Promise<Worker> {
  const started = await startWorker({
    db: ctx.db,
    pool: pool(),
    clock,
    mailer: smtpMailer(`smtp://127.0.0.1:${server.port}`, 'Lamtheo <no-reply@lamtheo.example.vn>'),
    publicUrl: PUBLIC_URL,
    cron: false,
    pollInterval: 200,
  });
  workers.push(started);
  return started;
}

const delivery = (id: number) => ctx.db.selectFrom('notification_delivery').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const job = async (deliveryId: number) =>
  (await sql<{ attempts: number; run_at: Date; last_error: string | null }>`SELECT attempts, run_at, last_error FROM graphile_worker.jobs WHERE key = ${`delivery:${deliveryId}`}`.execute(ctx.db)).rows[0];

beforeAll(async () => {
  clock.set('2012-06-19');
  ctx = await setupApp({ clock, urging: { emailEnabled: true, jobs: { enqueueDeliveries: (ids) => enqueueDeliveries(ctx.db, ids) } } });
  await migrateJobQueue(pool());
  await server.up();
  tree = await createTree(ctx.db);
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
  const account = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA });
  secretaryId = account.id;
  secretary = await loggedIn(ctx.app, account);
  const saved = await secretary.put('/api/me/notification-preferences', { email: 'bithu.dinh@example.vn', emailEnabled: true, emailKinds: ['reminder', 'digest', 'urging'], digest: 'daily', quietFrom: null, quietTo: null, version: 1 });
  expect(saved.status).toBe(200);
  await worker();
});

afterAll(async () => {
  for (const w of workers.splice(0)) await w.stop();
  for (const p of pools.splice(0)) await p.end();
  await server.down();
});

/** A one-off urging from the district to Đình's cell; returns the new delivery's id. */
async function urge(text: string): Promise<number> {
  const sent = await district.post('/api/urging/messages', { itemKind: 'meeting_record', unitIds: [tree.cellA.id], text });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  expect(sent.body.emails).toBe(1);
  const row = await ctx.db
    .selectFrom('notification_delivery as d')
    .innerJoin('notification as n', 'n.id', 'd.notification_id')
    .select('d.id')
    .where('n.message_id', '=', sent.body.id)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('e-mail through a real SMTP server', () => {
  it('sends a one-off urging, parsed back: Vietnamese text, absolute link, unsubscribe link and headers', async () => {
    const id = await urge('Đề nghị chi bộ ghi biên bản sinh hoạt tháng 5/2012 trước ngày 25/06.');
    const got = await waitFor('the e-mail', async () => server.received.find((r) => r.mail.messageId === `<delivery-${id}@lamtheo.example.vn>`));
    expect(got.to).toEqual(['bithu.dinh@example.vn']);
    expect(got.mail.subject).toBe('Đảng bộ Thị xã Từ Sơn đôn đốc');
    expect(got.mail.from?.text).toContain('no-reply@lamtheo.example.vn');
    expect(got.mail.text).toContain('Đề nghị chi bộ ghi biên bản sinh hoạt tháng 5/2012 trước ngày 25/06.');
    expect(got.mail.text).toContain(`Xem chi tiết: ${PUBLIC_URL}/sinh-hoat/${tree.cellA.id}?year=2012`);
    const token = (await ctx.db.selectFrom('notification_preference').select('unsubscribe_token').where('account_id', '=', secretaryId).executeTakeFirstOrThrow()).unsubscribe_token;
    expect(got.mail.text).toContain(`${PUBLIC_URL}/huy-dang-ky/${token}`);
    const headers = got.mail.headerLines.map((h) => h.line.replace(/\r\n\s+/gu, ' ')).join('\n');
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(headers).toContain(`List-Unsubscribe: <${PUBLIC_URL}/huy-dang-ky/${token}>`);
    expect(headers).toContain('Auto-Submitted: auto-generated');
    await waitFor('sent status', async () => (await delivery(id)).status === 'sent');
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('runs the day through the queue: reminders and their e-mails, once', async () => {
    await ctx.db
      .insertInto('reminder_rule')
      .values({ root_unit_id: tree.province.id, year: 2012, item_kind: 'meeting_record', valid_from: '2012-01-01', on_due: true, days_after: 1 })
      .execute();
    const before = server.received.length;
    await sql`SELECT graphile_worker.add_job(${TASKS.dailyUrging}, json_build_object('date', '2012-06-19'))`.execute(ctx.db);
    await waitFor('the reminders', async () => server.received.length >= before + 5);
    // cellA has January–May overdue (no records): five reminders, five e-mails, to the secretary.
    const reminders = await ctx.db.selectFrom('notification').select(['id', 'title']).where('kind', '=', 'reminder').where('business_date', '=', '2012-06-19').execute();
    expect(reminders).toHaveLength(5);
    const subjects = server.received.slice(before).map((r) => r.mail.subject).sort();
    expect(subjects).toEqual(reminders.map((r) => r.title).sort());
    await waitFor('all sent', async () => (await ctx.db.selectFrom('notification_delivery').select('id').where('status', '!=', 'sent').execute()).length === 0);
  });

  it('queues the day\'s e-mails in batches with the run: while SMTP is down the batch retries with backoff, then each is sent once', async () => {
    await server.down();
    const before = server.received.length;
    await sql`SELECT graphile_worker.add_job(${TASKS.dailyUrging}, json_build_object('date', '2012-06-22'))`.execute(ctx.db);
    const ofTheDay = () =>
      ctx.db
        .selectFrom('notification_delivery as d')
        .innerJoin('notification as n', 'n.id', 'd.notification_id')
        .select(['d.id', 'd.status', 'd.attempts'])
        .where('n.business_date', '=', '2012-06-22')
        .execute();
    const failed = await waitFor('every delivery tried once', async () => {
      const rows = await ofTheDay();
      return rows.length === 5 && rows.every((r) => r.attempts >= 1) ? rows : null;
    });
    expect(failed.every((r) => r.status === 'pending')).toBe(true);
    // One batch job for the five, waiting for its retry; no job per delivery.
    const batches = await sql<{ key: string; attempts: number; run_at: Date }>`
      SELECT key, attempts, run_at FROM graphile_worker.jobs WHERE task_identifier = ${TASKS.sendEmailBatch}`.execute(ctx.db);
    expect(batches.rows).toHaveLength(1);
    expect(batches.rows[0]?.key).toBe(`deliveries:${Math.min(...failed.map((r) => r.id))}-${Math.max(...failed.map((r) => r.id))}`);
    expect(batches.rows[0]?.attempts).toBe(1);
    expect(batches.rows[0]?.run_at.getTime()).toBeGreaterThan(Date.now() - 1000);
    for (const row of failed) expect(await job(row.id)).toBeUndefined();

    await server.up();
    await waitFor('all five sent', async () => (await ofTheDay()).every((r) => r.status === 'sent'), 30_000);
    const mails = server.received.slice(before);
    expect(mails).toHaveLength(5);
    expect(new Set(mails.map((m) => m.mail.messageId))).toEqual(new Set(failed.map((r) => `<delivery-${r.id}@lamtheo.example.vn>`)));
  });

  it('marks an address the server refuses as failed, without retrying', async () => {
    await ctx.db.updateTable('account').set({ email: REFUSED }).where('id', '=', secretaryId).execute();
    const id = await urge('Gửi tới địa chỉ không tồn tại.');
    const failed = await waitFor('failed status', async () => ((await delivery(id)).status === 'failed' ? delivery(id) : null));
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/550|Không có hộp thư/u);
    // The job is finished (not waiting for a retry).
    expect(await job(id)).toBeUndefined();
    await ctx.db.updateTable('account').set({ email: 'bithu.dinh@example.vn' }).where('id', '=', secretaryId).execute();
  });

  it('keeps a delivery pending while SMTP is down, retries with backoff, and sends it once when SMTP is back', async () => {
    await server.down();
    const id = await urge('Gửi khi máy chủ thư đang hỏng.');
    const firstFailure = await waitFor('the first failed attempt', async () => ((await delivery(id)).attempts >= 1 ? delivery(id) : null));
    expect(firstFailure.status).toBe('pending');
    expect(firstFailure.last_error).toMatch(/ECONNREFUSED|connect/iu);
    const queued = await job(id);
    expect(queued?.attempts).toBe(1);
    // Backoff: the next attempt is scheduled in the future.
    expect(queued && queued.run_at.getTime()).toBeGreaterThan(Date.now());

    await server.up();
    await waitFor('the e-mail after recovery', async () => server.received.some((r) => r.mail.messageId === `<delivery-${id}@lamtheo.example.vn>`), 30_000);
    await waitFor('sent status', async () => (await delivery(id)).status === 'sent');
    const sent = await delivery(id);
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.last_error).toBeNull();

    // A stray second job for the same delivery sends nothing more.
    await sql`SELECT graphile_worker.add_job(${TASKS.sendEmail}, json_build_object('deliveryId', ${id}::bigint))`.execute(ctx.db);
    await waitFor('the stray job to finish', async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${TASKS.sendEmail}`.execute(ctx.db)).rows[0]?.n === 0);
    expect(server.received.filter((r) => r.mail.messageId === `<delivery-${id}@lamtheo.example.vn>`)).toHaveLength(1);
  });

  it('holds an e-mail until the recipient\'s quiet hours end', async () => {
    clock.set(null);
    const now = new Date();
    const vietnam = (offsetMinutes: number) => new Date(now.getTime() + (7 * 60 + offsetMinutes) * 60_000).toISOString().slice(11, 16);
    await ctx.db.updateTable('notification_preference').set({ quiet_from: vietnam(-60), quiet_to: vietnam(60) }).where('account_id', '=', secretaryId).execute();
    const before = server.received.length;
    const id = await urge('Gửi trong giờ yên lặng.');
    const held = await waitFor('the rescheduled job', async () => {
      const row = await job(id);
      return row && row.run_at.getTime() > Date.now() + 30 * 60_000 ? row : null;
    });
    expect(held.run_at.getTime()).toBeLessThan(Date.now() + 61 * 60_000);
    expect((await delivery(id)).status).toBe('pending');
    expect(server.received.length).toBe(before);
    await ctx.db.updateTable('notification_preference').set({ quiet_from: null, quiet_to: null }).where('account_id', '=', secretaryId).execute();
    clock.set('2012-06-19');
  });

  it('two workers on one database: the same day run twice and racing jobs create one notification and one e-mail per recipient', async () => {
    await worker();
    const secretaryB = await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellB });
    await ctx.db.updateTable('account').set({ email: 'bithu.lieu@example.vn' }).where('id', '=', secretaryB.id).execute();
    // The meeting-record rule (every day once overdue) on a fresh day, queued four times for two workers.
    const before = server.received.length;
    await sql`SELECT graphile_worker.add_job(${TASKS.dailyUrging}, json_build_object('date', '2012-06-20')) FROM generate_series(1, 4)`.execute(ctx.db);
    await waitFor('the day done by both workers', async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${TASKS.dailyUrging}`.execute(ctx.db)).rows[0]?.n === 0);
    await waitFor('all sent', async () => {
      const pending = await ctx.db
        .selectFrom('notification_delivery as d')
        .innerJoin('notification as n', 'n.id', 'd.notification_id')
        .select('d.id')
        .where('n.business_date', '=', '2012-06-20')
        .where('d.status', '=', 'pending')
        .execute();
      return pending.length === 0 && server.received.length >= before + 10;
    });
    const notifications = await ctx.db.selectFrom('notification').select(['account_id', 'item_key']).where('business_date', '=', '2012-06-20').execute();
    // Five months of records for each of the two cells' secretaries.
    expect(notifications.filter((n) => n.account_id === secretaryId)).toHaveLength(5);
    expect(notifications.filter((n) => n.account_id === secretaryB.id)).toHaveLength(5);
    expect(new Set(notifications.map((n) => `${n.account_id} ${n.item_key}`)).size).toBe(notifications.length);
    const mails = server.received.slice(before);
    expect(mails).toHaveLength(10);
    expect(new Set(mails.map((m) => m.mail.messageId)).size).toBe(10);

    // Racing jobs for one pending delivery (no job key): exactly one e-mail.
    const notification = await ctx.db
      .insertInto('notification')
      .values({ account_id: secretaryId, kind: 'urging', unit_id: tree.cellA.id, business_date: '2012-06-20', title: 'Chạy đua', body: 'Một thư thôi.', dedupe_key: 'test:race' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const raced = await ctx.db.insertInto('notification_delivery').values({ notification_id: notification.id, email: 'bithu.dinh@example.vn' }).returning('id').executeTakeFirstOrThrow();
    await sql`SELECT graphile_worker.add_job(${TASKS.sendEmail}, json_build_object('deliveryId', ${raced.id}::bigint)) FROM generate_series(1, 6)`.execute(ctx.db);
    await waitFor('the races to finish', async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${TASKS.sendEmail} AND run_at <= now() + interval '1 minute'`.execute(ctx.db)).rows[0]?.n === 0);
    await waitFor('sent status', async () => (await delivery(raced.id)).status === 'sent');
    expect(server.received.filter((r) => r.mail.messageId === `<delivery-${raced.id}@lamtheo.example.vn>`)).toHaveLength(1);
  });
});
