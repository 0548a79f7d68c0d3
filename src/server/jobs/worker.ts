import { type JobHelpers, type Logger, type Runner, type TaskList, Logger as GraphileLogger, parseCronItems, run, runMigrations } from 'graphile-worker';
import { sql } from 'kysely';
import type pg from 'pg';
import { emailText, quietUntil } from '../../shared/domain/urging';
import { runDailyUrging } from '../capabilities/urging/urging.computation';
import { todayInVietnam, type Clock } from '../http/clock';
import type { Db } from '../db/connect';
import { newDbScope, runInDbScope } from '../db/pool-guard';
import { type Mailer, isPermanentMailError } from './mailer';
import { EMAIL_MAX_ATTEMPTS, type JobQueue, TASKS, deliveryJobKey } from './queue';

/**
 * The background work of issue #11 on graphile-worker (PostgreSQL-backed: jobs in schema
 * `graphile_worker`, taken with FOR UPDATE SKIP LOCKED, retried with exponential backoff, de-duplicated
 * by job key, cron de-duplicated across workers by its known_crontabs table). Tasks:
 * - daily_urging: the day's reminders and digests (cron 06:00 Vietnam = 23:00 UTC, back-filled two days
 *   after an outage; or by hand with a `date` payload: `lamtheo urging run --date 2012-06-19`);
 * - send_email: one delivery; a delivery marked sent is never sent again;
 * - urging_sweep: every 5 minutes, queue every pending delivery that has no job (a crash between commit
 *   and queueing, a web-only instance): nothing is lost.
 */

export interface WorkerDeps {
  db: Db;
  /** The worker's own pool (LISTEN/NOTIFY holds one connection). */
  pool: pg.Pool;
  clock: Clock;
  /** Null when SMTP_URL is not set: no deliveries exist and send_email cancels any it finds. */
  mailer: Mailer | null;
  /** Absolute origin for links in e-mails (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  concurrency?: number;
  /** Default: true. Tests switch the cron off and queue the day themselves. */
  cron?: boolean;
  pollInterval?: number;
  log?: { info(object: object, message: string): void; error(object: object, message: string): void };
}

interface DeliveryRow {
  id: number;
  status: string;
  email: string;
  account_id: number;
  account_email: string | null;
  disabled: boolean;
  email_enabled: boolean | null;
  email_kinds: string[] | null;
  quiet_from: string | null;
  quiet_to: string | null;
  unsubscribe_token: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

/**
 * Queue send_email jobs for deliveries (one-off urging, after its commit; the daily run queues its own
 * in batches inside its transaction). Idempotent: an existing job with the same key is left alone.
 */
export async function enqueueDeliveries(db: Db, deliveryIds: readonly number[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await sql`
    SELECT graphile_worker.add_job(${TASKS.sendEmail}, json_build_object('deliveryId', id), max_attempts := ${EMAIL_MAX_ATTEMPTS}::int,
                                   job_key := 'delivery:' || id, job_key_mode := 'unsafe_dedupe')
      FROM unnest(${[...deliveryIds]}::bigint[]) AS id`.execute(db);
}

export function jobQueue(db: Db): JobQueue {
  return { enqueueDeliveries: (ids) => enqueueDeliveries(db, ids) };
}

/** Create or upgrade the graphile_worker schema (the worker does it on start; the CLI and tests call it first). */
export async function migrateJobQueue(pool: pg.Pool): Promise<void> {
  // Two servers starting at once on a fresh database would race on CREATE SCHEMA: one migrates at a time.
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('lamtheo.graphile_worker_migrate'))`);
    await runMigrations({ pgPool: pool, logger: quietLogger });
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('lamtheo.graphile_worker_migrate'))`).catch(() => undefined);
    client.release();
  }
}

const quietLogger: Logger = new GraphileLogger(() => () => undefined);

function graphileLogger(log: WorkerDeps['log']): Logger {
  if (!log) return quietLogger;
  return new GraphileLogger((scope) => (level, message, meta) => {
    if (level === 'error') log.error({ scope, ...meta }, message);
    else if (level === 'warning' || level === 'info') log.info({ scope, ...meta }, message);
  });
}

function taskList(deps: WorkerDeps): TaskList {
  const { db, clock } = deps;

  /** Every task runs in its own pool-guard scope, like a request (src/server/db/pool-guard.ts). */
  const scoped =
    <P>(fn: (payload: P, helpers: JobHelpers) => Promise<void>) =>
    (payload: unknown, helpers: JobHelpers): Promise<void> =>
      runInDbScope(newDbScope(), () => fn(payload as P, helpers));

  return {
    [TASKS.dailyUrging]: scoped<{ date?: string; _cron?: { ts: string } }>(async (payload) => {
      // The business day: given, else the cron's scheduled instant in Vietnam, else today by the clock.
      const date = payload.date ?? (payload._cron ? todayInVietnam(new Date(payload._cron.ts)) : clock.today());
      const result = await runDailyUrging(db, { date, emailEnabled: deps.mailer !== null, queueEmails: true });
      deps.log?.info({ ...result, deliveryIds: result.deliveryIds.length }, 'daily urging done');
    }),

    [TASKS.sweep]: scoped(async () => {
      // The daily run's reminders and digests were queued in batches in its own transaction: only a batch
      // that ran out of attempts leaves them pending, so they are swept after a day, not a minute.
      await sql`
        SELECT graphile_worker.add_job(${TASKS.sendEmail}, json_build_object('deliveryId', d.id), max_attempts := ${EMAIL_MAX_ATTEMPTS}::int,
                                       job_key := 'delivery:' || d.id, job_key_mode := 'unsafe_dedupe')
          FROM (SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
                 WHERE d.status = 'pending'
                   AND d.created_at < now() - CASE WHEN n.kind IN ('reminder', 'digest') THEN interval '1 day' ELSE interval '1 minute' END
                 ORDER BY d.id LIMIT 10000) d`.execute(db);
    }),

    [TASKS.sendEmail]: scoped<{ deliveryId: number }>(async (payload, helpers) => {
      const retry = await deliver(Number(payload.deliveryId), helpers);
      if (retry) throw retry;
    }),

    // The daily run's e-mails, EMAIL_BATCH_SIZE per job. Every delivery is tried; if some failed for a
    // reason worth retrying, the job fails and graphile-worker retries it with backoff — the deliveries
    // already sent or refused are skipped then (no longer pending).
    [TASKS.sendEmailBatch]: scoped<{ deliveryIds: number[] }>(async (payload, helpers) => {
      const errors: Error[] = [];
      for (const id of payload.deliveryIds) {
        const retry = await deliver(Number(id), helpers);
        if (retry) errors.push(retry);
      }
      if (errors.length > 0) throw new Error(`${errors.length} of ${payload.deliveryIds.length} e-mails to retry; first: ${errors[0]?.message ?? ''}`);
    }),
  };

  /** Try one delivery. Returns an error when the attempt should be retried later (by the job that called). */
  async function deliver(deliveryId: number, helpers: JobHelpers): Promise<Error | null> {
    return db.transaction().execute(async (trx): Promise<Error | null> => {
      // Locked while sending: a second worker holding the same delivery skips it.
      const { rows } = await sql<DeliveryRow>`
        SELECT d.id, d.status, d.email, a.id AS account_id, a.email AS account_email, a.disabled_at IS NOT NULL AS disabled,
               p.email_enabled, p.email_kinds, to_char(p.quiet_from, 'HH24:MI') AS quiet_from, to_char(p.quiet_to, 'HH24:MI') AS quiet_to,
               coalesce(p.unsubscribe_token, '') AS unsubscribe_token, n.kind, n.title, n.body, n.link
          FROM notification_delivery d
          JOIN notification n ON n.id = d.notification_id
          JOIN account a ON a.id = n.account_id
          LEFT JOIN notification_preference p ON p.account_id = a.id
         WHERE d.id = ${deliveryId}
           FOR UPDATE OF d SKIP LOCKED`.execute(trx);
      const row = rows[0];
      if (!row || row.status !== 'pending') return null;

      const cancel = async (reason: string) => {
        await sql`UPDATE notification_delivery SET status = 'cancelled', last_error = ${reason} WHERE id = ${deliveryId}`.execute(trx);
        return null;
      };
      if (!deps.mailer) return cancel('Máy chủ chưa cấu hình gửi thư (SMTP_URL).');
      if (row.disabled) return cancel('Tài khoản đã bị khóa.');
      if (row.email_enabled === false) return cancel('Người nhận đã tắt nhận thư.');
      if (row.email_kinds && !row.email_kinds.includes(row.kind)) return cancel('Người nhận không nhận loại thông báo này qua thư.');
      if (row.account_email !== row.email) return cancel('Địa chỉ thư của người nhận đã thay đổi.');

      const now = clock.now();
      const until = quietUntil(now, row.quiet_from && row.quiet_to ? { from: row.quiet_from, to: row.quiet_to } : null);
      if (until.getTime() > now.getTime()) {
        // Quiet hours: the same delivery again when they end (this job finishes; the key moves to the new one).
        await helpers.addJob(TASKS.sendEmail, { deliveryId }, { jobKey: deliveryJobKey(deliveryId), runAt: until, maxAttempts: EMAIL_MAX_ATTEMPTS });
        return null;
      }

      let token = row.unsubscribe_token;
      if (!token) {
        const created = await sql<{ unsubscribe_token: string }>`
          INSERT INTO notification_preference (account_id) VALUES (${row.account_id})
          ON CONFLICT (account_id) DO UPDATE SET account_id = excluded.account_id
          RETURNING unsubscribe_token`.execute(trx);
        token = created.rows[0]?.unsubscribe_token ?? '';
      }
      const unsubscribeUrl = `${deps.publicUrl}/huy-dang-ky/${token}`;
      const link = row.link ? `${deps.publicUrl}${row.link}` : null;
      const host = new URL(deps.publicUrl).hostname || 'lamtheo';
      try {
        await deps.mailer.send({
          to: row.email,
          subject: row.title,
          text: emailText({ title: row.title, body: row.body, link, unsubscribeUrl }),
          messageId: `<delivery-${deliveryId}@${host}>`,
          unsubscribeUrl,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
        const permanent = isPermanentMailError(error);
        const last = helpers.job.attempts >= helpers.job.max_attempts;
        await sql`UPDATE notification_delivery SET attempts = attempts + 1, last_error = ${message},
                    status = CASE WHEN ${permanent || last}::boolean THEN 'failed' ELSE status END
                   WHERE id = ${deliveryId}`.execute(trx);
        // Permanent refusals are not retried; others are, with graphile-worker's backoff.
        return permanent || last ? null : error instanceof Error ? error : new Error(message);
      }
      await sql`UPDATE notification_delivery SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${deliveryId}`.execute(trx);
      return null;
    });
  }
}

export const CRON_ITEMS = [
  // 06:00 in Vietnam (UTC+7, no daylight saving); graphile-worker matches cron in UTC.
  { task: TASKS.dailyUrging, match: '0 23 * * *', identifier: TASKS.dailyUrging, options: { backfillPeriod: 2 * 24 * 3600 * 1000, maxAttempts: 10 } },
  { task: TASKS.sweep, match: '*/5 * * * *', identifier: TASKS.sweep, options: { backfillPeriod: 0, maxAttempts: 1 } },
];

export interface Worker {
  runner: Runner;
  stop(): Promise<void>;
}

/** Start the in-process worker (serve, unless WORKER=0). */
export async function startWorker(deps: WorkerDeps): Promise<Worker> {
  const runner = await run({
    pgPool: deps.pool,
    taskList: taskList(deps),
    parsedCronItems: deps.cron === false ? [] : parseCronItems(CRON_ITEMS),
    concurrency: deps.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: deps.pollInterval ?? 2000,
    logger: graphileLogger(deps.log),
  });
  return {
    runner,
    async stop() {
      await runner.stop();
      deps.mailer?.close();
    },
  };
}

/** Run one day by hand (the CLI), in this process: compute, then send what it queued with a short-lived worker. */
export async function runDayNow(deps: WorkerDeps, date: string) {
  await migrateJobQueue(deps.pool);
  return runDailyUrging(deps.db, { date, emailEnabled: deps.mailer !== null, queueEmails: true });
}
