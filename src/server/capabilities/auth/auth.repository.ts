import { sql } from 'kysely';
import type { Db } from '../../db/connect';

export function authRepository(db: Db) {
  return {
    findAccountByUsername(username: string) {
      return db
        .selectFrom('account')
        .select(['id', 'username', 'password_hash', 'disabled_at', 'scope_unit_id'])
        .where('username', '=', username)
        .executeTakeFirst();
    },

    findPasswordHash(accountId: number) {
      return db.selectFrom('account').select(['password_hash']).where('id', '=', accountId).executeTakeFirst();
    },

    async recentFailures(username: string, ip: string, windowMinutes: number): Promise<{ byUsername: number; byIp: number }> {
      const since = sql<Date>`now() - make_interval(mins => ${windowMinutes})`;
      const row = await db
        .selectNoFrom([
          db.selectFrom('login_failure').select((eb) => eb.fn.countAll<number>().as('n')).where('username', '=', username).where('at', '>', since).as('by_username'),
          db.selectFrom('login_failure').select((eb) => eb.fn.countAll<number>().as('n')).where('ip', '=', ip).where('at', '>', since).as('by_ip'),
        ])
        .executeTakeFirstOrThrow();
      return { byUsername: Number(row.by_username), byIp: Number(row.by_ip) };
    },

    async recordFailure(username: string, ip: string): Promise<void> {
      await db.insertInto('login_failure').values({ username, ip }).execute();
      // Keep the table small: failures older than a day have no use.
      await db.deleteFrom('login_failure').where('at', '<', sql<Date>`now() - interval '1 day'`).execute();
    },

    async clearFailures(username: string): Promise<void> {
      await db.deleteFrom('login_failure').where('username', '=', username).execute();
    },

    async markLogin(accountId: number): Promise<void> {
      await db.updateTable('account').set({ last_login_at: sql`now()` }).where('id', '=', accountId).execute();
    },

    async setPassword(accountId: number, passwordHash: string, mustChange: boolean): Promise<void> {
      await db
        .updateTable('account')
        .set({ password_hash: passwordHash, must_change_password: mustChange, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', accountId)
        .execute();
    },

    scopePath(unitId: number) {
      return db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path')]).where('id', '=', unitId).executeTakeFirstOrThrow();
    },
  };
}
