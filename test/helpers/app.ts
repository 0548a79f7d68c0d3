import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, inject } from 'vitest';
import { type AppDeps, buildApp } from '../../src/server/app';
import { type AuditRecorder, auditRecorder } from './audit-coverage';
import type { Clock } from '../../src/server/http/clock';
import type { App } from '../../src/server/http/types';
import type { Db } from '../../src/server/db/connect';
import { createTestDatabase } from './database';

export interface TestContext {
  app: App;
  db: Db;
  /** The test database's connection URL (a job-queue worker of the test connects to it). */
  url: string;
}

// setupApp runs inside a test file's beforeAll, where Vitest 4 silently ignores a new afterAll: the
// cleanup is registered here, at import time (collection), so that it runs after the file.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0)) {
    try {
      await cleanup();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
});

/**
 * A real app on a fresh database for this test file; closed after the file. Pass a clock to move "today".
 * In the api project every successful write is checked for its audit entry (test/helpers/audit-coverage.ts):
 * a write without one fails the file, and the write routes seen are recorded for the coverage check run
 * after the whole project. `auditCoverage: false` opts a file out.
 */
export async function setupApp(options: { clock?: Clock; auditCoverage?: boolean; urging?: AppDeps['urging'] } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const app = await buildApp({ db: database.db, database: inject('pgKind'), clock: options.clock, urging: options.urging });
  const coverageDir = inject('auditCoverageDir');
  const recorder: AuditRecorder | null = coverageDir ? auditRecorder(app, options.auditCoverage !== false) : null;
  cleanups.push(async () => {
    // Close first: background work (imports) settles and writes its audit entries before the check.
    await app.close();
    let violations: string[] = [];
    try {
      if (recorder && coverageDir) violations = await recorder.finish(database.db, coverageDir);
    } finally {
      await database.drop();
    }
    if (violations.length > 0) throw new Error(`Successful writes without an audit entry carrying their request id:\n${violations.join('\n')}`);
  });
  return { app, db: database.db, url: database.url };
}

/** Response bodies in tests are read loosely; their shapes are checked against the shared zod schemas where it matters. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface Response<T = Json> {
  status: number;
  body: T;
  /** The bytes as sent, for files. */
  raw: Buffer;
  headers: LightMyRequestResponse['headers'];
}

/** A client that goes through the whole Fastify stack (hooks, validation, serialisation) as a browser would. */
export class Client {
  constructor(
    private readonly app: App,
    private cookie: string | null = null,
  ) {}

  async login(username: string, password: string): Promise<Response> {
    const response = await this.request({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (first) this.cookie = first.split(';')[0] ?? null;
    return response;
  }

  get sessionCookie(): string | null {
    return this.cookie;
  }

  async request<T = Json>(options: InjectOptions): Promise<Response<T>> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
    if (this.cookie) headers.cookie = this.cookie;
    const response = await this.app.inject({ ...options, headers });
    const text = response.body;
    let body: unknown = text;
    if ((response.headers['content-type'] ?? '').toString().includes('application/json') && text.length > 0) body = JSON.parse(text);
    return { status: response.statusCode, body: body as T, raw: response.rawPayload, headers: response.headers };
  }

  get<T = Json>(url: string) {
    return this.request<T>({ method: 'GET', url });
  }
  post<T = Json>(url: string, payload: unknown = {}) {
    return this.request<T>({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  put<T = Json>(url: string, payload: unknown) {
    return this.request<T>({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  patch<T = Json>(url: string, payload: unknown) {
    return this.request<T>({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
}

export async function loggedIn(app: App, account: { username: string; password: string }): Promise<Client> {
  const client = new Client(app);
  const response = await client.login(account.username, account.password);
  if (response.status !== 200) throw new Error(`login failed for ${account.username}: ${JSON.stringify(response.body)}`);
  return client;
}

/** A fingerprint of every table's rows, to prove that a refused request changed nothing. */
export async function databaseFingerprint(db: Db): Promise<string> {
  const { sql } = await import('kysely');
  // Every table of the app, read from the catalogue so new capabilities are covered without a list to keep;
  // sessions and login failures change on every login by design.
  const listed = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('session', 'login_failure') AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(db);
  const tables = listed.rows.map((row) => row.name);
  // One statement for all tables (one round trip: the hostile-input test takes hundreds of fingerprints).
  const digests = sql.join(
    tables.map((table) => sql`SELECT ${table}::text AS name, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${sql.table(table)} t`),
    sql` UNION ALL `,
  );
  const result = await sql<{ name: string; digest: string | null }>`${digests}`.execute(db);
  const byTable = new Map(result.rows.map((row) => [row.name, row.digest]));
  return tables.map((table) => `${table}:${byTable.get(table) ?? 'empty'}`).join(' ');
}
