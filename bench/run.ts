/**
 * `npm run bench`: national-scale tree in a throwaway embedded PostgreSQL, the real app next to a bare
 * Fastify + pg baseline, autocannon against both on loopback, ratios to the baseline, and the query
 * plans behind the measured routes.
 *
 * Environment: BENCH_SCALE (default 1 = 300k units, 5M members), BENCH_DURATION (s, default 10),
 * BENCH_WARMUP (s, default 3), BENCH_CONNECTIONS (default 50), BENCH_BREAKDOWN=1 (also measure the session
 * alone and the children route, to see where the time of (a) goes).
 *
 * (e) builds a direction cascade over the whole tree (bench/cascade.ts) and times GET /api/cascade for the
 * root and a district against the same counts computed without the cascade_obligation summary table.
 *
 * (f) generates twelve months of cell meetings of last year for every open cell (bench/meetings.ts) and
 * times GET /api/meetings/matrix for the root and a district against the same per-child × month counts
 * computed without the meeting_rollup / cell_meeting_year summary tables.
 *
 * (g) generates a 2012 commitments round with a commitment for ~87 % of the members (bench/commitments.ts)
 * and times GET /api/commitments/coverage for the root and a district against the same per-child numbers
 * computed without the commitment_rollup / assessment_rollup / leader_rollup summary tables.
 *
 * (h) times the full dashboard (GET /api/dashboard, GET /api/dashboard/children) of the root, a district
 * and a cell of the current year (bench/dashboard.ts, on the data of (e)–(g) plus generated oversight,
 * exemplars, standards, pilots and helper units) against a naive recursive-CTE computation from the base
 * tables and the fastest hand-written SQL, and times recording a meeting with and without concurrent
 * dashboard readers.
 */
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { type Db, createDb, createPool, withDatabase } from '../src/server/db/connect';
import { startEmbeddedPostgres } from '../src/server/db/embedded';
import { containsPattern } from '../src/server/db/like';
import { migrateToLatest } from '../src/server/db/migrate';
import type { Database } from '../src/server/db/schema';
import { hashPassword } from '../src/server/http/passwords';
import type { App } from '../src/server/http/types';
import type { Role } from '../src/shared/domain/roles';
import { foldForSearch } from '../src/shared/domain/text';
import { type RunningServer, startBaseline } from './baseline';
import { type CascadeScenario, cascadeBench, generateCascade, printCascade } from './cascade';
import { type CommitmentsScenario, commitmentsBench, generateCommitments, printCommitments } from './commitments';
import { type DashboardResult, dashboardBench, dashboardQueryLabel, fastDashboard, generateDashboardData, printDashboard } from './dashboard';
import { type LoadRequest, type LoadResult, killLoadGenerators, measure } from './load';
import { type MeetingsScenario, generateMeetings, meetingsBench, printMeetings } from './meetings';
import { type TreeResult, generateNationalTree } from './national-tree';
import { registryBench } from './registry';
import { type UrgingGeneration, generateUrging, printUrging, urgingBench } from './urging';

const POOL_SIZE = 20; // the app's pool (createPool default); the baseline gets the same
const PASSWORD = 'Doluong2024';
const SEARCH_TERMS = ['Tân Lộc', 'thôn Đông', 'chi bo', 'y tế'];
const TARGET = { ratio: 0.5, p99: 50 };

function envNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return value;
}

const options = {
  scale: envNumber('BENCH_SCALE', 1, 0.001, 4),
  duration: envNumber('BENCH_DURATION', 10, 1, 600),
  warmup: envNumber('BENCH_WARMUP', 3, 0, 60),
  connections: envNumber('BENCH_CONNECTIONS', 50, 1, 1000),
  breakdown: process.env.BENCH_BREAKDOWN === '1',
  only: scenarioSet(process.env.BENCH_ONLY),
  keepDir: process.env.BENCH_KEEP_DIR ? path.resolve(process.env.BENCH_KEEP_DIR) : null,
  reuseDir: process.env.BENCH_REUSE_DIR ? path.resolve(process.env.BENCH_REUSE_DIR) : null,
};

/** What a BENCH_KEEP_DIR run generated, for a later BENCH_REUSE_DIR run. */
interface KeptGeneration {
  scale: number;
  tree: TreeResult;
  cascade: Awaited<ReturnType<typeof generateCascade>>;
  meetings: Awaited<ReturnType<typeof generateMeetings>>;
  commitments: Awaited<ReturnType<typeof generateCommitments>>;
  dashboardData: Awaited<ReturnType<typeof generateDashboardData>>;
  urgingData?: UrgingGeneration;
}

/** BENCH_ONLY=h,i: measure only these scenarios (the data of every scenario is still generated). */
function scenarioSet(raw: string | undefined): Set<string> {
  const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  if (raw === undefined || raw.trim() === '') return new Set(all);
  const picked = raw.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean);
  const unknown = picked.filter((part) => !all.includes(part));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY takes scenario letters a–i separated by commas, got "${raw}"`);
  return new Set(picked);
}
const wants = (scenario: string) => options.only.has(scenario);

const benchStart = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - benchStart) / 1000).toFixed(1).padStart(6)} s] ${message}`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Deterministic shuffle (mulberry32), so two runs send the same request order. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ---------------------------------------------------------------- cleanup, also on SIGINT / failure

const cleanups: { name: string; run: () => Promise<void> }[] = [];
let tempDir: string | null = null;

async function cleanup(): Promise<void> {
  killLoadGenerators();
  for (let item = cleanups.pop(); item; item = cleanups.pop()) {
    try {
      await item.run();
    } catch (error) {
      console.error(`cleanup "${item.name}" failed: ${String(error)}`);
    }
  }
}

process.on('exit', () => {
  killLoadGenerators();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping servers and PostgreSQL, removing ${tempDir ?? 'nothing'}`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- setup

async function createAccount(db: Db, username: string, role: Role, scopeUnitId: number, hash: string): Promise<void> {
  await db
    .insertInto('account')
    .values({ username, display_name: `Đo hiệu năng ${username}`, password_hash: hash, role, scope_unit_id: scopeUnitId })
    // A reused database (BENCH_REUSE_DIR) has them already.
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
}

async function login(origin: string, username: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('lamtheo_sid='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie;
}

async function listen(app: App): Promise<RunningServer> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function getJson(origin: string, urlPath: string, cookie: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${origin}${urlPath}`, { headers: { cookie } });
  return { status: response.status, body: await response.json() };
}

// ---------------------------------------------------------------- query plans

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Sort Method'?: string;
  Plans?: PlanNode[];
}
interface Explained {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}
interface PlanReport {
  label: string;
  planningMs: number;
  executionMs: number;
  scans: string[];
  seqScanOnBigTable: boolean;
}

const BIG_TABLES = new Set(['unit', 'member']);

function planLines(node: PlanNode, indent: string, out: string[]): void {
  const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const sort = node['Sort Method'] ? ` (${node['Sort Method']})` : '';
  const rows = `rows=${node['Actual Rows'] ?? '?'}${(node['Actual Loops'] ?? 1) > 1 ? `×${node['Actual Loops']}` : ''}`;
  const buffers = `hit=${node['Shared Hit Blocks'] ?? 0}${node['Shared Read Blocks'] ? ` read=${node['Shared Read Blocks']}` : ''}`;
  out.push(`${indent}${node['Node Type']}${on}${index}${sort}  ${rows} ${(node['Actual Total Time'] ?? 0).toFixed(3)} ms ${buffers}`);
  for (const child of node.Plans ?? []) planLines(child, `${indent}  `, out);
}

function scansOf(node: PlanNode, out: string[]): string[] {
  if (/Scan/u.test(node['Node Type']) && node['Relation Name'] !== undefined) {
    out.push(`${node['Node Type']} ${node['Relation Name']}${node['Index Name'] ? `/${node['Index Name']}` : ''}`);
  } else if (node['Index Name']) {
    out.push(`${node['Node Type']} ${node['Index Name']}`);
  }
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

function labelOf(sqlText: string): string {
  if (sqlText.includes('commitment_rollup')) return 'coverage summary rows';
  if (sqlText.includes('assessment_rollup')) return 'coverage decided levels';
  if (sqlText.includes('leader_rollup')) return 'coverage leaders';
  if (sqlText.includes('commitment_round')) return 'coverage round';
  if (sqlText.includes('cell_meeting_year')) return 'matrix cells per child';
  if (sqlText.includes('meeting_rollup')) return 'matrix summary rows';
  if (sqlText.includes('GROUP BY node')) return 'cascade counts per child';
  if (sqlText.includes('cascade_obligation')) return 'cascade obligations of the shown units';
  if (sqlText.includes('"session"')) return 'session → principal';
  if (sqlText.includes(' like ')) return 'search';
  if (sqlText.includes('@>')) return 'ancestors';
  if (sqlText.includes('"parent_id" =')) return 'children';
  if (sqlText.includes('"id" in')) return 'names of path ids';
  if (sqlText.includes('"id" =')) return 'unit by id';
  return sqlText.slice(0, 40);
}

async function explain(pool: pg.Pool, label: string, query: Pick<CompiledQuery, 'sql' | 'parameters'>): Promise<PlanReport> {
  const { rows } = await pool.query<{ 'QUERY PLAN': Explained[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`, [...query.parameters]);
  const plan = rows[0]?.['QUERY PLAN'][0];
  if (!plan) throw new Error(`no plan for ${label}`);
  const lines: string[] = [];
  planLines(plan.Plan, '      ', lines);
  const scans = scansOf(plan.Plan, []);
  const seqScanOnBigTable = scans.some((s) => s.startsWith('Seq Scan') && BIG_TABLES.has(s.split(' ')[2] ?? ''));
  console.log(`    ${label}: execution ${plan['Execution Time'].toFixed(3)} ms, planning ${plan['Planning Time'].toFixed(3)} ms${seqScanOnBigTable ? '  ← SEQ SCAN on a big table' : ''}`);
  for (const line of lines) console.log(line);
  return { label, planningMs: plan['Planning Time'], executionMs: plan['Execution Time'], scans, seqScanOnBigTable };
}

/**
 * Run one request through a second app whose Kysely logs every query, then EXPLAIN those queries. One
 * connection, and the route is called once before capturing, so planning times are those of a warm
 * connection (catalog caches filled), as in the load test.
 */
async function explainRoute(url: string, route: string, cookie: string, title: string, skip: ReadonlySet<string> = new Set()): Promise<PlanReport[]> {
  const pool = createPool(url, 1);
  const captured: CompiledQuery[] = [];
  let capturing = false;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (capturing && event.level === 'query') captured.push(event.query);
    },
  });
  const app = await buildApp({ db, database: 'embedded', logger: false });
  try {
    for (const capture of [false, true]) {
      capturing = capture;
      const response = await app.inject({ method: 'GET', url: route, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${route}: HTTP ${response.statusCode}`);
    }
    capturing = false;
    console.log(`  ${title}  GET ${route}`);
    const reports: PlanReport[] = [];
    for (const query of captured) {
      const label = title.startsWith('(h)') ? dashboardQueryLabel(query.sql) : labelOf(query.sql);
      if (skip.has(label)) continue;
      reports.push(await explain(pool, `${title} ${label}`, query));
    }
    return reports;
  } finally {
    await app.close();
    await db.destroy();
  }
}

// ---------------------------------------------------------------- report

interface Row {
  name: string;
  result: LoadResult;
  ratio: number;
  target: string;
  verdict: string;
}

function fmt(value: number, digits = 1): string {
  return value.toFixed(digits);
}

function printResult(row: Row): void {
  const r = row.result;
  const codes = Object.entries(r.statusCodes).map(([code, count]) => `${code}:${count}`).join(' ');
  log(
    `${row.name}: ${fmt(r.rps, 0)} req/s, p50 ${fmt(r.p50)} ms, p90 ${fmt(r.p90)} ms, p99 ${fmt(r.p99)} ms, max ${fmt(r.max)} ms, ` +
      `${r.requests} requests in ${fmt(r.seconds)} s, non-2xx ${r.non2xx}, errors ${r.errors} (timeouts ${r.timeouts}) [${codes}], ` +
      `${fmt(row.ratio * 100)} % of the baseline mean  ${row.target ? `target ${row.target}: ${row.verdict}` : ''}`,
  );
}

function printTable(rows: Row[]): void {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx+err', 'vs baseline mean', 'target', 'verdict'];
  const body = rows.map((row) => [
    row.name,
    fmt(row.result.rps, 0),
    fmt(row.result.p50),
    fmt(row.result.p99),
    String(row.result.non2xx + row.result.errors),
    `${fmt(row.ratio * 100)} %`,
    row.target,
    row.verdict,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) console.log(line(cells));
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  log(`bench: scale ${options.scale}, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per scenario, Node ${process.version}, ${os.cpus().length} cores`);

  // 1. Throwaway PostgreSQL and database.
  // BENCH_KEEP_DIR keeps the generated database for study after the run (started again with
  // startEmbeddedPostgres on <dir>/pg, database lamtheo_bench); it must not hold one yet.
  // BENCH_REUSE_DIR starts such a kept database again (new migrations are applied: they backfill) and
  // measures on it without generating anything: minutes instead of the half hour of generation at scale 1.
  if (options.keepDir && options.reuseDir) throw new Error('BENCH_KEEP_DIR and BENCH_REUSE_DIR exclude each other');
  const keptFile = options.reuseDir ? path.join(options.reuseDir, 'generation.json') : null;
  if (keptFile && !fs.existsSync(keptFile)) throw new Error(`BENCH_REUSE_DIR ${options.reuseDir} holds no generation.json of a BENCH_KEEP_DIR run`);
  const kept = keptFile ? (JSON.parse(fs.readFileSync(keptFile, 'utf8')) as KeptGeneration) : null;
  if (kept) options.scale = kept.scale;
  if (options.keepDir && fs.existsSync(path.join(options.keepDir, 'pg'))) throw new Error(`BENCH_KEEP_DIR ${options.keepDir} already holds a database (pg/): remove it or pick another directory`);
  if (!options.keepDir && !options.reuseDir) tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-bench-'));
  const keepDir = options.keepDir ?? options.reuseDir;
  const dataDir = path.join(keepDir ?? tempDir ?? '', 'pg');
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir, port, quiet: true });
  cleanups.push({
    name: 'embedded PostgreSQL',
    run: async () => {
      await server.stop();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
      tempDir = null;
    },
  });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  if (!kept) await admin.query('CREATE DATABASE lamtheo_bench');
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  await admin.end();
  const url = withDatabase(server.url, 'lamtheo_bench');
  log(`PostgreSQL ${version} on 127.0.0.1:${port}, data in ${dataDir}`);

  const pool = createPool(url, POOL_SIZE);
  const db = createDb(pool);
  cleanups.push({ name: 'app database pool', run: () => db.destroy() });
  await migrateToLatest(db);
  log('migrated');

  // 2. National tree.
  log('generating the national tree');
  const tree: TreeResult = kept?.tree ?? (await generateNationalTree({ url, scale: options.scale, log }));
  log(
    `generated ${tree.units.toLocaleString('en')} units (${tree.provinces} provinces, ${tree.districts} districts, ${tree.communes} communes, ` +
      `${tree.cells} cells) and ${tree.members.toLocaleString('en')} members (${tree.activeMembers.toLocaleString('en')} active) ` +
      `in ${fmt(tree.millis / 1000)} s`,
  );

  // 2b. A direction cascade over the whole tree (documents, requirements, conferences, obligations).
  log('generating the direction cascade');
  const cascade = kept?.cascade ?? (await generateCascade(url, log));
  log(`generated ${cascade.obligations.toLocaleString('en')} obligations from ${cascade.documents.toLocaleString('en')} plans in ${fmt(cascade.millis / 1000)} s`);

  // 2c. Twelve months of cell meetings of last year for every open cell, and their summaries.
  log('generating the cell meetings');
  const meetings = kept?.meetings ?? (await generateMeetings(url, log));
  log(`generated ${meetings.meetings.toLocaleString('en')} meetings of ${meetings.cells.toLocaleString('en')} cells in ${fmt(meetings.millis / 1000)} s`);

  // 2d. A 2012 commitments round with a commitment for most members, and its summaries.
  log('generating the commitments');
  const commitments = kept?.commitments ?? (await generateCommitments(url, log));
  log(`generated ${commitments.personal.toLocaleString('en')} personal and ${commitments.collectives.toLocaleString('en')} collective commitments in ${fmt(commitments.millis / 1000)} s`);

  // 2e. What the dashboard reads and (e)–(g) did not make: oversight, exemplars, standards, pilots, helper units.
  log('generating the dashboard data');
  const dashboardData = kept?.dashboardData ?? (await generateDashboardData(url, log, { roundId: commitments.roundId }));
  log(`generated the dashboard data of ${dashboardData.year - 1}–${dashboardData.year} in ${fmt(dashboardData.millis / 1000)} s`);
  const keptGeneration: KeptGeneration = kept ?? { scale: options.scale, tree, cascade, meetings, commitments, dashboardData };
  if (options.keepDir) fs.writeFileSync(path.join(options.keepDir, 'generation.json'), JSON.stringify(keptGeneration, null, 1));

  // 3. Accounts: a national officer at the root, a district officer at a median district.
  const district = await pool.query<{ id: number; name: string; descendant_count: number }>(`
    SELECT id, name, descendant_count FROM unit WHERE depth = 2
     ORDER BY descendant_count, id OFFSET (SELECT count(*) / 2 FROM unit WHERE depth = 2) LIMIT 1`);
  const districtUnit = district.rows[0];
  if (!districtUnit) throw new Error('no district in the tree');
  const hash = await hashPassword(PASSWORD);
  await createAccount(db, 'bench.province', 'province_officer', 1, hash);
  await createAccount(db, 'bench.district', 'district_officer', districtUnit.id, hash);

  // 4. The real app and the baseline, in this process, on loopback.
  const app = await buildApp({ db, database: 'embedded', logger: false });
  const appServer = await listen(app);
  cleanups.push({ name: 'app', run: () => appServer.close() });
  const baseline = await startBaseline(url, POOL_SIZE);
  cleanups.push({ name: 'baseline', run: () => baseline.close() });
  const provinceCookie = await login(appServer.origin, 'bench.province');
  const districtCookie = await login(appServer.origin, 'bench.district');
  log(`app on ${appServer.origin}, baseline on ${baseline.origin}; logged in bench.province (root) and bench.district (${districtUnit.name}, ${districtUnit.descendant_count} units below)`);

  // Sanity: the counts on the root match the tree, the district officer cannot see the root.
  const root = await getJson(appServer.origin, '/api/units/1', provinceCookie);
  const rootCounts = (root.body as { counts?: { subtreeUnits: number; subtreeMembers: number } }).counts;
  if (root.status !== 200 || rootCounts?.subtreeUnits !== tree.units - 1) throw new Error(`GET /api/units/1: ${root.status} ${JSON.stringify(root.body).slice(0, 300)}`);
  const hidden = await getJson(appServer.origin, '/api/units/1', districtCookie);
  if (hidden.status !== 404) throw new Error(`district officer should get 404 for the root, got ${hidden.status}`);
  log(`sanity: root shows ${rootCounts.subtreeUnits.toLocaleString('en')} units and ${rootCounts.subtreeMembers.toLocaleString('en')} members below; district officer gets 404 for it`);

  // Samples.
  const baselineIds = (await pool.query<{ id: number }>('SELECT id FROM unit ORDER BY hashint8extended(id, 7) LIMIT 1000')).rows.map((r) => r.id);
  const detailSample = await pool.query<{ id: number; depth: number }>(`
    SELECT id, depth FROM (
      SELECT id, depth, row_number() OVER (PARTITION BY depth ORDER BY hashint8extended(id, 8)) AS r FROM unit
    ) s WHERE r <= CASE depth WHEN 0 THEN 1 WHEN 1 THEN 63 ELSE 250 END`);
  const detailIds = shuffle(detailSample.rows.map((r) => r.id), 8);
  const perDepth = new Map<number, number>();
  for (const row of detailSample.rows) perDepth.set(row.depth, (perDepth.get(row.depth) ?? 0) + 1);

  const searchRequests: LoadRequest[] = [];
  const provinceSearches = new Map<string, string>();
  for (const term of SEARCH_TERMS) {
    const q = encodeURIComponent(term);
    // Realistic "within": provinces and districts where the term does occur.
    const places = await pool.query<{ province: string; district: string }>(
      `SELECT subltree(path, 1, 2)::text AS province, subltree(path, 2, 3)::text AS district FROM unit
        WHERE search_name LIKE $1 AND depth >= 2 AND valid_to IS NULL ORDER BY hashint8extended(id, 9) LIMIT 300`,
      [containsPattern(foldForSearch(term))],
    );
    const provinces = [...new Set(places.rows.map((r) => r.province))].slice(0, 8);
    const districts = [...new Set(places.rows.map((r) => r.district))].slice(0, 8);
    if (provinces[0]) provinceSearches.set(term, provinces[0]);
    for (const within of [...districts, ...provinces]) searchRequests.push({ path: `/api/units/search?q=${q}&within=${within}`, headers: { cookie: provinceCookie } });
    searchRequests.push({ path: `/api/units/search?q=${q}`, headers: { cookie: districtCookie } });
    log(`search "${term}": ${places.rows.length >= 300 ? '≥300' : places.rows.length} open matches below district level; within ${districts.length} districts + ${provinces.length} provinces`);
  }
  const searchList = shuffle(searchRequests, 9);
  log(
    `samples: baseline ${baselineIds.length} ids; detail ${detailIds.length} ids (${[...perDepth].map(([d, n]) => `depth ${d}: ${n}`).join(', ')}); ` +
      `search ${searchList.length} requests`,
  );

  // 5. Load. The baseline runs before and after the app scenarios; ratios use their mean, and the load
  // average of the machine is printed, because other work on a shared machine moves every number.
  const common = { connections: options.connections, warmupSeconds: options.warmup, durationSeconds: options.duration };
  const run = async (name: string, origin: string, requests: LoadRequest[]): Promise<LoadResult> => {
    log(`measuring ${name} (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    return measure({ title: name, origin, requests, ...common });
  };
  const bareRequests = baselineIds.map((id) => ({ path: `/bare/${id}` }));
  const rows: Row[] = [];
  let detailPass = false;
  let baseRps = 0;
  if (wants('a') || wants('b')) {
  const baseBefore = await run('baseline GET /bare/:id', baseline.origin, bareRequests);
  log(`baseline: ${fmt(baseBefore.rps, 0)} req/s, p50 ${fmt(baseBefore.p50)} ms, p99 ${fmt(baseBefore.p99)} ms`);
  const detail = await run('(a) GET /api/units/:id', appServer.origin, detailIds.map((id) => ({ path: `/api/units/${id}`, headers: { cookie: provinceCookie } })));
  const search = await run('(b) GET /api/units/search', appServer.origin, searchList);
  // Optional breakdown: the session alone (GET /api/auth/me), and unit + children without ancestors.
  const breakdown: { name: string; result: LoadResult }[] = [];
  if (options.breakdown) {
    breakdown.push({ name: 'GET /api/auth/me', result: await run('GET /api/auth/me', appServer.origin, [{ path: '/api/auth/me', headers: { cookie: provinceCookie } }]) });
    const childrenRequests = detailIds.map((id) => ({ path: `/api/units/${id}/children?includeClosed=true`, headers: { cookie: provinceCookie } }));
    breakdown.push({ name: 'GET /api/units/:id/children', result: await run('GET /api/units/:id/children', appServer.origin, childrenRequests) });
  }
  const baseAfter = await run('baseline again', baseline.origin, bareRequests);
  baseRps = (baseBefore.rps + baseAfter.rps) / 2;

  const detailRatio = detail.rps / baseRps;
  detailPass = detailRatio >= TARGET.ratio && detail.p99 < TARGET.p99;
  const searchRatio = search.rps / baseRps;
  const searchPass = searchRatio >= TARGET.ratio && search.p99 < TARGET.p99;
  rows.push(
    { name: 'baseline GET /bare/:id', result: baseBefore, ratio: baseBefore.rps / baseRps, target: '', verdict: '' },
    { name: '(a) GET /api/units/:id', result: detail, ratio: detailRatio, target: `≥${TARGET.ratio * 100}% & p99<${TARGET.p99}ms`, verdict: detailPass ? 'PASS' : 'FAIL' },
    { name: '(b) GET /api/units/search', result: search, ratio: searchRatio, target: '(info) same', verdict: searchPass ? 'pass (info)' : 'miss (info)' },
    { name: 'baseline again', result: baseAfter, ratio: baseAfter.rps / baseRps, target: '', verdict: '' },
    ...breakdown.map(({ name, result }) => ({ name: `(breakdown) ${name}`, result, ratio: result.rps / baseRps, target: '', verdict: '' })),
  );
  for (const row of rows) printResult(row);
  }

  // Member registry at the same scale: a deep page sorted by name, and a 50,000-row Excel import.
  const registry = wants('c') || wants('d') ? await registryBench({ origin: appServer.origin, pool, cookie: provinceCookie, log, importRows: Math.max(1000, Math.round(50_000 * Math.min(1, options.scale * 10))) }) : null;
  const importSeconds = registry ? registry.importValidateSeconds + registry.importWriteSeconds : 0;

  // The cascade view of the root and of the median district, against a baseline without cascade_obligation.
  const cascadeScenarios: CascadeScenario[] = !wants('e') ? [] : await cascadeBench({
    origin: appServer.origin,
    pool,
    db,
    cookie: provinceCookie,
    log,
    generation: cascade,
    views: [
      { name: 'root', unitId: 1, target: 200 },
      { name: `district ${districtUnit.id}`, unitId: districtUnit.id },
    ],
    samples: 40,
    baselineSamples: 10,
  });

  // The meeting matrix of the root and of the median district, against the floor without summary tables.
  const meetingScenarios: MeetingsScenario[] = !wants('f') ? [] : await meetingsBench({
    origin: appServer.origin,
    pool,
    cookie: provinceCookie,
    log,
    generation: meetings,
    views: [
      { name: 'root', unitId: 1, target: 200 },
      { name: `district ${districtUnit.id}`, unitId: districtUnit.id },
    ],
    samples: 40,
    floorSamples: 10,
  });

  // Registration coverage of the root and of the median district, against the floor without summary tables.
  const commitmentScenarios: CommitmentsScenario[] = !wants('g') ? [] : await commitmentsBench({
    origin: appServer.origin,
    pool,
    cookie: provinceCookie,
    log,
    generation: commitments,
    views: [
      { name: 'root', unitId: 1, target: 200 },
      { name: `district ${districtUnit.id}`, unitId: districtUnit.id },
    ],
    samples: 40,
    // The floor reads every member and commitment of the country: about a minute per sample at scale 1.
    floorSamples: 3,
  });

  // The dashboard of the root, the median district and one of its cells, against the naive recursive CTE and
  // the hand-written SQL; then meetings recorded with and without dashboard readers.
  const cellId = (await pool.query<{ id: number }>(
    `SELECT c.id::int AS id FROM unit c JOIN unit d ON d.id = $1 WHERE c.path <@ d.path AND c.kind = 'cell' AND c.valid_to IS NULL AND c.direct_member_count > 0 ORDER BY c.id LIMIT 1`,
    [districtUnit.id],
  )).rows[0]?.id ?? districtUnit.id;
  const dashboard: DashboardResult | null = !wants('h') ? null : await dashboardBench({
    origin: appServer.origin,
    pool,
    cookie: provinceCookie,
    log,
    generation: dashboardData,
    views: [
      { name: 'root', unitId: 1, target: { p95: 150, speedup: 10 } },
      { name: `district ${districtUnit.id}`, unitId: districtUnit.id },
      { name: `cell ${cellId}`, unitId: cellId },
    ],
    samples: 40,
    fastSamples: 20,
    sampleBudgetMs: 60_000,
    // The naive root reads every member, commitment and meeting of the country three times: minutes at scale 1.
    naiveSamples: 3,
    naiveBudgetMs: 120_000,
    writes: 200,
    readerConnections: 10,
    readerSeconds: Math.max(8, options.duration),
    fast: fastDashboard,
  });

  // (i) The daily urging run over the whole country (after every other scenario: it adds accounts, rules and notifications).
  let urgingData: UrgingGeneration | null = null;
  if (wants('i') && kept?.urgingData) {
    // The kept run already made the accounts, rules and items; its notifications go, so that the day
    // is computed afresh (graphile-worker's table is emptied too: the bench's jobs are never run).
    await pool.query('TRUNCATE notification_delivery, notification, graphile_worker._private_jobs');
    urgingData = kept.urgingData;
  } else if (wants('i')) {
    log('generating the urging accounts, rules and missing items');
    urgingData = await generateUrging(pool, log, { meetingsYear: meetings.year, roundId: commitments.roundId });
    if (keepDir) fs.writeFileSync(path.join(keepDir, 'generation.json'), JSON.stringify({ ...keptGeneration, urgingData }, null, 1));
  }
  const urging = urgingData ? await urgingBench({ pool, db, log, generation: urgingData }) : null;

  // 6. Query plans behind (a) and (b), on the big data set.
  log('query plans (EXPLAIN ANALYZE, BUFFERS) of the SQL the routes run');
  const communeId = (await pool.query<{ id: number }>('SELECT id FROM unit WHERE depth = 3 AND child_count > 20 ORDER BY id LIMIT 1')).rows[0]?.id ?? 1;
  const plans: PlanReport[] = [];
  plans.push(...(await explainRoute(url, `/api/units/${communeId}`, provinceCookie, '(a) commune')));
  plans.push(...(await explainRoute(url, '/api/units/1', provinceCookie, '(a) root', new Set(['session → principal', 'unit by id']))));
  // One province-wide search per term: the widest subtree a search runs over in (b).
  for (const [term, within] of provinceSearches) {
    plans.push(...(await explainRoute(url, `/api/units/search?q=${encodeURIComponent(term)}&within=${within}`, provinceCookie, `(b) "${term}" in province ${within}`, new Set(['session → principal', 'unit by id']))));
  }
  plans.push(...(await explainRoute(url, `/api/cascade?documentId=${cascade.rootDocumentId}&unitId=1`, provinceCookie, '(e) cascade root', new Set(['session → principal']))));
  plans.push(...(await explainRoute(url, `/api/meetings/matrix?unitId=1&year=${meetings.year}`, provinceCookie, '(f) matrix root', new Set(['session → principal']))));
  plans.push(...(await explainRoute(url, `/api/commitments/coverage?unitId=1&roundId=${commitments.roundId}`, provinceCookie, '(g) coverage root', new Set(['session → principal']))));
  plans.push(...(await explainRoute(url, `/api/dashboard?unitId=1&period=year&year=${dashboardData.year}`, provinceCookie, '(h) dashboard root', new Set(['session → principal']))));
  const scanned = plans.filter((p) => p.seqScanOnBigTable);
  log(scanned.length === 0 ? 'plans: no sequential scan on unit or member; all lookups use indexes' : `plans: SEQ SCAN in ${scanned.map((p) => p.label).join(', ')}`);

  // Summary.
  console.log('');
  console.log(`Summary (scale ${options.scale}: ${tree.units.toLocaleString('en')} units, ${tree.members.toLocaleString('en')} members; ${options.connections} connections, ${options.duration} s each)`);
  printTable(rows);
  console.log('');
  if (registry) console.log(`(c) GET /api/members page 1000 of all ${tree.members.toLocaleString('en')} members by name: app ${fmt(registry.listAppMs)} ms, same SQL ${fmt(registry.listSqlMs)} ms, SQL/app ${fmt((registry.listSqlMs / registry.listAppMs) * 100)} % (default plan, sorting: ${fmt(registry.listDefaultPlanMs)} ms)`);
  if (registry) console.log(`(d) Excel import of ${registry.importRows.toLocaleString('en')} rows: check ${fmt(registry.importValidateSeconds)} s + write ${fmt(registry.importWriteSeconds)} s = ${fmt(importSeconds)} s (target < 60 s: ${importSeconds < 60 ? 'PASS' : 'FAIL'})`);
  printCascade(cascade, cascadeScenarios);
  printMeetings(meetings, meetingScenarios);
  printCommitments(commitments, commitmentScenarios);
  if (dashboard) printDashboard(dashboardData, dashboard);
  if (urgingData && urging) printUrging(urgingData, urging, options.scale);
  const failures = rows.filter((row) => row.result.non2xx + row.result.errors + row.result.warmupNon2xx > 0);
  console.log(
    `BENCH_JSON ${JSON.stringify({
      scale: options.scale,
      units: tree.units,
      members: tree.members,
      generationSeconds: Math.round(tree.millis / 100) / 10,
      generationSteps: tree.steps,
      connections: options.connections,
      durationSeconds: options.duration,
      baselineMeanRps: Math.round(baseRps),
      results: rows.map((row) => ({ name: row.name, rps: Math.round(row.result.rps), p50: row.result.p50, p90: row.result.p90, p99: row.result.p99, max: row.result.max, non2xx: row.result.non2xx, errors: row.result.errors, ratio: Math.round(row.ratio * 1000) / 1000, verdict: row.verdict })),
      plans: plans.map((p) => ({ label: p.label, executionMs: p.executionMs, planningMs: p.planningMs, scans: p.scans, seqScan: p.seqScanOnBigTable })),
      registry: registry ? { ...registry, importPass: importSeconds < 60 } : null,
      cascade: { ...cascade, scenarios: cascadeScenarios },
      meetings: { ...meetings, scenarios: meetingScenarios },
      commitments: { ...commitments, scenarios: commitmentScenarios },
      dashboard: dashboard ? { ...dashboardData, ...dashboard } : null,
      urging: urgingData && urging ? { ...urgingData, ...urging } : null,
      target: { a: wants('a') ? (detailPass ? 'PASS' : 'FAIL') : 'not measured', hRoot: dashboard?.scenarios[0]?.verdict ?? '', hWrite: dashboard?.write.verdict ?? '' },
    })}`,
  );
  if (failures.length > 0) {
    console.error(`non-2xx responses or errors in: ${failures.map((row) => row.name).join(', ')}`);
    return 1;
  }
  if (urging && !urging.agree) {
    console.error('(i) the daily urging run disagrees with the raw selection, or its second run created something (see "URGING COUNTS DISAGREE" above)');
    return 1;
  }
  if (dashboard && !dashboard.agree) {
    console.error('(h) the dashboard disagrees with the naive computation or the hand-written SQL (see "DASHBOARD ANSWERS DISAGREE" above)');
    return 1;
  }
  return 0;
}

let exitCode: number;
try {
  exitCode = await main();
} catch (error) {
  if (interrupted) console.error('bench interrupted');
  else console.error('bench failed:', error);
  exitCode = 1;
} finally {
  await cleanup();
  log(`done in ${fmt((Date.now() - benchStart) / 1000)} s`);
}
process.exit(exitCode);
