import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, loadDemo } from '../../src/server/demo/generate';
import { buildDirectionDemo } from '../../src/server/demo/direction';
import { todayInVietnam } from '../../src/server/http/clock';
import { type TimelinessCounts, emptyCounts, timeliness } from '../../src/shared/domain/timeliness';
import { cascadeViewSchema } from '../../src/shared/schemas/cascade';
import { type TestContext, loggedIn, setupApp } from '../helpers/app';

const DEMO_PASSWORD = 'BacNinh@2012';

describe('the demo direction cascade, loaded into PostgreSQL', () => {
  let ctx: TestContext;
  const planned = buildDirectionDemo(buildDemo());

  beforeAll(async () => {
    ctx = await setupApp();
    await loadDemo(ctx.db, DEMO_PASSWORD);
  }, 60_000);

  /** States as the database derives them: obligations kept by refresh_cascade_obligations(), today's date. */
  async function stored(level: number) {
    const { db } = ctx;
    const rows = await sql<{ unit_id: number; code: string; due_on: string; done_on: string | null; conference_due_on: string | null; conference_on: string | null }>`
      SELECT o.unit_id::int AS unit_id, u.code, o.due_on::text AS due_on, o.done_on::text AS done_on,
             o.conference_due_on::text AS conference_due_on, o.conference_on::text AS conference_on
        FROM cascade_obligation o JOIN unit u ON u.id = o.unit_id
       WHERE u.depth = ${level}
       ORDER BY u.id`.execute(db);
    return rows.rows;
  }

  function count(rows: { due_on: string; done_on: string | null }[]): TimelinessCounts {
    const counts = emptyCounts();
    for (const row of rows) counts[timeliness({ dueOn: row.due_on, doneOn: row.done_on, today: todayInVietnam() })] += 1;
    return counts;
  }

  it('registers 08-KH/TU of the Tỉnh ủy implementing 03-KH/TW, with its requirement on the district-level committees', async () => {
    const { db } = ctx;
    const doc = await db
      .selectFrom('party_document as d')
      .innerJoin('unit as u', 'u.id', 'd.issuer_unit_id')
      .innerJoin('party_document as p', 'p.id', 'd.implements_id')
      .innerJoin('committee_term as t', 't.id', 'd.term_id')
      .select(['d.id', 'd.issued_on', 'u.code', 'p.symbol as parent', 't.name as term', sql<string>`d.lineage::text`.as('lineage')])
      .where('d.symbol', '=', '08-KH/TU')
      .where('u.code', '=', 'BN')
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ parent: '03-KH/TW', term: '2010–2015', issued_on: '2011-09-07' });
    expect(doc.lineage.split('.')).toHaveLength(3);
    const requirement = await db
      .selectFrom('cascade_requirement')
      .select(['target_kinds', 'required_type', 'days', sql<string>`due_on::text`.as('due_on'), sql<string>`conference_due_on::text`.as('conference_due_on')])
      .where('document_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    expect(requirement).toEqual({
      target_kinds: ['district_committee', 'affiliated_committee'],
      required_type: 'plan',
      days: 30,
      due_on: '2011-10-07',
      conference_due_on: '2011-10-22',
    });
  });

  it('shows Thị xã Từ Sơn overdue: no plan, no conference', async () => {
    const tuSon = (await stored(1)).find((row) => row.code === 'BN.TXTS');
    expect(tuSon).toMatchObject({ due_on: '2011-10-07', done_on: null, conference_on: null });
    expect(tuSon && timeliness({ dueOn: tuSon.due_on, doneOn: tuSon.done_on, today: todayInVietnam() })).toBe('overdue');
  });

  it('derives the same states as the demo planned, level by level', async () => {
    const districtLevel = await stored(1);
    expect(districtLevel).toHaveLength(12);
    expect(count(districtLevel)).toEqual({ done_on_time: 9, done_late: 2, pending: 0, overdue: 1 });
    const plannedCounts = (level: 'province' | 'district') => {
      const rows = planned.obligations.filter((o) => o.level === level).map((o) => ({ due_on: o.dueOn, done_on: o.doneOn }));
      return count(rows);
    };
    expect(count(districtLevel)).toEqual(plannedCounts('province'));
    const grassroots = await stored(2);
    expect(grassroots).toHaveLength(planned.obligations.filter((o) => o.level === 'district').length);
    expect(count(grassroots)).toEqual(plannedCounts('district'));
    // Conferences too: each obligation found the conference the demo meant.
    const plannedByUnit = new Map(planned.obligations.map((o) => [o.unitId, o]));
    for (const row of [...districtLevel, ...grassroots]) {
      const plan = plannedByUnit.get(row.unit_id);
      expect(row.done_on, row.code).toBe(plan?.doneOn);
      expect(row.conference_on, row.code).toBe(plan?.conferenceOn);
    }
  });

  it('keeps the Từ Sơn subtree free of grassroots obligations until its own plan exists', async () => {
    const { db } = ctx;
    const rows = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cascade_obligation o JOIN unit u ON u.id = o.unit_id
       WHERE u.path <@ (SELECT path FROM unit WHERE code = 'BN.TXTS') AND u.code <> 'BN.TXTS'`.execute(db);
    expect(rows.rows[0]?.n).toBe(0);
  });

  it('records helper units: Gia Bình without a regulation, none for Lương Tài', async () => {
    const { db } = ctx;
    const rows = await db
      .selectFrom('unit as u')
      .leftJoin('helper_unit as h', 'h.unit_id', 'u.id')
      .select(['u.code', 'h.id', 'h.regulation_document_id'])
      .where('u.depth', '<=', 1)
      .execute();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('BN')?.regulation_document_id).not.toBeNull();
    expect(byCode.get('BN.GB')).toMatchObject({ regulation_document_id: null });
    expect(byCode.get('BN.GB')?.id).not.toBeNull();
    expect(byCode.get('BN.LT')?.id).toBeNull();
    expect(rows.filter((r) => r.id !== null)).toHaveLength(12);
  });

  it('shows the province officer the cascade of 08-KH/TU with Từ Sơn overdue and two districts late', async () => {
    const { app, db } = ctx;
    const doc = await db.selectFrom('party_document').select('id').where('symbol', '=', '08-KH/TU').where('issuer_unit_id', '=', 1).executeTakeFirstOrThrow();
    const client = await loggedIn(app, { username: 'tinhuy', password: DEMO_PASSWORD });
    const response = await client.get(`/api/cascade?documentId=${doc.id}`);
    expect(response.status).toBe(200);
    const view = cascadeViewSchema.parse(response.body);
    expect(view.children).toHaveLength(12);
    const own = (name: string) => view.children.find((c) => c.name === name)?.own[0];
    expect(own('Đảng bộ Thị xã Từ Sơn')).toMatchObject({ state: 'overdue', document: null, conferenceState: 'overdue' });
    expect(own('Đảng bộ huyện Thuận Thành')).toMatchObject({ state: 'done_late', daysLate: 5 });
    expect(own('Đảng bộ huyện Lương Tài')).toMatchObject({ state: 'done_late', daysLate: 3 });
    const states = emptyCounts();
    for (const child of view.children) for (const o of child.own) states[o.state] += 1;
    expect(states).toEqual({ done_on_time: 9, done_late: 2, pending: 0, overdue: 1 });
    // The roll-up covers the district-level plans and the grassroots plans below them.
    const total = Object.values(view.unit.counts).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(planned.obligations.filter((o) => o.level !== 'central').length);
    expect(view.children.find((c) => c.name === 'Đảng bộ Thị xã Từ Sơn')?.counts).toEqual({ done_on_time: 0, done_late: 0, pending: 0, overdue: 1 });
  });

  it('lets the demo accounts log in after the cascade is loaded', async () => {
    const { app } = ctx;
    const client = await loggedIn(app, { username: 'tuson', password: DEMO_PASSWORD });
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });
});
