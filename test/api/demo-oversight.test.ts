import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, loadDemo } from '../../src/server/demo/generate';
import {
  DEMO_EXEMPLAR_APPROVED,
  DEMO_EXEMPLAR_COUNTS,
  DEMO_EXEMPLAR_DRAFT,
  DEMO_EXEMPLAR_PENDING_DISTRICT,
  DEMO_EXEMPLAR_PENDING_PROVINCE,
  DEMO_EXEMPLAR_RETURNED,
  DEMO_HALF_YEAR_REVIEW,
  DEMO_INSPECTIONS,
  DEMO_NEGATIVE_PHENOMENA,
  DEMO_OVERDUE_FOLLOW_UP,
  DEMO_PROVINCE_CHANNELS,
  DEMO_PUBLICITY_COUNTS,
  DEMO_PUBLIC_STORY,
  DEMO_YEAR_REVIEW,
  buildOversightDemo,
} from '../../src/server/demo/oversight';
import { type TimelinessState, timeliness } from '../../src/shared/domain/timeliness';
import { type TestContext, setupApp } from '../helpers/app';

const DEMO_PASSWORD = 'BacNinh@2012';
const TODAY = '2012-06-19';
/** Local time in Vietnam, as text that compares like the dates. */
const local = (column: string) => sql.raw(`to_char(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS')`);

describe('the demo oversight, exemplars and publicity, loaded into PostgreSQL', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await setupApp();
    await loadDemo(ctx.db, DEMO_PASSWORD);
  }, 120_000);

  // Load time is measured by `lamtheo demo` and the benchmarks, not asserted here.
  it('is the same on every build', () => {
    const province = buildDemo();
    const accounts = [
      { id: 1, role: 'province_officer', scopeUnitId: 1 },
      { id: 2, role: 'district_officer', scopeUnitId: province.units.find((u) => u.code === 'BN.TXTS')?.id ?? 0 },
    ];
    expect(buildOversightDemo(province, accounts)).toEqual(buildOversightDemo(province, accounts));
  });

  it('has the Tỉnh ủy inspect each of the 8 district-level committees: planned in April, six held by 19/06/2012, two still planned', async () => {
    const rows = await sql<{ code: string; kind: string; state: string; planned_on: string; held_on: string | null; created: string; units: number }>`
      SELECT u.code, u.kind, a.state, a.planned_on, a.held_on, ${local('a.created_at')} AS created,
             (SELECT count(*) FROM oversight_activity_unit x WHERE x.activity_id = a.id)::int AS units
        FROM oversight_activity a JOIN unit o ON o.id = a.organiser_unit_id
        JOIN oversight_activity_unit au ON au.activity_id = a.id JOIN unit u ON u.id = au.unit_id
       WHERE a.kind = 'inspection' AND o.code = 'BN' ORDER BY u.code`.execute(ctx.db);
    const districts = await sql<{ code: string }>`SELECT code FROM unit WHERE kind = 'district_committee' ORDER BY code`.execute(ctx.db);
    expect(rows.rows).toHaveLength(DEMO_INSPECTIONS.count);
    expect(rows.rows.map((r) => r.code)).toEqual(districts.rows.map((r) => r.code));
    for (const row of rows.rows) {
      expect(row.units, row.code).toBe(1);
      expect(row.created.slice(0, 7), row.code).toBe('2012-04');
      expect(row.planned_on >= '2012-04-01' && row.planned_on <= '2012-06-30', row.code).toBe(true);
      if (row.state === 'held') expect(row.held_on! <= TODAY, row.code).toBe(true);
    }
    const planned = rows.rows.filter((r) => r.state === 'planned');
    expect(planned.map((r) => r.code).sort()).toEqual([...DEMO_INSPECTIONS.plannedCodes].sort());
    for (const row of planned) expect(row.planned_on > TODAY).toBe(true);
    expect(rows.rows.filter((r) => r.state === 'held')).toHaveLength(6);
  });

  it('held the sơ kết 1 năm on 19/05/2012 with all district-level committees, and the sơ kết 6 tháng in December 2011', async () => {
    const reviews = await sql<{ id: number; kind: string; title: string; state: string; held_on: string | null; codes: string[] }>`
      SELECT a.id, a.kind, a.title, a.state, a.held_on, array_agg(u.code ORDER BY u.code) AS codes
        FROM oversight_activity a JOIN unit o ON o.id = a.organiser_unit_id
        JOIN oversight_activity_unit au ON au.activity_id = a.id JOIN unit u ON u.id = au.unit_id
       WHERE o.code = 'BN' AND a.kind IN ('review_year', 'review_half_year') GROUP BY a.id ORDER BY a.held_on`.execute(ctx.db);
    const committees = await sql<{ code: string }>`
      SELECT code FROM unit WHERE kind IN ('district_committee', 'affiliated_committee') ORDER BY code`.execute(ctx.db);
    expect(reviews.rows).toHaveLength(2);
    const [half, year] = reviews.rows;
    expect(half).toMatchObject({ kind: 'review_half_year', title: DEMO_HALF_YEAR_REVIEW.title, state: 'held', held_on: DEMO_HALF_YEAR_REVIEW.heldOn });
    expect(half?.held_on?.slice(0, 7)).toBe('2011-12');
    expect(year).toMatchObject({ kind: 'review_year', title: DEMO_YEAR_REVIEW.title, state: 'held', held_on: '2012-05-19' });
    expect(year?.codes).toEqual(committees.rows.map((r) => r.code));
    expect(committees.rows).toHaveLength(12);
    // It reviews the province's plan, and found what the article says: strengths and shortcomings.
    const attachment = await sql<{ symbol: string }>`
      SELECT d.symbol FROM oversight_activity_attachment t JOIN party_document d ON d.id = t.document_id WHERE t.activity_id = ${year!.id}`.execute(ctx.db);
    expect(attachment.rows).toEqual([{ symbol: '08-KH/TU' }]);
    const kinds = await sql<{ kind: string }>`SELECT DISTINCT kind FROM oversight_finding WHERE activity_id = ${year!.id} ORDER BY kind`.execute(ctx.db);
    expect(kinds.rows.map((r) => r.kind)).toEqual(['shortcoming', 'strength']);
  });

  it('has the Tỉnh ủy helper unit brief monthly, October 2011 – May 2012, June planned', async () => {
    const rows = await sql<{ state: string; month: string; planned_on: string }>`
      SELECT a.state, to_char(coalesce(a.held_on, a.planned_on), 'YYYY-MM') AS month, a.planned_on
        FROM oversight_activity a JOIN unit o ON o.id = a.organiser_unit_id
       WHERE a.kind = 'briefing' AND o.code = 'BN' ORDER BY a.planned_on`.execute(ctx.db);
    const held = rows.rows.filter((r) => r.state === 'held').map((r) => r.month);
    expect(held).toEqual(['2011-10', '2011-11', '2011-12', '2012-01', '2012-02', '2012-03', '2012-04', '2012-05']);
    const planned = rows.rows.filter((r) => r.state === 'planned');
    expect(planned).toHaveLength(1);
    expect(planned[0]!.planned_on > TODAY).toBe(true);
  });

  it('has district committees supervise grassroots committees of their own subtree: most held, some planned, one cancelled', async () => {
    const rows = await sql<{ state: string; organiser_kind: string; unit_kind: string; inside: boolean; cancel_reason: string | null }>`
      SELECT a.state, o.kind AS organiser_kind, u.kind AS unit_kind, u.path <@ o.path AND u.id <> o.id AS inside, a.cancel_reason
        FROM oversight_activity a JOIN unit o ON o.id = a.organiser_unit_id
        JOIN oversight_activity_unit au ON au.activity_id = a.id JOIN unit u ON u.id = au.unit_id
       WHERE a.kind = 'supervision'`.execute(ctx.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows.rows) expect(row).toMatchObject({ organiser_kind: 'district_committee', unit_kind: 'grassroots_committee', inside: true });
    const states = rows.rows.map((r) => r.state);
    expect(states.filter((s) => s === 'held').length).toBeGreaterThanOrEqual(8);
    expect(states.filter((s) => s === 'planned').length).toBeGreaterThanOrEqual(1);
    expect(rows.rows.filter((r) => r.state === 'cancelled')).toHaveLength(1);
    // Nothing is held after the article's day; planned ones lie ahead of it.
    const late = await sql<{ id: number }>`
      SELECT id FROM oversight_activity
       WHERE held_on > ${TODAY}::date OR (state = 'planned' AND planned_on <= ${TODAY}::date) OR created_at > ${`${TODAY}T23:59:59+07:00`}::timestamptz
          OR updated_at > ${`${TODAY}T23:59:59+07:00`}::timestamptz`.execute(ctx.db);
    expect(late.rows).toEqual([]);
  });

  it('gives shortcomings follow-up tasks of the inspected units, in all four timeliness states on 19/06/2012', async () => {
    const rows = await sql<{
      task: string;
      due_on: string;
      done_on: string | null;
      state: string;
      owner_code: string;
      finding_unit: number;
      owner: number;
      activity_kind: string;
      organiser_code: string;
      concerned: number[];
      closer_inside: boolean | null;
      finding_kind: string;
    }>`
      SELECT f.task, f.due_on, f.done_on, f.state, ow.code AS owner_code, fi.unit_id AS finding_unit, f.owner_unit_id AS owner, a.kind AS activity_kind,
             o.code AS organiser_code, fi.kind AS finding_kind,
             (SELECT array_agg(x.unit_id::int) FROM oversight_activity_unit x WHERE x.activity_id = a.id) AS concerned,
             (SELECT ow.path <@ s.path FROM account c JOIN unit s ON s.id = c.scope_unit_id WHERE c.id = f.closed_by) AS closer_inside
        FROM follow_up f JOIN oversight_finding fi ON fi.id = f.finding_id JOIN oversight_activity a ON a.id = fi.activity_id
        JOIN unit o ON o.id = a.organiser_unit_id JOIN unit ow ON ow.id = f.owner_unit_id`.execute(ctx.db);
    const counts: Record<TimelinessState, number> = { done_on_time: 0, done_late: 0, pending: 0, overdue: 0 };
    for (const row of rows.rows) {
      expect(row.owner, row.task).toBe(row.finding_unit);
      expect(row.finding_kind, row.task).not.toBe('strength');
      if (row.activity_kind === 'inspection' || row.activity_kind === 'supervision') {
        expect(row.concerned, row.task).toContain(row.owner);
        if (row.organiser_code === 'BN') expect(row.due_on >= '2012-06-01' && row.due_on <= '2012-08-31', row.task).toBe(true);
      }
      if (row.state === 'done') expect(row.closer_inside, row.task).toBe(true);
      if (row.done_on) expect(row.done_on <= TODAY).toBe(true);
      if (row.state === 'cancelled') continue;
      counts[timeliness({ dueOn: row.due_on, doneOn: row.state === 'done' ? row.done_on : null, today: TODAY })] += 1;
    }
    for (const state of ['done_on_time', 'done_late', 'pending', 'overdue'] as const) expect(counts[state], state).toBeGreaterThanOrEqual(2);
    expect(rows.rows.filter((r) => r.state === 'cancelled')).toHaveLength(1);

    const overdue = rows.rows.find((r) => r.task === DEMO_OVERDUE_FOLLOW_UP.task);
    expect(overdue).toMatchObject({ owner_code: DEMO_OVERDUE_FOLLOW_UP.districtCode, due_on: DEMO_OVERDUE_FOLLOW_UP.dueOn, state: 'open', activity_kind: 'inspection' });
    expect(timeliness({ dueOn: overdue!.due_on, doneOn: null, today: TODAY })).toBe('overdue');
    const scope = await sql<{ ok: boolean }>`
      SELECT u.path <@ s.path AS ok FROM account a JOIN unit s ON s.id = a.scope_unit_id, unit u
       WHERE a.username = 'tuson' AND u.code = ${DEMO_OVERDUE_FOLLOW_UP.districtCode}`.execute(ctx.db);
    expect(scope.rows).toEqual([{ ok: true }]);
    const reopened = await sql<{ n: number }>`SELECT count(*)::int AS n FROM follow_up WHERE state = 'open' AND reopen_comment IS NOT NULL`.execute(ctx.db);
    expect(reopened.rows[0]?.n).toBe(1);
  });

  it('criticises a few anonymous negative phenomena, each on a violation finding of its unit', async () => {
    const rows = await sql<{ unit_id: number; finding_unit: number; kind: string; description: string }>`
      SELECT n.unit_id, fi.unit_id AS finding_unit, fi.kind, n.description FROM negative_phenomenon n JOIN oversight_finding fi ON fi.id = n.finding_id`.execute(ctx.db);
    expect(rows.rows).toHaveLength(DEMO_NEGATIVE_PHENOMENA);
    for (const row of rows.rows) expect(row).toMatchObject({ unit_id: row.finding_unit, kind: 'violation' });
    expect(rows.rows.some((r) => r.description.includes('thủ tục đất đai'))).toBe(true);
    // No member of the demo is named in them.
    const named = await sql<{ id: number }>`
      SELECT n.id FROM negative_phenomenon n JOIN member m
        ON position(concat_ws(' ', m.family_name, nullif(m.middle_name, ''), m.given_name) IN n.description || ' ' || coalesce(n.handling, '')) > 0`.execute(ctx.db);
    expect(named.rows).toEqual([]);
  });

  it('replays every exemplar\'s steps along its chain: the ancestors above the nominating unit up to the deciding unit', async () => {
    const exemplars = await sql<{
      id: number;
      title: string;
      year: number;
      state: string;
      subject_kind: string;
      nominating_id: number;
      nominating_path: string;
      nominating_kind: string;
      deciding_id: number;
      deciding_kind: string;
      pending_unit_id: number | null;
      is_public: boolean;
      published_at: string | null;
      decision_date: string | null;
      decision_symbol: string | null;
      commendation_form: string | null;
      member_inside: boolean | null;
      summary: string;
      story_html: string;
      updated: string;
    }>`
      SELECT e.id, e.title, e.year, e.state, e.subject_kind, n.id AS nominating_id, n.path::text AS nominating_path, n.kind AS nominating_kind,
             d.id AS deciding_id, d.kind AS deciding_kind, e.pending_unit_id, e.is_public, ${local('e.published_at')} AS published_at, e.decision_date,
             e.decision_symbol, e.commendation_form, e.summary, e.story_html, ${local('e.updated_at')} AS updated,
             (SELECT mu.path <@ n.path FROM member m JOIN unit mu ON mu.id = m.unit_id WHERE m.id = e.member_id) AS member_inside
        FROM exemplar e JOIN unit n ON n.id = e.nominating_unit_id JOIN unit d ON d.id = e.deciding_unit_id ORDER BY e.id`.execute(ctx.db);
    const steps = await sql<{ exemplar_id: number; unit_id: number; action: string; acted: string; signer_inside: boolean }>`
      SELECT s.exemplar_id, s.unit_id, s.action, ${local('s.acted_at')} AS acted, u.path <@ sc.path AS signer_inside
        FROM exemplar_step s JOIN unit u ON u.id = s.unit_id JOIN account a ON a.id = s.acted_by JOIN unit sc ON sc.id = a.scope_unit_id
       ORDER BY s.exemplar_id, s.id`.execute(ctx.db);
    const stepsOf = new Map<number, typeof steps.rows>();
    for (const step of steps.rows) stepsOf.set(step.exemplar_id, [...(stepsOf.get(step.exemplar_id) ?? []), step]);

    const problems: string[] = [];
    for (const e of exemplars.rows) {
      const ids = e.nominating_path.split('.').map(Number);
      const at = ids.indexOf(e.deciding_id);
      if (at < 0 || at === ids.length - 1) {
        problems.push(`${e.title}: the deciding unit is not above the nominating unit`);
        continue;
      }
      const chain = ids.slice(at, -1).reverse();
      let state = 'draft';
      let position = 0;
      let published = false;
      let last = '';
      for (const step of stepsOf.get(e.id) ?? []) {
        const fail = (why: string) => problems.push(`${e.title}: ${step.action} at ${step.unit_id} ${why}`);
        if (step.acted < last) fail('out of order');
        if (step.acted > `${TODAY}T23:59:59`) fail('after the article');
        if (!step.signer_inside) fail('signed by an account out of scope');
        last = step.acted;
        switch (step.action) {
          case 'submit':
            if ((state !== 'draft' && state !== 'returned') || step.unit_id !== e.nominating_id) fail(`from ${state}`);
            state = 'pending';
            position = 0;
            break;
          case 'verify':
            if (state !== 'pending' || step.unit_id !== chain[position]) fail(`from ${state} at level ${position}`);
            position += 1;
            if (position === chain.length) state = 'approved';
            break;
          case 'return':
          case 'reject':
            if (state !== 'pending' || step.unit_id !== chain[position]) fail(`from ${state} at level ${position}`);
            state = step.action === 'return' ? 'returned' : 'rejected';
            break;
          case 'commend':
            if (state !== 'approved' || step.unit_id !== e.deciding_id) fail(`from ${state}`);
            if (e.decision_date === null || step.acted.slice(0, 10) < e.decision_date) fail('before the decision');
            state = 'commended';
            break;
          case 'publish':
            if ((state !== 'approved' && state !== 'commended') || !chain.includes(step.unit_id)) fail(`from ${state}`);
            published = true;
            break;
          case 'unpublish':
            published = false;
            break;
          default:
            fail('unknown');
        }
      }
      if (state !== e.state) problems.push(`${e.title}: steps end in ${state}, the exemplar is ${e.state}`);
      const expectedPending = state === 'pending' ? (chain[position] ?? null) : null;
      if (e.pending_unit_id !== expectedPending) problems.push(`${e.title}: pending at ${e.pending_unit_id}, the steps say ${expectedPending}`);
      if (published !== e.is_public) problems.push(`${e.title}: public ${e.is_public}, the steps say ${published}`);
      if (last !== '' && e.updated < last) problems.push(`${e.title}: updated before its last step`);
      if (!['cell', 'grassroots_cell', 'grassroots_committee'].includes(e.nominating_kind)) problems.push(`${e.title}: nominated by a ${e.nominating_kind}`);
      if (e.state === 'commended') {
        const form = e.deciding_kind === 'province_committee' ? 'bang_khen' : 'giay_khen';
        if (e.commendation_form !== form || !/^\d+-QĐ\/(TU|HU)$/u.test(e.decision_symbol ?? '')) problems.push(`${e.title}: commendation ${e.commendation_form} ${e.decision_symbol}`);
      }
      if (e.subject_kind === 'member' && e.member_inside !== true) problems.push(`${e.title}: the member is not in the nominating unit`);
      if (e.summary.length > 1000) problems.push(`${e.title}: summary too long`);
      const tags = [...e.story_html.matchAll(/<\/?([a-z0-9]+)[^>]*>/giu)].map((m) => m[1]!.toLowerCase());
      if (tags.some((t) => !['p', 'strong', 'ul', 'li'].includes(t)) || /<[a-z]+\s/iu.test(e.story_html)) problems.push(`${e.title}: unexpected HTML`);
    }
    expect(problems).toEqual([]);

    // Deciding units are district committees (Giấy khen) or the Tỉnh ủy (Bằng khen); every state, subject kind and year appears.
    expect(new Set(exemplars.rows.map((e) => e.deciding_kind))).toEqual(new Set(['province_committee', 'district_committee']));
    expect(new Set(exemplars.rows.map((e) => e.state))).toEqual(new Set(['draft', 'pending', 'returned', 'rejected', 'approved', 'commended']));
    expect(new Set(exemplars.rows.map((e) => e.subject_kind))).toEqual(new Set(['member', 'person', 'collective']));
    expect(exemplars.rows.filter((e) => e.year === 2011)).toHaveLength(DEMO_EXEMPLAR_COUNTS[2011]);
    expect(exemplars.rows.filter((e) => e.year === 2012)).toHaveLength(DEMO_EXEMPLAR_COUNTS[2012]);
    expect(new Set(exemplars.rows.map((e) => e.title)).size).toBe(exemplars.rows.length);
    const atReview = exemplars.rows.filter((e) => e.state === 'commended' && e.decision_date === '2012-05-19' && e.deciding_kind === 'province_committee');
    expect(atReview.length).toBeGreaterThanOrEqual(5);
    // Pending at the three levels: a commune, a district, the province.
    const levels = await sql<{ kind: string }>`
      SELECT DISTINCT u.kind FROM exemplar e JOIN unit u ON u.id = e.pending_unit_id ORDER BY u.kind`.execute(ctx.db);
    expect(levels.rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['district_committee', 'grassroots_committee', 'province_committee']));
    // Non-members are named in separate fields.
    const persons = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM exemplar WHERE subject_kind = 'person' AND (family_name IS NULL OR given_name IS NULL OR given_name LIKE '% % %')`.execute(ctx.db);
    expect(persons.rows[0]?.n).toBe(0);
  });

  it('leaves the browser journeys\' exemplars where they expect them, under Từ Sơn', async () => {
    const find = async (title: string) =>
      (
        await sql<{ state: string; nominating: string; pending: string | null; deciding: string }>`
          SELECT e.state, n.code AS nominating, p.code AS pending, d.code AS deciding
            FROM exemplar e JOIN unit n ON n.id = e.nominating_unit_id JOIN unit d ON d.id = e.deciding_unit_id LEFT JOIN unit p ON p.id = e.pending_unit_id
           WHERE e.title = ${title}`.execute(ctx.db)
      ).rows;
    expect(await find(DEMO_EXEMPLAR_PENDING_DISTRICT.title)).toEqual([
      { state: 'pending', nominating: DEMO_EXEMPLAR_PENDING_DISTRICT.nominatingUnitCode, pending: DEMO_EXEMPLAR_PENDING_DISTRICT.pendingUnitCode, deciding: 'BN.TXTS' },
    ]);
    expect(await find(DEMO_EXEMPLAR_PENDING_PROVINCE.title)).toEqual([
      { state: 'pending', nominating: DEMO_EXEMPLAR_PENDING_PROVINCE.nominatingUnitCode, pending: DEMO_EXEMPLAR_PENDING_PROVINCE.pendingUnitCode, deciding: 'BN' },
    ]);
    expect(await find(DEMO_EXEMPLAR_RETURNED.title)).toMatchObject([{ state: 'returned', nominating: DEMO_EXEMPLAR_RETURNED.nominatingUnitCode, pending: null }]);
    expect(await find(DEMO_EXEMPLAR_DRAFT.title)).toMatchObject([{ state: 'draft', nominating: DEMO_EXEMPLAR_DRAFT.nominatingUnitCode }]);
    expect(await find(DEMO_EXEMPLAR_APPROVED.title)).toMatchObject([{ state: 'approved', deciding: DEMO_EXEMPLAR_APPROVED.decidingUnitCode }]);
  });

  it('publishes only verified exemplars, with no personal data in the public stories', async () => {
    const rows = await sql<{
      title: string;
      state: string;
      published: string | null;
      summary: string;
      story_html: string;
      phone: string | null;
      id_number: string | null;
      card_number: string | null;
      birth_date: string | null;
    }>`
      SELECT e.title, e.state, ${local('e.published_at')} AS published, e.summary, e.story_html, m.phone, m.id_number, m.card_number, m.birth_date::text AS birth_date
        FROM exemplar e LEFT JOIN member m ON m.id = e.member_id WHERE e.is_public`.execute(ctx.db);
    expect(rows.rows).toHaveLength(DEMO_EXEMPLAR_COUNTS.public);
    for (const row of rows.rows) {
      expect(['approved', 'commended'], row.title).toContain(row.state);
      expect(row.published, row.title).not.toBeNull();
      expect(row.published! <= `${TODAY}T23:59:59`).toBe(true);
      const text = `${row.title} ${row.summary} ${row.story_html}`;
      for (const secret of [row.phone, row.id_number, row.card_number, row.birth_date]) if (secret) expect(text, row.title).not.toContain(secret);
      if (row.birth_date) expect(text).not.toContain(`${row.birth_date.slice(8, 10)}/${row.birth_date.slice(5, 7)}/${row.birth_date.slice(0, 4)}`);
      expect(text, row.title).not.toMatch(/\d{9,}|@|CMND|CCCD|số điện thoại|\b(19|20)\d{2}-\d{2}-\d{2}\b/u);
    }

    const story = await sql<{ state: string; nominating: string; symbol: string; decision_date: string; form: string; is_public: boolean; bithu: boolean }>`
      SELECT e.state, n.code AS nominating, e.decision_symbol AS symbol, e.decision_date, e.commendation_form AS form, e.is_public,
             e.member_id = (SELECT member_id FROM account WHERE username = 'bithu') AS bithu
        FROM exemplar e JOIN unit n ON n.id = e.nominating_unit_id WHERE e.title = ${DEMO_PUBLIC_STORY.title}`.execute(ctx.db);
    expect(story.rows).toEqual([
      {
        state: 'commended',
        nominating: DEMO_PUBLIC_STORY.nominatingUnitCode,
        symbol: DEMO_PUBLIC_STORY.decisionSymbol,
        decision_date: DEMO_PUBLIC_STORY.decisionDate,
        form: 'bang_khen',
        is_public: true,
        bithu: true,
      },
    ]);
    const name = await sql<{ name: string }>`SELECT name FROM unit WHERE code = ${DEMO_PUBLIC_STORY.nominatingUnitCode}`.execute(ctx.db);
    expect(name.rows[0]?.name).toBe(DEMO_PUBLIC_STORY.nominatingUnitName);
  });

  it('records less publicity in 2012 so far than in the same months of 2011, in the province\'s channels and the generic ones', async () => {
    const channels = await sql<{ name: string; kind: string; root: string | null }>`
      SELECT c.name, c.kind, u.code AS root FROM publicity_channel c LEFT JOIN unit u ON u.id = c.root_unit_id WHERE c.root_unit_id IS NOT NULL ORDER BY c.position`.execute(
      ctx.db,
    );
    expect(channels.rows).toEqual(DEMO_PROVINCE_CHANNELS.map((c) => ({ ...c, root: 'BN' })));

    const counts = await sql<{ h1_2011: number; y2011: number; h1_2012: number; after: number }>`
      SELECT count(*) FILTER (WHERE published_on BETWEEN DATE '2011-01-01' AND DATE '2011-06-19')::int AS h1_2011,
             count(*) FILTER (WHERE published_on BETWEEN DATE '2011-01-01' AND DATE '2011-06-30')::int AS h1_full_2011,
             count(*) FILTER (WHERE extract(year FROM published_on) = 2011)::int AS y2011,
             count(*) FILTER (WHERE published_on BETWEEN DATE '2012-01-01' AND DATE '2012-06-19')::int AS h1_2012,
             count(*) FILTER (WHERE published_on > DATE '2012-06-19')::int AS after
        FROM publicity_entry`.execute(ctx.db);
    const row = counts.rows[0]!;
    expect(row).toMatchObject({ h1_2011: DEMO_PUBLICITY_COUNTS.firstHalf2011, y2011: DEMO_PUBLICITY_COUNTS.year2011, h1_2012: DEMO_PUBLICITY_COUNTS.firstHalf2012, after: 0 });
    expect(row.h1_2012).toBeLessThan(row.h1_2011);
    expect(row.h1_2012 / row.h1_2011).toBeLessThanOrEqual(0.6);

    // Every entry is on a verified exemplar, after it was verified; the public page carries exactly the public ones.
    const entries = await sql<{ channel: string; kind: string; root: string | null; published_on: string; url: string | null; state: string; verified: string | null; is_public: boolean; published: string | null }>`
      SELECT c.name AS channel, c.kind, u.code AS root, p.published_on, p.url, e.state, e.is_public, ${local('e.published_at')} AS published,
             (SELECT to_char(max(s.acted_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') FROM exemplar_step s WHERE s.exemplar_id = e.id AND s.action = 'verify') AS verified
        FROM publicity_entry p JOIN publicity_channel c ON c.id = p.channel_id LEFT JOIN unit u ON u.id = c.root_unit_id JOIN exemplar e ON e.id = p.exemplar_id`.execute(ctx.db);
    for (const entry of entries.rows) {
      expect(['approved', 'commended']).toContain(entry.state);
      expect(entry.verified).not.toBeNull();
      expect(entry.published_on > entry.verified!).toBe(true);
      if (entry.url !== null) expect(entry.url).toMatch(/^https:\/\//u);
      if (entry.root !== null) expect(entry.root).toBe('BN');
      if (entry.kind === 'public_page') expect(entry).toMatchObject({ is_public: true, published_on: entry.published?.slice(0, 10) });
    }
    const used = new Set(entries.rows.map((e) => e.channel));
    expect([...used].sort()).toEqual(
      ['Báo Bắc Ninh', 'Đài Phát thanh - Truyền hình Bắc Ninh', 'Bản tin nội bộ', 'Thông tin sinh hoạt chi bộ hằng tháng', 'Trang công khai Lamtheo'].sort(),
    );
    expect(entries.rows.filter((e) => e.kind === 'public_page')).toHaveLength(DEMO_EXEMPLAR_COUNTS.public);
    const newspaper = entries.rows.filter((e) => e.channel === 'Báo Bắc Ninh');
    expect(newspaper.every((e) => e.url?.startsWith('https://baobacninh.com.vn/'))).toBe(true);
  });
});
