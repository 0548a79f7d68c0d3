import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/generate';
import { DEMO_SECRETARY_CELL, DEMO_TOPIC_TITLE } from '../../src/server/demo/meetings';
import { type TestContext, setupApp } from '../helpers/app';

const DEMO_PASSWORD = 'BacNinh@2012';

describe('the demo study topic and cell meetings, loaded into PostgreSQL', () => {
  let ctx: TestContext;

  // Load time is measured by `lamtheo demo` and the benchmarks, not asserted here.
  beforeAll(async () => {
    ctx = await setupApp();
    await loadDemo(ctx.db, DEMO_PASSWORD);
  }, 120_000);

  /** Both summaries as sorted keys; rows the triggers leave at zero after deletions count as absent. */
  async function summaries() {
    const { db } = ctx;
    const rollup = await sql<{ key: string }>`
      SELECT concat_ws('/', unit_id, year, month, held, held_without_topic, present, roll) AS key FROM meeting_rollup
       WHERE (held, held_without_topic, present, roll) <> (0, 0, 0, 0) ORDER BY unit_id, year, month`.execute(db);
    const masks = await sql<{ key: string }>`
      SELECT concat_ws('/', unit_id, year, held_mask) AS key FROM cell_meeting_year WHERE held_mask <> 0 ORDER BY unit_id, year`.execute(db);
    return { rollup: rollup.rows.map((r) => r.key), masks: masks.rows.map((r) => r.key) };
  }

  it('has the 2012 topic of the Tỉnh ủy, in the demo campaign, with numbered items, the default rule and a link', async () => {
    const { db } = ctx;
    const topic = await db
      .selectFrom('study_topic as t')
      .innerJoin('unit as u', 'u.id', 't.unit_id')
      .innerJoin('campaign as c', 'c.id', 't.campaign_id')
      .select(['t.id', 't.year', 't.title', 'u.code', 'c.name as campaign', 't.min_items', 't.max_items', 't.required_months', 't.plan_day', 't.record_days'])
      .executeTakeFirstOrThrow();
    expect(topic).toMatchObject({
      year: 2012,
      title: DEMO_TOPIC_TITLE,
      code: 'BN',
      campaign: 'Học tập và làm theo tấm gương đạo đức Hồ Chí Minh',
      min_items: 1,
      max_items: 2,
      required_months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      plan_day: 20,
      record_days: 7,
    });
    const items = await db.selectFrom('study_topic_item').select(['number', 'title']).where('topic_id', '=', topic.id).orderBy('number').execute();
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.length).toBeLessThanOrEqual(8);
    expect(items.map((i) => i.number)).toEqual(items.map((_, i) => i + 1));
    expect(items.map((i) => i.title)).toContain('Nói đi đôi với làm, gương mẫu trong lời nói và việc làm');
    const materials = await db.selectFrom('study_topic_material').selectAll().where('topic_id', '=', topic.id).execute();
    expect(materials).toHaveLength(1);
    expect(materials[0]).toMatchObject({ file_id: null, document_id: null });
    expect(materials[0]?.url).toMatch(/^https:\/\//u);
  });

  it('records meetings of January–May 2012 only, on weekdays of their month, recorded after they were held', async () => {
    const { db } = ctx;
    const bad = await sql<{ id: number }>`
      SELECT id FROM cell_meeting
       WHERE year <> 2012 OR month NOT BETWEEN 1 AND 5
          OR (held_on IS NOT NULL AND (extract(isodow FROM held_on) > 5 OR held_on > DATE '2012-05-31'))
          OR (held_on IS NOT NULL AND (recorded_at IS NULL OR (recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date NOT BETWEEN held_on AND DATE '2012-06-19'))
          OR (planned_at IS NOT NULL AND planned_at > coalesce(held_on, planned_on) + 1)`.execute(db);
    expect(bad.rows).toEqual([]);
    const cellKinds = await sql<{ kind: string }>`SELECT DISTINCT u.kind FROM cell_meeting m JOIN unit u ON u.id = m.unit_id ORDER BY 1`.execute(db);
    expect(cellKinds.rows.map((r) => r.kind)).toEqual(['cell', 'grassroots_cell']);
  });

  it('holds about 93 % of the cell-months, 95 % of them with 1–2 topic items, some recorded late', async () => {
    const { db } = ctx;
    const row = await sql<{ cell_months: number; held: number; with_topic: number; late: number; extraordinary: number; bad_items: number }>`
      SELECT (SELECT count(*) * 5 FROM unit WHERE kind IN ('cell', 'grassroots_cell') AND valid_to IS NULL)::int AS cell_months,
             count(*) FILTER (WHERE kind = 'regular' AND held_on IS NOT NULL)::int AS held,
             count(*) FILTER (WHERE kind = 'regular' AND held_on IS NOT NULL AND studied_count BETWEEN 1 AND 2)::int AS with_topic,
             count(*) FILTER (WHERE held_on IS NOT NULL AND (recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date > held_on + 7)::int AS late,
             count(*) FILTER (WHERE kind = 'extraordinary')::int AS extraordinary,
             count(*) FILTER (WHERE studied_count > 2
                              OR studied_count <> (SELECT count(*) FROM cell_meeting_item i WHERE i.meeting_id = m.id AND i.stage = 'studied'))::int AS bad_items
        FROM cell_meeting m`.execute(db);
    const r = row.rows[0];
    if (!r) throw new Error('no counts');
    expect(r.held / r.cell_months).toBeGreaterThan(0.9);
    expect(r.held / r.cell_months).toBeLessThan(0.96);
    expect(r.with_topic / r.held).toBeGreaterThan(0.92);
    expect(r.with_topic / r.held).toBeLessThan(0.98);
    expect(r.late / r.held).toBeGreaterThan(0.02);
    expect(r.late / r.held).toBeLessThan(0.12);
    expect(r.extraordinary).toBeGreaterThan(5);
    expect(r.extraordinary).toBeLessThan(100);
    expect(r.bad_items).toBe(0);
    // Items studied or planned belong to the year's topic of the meeting.
    const foreign = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cell_meeting_item i JOIN cell_meeting m ON m.id = i.meeting_id
        JOIN study_topic_item t ON t.id = i.item_id WHERE t.topic_id IS DISTINCT FROM m.topic_id`.execute(db);
    expect(foreign.rows[0]?.n).toBe(0);
  });

  it('ticks attendance for the whole roll of the cell, with counts on the meeting equal to the rows', async () => {
    const { db } = ctx;
    const mismatched = await sql<{ id: number }>`
      SELECT m.id FROM cell_meeting m
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE a.status = 'present') AS present, count(*) FILTER (WHERE a.status = 'excused') AS excused,
                 count(*) FILTER (WHERE a.status = 'absent') AS absent
            FROM cell_meeting_attendance a WHERE a.meeting_id = m.id) a ON true
       WHERE (m.present_count, m.excused_count, m.absent_count) IS DISTINCT FROM (a.present::int, a.excused::int, a.absent::int)`.execute(db);
    expect(mismatched.rows).toEqual([]);
    // Everyone ticked is an active member of that cell, and every active member who had joined is ticked.
    const outsiders = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cell_meeting_attendance a JOIN cell_meeting m ON m.id = a.meeting_id JOIN member p ON p.id = a.member_id
       WHERE p.unit_id <> m.unit_id OR p.left_on IS NOT NULL OR p.joined_on > m.held_on OR m.held_on IS NULL`.execute(db);
    expect(outsiders.rows[0]?.n).toBe(0);
    const missing = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cell_meeting m JOIN member p ON p.unit_id = m.unit_id AND p.left_on IS NULL AND p.joined_on <= m.held_on
       WHERE NOT EXISTS (SELECT 1 FROM cell_meeting_attendance a WHERE a.meeting_id = m.id AND a.member_id = p.id)`.execute(db);
    expect(missing.rows[0]?.n).toBe(0);
    const rate = await sql<{ present: number; roll: number; excused: number; absent: number }>`
      SELECT sum(present_count)::int AS present, sum(excused_count)::int AS excused, sum(absent_count)::int AS absent,
             sum(present_count + excused_count + absent_count)::int AS roll FROM cell_meeting WHERE held_on IS NOT NULL`.execute(db);
    const t = rate.rows[0];
    expect(t && t.present / t.roll).toBeGreaterThan(0.85);
    expect(t && t.present / t.roll).toBeLessThan(0.97);
    expect(t && t.excused).toBeGreaterThan(t?.absent ?? 0);
    expect(t?.absent).toBeGreaterThan(0);
  });

  it('leaves the secretary\'s cell with January–May held and June open for the browser journey', async () => {
    const { db } = ctx;
    const account = await db
      .selectFrom('account as a')
      .innerJoin('unit as u', 'u.id', 'a.scope_unit_id')
      .select(['u.id', 'u.code'])
      .where('a.username', '=', 'bithu')
      .executeTakeFirstOrThrow();
    expect(account.code).toBe(DEMO_SECRETARY_CELL);
    const meetings = await db
      .selectFrom('cell_meeting')
      .select(['month', 'kind', sql<string | null>`held_on::text`.as('held_on'), 'studied_count'])
      .where('unit_id', '=', account.id)
      .orderBy('month')
      .execute();
    expect(meetings.map((m) => [m.month, m.kind, m.held_on !== null, m.studied_count > 0])).toEqual(
      [1, 2, 3, 4, 5].map((month) => [month, 'regular', true, true]),
    );
    // The member account has an attendance history to show.
    const history = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cell_meeting_attendance a JOIN account c ON c.member_id = a.member_id WHERE c.username = 'dangvien'`.execute(db);
    expect(history.rows[0]?.n).toBe(5);
  });

  it('has a few cells that missed two months in a row', async () => {
    const { db } = ctx;
    // Bits 0–4 are January–May; two adjacent zero bits within them.
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM unit u LEFT JOIN cell_meeting_year y ON y.unit_id = u.id AND y.year = 2012
       WHERE u.kind IN ('cell', 'grassroots_cell')
         AND EXISTS (SELECT 1 FROM generate_series(0, 3) k WHERE coalesce(y.held_mask, 0) & (3 << k) = 0)`.execute(db);
    expect(rows.rows[0]?.n).toBeGreaterThan(5);
    expect(rows.rows[0]?.n).toBeLessThan(120);
  });

  it('keeps the summaries equal to a recompute, counting held regular meetings only, with the triggers back on', async () => {
    const { db } = ctx;
    const before = await summaries();
    expect(before.rollup.length).toBeGreaterThan(1000);
    await sql`SELECT recompute_meeting_rollup()`.execute(db);
    expect(await summaries()).toEqual(before);

    // The province's row per month is the count of held regular meetings (extraordinary ones never count).
    const check = await sql<{ month: number; held: number; without: number; direct: number; direct_without: number }>`
      SELECT r.month, r.held, r.held_without_topic AS without,
             (SELECT count(*) FROM cell_meeting m WHERE m.month = r.month AND m.kind = 'regular' AND m.held_on IS NOT NULL AND m.studied_count > 0)::int AS direct,
             (SELECT count(*) FROM cell_meeting m WHERE m.month = r.month AND m.kind = 'regular' AND m.held_on IS NOT NULL AND m.studied_count = 0)::int AS direct_without
        FROM meeting_rollup r JOIN unit u ON u.id = r.unit_id WHERE u.code = 'BN' ORDER BY r.month`.execute(db);
    expect(check.rows.map((r) => r.month)).toEqual([1, 2, 3, 4, 5]);
    for (const row of check.rows) expect([row.held, row.without]).toEqual([row.direct, row.direct_without]);

    // The bulk load dropped and rebuilt the meeting tables' foreign keys and indexes: all are back, validated.
    const keys = await sql<{ n: number; validated: boolean }>`
      SELECT count(*)::int AS n, bool_and(convalidated) AS validated FROM pg_constraint
       WHERE contype = 'f' AND conrelid IN ('cell_meeting'::regclass, 'cell_meeting_item'::regclass, 'cell_meeting_attendance'::regclass)`.execute(db);
    expect(keys.rows[0]).toEqual({ n: 8, validated: true });
    const indexes = await sql<{ name: string }>`
      SELECT indexrelid::regclass::text AS name FROM pg_index
       WHERE indrelid IN ('cell_meeting'::regclass, 'cell_meeting_attendance'::regclass) ORDER BY 1`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['cell_meeting_one_regular', 'cell_meeting_unit_idx', 'cell_meeting_attendance_member_idx', 'cell_meeting_pkey', 'cell_meeting_attendance_pkey']),
    );

    const triggers = await sql<{ tgname: string; tgenabled: string }>`
      SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'cell_meeting'::regclass AND NOT tgisinternal ORDER BY 1`.execute(db);
    expect(triggers.rows.map((t) => t.tgname)).toContain('cell_meeting_rollup');
    expect(triggers.rows.every((t) => t.tgenabled === 'O')).toBe(true);
    // A write after the load goes through the triggers and leaves the summaries as a recompute would.
    await sql`DELETE FROM cell_meeting WHERE id IN (SELECT id FROM cell_meeting WHERE held_on IS NOT NULL ORDER BY id LIMIT 3)`.execute(db);
    await sql`UPDATE cell_meeting SET studied_count = 0 WHERE id = (SELECT min(id) FROM cell_meeting WHERE studied_count > 0)`.execute(db);
    const afterWrites = await summaries();
    await sql`SELECT recompute_meeting_rollup()`.execute(db);
    expect(await summaries()).toEqual(afterWrites);
    expect(afterWrites).not.toEqual(before);
  });
});
