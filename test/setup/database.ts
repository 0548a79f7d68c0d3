import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { type CoverageRecord, uncoveredWriteRoutes } from '../helpers/audit-coverage';
import { createDb, createPool } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { adminQuery, databaseUrl, startTestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgKind: 'embedded' | 'external';
    /** Where setupApp records the audited write routes of each file (api project only; '' elsewhere). */
    auditCoverageDir: string;
  }
}

/** Migrate once into a template database; each test file then copies it (CREATE DATABASE … TEMPLATE). */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  const template = `lamtheo_template_${process.pid}`;
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${template}`);
  await adminQuery(server.adminUrl, `CREATE DATABASE ${template}`);
  const pool = createPool(databaseUrl(server.adminUrl, template), 2);
  const db = createDb(pool);
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgAdminUrl', server.adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgKind', server.kind);
  // One directory per run: other runs in the same checkout must not mix their records with this one's.
  const coverageDir = project.name === 'api' ? path.resolve('test/.audit-coverage', `run-${process.pid}`) : '';
  if (coverageDir) fs.rmSync(coverageDir, { recursive: true, force: true });
  project.provide('auditCoverageDir', coverageDir);
  return async () => {
    if (server.kind === 'external') await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${template}`);
    await server.stop();
    if (coverageDir) checkAuditCoverage(project, coverageDir);
  };
}

/**
 * After every API test file has run: each write route of the route table must have been exercised
 * successfully, with its audit entry, by some file (see test/helpers/audit-coverage.ts). Throwing here
 * fails the run (and `npm test`). Skipped when only some files or tests ran.
 */
function checkAuditCoverage(project: TestProject, dir: string): void {
  const records: CoverageRecord[] = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CoverageRecord)
    : [];
  fs.rmSync(dir, { recursive: true, force: true });
  const apiDir = path.resolve('test/api');
  const testFiles = fs.readdirSync(apiDir).filter((name) => name.endsWith('.test.ts') && fs.readFileSync(path.join(apiDir, name), 'utf8').includes('setupApp('));
  const result = project.vitest.config.testNamePattern ? null : uncoveredWriteRoutes(records, testFiles);
  if (!result) {
    const recorded = new Set(records.map((record) => record.testFile));
    const missing = testFiles.filter((file) => !recorded.has(file));
    console.info(`Audit coverage: not every API test file ran (${missing.length} of ${testFiles.length} missing, e.g. ${missing.slice(0, 3).join(', ')}; recorded: ${[...recorded].slice(0, 3).join(', ')}), the write-route comparison is skipped.`);
    return;
  }
  const problems = [
    ...result.uncovered.map((route) => `never exercised successfully (with its audit entry) by the API tests: ${route}`),
    ...result.violations.map((violation) => `written without an audit entry: ${violation}`),
    ...result.staleAllowList.map((route) => `allow-listed but not a write route any more: ${route}`),
  ];
  if (problems.length > 0) {
    // Vitest only logs an error thrown by a global teardown; the exit code is what fails `npm test`.
    process.exitCode = 1;
    throw new Error(`Audit coverage (test/helpers/audit-coverage.ts):\n${problems.join('\n')}`);
  }
  console.info(`Audit coverage: every write route of the API was exercised and audited (${records.length} files).`);
}
