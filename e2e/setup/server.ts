import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../src/server/app';
import { createDb, createPool } from '../../src/server/db/connect';
import { migrateToLatest } from '../../src/server/db/migrate';
import { loadDemo } from '../../src/server/demo/generate';
import { adminQuery, databaseUrl, startTestPostgres } from '../../test/setup/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

export const CHROMIUM = '/usr/bin/chromium';
const DEMO_PASSWORD = 'BacNinh@2012';

/**
 * The whole system for browser journeys: real PostgreSQL with the Bắc Ninh demo province, the real
 * app serving the built web client. Missing Chromium or a missing build is a failure, never a skip.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium).`);
  const webDir = path.resolve('dist/web');
  if (!fs.existsSync(path.join(webDir, 'index.html'))) throw new Error('Browser tests need the built web client: run `npm run build:web` first.');

  const server = await startTestPostgres();
  const name = `lamtheo_e2e_${process.pid}`;
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name}`);
  await adminQuery(server.adminUrl, `CREATE DATABASE ${name}`);
  const db = createDb(createPool(databaseUrl(server.adminUrl, name), 10));
  await migrateToLatest(db);
  await loadDemo(db, DEMO_PASSWORD);
  const app = await buildApp({ db, database: server.kind, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('demoPassword', DEMO_PASSWORD);
  return async () => {
    await app.close();
    await db.destroy();
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.stop();
  };
}
