import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/server/db/connect';
import type { App } from '../../src/server/http/types';

/**
 * Audit coverage, measured by the API suite itself.
 *
 * Every request a test sends goes through `app.inject`; in the api project setupApp wraps it (tests only,
 * the app is untouched) and remembers each successful (2xx) write on /api/ with its request id. After the
 * file, every one of them must have left at least one audit_log row with that request id, or the file
 * fails. The write routes seen are written to test/.audit-coverage/<file>.json; after the whole project the
 * global teardown (test/setup/database.ts) fails the run for any write route of the route table that no
 * file exercised successfully, unless it is allow-listed below.
 */

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Write routes that by nature leave no audit row. Each needs a reason; the list is checked against the
 * route table, so a removed route must leave it too.
 */
export const AUDIT_ALLOW_LIST: Record<string, string> = {
  // Ends the caller's own session: deletes one `session` row (not business data) and clears the cookie.
  // Login, password changes and resets are audited (auth.login, auth.change_password, account.*).
  'POST /api/auth/logout': 'ends only the caller\'s own session',
  // A read with a body (the dashboard query and header overrides): computes the report's draft and writes nothing.
  // Downloading the edited report (POST /api/reports/docx) is audited as report.generated.
  'POST /api/reports/draft': 'computes a draft from the indicators and writes nothing',
};

export interface CoverageRecord {
  testFile: string;
  /** The write routes of the app's route table (the same in every file). */
  writeRoutes: string[];
  /** "METHOD /api/pattern" of every write route answered 2xx with its audit entry. */
  auditedWrites: string[];
  /** The same writes without an audit entry (also fail the file). */
  violations: string[];
}

export interface AuditRecorder {
  /** Check the recorded writes against audit_log, write the record file, return the violations. */
  finish(db: Db, dir: string): Promise<string[]>;
}

interface RouteMatcher {
  key: string;
  pattern: RegExp;
  params: number;
}

/** Route patterns from the app's own table; a static segment beats a parameter, as in the router. */
export function routeMatchers(routes: { method: string; url: string }[]): RouteMatcher[] {
  return routes
    .map((route) => ({
      key: `${route.method} ${route.url}`,
      pattern: new RegExp(`^${route.method} ${route.url.replace(/:[A-Za-z]+/gu, '[^/]+')}$`, 'u'),
      params: (route.url.match(/:/gu) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);
}

export function matchRoute(matchers: RouteMatcher[], method: string, url: string): string | null {
  const pathOnly = url.split('?')[0] ?? url;
  return matchers.find((matcher) => matcher.pattern.test(`${method} ${pathOnly}`))?.key ?? null;
}

/** `check: false` (a file that opted out) records only that the file ran. */
export function auditRecorder(app: App, check = true): AuditRecorder {
  // The test file that built this app: the first *.test.ts frame of the call stack (setupApp runs in its beforeAll).
  const testPath = expect.getState().testPath ?? new Error().stack?.match(/([^\s(]+\.test\.ts)/u)?.[1]?.replace(/^file:\/\//u, '') ?? 'unknown';
  const matchers = routeMatchers(app.apiRoutes);
  const seen: { route: string; requestId: string }[] = [];
  const original = app.inject.bind(app) as (options: InjectOptions) => Promise<LightMyRequestResponse>;
  const wrapped = async (options: InjectOptions | string) => {
    const response = await original(typeof options === 'string' ? { url: options } : options);
    const method = String((typeof options === 'string' ? 'GET' : options.method) ?? 'GET').toUpperCase();
    const url = typeof options === 'string' ? options : String(options.url ?? options.path ?? '');
    if (check && WRITE_METHODS.has(method) && url.startsWith('/api/') && response.statusCode >= 200 && response.statusCode < 300) {
      const route = matchRoute(matchers, method, url);
      const requestId = response.headers['x-request-id'];
      if (route && typeof requestId === 'string') seen.push({ route, requestId });
    }
    return response;
  };
  // Test-only instrumentation: the app is built (and ready) already, so no hook can be added any more.
  (app as unknown as { inject: typeof wrapped }).inject = wrapped;

  return {
    async finish(db, dir) {
      const ids = [...new Set(seen.map((entry) => entry.requestId))];
      const audited = new Set<string>();
      for (let start = 0; start < ids.length; start += 1000) {
        const rows = await db
          .selectFrom('audit_log')
          .select('request_id')
          .distinct()
          .where('request_id', 'in', ids.slice(start, start + 1000))
          .execute();
        for (const row of rows) if (row.request_id) audited.add(row.request_id);
      }
      const auditedWrites = new Set<string>();
      const violations = new Set<string>();
      for (const entry of seen) {
        if (audited.has(entry.requestId)) auditedWrites.add(entry.route);
        else if (!(entry.route in AUDIT_ALLOW_LIST)) violations.add(`${entry.route} (request ${entry.requestId})`);
      }
      const writeRoutes = app.apiRoutes.filter(isWriteRoute).map((route) => `${route.method} ${route.url}`);
      const record: CoverageRecord = { testFile: path.basename(testPath), writeRoutes, auditedWrites: [...auditedWrites].sort(), violations: [...violations].sort() };
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${path.basename(testPath)}.${randomBytes(4).toString('hex')}.json`), JSON.stringify(record, null, 2));
      return record.violations;
    },
  };
}

/**
 * After the whole api project: the write routes of the route table that no test file exercised
 * successfully (with an audit entry). Null when not every API test file ran (a single file or a filter):
 * coverage is only meaningful over the whole suite.
 */
export function uncoveredWriteRoutes(
  records: CoverageRecord[],
  testFiles: string[],
): { uncovered: string[]; violations: string[]; staleAllowList: string[] } | null {
  const recorded = new Set(records.map((record) => record.testFile));
  if (records.length === 0 || testFiles.some((file) => !recorded.has(file))) return null;
  const writeRoutes = [...new Set(records.flatMap((record) => record.writeRoutes))];
  const covered = new Set(records.flatMap((record) => record.auditedWrites));
  return {
    uncovered: writeRoutes.filter((route) => !covered.has(route) && !(route in AUDIT_ALLOW_LIST)).sort(),
    violations: records.flatMap((record) => record.violations.map((violation) => `${record.testFile}: ${violation}`)),
    staleAllowList: Object.keys(AUDIT_ALLOW_LIST).filter((route) => !writeRoutes.includes(route)),
  };
}

export function isWriteRoute(route: { method: string; url: string }): boolean {
  return WRITE_METHODS.has(route.method) && route.url.startsWith('/api/');
}
