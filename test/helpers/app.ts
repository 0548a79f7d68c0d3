import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { Clock } from '../../src/server/http/clock';
import type { App } from '../../src/server/http/types';
import type { Db } from '../../src/server/db/connect';
import { createTestDatabase } from './database';

export interface TestContext {
  app: App;
  db: Db;
}

/** A real app on a fresh database for this test file; closed after the file. Pass a clock to move "today". */
export async function setupApp(options: { clock?: Clock } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const app = await buildApp({ db: database.db, database: inject('pgKind'), clock: options.clock });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });
  return { app, db: database.db };
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
  const tables = ['unit', 'member', 'member_position', 'account', 'audit_log', 'member_import', 'stored_file', 'campaign', 'party_document', 'cascade_requirement', 'cascade_obligation', 'dissemination_conference', 'conference_document', 'helper_unit', 'helper_unit_member', 'helper_unit_activity', 'study_topic', 'study_topic_item', 'study_topic_material', 'cell_meeting', 'cell_meeting_item', 'cell_meeting_attendance', 'meeting_rollup', 'cell_meeting_year'];
  const parts: string[] = [];
  for (const table of tables) {
    const result = await sql<{ digest: string | null }>`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${sql.table(table)} t`.execute(db);
    parts.push(`${table}:${result.rows[0]?.digest ?? 'empty'}`);
  }
  return parts.join(' ');
}
