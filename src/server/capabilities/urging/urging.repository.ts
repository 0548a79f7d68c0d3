import { type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connect';
import type { ReminderRuleTable } from '../../db/schema';

const RULE_COLUMNS = [
  'r.id',
  'r.root_unit_id',
  'r.year',
  'r.item_kind',
  'r.days_before',
  'r.on_due',
  'r.days_after',
  'r.digest_to_parent',
  'r.valid_from',
  'r.valid_to',
  'r.version',
] as const;

const NOTIFICATION_COLUMNS = [
  'n.id',
  'n.kind',
  'n.item_kind',
  'n.unit_id',
  'n.stage',
  'n.due_on',
  'n.business_date',
  'n.title',
  'n.body',
  'n.link',
  'n.created_at',
  'n.read_at',
] as const;

/** Accounts that receive what a unit must do: officers scoped to it, or the cell's secretary (never plain members). */
export const RECIPIENT_ROLES = ['province_officer', 'district_officer', 'grassroots_officer', 'cell_secretary'] as const;

export function urgingRepository(db: Db) {
  const rules = () =>
    db
      .selectFrom('reminder_rule as r')
      .innerJoin('unit as u', 'u.id', 'r.root_unit_id')
      .leftJoin('account as c', 'c.id', 'r.created_by')
      .select(RULE_COLUMNS)
      .select([sql<string>`u.path::text`.as('root_path'), 'u.name as root_name', 'u.kind as root_kind', 'c.display_name as created_by_name']);

  return {
    unit: (id: number) =>
      db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'valid_to', 'parent_id']).where('id', '=', id).executeTakeFirst(),

    units: (ids: number[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'valid_to']).where('id', 'in', ids).execute(),

    /** Rules whose root is in the subtree of `path` or above it. */
    rulesVisible: (path: string, year: number | undefined) => {
      let query = rules().where(sql<SqlBool>`(u.path <@ ${path}::ltree OR u.path @> ${path}::ltree)`);
      if (year !== undefined) query = query.where('r.year', '=', year);
      return query.orderBy('r.year', 'desc').orderBy(sql`nlevel(u.path)`).orderBy('r.item_kind').orderBy('r.valid_from').orderBy('r.id').execute();
    },

    ruleById: (id: number) => rules().where('r.id', '=', id).executeTakeFirst(),

    lockRule: (id: number) => db.selectFrom('reminder_rule').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst(),

    /** Serialises rule writes per root (a transaction lock, not a row lock on the busy unit row): two overlapping rules are never written at once. */
    lockRoot: (unitId: number) => sql`SELECT pg_advisory_xact_lock(hashtextextended('lamtheo.reminder_rule:' || ${unitId}::bigint, 0))`.execute(db),

    /** Another rule of the same root, year and kind whose validity overlaps [from, to]. */
    overlapping: (rule: { rootUnitId: number; year: number; itemKind: string; validFrom: string; validTo: string | null; exceptId?: number }) =>
      db
        .selectFrom('reminder_rule')
        .select(['id', 'valid_from', 'valid_to'])
        .where('root_unit_id', '=', rule.rootUnitId)
        .where('year', '=', rule.year)
        .where('item_kind', '=', rule.itemKind)
        .where('id', '!=', rule.exceptId ?? 0)
        .where(sql<SqlBool>`(valid_to IS NULL OR valid_to >= ${rule.validFrom}::date)`)
        // A rule closed the day before it started never applied.
        .where(sql<SqlBool>`(valid_to IS NULL OR valid_to >= valid_from)`)
        .where(rule.validTo === null ? sql<SqlBool>`true` : sql<SqlBool>`valid_from <= ${rule.validTo}::date`)
        .executeTakeFirst(),

    insertRule: async (values: Insertable<ReminderRuleTable>) => (await db.insertInto('reminder_rule').values(values).returning('id').executeTakeFirstOrThrow()).id,

    updateRule: (id: number, values: Partial<Insertable<ReminderRuleTable>>) =>
      db
        .updateTable('reminder_rule')
        .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute(),

    // ——— Notifications ———

    notifications: (accountId: number, unreadOnly: boolean, limit: number, offset: number) => {
      let query = db
        .selectFrom('notification as n')
        .innerJoin('unit as u', 'u.id', 'n.unit_id')
        .select(NOTIFICATION_COLUMNS)
        .select(['u.name as unit_name', 'u.kind as unit_kind'])
        .where('n.account_id', '=', accountId);
      if (unreadOnly) query = query.where('n.read_at', 'is', null);
      return query.orderBy('n.id', 'desc').limit(limit).offset(offset).execute();
    },

    async notificationCounts(accountId: number) {
      const row = await db
        .selectFrom('notification')
        .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) FILTER (WHERE read_at IS NULL))::int`.as('unread')])
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return row;
    },

    notificationOf: (id: number, accountId: number) =>
      db.selectFrom('notification').select(['id', 'read_at', 'unit_id', 'kind']).where('id', '=', id).where('account_id', '=', accountId).forUpdate().executeTakeFirst(),

    markRead: (id: number) => db.updateTable('notification').set({ read_at: sql`now()` }).where('id', '=', id).where('read_at', 'is', null).execute(),

    async markAllRead(accountId: number) {
      const rows = await db.updateTable('notification').set({ read_at: sql`now()` }).where('account_id', '=', accountId).where('read_at', 'is', null).returning('id').execute();
      return rows.length;
    },

    // ——— Preferences ———

    preferences: (accountId: number) =>
      db
        .selectFrom('account as a')
        .leftJoin('notification_preference as p', 'p.account_id', 'a.id')
        .select([
          'a.id',
          'a.email',
          'a.scope_unit_id',
          'p.account_id as has_row',
          'p.email_kinds',
          'p.digest',
          sql<string | null>`to_char(p.quiet_from, 'HH24:MI')`.as('quiet_from'),
          sql<string | null>`to_char(p.quiet_to, 'HH24:MI')`.as('quiet_to'),
          'p.email_enabled',
          'p.version',
        ])
        .where('a.id', '=', accountId)
        .executeTakeFirst(),

    lockAccount: (accountId: number) => db.selectFrom('account').select('id').where('id', '=', accountId).forNoKeyUpdate().executeTakeFirst(),

    async savePreferences(accountId: number, values: { emailKinds: string[]; digest: string; quietFrom: string | null; quietTo: string | null; emailEnabled: boolean }) {
      await db
        .insertInto('notification_preference')
        .values({
          account_id: accountId,
          email_kinds: values.emailKinds,
          digest: values.digest,
          quiet_from: values.quietFrom,
          quiet_to: values.quietTo,
          email_enabled: values.emailEnabled,
          version: 2,
        })
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet({
            email_kinds: values.emailKinds,
            digest: values.digest,
            quiet_from: values.quietFrom,
            quiet_to: values.quietTo,
            email_enabled: values.emailEnabled,
            version: sql`notification_preference.version + 1`,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },

    setEmail: (accountId: number, email: string | null) =>
      db.updateTable('account').set({ email, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', accountId).where(sql<SqlBool>`email IS DISTINCT FROM ${email}`).execute(),

    byToken: (token: string) =>
      db
        .selectFrom('notification_preference as p')
        .innerJoin('account as a', 'a.id', 'p.account_id')
        .innerJoin('unit as u', 'u.id', 'a.scope_unit_id')
        .select(['p.account_id', 'p.email_enabled', 'a.email', 'a.display_name', sql<string>`u.path::text`.as('unit_path'), 'a.scope_unit_id'])
        .where('p.unsubscribe_token', '=', token)
        .executeTakeFirst(),

    lockToken: (token: string) => db.selectFrom('notification_preference').select(['account_id', 'email_enabled']).where('unsubscribe_token', '=', token).forUpdate().executeTakeFirst(),

    unsubscribe: (accountId: number) =>
      db.updateTable('notification_preference').set({ email_enabled: false, version: sql`version + 1`, updated_at: sql`now()` }).where('account_id', '=', accountId).execute(),

    // ——— Sent log ———

    async sent(filter: { path: string; from?: string | undefined; to?: string | undefined; kind?: string | undefined; limit: number; offset: number }) {
      let query = db
        .selectFrom('notification as n')
        .innerJoin('unit as u', 'u.id', 'n.unit_id')
        .innerJoin('account as a', 'a.id', 'n.account_id')
        .leftJoin('notification_delivery as d', 'd.notification_id', 'n.id')
        .leftJoin('urging_message as m', 'm.id', 'n.message_id')
        .leftJoin('account as s', 's.id', 'm.sender_id')
        .where(sql<SqlBool>`u.path <@ ${filter.path}::ltree`);
      if (filter.from) query = query.where('n.business_date', '>=', filter.from);
      if (filter.to) query = query.where('n.business_date', '<=', filter.to);
      if (filter.kind) query = query.where('n.kind', '=', filter.kind);
      const [rows, count] = await Promise.all([
        query
          .select(NOTIFICATION_COLUMNS)
          .select([
            'u.name as unit_name',
            'u.kind as unit_kind',
            'a.id as recipient_id',
            'a.username as recipient_username',
            'a.display_name as recipient_name',
            's.display_name as sender_name',
            'd.email as delivery_email',
            'd.status as delivery_status',
            'd.attempts as delivery_attempts',
            'd.last_error as delivery_error',
            'd.sent_at as delivery_sent_at',
          ])
          .orderBy('n.id', 'desc')
          .limit(filter.limit)
          .offset(filter.offset)
          .execute(),
        query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: count.n };
    },

    // ——— One-off urging ———

    insertMessage: async (values: { sender_id: number; unit_id: number; item_kind: string | null; item_id: number | null; unit_ids: number[]; text: string }) =>
      (await db.insertInto('urging_message').values(values).returning('id').executeTakeFirstOrThrow()).id,

    /** One notification per recipient account of the units; returns the new notifications' accounts and units. */
    insertUrgings: (input: { messageId: number; unitIds: number[]; title: string; body: string; businessDate: string; itemKind: string | null; links: Record<number, string | null> }) =>
      sql<{ id: number; account_id: number; unit_id: number }>`
        INSERT INTO notification (account_id, kind, item_kind, unit_id, message_id, business_date, title, body, link, dedupe_key)
        SELECT a.id, 'urging', ${input.itemKind}, a.scope_unit_id, ${input.messageId}, ${input.businessDate}::date, ${input.title}, ${input.body},
               (${JSON.stringify(input.links)}::jsonb ->> a.scope_unit_id::text), 'urging:' || ${input.messageId} || ':' || a.id
          FROM account a
         WHERE a.scope_unit_id = ANY (${input.unitIds}::bigint[]) AND a.disabled_at IS NULL AND a.role = ANY (${[...RECIPIENT_ROLES]}::text[])
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id, account_id, unit_id`.execute(db),
  };
}

export type UrgingRepository = ReturnType<typeof urgingRepository>;
