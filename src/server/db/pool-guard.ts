import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

/**
 * Pool starvation guard (issue #10).
 *
 * A request that holds a connection inside an open transaction and then asks the pool for a second one
 * (a service or repository bound to the global `db` called from inside `db.transaction().execute(trx => …)`)
 * needs two connections at once. Under load every connection can be held by such a request, each waiting
 * for a second one that never comes until the pool's connection timeout: 503s for everybody.
 *
 * Each request (and each background job) runs in its own scope (AsyncLocalStorage). The pool's clients
 * are watched: a client on which BEGIN (or START TRANSACTION) was sent is "in a transaction" for the scope
 * that sent it until COMMIT / ROLLBACK / END / ABORT is sent or the client goes back to the pool. A
 * pool.connect() from a scope that holds such a client of the same pool is a nested acquisition:
 * - under Vitest (process.env.VITEST) it fails at once, without waiting for the pool, with an Error naming
 *   the SQL that was about to run and where it was asked;
 * - elsewhere (production) it is allowed, and logged once per call site as a warning.
 * Code outside any scope (scripts, migrations, tests' own queries) is never checked. Parallel reads on
 * `db` (Promise.all) outside a transaction hold no transaction and stay allowed.
 */

interface Logger {
  warn(object: object, message: string): void;
}

export interface DbScope {
  /** Clients this scope holds inside an open transaction. */
  readonly inTransaction: Set<pg.PoolClient>;
  readonly log: Logger | undefined;
}

export type GuardMode = 'throw' | 'warn';

export interface GuardOptions {
  /** Default: 'throw' under Vitest, 'warn' otherwise (read at each violation). */
  mode?: GuardMode;
}

const storage = new AsyncLocalStorage<DbScope>();
/** The scope whose transaction a client is in, and the pool it belongs to. */
const transactionScope = new WeakMap<pg.PoolClient, DbScope>();
const poolOf = new WeakMap<pg.PoolClient, pg.Pool>();
const watched = new WeakSet<pg.PoolClient>();
const warnedCallSites = new Set<string>();
const MAX_WARNED_CALL_SITES = 1_000;

export class NestedAcquisitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NestedAcquisitionError';
  }
}

export function newDbScope(log?: Logger): DbScope {
  return { inTransaction: new Set(), log };
}

/** Run `fn` (and everything it starts) in `scope`. */
export function runInDbScope<T>(scope: DbScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * Run background work (started by a request, finishing after it) in a scope of its own: it must not see
 * the request's transactions, nor the request its own.
 */
export function inOwnDbScope<T>(fn: () => T, log?: Logger): T {
  return storage.run(newDbScope(log), fn);
}

export function currentDbScope(): DbScope | undefined {
  return storage.getStore();
}

function sqlOf(config: unknown): string {
  if (typeof config === 'string') return config;
  if (typeof config === 'object' && config !== null && typeof (config as { text?: unknown }).text === 'string') return (config as { text: string }).text;
  return '(unknown statement)';
}

const BEGINS = /^\s*(begin|start\s+transaction)\b/iu;

/** COMMIT, END, ABORT, ROLLBACK [WORK | TRANSACTION]; not ROLLBACK [WORK | TRANSACTION] TO SAVEPOINT. */
function endsTransaction(sql: string): boolean {
  if (/^\s*(commit|end|abort)\b/iu.test(sql)) return true;
  return /^\s*rollback\b/iu.test(sql) && !/^\s*rollback(\s+(work|transaction))?\s+to\b/iu.test(sql);
}

function leaveTransaction(client: pg.PoolClient): void {
  transactionScope.get(client)?.inTransaction.delete(client);
  transactionScope.delete(client);
}

/** Watch BEGIN / COMMIT / ROLLBACK on a client (once per physical connection). */
function watchClient(client: pg.PoolClient, pool: pg.Pool): void {
  poolOf.set(client, pool);
  if (watched.has(client)) return;
  watched.add(client);
  const query = client.query;
  const watchedQuery = function (this: pg.PoolClient, ...args: unknown[]) {
    const sql = sqlOf(args[0]);
    if (BEGINS.test(sql)) {
      const scope = storage.getStore();
      leaveTransaction(client);
      if (scope) {
        scope.inTransaction.add(client);
        transactionScope.set(client, scope);
      }
    } else if (endsTransaction(sql)) {
      // Nothing waits on a second connection once the transaction's end is sent.
      leaveTransaction(client);
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  };
  client.query = watchedQuery as typeof client.query;
}

function stackOf(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack;
}

/** The application frames of a stack (ours, not the driver's nor this file's), innermost first. */
function appFrames(stack: string): string[] {
  return stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at ') && !line.includes('node_modules') && !line.includes('node:') && !line.includes('pool-guard.ts') && /[/\\](src|test|bench|e2e)[/\\]/u.test(line));
}

function describeNested(sql: string | null, frames: string[]): string {
  const statement = sql === null ? 'a statement' : `\`${sql.replace(/\s+/gu, ' ').trim().slice(0, 300)}\``;
  return (
    `Nested database connection: this request holds a pooled connection inside an open transaction and asked the pool for a second one to run ${statement}. ` +
    'When every connection is held this way nobody can go on until the pool times out (503s under load, issue #10). ' +
    'Pass the transaction (trx) down to the code that runs this statement instead of using the global db.' +
    (frames.length > 0 ? `\nAsked at:\n  ${frames.slice(0, 8).join('\n  ')}` : '')
  );
}

/**
 * Stands in for a connection the guard refused (test mode): the first statement fails at once, naming
 * itself, instead of waiting for the pool. Release is a no-op (nothing was taken from the pool).
 */
function refusingClient(frames: string[], report: (message: string) => void): pg.PoolClient {
  let reported = false;
  const fail = (sql: string) => {
    const error = new NestedAcquisitionError(describeNested(sql, frames));
    if (!reported) report(error.message);
    reported = true;
    return error;
  };
  const client = {
    query(config: unknown, values?: unknown, callback?: unknown) {
      const error = fail(sqlOf(config));
      const cb = typeof values === 'function' ? values : callback;
      if (typeof cb === 'function') {
        process.nextTick(() => (cb as (e: Error) => void)(error));
        return undefined;
      }
      return Promise.reject(error);
    },
    release: () => undefined,
    on: () => client,
    once: () => client,
    off: () => client,
    removeListener: () => client,
  };
  return client as unknown as pg.PoolClient;
}

/** Watch a pool: see the module comment. Returns the same pool. */
export function guardPool(pool: pg.Pool, options: GuardOptions = {}): pg.Pool {
  const connect = pool.connect.bind(pool) as (callback?: unknown) => unknown;
  pool.on('release', (_error: Error | undefined, client: pg.PoolClient) => leaveTransaction(client));

  const guarded = (callback?: (error: Error | undefined, client?: pg.PoolClient, done?: () => void) => void): unknown => {
    const scope = storage.getStore();
    if (scope && [...scope.inTransaction].some((held) => poolOf.get(held) === pool)) {
      const frames = appFrames(stackOf());
      const mode = options.mode ?? (process.env.VITEST ? 'throw' : 'warn');
      if (mode === 'throw') {
        const report = (message: string) => console.error(message);
        if (typeof callback === 'function') {
          const error = new NestedAcquisitionError(describeNested(null, frames));
          report(error.message);
          process.nextTick(() => callback(error));
          return undefined;
        }
        return Promise.resolve(refusingClient(frames, report));
      }
      const callSite = frames.slice(0, 3).join(' < ') || '(unknown call site)';
      if (!warnedCallSites.has(callSite) && warnedCallSites.size < MAX_WARNED_CALL_SITES) {
        warnedCallSites.add(callSite);
        const message = describeNested(null, frames);
        if (scope.log) scope.log.warn({ callSite, nestedConnection: true }, message);
        else console.warn(message);
      }
    }
    if (typeof callback === 'function') {
      return connect((error: Error | undefined, client?: pg.PoolClient, done?: () => void) => {
        if (client) watchClient(client, pool);
        callback(error, client, done);
      });
    }
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      watchClient(client, pool);
      return client;
    });
  };
  pool.connect = guarded as typeof pool.connect;
  return pool;
}
