import type pg from 'pg';
import type { Config } from '../config';
import { type Db, createDb, createPool } from './connect';
import { runningEmbeddedUrl, startEmbeddedPostgres } from './embedded';
import { migrateToLatest } from './migrate';

export interface OpenDatabase {
  db: Db;
  pool: pg.Pool;
  kind: 'embedded' | 'external';
  /** Where it is, without the password, for the start-up message. */
  description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply the migrations (default). Backup and restore must not change the schema they find. */
  migrate?: boolean;
  /** Use the embedded PostgreSQL a running app server already started on DATA_DIR, if any, and leave it running. */
  attach?: boolean;
}

/** Connect to DATABASE_URL, or start the embedded PostgreSQL in DATA_DIR; then migrate. */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<OpenDatabase> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  const attached = !url && options.attach ? runningEmbeddedUrl(config.dataDir) : null;
  if (attached) url = attached;
  if (!url) {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPort });
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const pool = createPool(url);
  const db = createDb(pool);
  try {
    if (options.migrate !== false) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    await stopEmbedded?.();
    throw error;
  }
  const parsed = new URL(url);
  return {
    db,
    pool,
    kind: stopEmbedded || attached ? 'embedded' : 'external',
    description: attached
      ? `embedded PostgreSQL of the running server, data in ${config.dataDir} (port ${parsed.port})`
      : stopEmbedded
        ? `embedded PostgreSQL, data in ${config.dataDir} (port ${config.embeddedPort})`
        : `external PostgreSQL at ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`,
    async close() {
      await db.destroy();
      await stopEmbedded?.();
    },
  };
}
