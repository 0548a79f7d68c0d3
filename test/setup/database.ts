import type { TestProject } from 'vitest/node';
import { createDb, createPool } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { adminQuery, databaseUrl, startTestPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgKind: 'embedded' | 'external';
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
  return async () => {
    if (server.kind === 'external') await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${template}`);
    await server.stop();
  };
}
