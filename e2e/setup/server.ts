import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../src/server/app';
import { createDb, createPool } from '../../src/server/db/connect';
import { settableClock } from '../../src/server/http/clock';
import { migrateToLatest } from '../../src/server/db/migrate';
import { loadDemo } from '../../src/server/demo/generate';
import { adminQuery, databaseUrl, startTestPostgres } from '../../test/setup/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
    /** PUT a yyyy-mm-dd (or "system") here to move the app server's clock; see e2e/setup/clock.ts. */
    clockUrl: string;
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
  const clock = settableClock();
  const app = await buildApp({ db, database: server.kind, webDir, clock });
  // Test-only control of the server's day, outside the app: journeys about deadlines move it.
  const clockControl = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const today = body.trim();
      if (request.method !== 'PUT' || !(today === 'system' || /^\d{4}-\d{2}-\d{2}$/u.test(today))) {
        response.writeHead(400).end();
        return;
      }
      clock.set(today === 'system' ? null : today);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => clockControl.listen(0, '127.0.0.1', resolve));
  const controlAddress = clockControl.address();
  project.provide('clockUrl', `http://127.0.0.1:${typeof controlAddress === 'object' && controlAddress ? controlAddress.port : 0}/today`);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('demoPassword', DEMO_PASSWORD);
  return async () => {
    clockControl.close();
    await app.close();
    await db.destroy();
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.stop();
  };
}
