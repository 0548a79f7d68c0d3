import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Process groups started by this test file; `killStartedProcesses` ends them all (afterAll, even after a failure). */
const groups = new Set<number>();

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `lamtheo serve` running as a child process, in a process group of its own. */
export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  readonly baseUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Signal the app process only: an embedded PostgreSQL it started (same group) is the app's to stop. */
  signal(signal: NodeJS.Signals): void;
  readonly exited: Promise<Exit>;
  isRunning(): boolean;
}

export interface StartOptions {
  port: number;
  /** DATABASE_URL, or DATA_DIR + EMBEDDED_PG_PORT, and any other setting. */
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

/**
 * Start the real server the way `npx lamtheo serve` does (node with the tsx loader, the CLI entry), with
 * the configuration in environment variables, and wait for its start-up message.
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The child reads only what we give it: no database or port of the test runner leaks in.
    if (value === undefined || /^(DATABASE_URL|DATA_DIR|EMBEDDED_PG_PORT|PORT|HOST|DEMO|LOG_LEVEL|WEB_DIR|TEST_DATABASE_URL)$/u.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, { HOST: '127.0.0.1', PORT: String(options.port), DEMO: 'never', LOG_LEVEL: 'warn', WEB_DIR: path.join(ROOT, '.no-web-client') }, options.env);

  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/lamtheo.ts', 'serve'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start lamtheo serve');
  const pid = child.pid;
  groups.add(pid);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let running = true;
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });

  const timeout = options.readyTimeoutMs ?? 120_000;
  const started = Date.now();
  // The banner's last fixed line: its lines are separate writes and may arrive in separate chunks, so
  // waiting for the first one let a test read the output before "Database: …" (a flaky CI failure).
  while (!/API documentation: /u.test(output)) {
    if (!running) throw new Error(`lamtheo serve exited before it was ready:\n${output}`);
    if (Date.now() - started > timeout) throw new Error(`lamtheo serve not ready after ${timeout} ms:\n${output}`);
    await sleep(100);
  }
  return {
    pid,
    port: options.port,
    baseUrl: `http://127.0.0.1:${options.port}`,
    output: () => output,
    signal: (signal) => process.kill(pid, signal),
    exited,
    isRunning: () => running,
  };
}

/** Wait for an exit, failing (with the output) when it takes longer than `timeoutMs`. */
export async function waitForExit(server: ServerProcess, timeoutMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`process ${server.pid} still running after ${timeoutMs} ms:\n${server.output()}`)), timeoutMs);
  });
  try {
    return await Promise.race([server.exited, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGKILL every process group started here (the app and anything it started, PostgreSQL included). */
export function killStartedProcesses(): void {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes still in a process group (from /proc), for "nothing left behind" checks. */
export function processesInGroup(group: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may contain spaces, so read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === group && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Poll `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 200): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not after ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(intervalMs);
  }
}
