import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type Db, createDb, createPool } from '../../src/server/db/connect';
import { adminQuery, databaseUrl } from '../setup/postgres';

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `lamtheo_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  const url = databaseUrl(adminUrl, name);
  const db = createDb(createPool(url, 10));
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
