import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Db } from './connect';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Migrations are reviewed SQL files: `<name>.up.sql` and `<name>.down.sql`, applied in name order. */
class SqlFileProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.up.sql')).sort()) {
      const name = file.slice(0, -'.up.sql'.length);
      const up = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      const downFile = path.join(MIGRATIONS_DIR, `${name}.down.sql`);
      const down = fs.existsSync(downFile) ? fs.readFileSync(downFile, 'utf8') : null;
      migrations[name] = {
        up: async (db) => {
          await sql.raw(up).execute(db);
        },
        ...(down === null ? {} : { down: async (db: Db) => void (await sql.raw(down).execute(db)) }),
      };
    }
    return Promise.resolve(migrations);
  }
}

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: new SqlFileProvider() });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDown(db: Db): Promise<string | null> {
  const { error, results } = await migrator(db).migrateDown();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results?.[0]?.migrationName ?? null;
}

/** The names of the migrations this code knows, in the order they apply. */
export function knownMigrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.up.sql'))
    .map((f) => f.slice(0, -'.up.sql'.length))
    .sort();
}

/** The names of the migrations applied to this database, in order (none on a database never migrated). */
export async function appliedMigrationNames(db: Db): Promise<string[]> {
  const migrations = await migrator(db).getMigrations();
  return migrations.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/** Migrate up (or down) to exactly the migration `name` (a restore brings a database to a backup's schema). */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
