import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDatabase } from '../../src/server/db/connect';
import { startEmbeddedPostgres } from '../../src/server/db/embedded';

export interface TestServer {
  /** Connection URL of the maintenance database ('postgres'). */
  adminUrl: string;
  kind: 'embedded' | 'external';
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The PostgreSQL the tests use: a throwaway embedded cluster by default, or the server named by
 * TEST_DATABASE_URL (CI uses that to prove the external mode). Never a mock.
 */
export async function startTestPostgres(): Promise<TestServer> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { adminUrl: external, kind: 'external', stop: async () => undefined };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  return {
    adminUrl: server.url,
    kind: 'embedded',
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  return withDatabase(adminUrl, name);
}
