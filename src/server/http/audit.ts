import type { Db } from '../db/connect';
import type { RequestContext } from './principal';

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId: number | null;
  unit: { id: number; path: string } | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

type AuditActor = Pick<RequestContext, 'requestId' | 'ip'> & { actorId: number | null };

/** The audit_log columns of an entry (for a write that inserts its entry in its own statement). */
export function auditRow(context: AuditActor, entry: AuditEntryInput) {
  const [before, after] = onlyChanged(entry.before ?? null, entry.after ?? null);
  return {
    actor_id: context.actorId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    unit_id: entry.unit?.id ?? null,
    unit_path: entry.unit?.path ?? null,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    request_id: context.requestId,
    ip: context.ip,
  };
}

/** Record a change. Call it inside the transaction of the write, so there is never a write without its entry. */
export async function recordAudit(db: Db, context: AuditActor, entry: AuditEntryInput): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(context, entry)).execute();
}

/** Many entries at once (an import), in statements that stay under PostgreSQL's parameter limit. */
export async function recordAuditMany(db: Db, context: AuditActor, entries: AuditEntryInput[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 2000) {
    await db
      .insertInto('audit_log')
      .values(entries.slice(start, start + 2000).map((entry) => auditRow(context, entry)))
      .execute();
  }
}

export function auditContext(context: RequestContext) {
  return { actorId: context.principal.accountId, requestId: context.requestId, ip: context.ip };
}

/** For updates keep only the fields that changed, so the log reads as a diff. */
function onlyChanged(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): [Record<string, unknown> | null, Record<string, unknown> | null] {
  if (!before || !after) return [before, after];
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return [b, a];
}
