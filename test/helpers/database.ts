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
  // TEST_POOL_SIZE=1 runs the suite on one connection: a request that holds a transaction and asks the
  // pool for a second connection then waits forever (503), which is how pool starvation under load is found.
  const db = createDb(createPool(url, Number(process.env.TEST_POOL_SIZE ?? 10)));
  return {
    db,
    url,
    async drop() {
      await db.destroy();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
