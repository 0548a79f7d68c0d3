import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ALLOW_LIST, isWriteRoute, matchRoute, routeMatchers, uncoveredWriteRoutes } from '../helpers/audit-coverage';
import { type TestContext, setupApp } from '../helpers/app';

/**
 * The audit log cannot be edited through the application, and the coverage check that runs after the
 * whole api project (test/setup/database.ts → test/helpers/audit-coverage.ts) is sound.
 */

let ctx: TestContext;

beforeAll(async () => {
  ctx = await setupApp();
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|sql)$/u.test(entry.name) ? [full] : [];
  });
}

describe('the audit log is append-only for the application', () => {
  it('has no code path in src/server that updates or deletes audit_log rows', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.resolve('src/server'))) {
      const text = fs.readFileSync(file, 'utf8');
      const patterns = [
        /updateTable\(\s*['"`]audit_log/u,
        /deleteFrom\(\s*['"`]audit_log/u,
        /(UPDATE|DELETE\s+FROM|TRUNCATE(\s+TABLE)?)\s+("?public"?\.)?"?audit_log\b/iu,
        /replaceInto\(\s*['"`]audit_log/u,
        /onConflict[\s\S]{0,200}audit_log/u,
      ];
      for (const pattern of patterns) if (pattern.test(text)) offenders.push(`${path.relative(process.cwd(), file)}: ${pattern}`);
    }
    expect(offenders).toEqual([]);
  });

  it('exposes no write route on the audit log', () => {
    const auditWrites = ctx.app.apiRoutes.filter((route) => route.method !== 'GET' && /audit/iu.test(route.url));
    expect(auditWrites).toEqual([]);
  });
});

describe('audit coverage check', () => {
  it('matches concrete URLs to the route table, static segments first', () => {
    const matchers = routeMatchers(ctx.app.apiRoutes);
    expect(matchRoute(matchers, 'GET', '/api/members/export?unitId=1')).toBe('GET /api/members/export');
    expect(matchRoute(matchers, 'GET', '/api/members/12')).toBe('GET /api/members/:id');
    expect(matchRoute(matchers, 'POST', '/api/members/12/positions/3/end')).toBe('POST /api/members/:id/positions/:positionId/end');
    expect(matchRoute(matchers, 'DELETE', '/api/khong-co')).toBeNull();
  });

  it('keeps an allow-list of real write routes only, each with its reason', () => {
    const writes = ctx.app.apiRoutes.filter(isWriteRoute).map((route) => `${route.method} ${route.url}`);
    expect(writes.length).toBeGreaterThan(50);
    for (const [route, reason] of Object.entries(AUDIT_ALLOW_LIST)) {
      expect(writes).toContain(route);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('reports write routes nobody exercised, violations, and skips a partial run', () => {
    const record = { testFile: 'a.test.ts', writeRoutes: ['POST /api/units', 'PATCH /api/units/:id', ...Object.keys(AUDIT_ALLOW_LIST)], auditedWrites: ['POST /api/units'], violations: ['PATCH /api/units/:id (request x)'] };
    expect(uncoveredWriteRoutes([record], ['a.test.ts'])).toEqual({ uncovered: ['PATCH /api/units/:id'], violations: ['a.test.ts: PATCH /api/units/:id (request x)'], staleAllowList: [] });
    expect(uncoveredWriteRoutes([record], ['a.test.ts', 'b.test.ts'])).toBeNull();
  });

  it('exercises, with their audit entries, the write routes no capability test reached successfully', async () => {
    // Found by the coverage check itself (the first whole-suite run); kept here so the check stays green.
    const { createTree, createAccount, createMember } = await import('../helpers/factories');
    const { loggedIn } = await import('../helpers/app');
    const tree = await createTree(ctx.db);
    const province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
    const audited = async (response: { status: number; headers: Record<string, unknown>; body: unknown }, status: number) => {
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      const rows = await ctx.db.selectFrom('audit_log').select('id').where('request_id', '=', String(response.headers['x-request-id'])).execute();
      expect(rows.length).toBeGreaterThan(0);
    };
    const pilot = await ctx.db.insertInto('pilot').values({ committee_unit_id: tree.tuSon.id, year: 2012, kind: 'comprehensive', target_unit_id: tree.cellA.id, goals: 'Mục tiêu', responsible: 'Người phụ trách' }).returning('id').executeTakeFirstOrThrow();
    await audited(await province.patch(`/api/pilots/${pilot.id}`, { version: 1, goals: 'Mục tiêu mới' }), 200);
    await audited(await province.request({ method: 'DELETE', url: `/api/pilots/${pilot.id}?version=2` }), 204);
    const topic = await ctx.db.insertInto('study_topic').values({ unit_id: tree.province.id, year: 2012, title: 'Chuyên đề' }).returning('id').executeTakeFirstOrThrow();
    const material = await province.post(`/api/study-topics/${topic.id}/materials`, { title: 'Tài liệu', url: 'https://example.org/tai-lieu' });
    expect(material.status, JSON.stringify(material.body)).toBe(201);
    const materialId = (material.body.materials as { id: number }[] | undefined)?.[0]?.id ?? (await ctx.db.selectFrom('study_topic_material').select('id').where('topic_id', '=', topic.id).executeTakeFirstOrThrow()).id;
    await audited(await province.request({ method: 'DELETE', url: `/api/study-topics/${topic.id}/materials/${materialId}` }), 204);
    const memberId = await createMember(ctx.db, tree.cellA);
    const position = await ctx.db.insertInto('member_position').values({ member_id: memberId, unit_id: tree.cellA.id, position: 'secretary', started_on: '2010-10-01' }).returning('id').executeTakeFirstOrThrow();
    await audited(await province.post(`/api/members/${memberId}/positions/${position.id}/end`, { version: 1, endedOn: '2012-06-01' }), 200);
  });

  it('finds the audit entry of a successful write by its request id', async () => {
    const { createTree, createAccount } = await import('../helpers/factories');
    const { loggedIn } = await import('../helpers/app');
    const tree = await createTree(ctx.db);
    const client = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
    const response = await client.post('/api/units', { parentId: tree.tuSon.id, name: 'Đảng bộ xã Kiểm Toán', kind: 'grassroots_committee' });
    expect(response.status).toBe(201);
    const rows = await ctx.db.selectFrom('audit_log').select(['action', 'request_id']).where('request_id', '=', String(response.headers['x-request-id'])).execute();
    expect(rows.length).toBeGreaterThan(0);
  });
});
