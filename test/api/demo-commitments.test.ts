import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/connect';
import { DEMO_ROUND, LAGGING_DISTRICTS } from '../../src/server/demo/commitments';
import { loadDemo } from '../../src/server/demo/generate';
import { DEMO_SECRETARY_CELL } from '../../src/server/demo/meetings';
import { type TestContext, setupApp } from '../helpers/app';

const DEMO_PASSWORD = 'BacNinh@2012';

/** The three summaries as sorted keys; rows the triggers leave at zero count as absent. */
async function summaries(db: Db) {
  const commitments = await sql<{ key: string }>`
    SELECT concat_ws('/', unit_id, round_id, members_on_time, members_late, leaders_on_time, leaders_late, collectives_on_time,
                     collectives_late, accepted, self_reviewed, decided) AS key
      FROM commitment_rollup
     WHERE (members_on_time, members_late, leaders_on_time, leaders_late, collectives_on_time, collectives_late, accepted, self_reviewed, decided)
           <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
     ORDER BY unit_id, round_id`.execute(db);
  const levels = await sql<{ key: string }>`
    SELECT concat_ws('/', unit_id, round_id, level, members) AS key FROM assessment_rollup WHERE members <> 0 ORDER BY unit_id, round_id, level`.execute(db);
  const leaders = await sql<{ key: string }>`SELECT concat_ws('/', unit_id, leaders) AS key FROM leader_rollup WHERE leaders <> 0 ORDER BY unit_id`.execute(db);
  return { commitments: commitments.rows.map((r) => r.key), levels: levels.rows.map((r) => r.key), leaders: leaders.rows.map((r) => r.key) };
}

class Rollback extends Error {}

describe('the demo 2012 commitments round, loaded into PostgreSQL', () => {
  let ctx: TestContext;

  // Load time is measured by `lamtheo demo` and the benchmarks, not asserted here.
  beforeAll(async () => {
    ctx = await setupApp();
    await loadDemo(ctx.db, DEMO_PASSWORD);
  }, 120_000);

  it('has the 2012 round of the 03-CT/TW campaign with the 07-HD/BTCTW scheme, its deadlines and the 2012 study topic', async () => {
    const round = await ctx.db
      .selectFrom('commitment_round as r')
      .innerJoin('assessment_scheme as s', 's.id', 'r.scheme_id')
      .leftJoin('campaign as c', 'c.id', 'r.campaign_id')
      .leftJoin('study_topic as t', 't.id', 'r.study_topic_id')
      .select(['r.year', 's.code as scheme', 'c.name as campaign', 't.year as topicYear', 'r.standards_note', 'r.version'])
      .select(sql<string>`r.leader_deadline::text`.as('leader_deadline'))
      .select(sql<string>`r.member_deadline::text`.as('member_deadline'))
      .select(sql<string>`r.review_opens_on::text`.as('review_opens_on'))
      .execute();
    expect(round).toHaveLength(1);
    expect(round[0]).toMatchObject({
      year: 2012,
      scheme: '07-HD/BTCTW',
      campaign: 'Học tập và làm theo tấm gương đạo đức Hồ Chí Minh',
      topicYear: 2012,
      leader_deadline: DEMO_ROUND.leaderDeadline,
      member_deadline: DEMO_ROUND.memberDeadline,
      review_opens_on: DEMO_ROUND.reviewOpensOn,
      version: 1,
    });
    expect(round[0]?.standards_note).toMatch(/47-QĐ\/TW/u);
  });

  it('registers most members, nearly all key leaders and heads (most by 15/04), with a few late, drafts and returns', async () => {
    const r = (
      await sql<{
        members: number; joined: number; leaders: number; personal: number; drafts: number; registered: number; by_deadline: number; late: number;
        leaders_registered: number; leaders_by_deadline: number; accepted: number; submitted: number; returned: number; returned_without_comment: number;
        wrong_leader_flag: number; reviewed: number; outside_dates: number;
      }>`
        SELECT (SELECT count(*) FROM member WHERE left_on IS NULL)::int AS members,
               (SELECT count(*) FROM member WHERE left_on IS NULL AND joined_on <= DATE '2012-05-15')::int AS joined,
               (SELECT count(*) FROM member WHERE left_on IS NULL AND (is_key_leader OR is_head))::int AS leaders,
               count(*)::int AS personal,
               count(*) FILTER (WHERE c.state = 'draft')::int AS drafts,
               count(*) FILTER (WHERE c.state <> 'draft')::int AS registered,
               count(*) FILTER (WHERE c.first_submitted_on <= r.member_deadline)::int AS by_deadline,
               count(*) FILTER (WHERE c.first_submitted_on > r.member_deadline)::int AS late,
               count(*) FILTER (WHERE c.is_leader AND c.state <> 'draft')::int AS leaders_registered,
               count(*) FILTER (WHERE c.is_leader AND c.first_submitted_on <= r.leader_deadline)::int AS leaders_by_deadline,
               count(*) FILTER (WHERE c.state = 'accepted')::int AS accepted,
               count(*) FILTER (WHERE c.state = 'submitted')::int AS submitted,
               count(*) FILTER (WHERE c.state = 'returned')::int AS returned,
               count(*) FILTER (WHERE c.state = 'returned' AND c.return_comment IS NULL)::int AS returned_without_comment,
               count(*) FILTER (WHERE c.is_leader IS DISTINCT FROM (m.is_key_leader OR m.is_head) OR c.unit_id <> m.unit_id)::int AS wrong_leader_flag,
               count(*) FILTER (WHERE c.self_level IS NOT NULL OR c.self_reviewed_at IS NOT NULL OR c.cell_level IS NOT NULL
                                OR c.decided_level IS NOT NULL OR c.not_assessed_reason IS NOT NULL)::int AS reviewed,
               count(*) FILTER (WHERE c.first_submitted_on NOT BETWEEN DATE '2012-03-02' AND DATE '2012-06-19'
                                OR (c.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <> c.first_submitted_on
                                OR c.created_at > c.updated_at OR c.updated_at > TIMESTAMPTZ '2012-06-20 00:00+07')::int AS outside_dates
          FROM commitment c JOIN commitment_round r ON r.id = c.round_id JOIN member m ON m.id = c.member_id
         WHERE c.kind = 'personal'`.execute(ctx.db)
    ).rows[0];
    if (!r) throw new Error('no counts');
    expect(r.members).toBeGreaterThan(40_000);
    // Members who joined after mid-May 2012 have not registered; of the others, most have.
    expect(r.registered / r.joined).toBeGreaterThan(0.85);
    expect(r.registered / r.joined).toBeLessThan(0.97);
    expect(r.by_deadline / r.members).toBeGreaterThan(0.7);
    expect(r.late / r.registered).toBeGreaterThan(0.03);
    expect(r.late / r.registered).toBeLessThan(0.2);
    expect(r.drafts / r.members).toBeGreaterThan(0.005);
    expect(r.drafts / r.members).toBeLessThan(0.05);
    expect(r.leaders).toBeGreaterThan(300);
    expect(r.leaders_registered / r.leaders).toBeGreaterThan(0.95);
    expect(r.leaders_by_deadline / r.leaders).toBeGreaterThan(0.8);
    expect(r.leaders_by_deadline).toBeLessThan(r.leaders_registered);
    expect(r.accepted / r.registered).toBeGreaterThan(0.7);
    expect(r.submitted).toBeGreaterThan(100);
    expect(r.returned).toBeGreaterThan(10);
    expect(r.returned / r.registered).toBeLessThan(0.05);
    expect(r.returned_without_comment).toBe(0);
    expect(r.wrong_leader_flag).toBe(0);
    // The story is on 19/06/2012: the year-end review opens in December.
    expect(r.reviewed).toBe(0);
    expect(r.outside_dates).toBe(0);
  });

  it('has collective commitments of most grassroots units, registered from May', async () => {
    const r = (
      await sql<{ units: number; collectives: number; in_may: number; bad: number }>`
        SELECT (SELECT count(*) FROM unit WHERE is_grassroots AND valid_to IS NULL)::int AS units,
               count(*)::int AS collectives,
               count(*) FILTER (WHERE c.first_submitted_on BETWEEN DATE '2012-05-01' AND DATE '2012-05-31')::int AS in_may,
               count(*) FILTER (WHERE NOT u.is_grassroots OR c.member_id IS NOT NULL OR c.is_leader OR c.first_submitted_on < DATE '2012-05-01')::int AS bad
          FROM commitment c JOIN unit u ON u.id = c.unit_id WHERE c.kind = 'collective'`.execute(ctx.db)
    ).rows[0];
    expect(r && r.collectives / r.units).toBeGreaterThan(0.75);
    expect(r && r.in_may / r.collectives).toBeGreaterThan(0.8);
    expect(r?.bad).toBe(0);
  });

  it('makes Thuận Thành and Lương Tài visibly lag in registrations by the deadline', async () => {
    const rows = await sql<{ code: string; share: number }>`
      SELECT u.code, (coalesce(r.members_on_time, 0)::float / u.member_count) AS share
        FROM unit u JOIN unit p ON p.id = u.parent_id AND p.parent_id IS NULL
        LEFT JOIN commitment_rollup r ON r.unit_id = u.id
       WHERE u.kind = 'district_committee' ORDER BY u.code`.execute(ctx.db);
    const lagging = rows.rows.filter((r) => LAGGING_DISTRICTS.includes(r.code));
    const others = rows.rows.filter((r) => !LAGGING_DISTRICTS.includes(r.code));
    expect(lagging).toHaveLength(2);
    expect(others.length).toBeGreaterThanOrEqual(6);
    const best = Math.max(...lagging.map((r) => r.share));
    const worst = Math.min(...others.map((r) => r.share));
    expect(best + 0.05).toBeLessThan(worst);
  });

  it('gives every commitment 1–10 items numbered from 1, leaders one "nêu gương" item, due dates within 2012', async () => {
    const bad = await sql<{ id: number; n: number }>`
      SELECT c.id, count(i.id)::int AS n FROM commitment c LEFT JOIN commitment_item i ON i.commitment_id = c.id
       GROUP BY c.id
      HAVING count(i.id) NOT BETWEEN 1 AND 10 OR array_agg(i.number ORDER BY i.number) <> array(SELECT generate_series(1, count(i.id)::int))
          OR count(*) FILTER (WHERE i.kind = 'example') <> CASE WHEN bool_and(c.is_leader) THEN 1 ELSE 0 END
       LIMIT 5`.execute(ctx.db);
    expect(bad.rows).toEqual([]);
    const items = (
      await sql<{ items: number; cite_topic: number; bad_due: number; no_measure_submitted: number; foreign_topic: number }>`
        SELECT count(*)::int AS items, count(*) FILTER (WHERE i.topic_item_id IS NOT NULL)::int AS cite_topic,
               count(*) FILTER (WHERE i.due_on IS NULL OR i.due_on NOT BETWEEN c.first_submitted_on AND DATE '2012-12-31')::int AS bad_due,
               count(*) FILTER (WHERE c.state <> 'draft' AND (i.measure IS NULL OR i.measure = ''))::int AS no_measure_submitted,
               count(*) FILTER (WHERE i.topic_item_id IS NOT NULL AND t.topic_id IS DISTINCT FROM r.study_topic_id)::int AS foreign_topic
          FROM commitment_item i JOIN commitment c ON c.id = i.commitment_id JOIN commitment_round r ON r.id = c.round_id
          LEFT JOIN study_topic_item t ON t.id = i.topic_item_id
         WHERE c.state <> 'draft'`.execute(ctx.db)
    ).rows[0];
    expect(items && items.cite_topic / items.items).toBeGreaterThan(0.2);
    expect(items?.bad_due).toBe(0);
    expect(items?.no_measure_submitted).toBe(0);
    expect(items?.foreign_topic).toBe(0);
  });

  it('sets first_submitted_on on every commitment that is not a draft, and none on drafts', async () => {
    const bad = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM commitment
       WHERE (state <> 'draft') <> (first_submitted_on IS NOT NULL) OR (state <> 'draft') <> (submitted_at IS NOT NULL)`.execute(ctx.db);
    expect(bad.rows[0]?.n).toBe(0);
  });

  it('has check-ins on accepted commitments between March and 19/06/2012, on their own items, after registering', async () => {
    const r = (
      await sql<{ n: number; bad: number; commitments: number }>`
        SELECT count(*)::int AS n, count(DISTINCT k.commitment_id)::int AS commitments,
               count(*) FILTER (WHERE k.posted_on NOT BETWEEN DATE '2012-03-01' AND DATE '2012-06-19' OR k.posted_on < c.first_submitted_on
                                OR c.state <> 'accepted' OR i.commitment_id <> k.commitment_id OR k.percent NOT BETWEEN 0 AND 100)::int AS bad
          FROM commitment_checkin k JOIN commitment c ON c.id = k.commitment_id JOIN commitment_item i ON i.id = k.item_id`.execute(ctx.db)
    ).rows[0];
    expect(r?.commitments).toBeGreaterThan(1000);
    expect(r?.bad).toBe(0);
  });

  it('leaves `dangvien` without a 2012 commitment and the secretary\'s cell with a mix for the browser journey', async () => {
    const own = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM commitment c JOIN account a ON a.member_id = c.member_id WHERE a.username = 'dangvien'`.execute(ctx.db);
    expect(own.rows[0]?.n).toBe(0);
    const cell = await ctx.db
      .selectFrom('account as a')
      .innerJoin('unit as u', 'u.id', 'a.scope_unit_id')
      .select(['u.id', 'u.code', 'u.member_count'])
      .where('a.username', '=', 'bithu')
      .executeTakeFirstOrThrow();
    expect(cell.code).toBe(DEMO_SECRETARY_CELL);
    const states = await sql<{ state: string | null; n: number }>`
      SELECT c.state, count(*)::int AS n FROM member m LEFT JOIN commitment c ON c.member_id = m.id
       WHERE m.unit_id = ${cell.id} AND m.left_on IS NULL GROUP BY c.state ORDER BY c.state`.execute(ctx.db);
    const count = Object.fromEntries(states.rows.map((r) => [r.state ?? 'none', r.n]));
    expect(count.submitted).toBe(1);
    expect(count.draft).toBe(1);
    expect(count.none).toBeGreaterThanOrEqual(2);
    expect(count.accepted).toBeGreaterThan(cell.member_count / 2);
    // The secretary has registered.
    const secretary = await sql<{ state: string }>`
      SELECT c.state FROM commitment c JOIN account a ON a.member_id = c.member_id WHERE a.username = 'bithu'`.execute(ctx.db);
    expect(secretary.rows.map((r) => r.state)).toEqual(['accepted']);
  });

  it('keeps the summaries equal to a recompute, with the triggers back on', async () => {
    const { db } = ctx;
    const before = await summaries(db);
    expect(before.commitments.length).toBeGreaterThan(1000);
    expect(before.leaders.length).toBeGreaterThan(100);
    let recomputed: Awaited<ReturnType<typeof summaries>> | undefined;
    await expect(
      db.transaction().execute(async (tx) => {
        await sql`SELECT recompute_commitment_rollups()`.execute(tx);
        recomputed = await summaries(tx);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(recomputed).toEqual(before);
    expect(await summaries(db)).toEqual(before);

    // The province's row is the count of the commitments themselves.
    const root = await sql<{ ok: boolean }>`
      SELECT r.members_on_time + r.members_late = (SELECT count(*) FROM commitment WHERE kind = 'personal' AND state <> 'draft')
             AND r.collectives_on_time + r.collectives_late = (SELECT count(*) FROM commitment WHERE kind = 'collective')
             AND r.accepted = (SELECT count(*) FROM commitment WHERE kind = 'personal' AND state = 'accepted') AS ok
        FROM commitment_rollup r JOIN unit u ON u.id = r.unit_id WHERE u.parent_id IS NULL`.execute(db);
    expect(root.rows).toEqual([{ ok: true }]);

    const triggers = await sql<{ tgname: string; tgenabled: string }>`
      SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'commitment'::regclass AND NOT tgisinternal ORDER BY 1`.execute(db);
    expect(triggers.rows.length).toBe(3);
    expect(triggers.rows.every((t) => t.tgenabled === 'O')).toBe(true);
  });
});
