import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/connect';

/**
 * One e-mail delivery per new notification whose recipient has an address, wants e-mail and wants this
 * kind by e-mail. Called in the transaction that inserted the notifications, with the newly inserted ones
 * as rows (id, kind, account_id) — a notification that already existed never gets a second delivery.
 * Returns the new deliveries' ids, which the caller hands to the job queue after commit (or queues in
 * the same transaction).
 */
export async function createDeliveries(db: Db, notifications: RawBuilder<unknown>, options: { fresh?: boolean } = {}): Promise<number[]> {
  // `fresh`: notifications inserted by this very transaction have no delivery yet, so the speculative
  // insertion of ON CONFLICT (~5 µs a row, 350,000 rows in the national daily run) buys nothing.
  const { rows } = await sql<{ id: number }>`
    INSERT INTO notification_delivery (notification_id, email)
    SELECT n.id, a.email
      FROM (${notifications}) AS n(id, kind, account_id)
      JOIN account a ON a.id = n.account_id
      LEFT JOIN notification_preference p ON p.account_id = a.id
     WHERE a.email IS NOT NULL AND a.disabled_at IS NULL
       AND coalesce(p.email_enabled, true)
       AND n.kind = ANY (coalesce(p.email_kinds, '{reminder,digest,urging}'::text[]))
    ${options.fresh ? sql`` : sql`ON CONFLICT (notification_id) DO NOTHING`}
    RETURNING id`.execute(db);
  return rows.map((row) => row.id);
}

/** The notifications of these ids, as createDeliveries takes them. */
export function notificationsOf(ids: readonly number[]): RawBuilder<unknown> {
  return sql`SELECT id, kind, account_id FROM notification WHERE id = ANY (${[...ids]}::bigint[])`;
}
