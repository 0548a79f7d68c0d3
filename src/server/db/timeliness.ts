import { type RawBuilder, sql } from 'kysely';

/**
 * The four timeliness states of src/shared/domain/timeliness.ts, in SQL, for counting at scale.
 * Kept identical to `timeliness()` by test/api/cascade-rules.test.ts, which compares both on the
 * boundary days.
 */
export function timelinessSql(doneOn: RawBuilder<unknown>, dueOn: RawBuilder<unknown>, today: string): RawBuilder<string> {
  return sql<string>`CASE
    WHEN ${doneOn} IS NOT NULL THEN CASE WHEN ${doneOn} <= ${dueOn} THEN 'done_on_time' ELSE 'done_late' END
    WHEN ${today}::date <= ${dueOn} THEN 'pending'
    ELSE 'overdue' END`;
}
