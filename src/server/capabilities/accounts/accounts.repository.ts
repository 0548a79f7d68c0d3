import { sql } from 'kysely';
import type { Db } from '../../db/connect';
import { containsPattern } from '../../db/like';

const COLUMNS = [
  'a.id',
  'a.username',
  'a.display_name',
  'a.role',
  'a.member_id',
  'a.disabled_at',
  'a.last_login_at',
  'a.version',
  'a.created_at',
  'u.id as scope_id',
  'u.name as scope_name',
  'u.kind as scope_kind',
  sql<string>`u.path::text`.as('scope_path'),
] as const;

export function accountsRepository(db: Db) {
  const base = () => db.selectFrom('account as a').innerJoin('unit as u', 'u.id', 'a.scope_unit_id');

  return {
    async list(withinPath: string, q: string | undefined, page: number, pageSize: number) {
      let query = base().where(sql<boolean>`u.path <@ ${withinPath}::ltree`);
      if (q) {
        const pattern = containsPattern(q);
        query = query.where((eb) => eb.or([eb('a.username', 'like', pattern), eb(sql`fold_vi(a.display_name)`, 'like', pattern)]));
      }
      const [items, total] = await Promise.all([
        query.select(COLUMNS).orderBy(sql`a.display_name COLLATE "vi-x-icu"`).orderBy('a.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items, total: Number(total.n) };
    },

    findById(id: number) {
      return base().select(COLUMNS).where('a.id', '=', id).executeTakeFirst();
    },

    async usernameTaken(username: string): Promise<boolean> {
      return (await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
    },

    async insert(values: { username: string; displayName: string; passwordHash: string; role: string; scopeUnitId: number; memberId: number | null }): Promise<number> {
      const row = await db
        .insertInto('account')
        .values({
          username: values.username,
          display_name: values.displayName,
          password_hash: values.passwordHash,
          role: values.role,
          scope_unit_id: values.scopeUnitId,
          member_id: values.memberId,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: number, version: number, set: { display_name?: string; role?: string; scope_unit_id?: number; disabled_at?: Date | null }): Promise<boolean> {
      const result = await db
        .updateTable('account')
        .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async setPassword(id: number, passwordHash: string): Promise<void> {
      await db
        .updateTable('account')
        .set({ password_hash: passwordHash, must_change_password: true, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    async deleteSessions(id: number): Promise<void> {
      await db.deleteFrom('session').where('account_id', '=', id).execute();
    },

    unit(id: number) {
      return db.selectFrom('unit').select(['id', 'kind', 'name', 'valid_to', sql<string>`path::text`.as('path')]).where('id', '=', id).executeTakeFirst();
    },

    member(id: number) {
      return db.selectFrom('member').select(['id', 'unit_id', 'left_on']).where('id', '=', id).executeTakeFirst();
    },
  };
}

export type AccountRow = NonNullable<Awaited<ReturnType<ReturnType<typeof accountsRepository>['findById']>>>;
