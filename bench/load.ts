/**
 * Load generation with autocannon in a child process, so the load generator does not share the event
 * loop of the servers it measures. The parent calls `measure()`; this same file is the child.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
}

export interface LoadSpec {
  title: string;
  origin: string;
  requests: LoadRequest[];
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  title: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  warmupNon2xx: number;
}

interface ChildMessage {
  result?: LoadResult;
  error?: string;
}

const children = new Set<ChildProcess>();

/** Kill load generators still running (on SIGINT or a failure). */
export function killLoadGenerators(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** Warm up, then measure, in a fresh child process. */
export function measure(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // Inherits process.execArgv, so the child runs TypeScript through tsx like the parent.
    const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BENCH_LOAD_CHILD: '1' }, stdio: 'inherit' });
    children.add(child);
    let settled = false;
    child.on('message', (message: ChildMessage) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error ?? 'unknown error'}`));
      child.disconnect();
    });
    child.on('exit', (code) => {
      children.delete(child);
      if (!settled) reject(new Error(`load generator exited with code ${String(code)}`));
    });
    child.send(spec);
  });
}

async function run(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  const requests = spec.requests.map((r) => ({ method: 'GET' as const, path: r.path, headers: r.headers ?? {} }));
  return autocannon({
    url: spec.origin,
    connections: spec.connections,
    duration: seconds,
    requests,
    // Each connection starts at its own place in the list, so they do not ask for the same id in lockstep.
    setupClient: (client) => {
      const offset = Math.floor(Math.random() * requests.length);
      client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
    },
  });
}

async function child(spec: LoadSpec): Promise<LoadResult> {
  const warm = await run(spec, spec.warmupSeconds);
  const result = await run(spec, spec.durationSeconds);
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  const completed = result['2xx'] + result.non2xx;
  return {
    title: spec.title,
    requests: completed,
    seconds: result.duration,
    rps: completed / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    warmupNon2xx: warm.non2xx + warm.errors,
  };
}

if (process.env.BENCH_LOAD_CHILD === '1' && process.send) {
  process.once('message', (spec: LoadSpec) => {
    child(spec).then(
      (result) => process.send?.({ result } satisfies ChildMessage),
      (error: unknown) => process.send?.({ error: String(error) } satisfies ChildMessage),
    );
  });
}
