import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, loadDemo } from '../../src/server/demo/generate';
import {
  DEMO_NO_ISSUE_CODES,
  DEMO_NO_PILOTS_CODE,
  DEMO_PILOTS_SHORT,
  DEMO_STANDARD_LONG_DRAFT_CODE,
  DEMO_STANDARD_MISSING,
  DEMO_STANDARD_MISSING_CODE,
  DEMO_STANDARD_REVISED_CODE,
  DEMO_STANDARD_SUBMITTED_CODE,
  buildStandardsDemo,
} from '../../src/server/demo/standards';
import { CRITERIA_COUNT, DEFAULT_YEAR_RULE, PILOT_COMMITTEE_KINDS, lengthWarnings, milestonesProblem } from '../../src/shared/domain/standards';
import { SECTORS } from '../../src/shared/domain/units';
import { type TestContext, setupApp } from '../helpers/app';

const DEMO_PASSWORD = 'BacNinh@2012';
const PRIORITY = SECTORS.filter((s) => s.priority).map((s) => s.code);

describe('the demo standards, pilots and pressing issues, loaded into PostgreSQL', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await setupApp();
    await loadDemo(ctx.db, DEMO_PASSWORD);
  }, 120_000);

  // Load time is measured by `lamtheo demo` and the benchmarks, not asserted here.
  it('is the same on every build', () => {
    const province = buildDemo();
    expect(buildStandardsDemo(province)).toEqual(buildStandardsDemo(province));
  });

  it('has the 2012 rule of the Tỉnh ủy: 2 comprehensive, 3 by field, 1 pressing issue', async () => {
    const rules = await sql<{ code: string; year: number; comprehensive_pilots: number; field_pilots: number; pressing_issues: number }>`
      SELECT u.code, r.year, r.comprehensive_pilots, r.field_pilots, r.pressing_issues
        FROM campaign_year_rule r JOIN unit u ON u.id = r.unit_id`.execute(ctx.db);
    expect(rules.rows).toEqual([{ code: 'BN', year: 2012, comprehensive_pilots: 2, field_pilots: 3, pressing_issues: 1 }]);
  });

  it('gives the Tỉnh ủy and every district-level and affiliated committee an issued moral standard with 5–10 grouped criteria', async () => {
    const rows = await sql<{ code: string; kind: string; symbol: string | null; issued_on: string | null; criteria: number; groups: number }>`
      SELECT u.code, u.kind, v.document_symbol AS symbol, v.issued_on::text AS issued_on,
             (SELECT count(*) FROM standard_criterion c WHERE c.version_id = v.id)::int AS criteria,
             (SELECT count(*) FROM standard_criterion c WHERE c.version_id = v.id AND c.group_label IS NULL)::int AS groups
        FROM unit u
        LEFT JOIN conduct_standard s ON s.unit_id = u.id AND s.kind = 'moral'
        LEFT JOIN standard_version v ON v.standard_id = s.id AND v.state = 'issued'
       WHERE u.kind IN ('province_committee', 'district_committee', 'affiliated_committee')
       ORDER BY u.id`.execute(ctx.db);
    expect(rows.rows).toHaveLength(13);
    for (const row of rows.rows) {
      expect(row.issued_on, row.code).not.toBeNull();
      expect(row.issued_on! >= '2011-11-01' && row.issued_on! <= '2012-04-30', row.code).toBe(true);
      expect(row.criteria, row.code).toBeGreaterThanOrEqual(5);
      expect(row.criteria, row.code).toBeLessThanOrEqual(10);
      expect(row.groups, row.code).toBe(0);
    }
    const symbols = Object.fromEntries(rows.rows.map((r) => [r.code, r.symbol]));
    expect(symbols.BN).toMatch(/^\d{2}-QĐ\/TU$/u);
    expect(symbols['BN.YP']).toMatch(/^\d{2}-QĐ\/HU$/u);
    expect(symbols['BN.TPBN']).toMatch(/^\d{2}-QĐ\/TU$/u);
    expect(symbols['BN.KCQ']).toMatch(/^\d{2}-QĐ\/ĐU$/u);
  });

  it('keeps at most one open and one issued version per standard; every issued or superseded version has a symbol and a date', async () => {
    const bad = await sql<{ standard_id: number }>`
      SELECT standard_id FROM standard_version GROUP BY standard_id
      HAVING count(*) FILTER (WHERE state IN ('draft', 'submitted', 'approved')) > 1 OR count(*) FILTER (WHERE state = 'issued') > 1`.execute(ctx.db);
    expect(bad.rows).toEqual([]);
    const unsigned = await sql<{ id: number }>`
      SELECT id FROM standard_version
       WHERE state IN ('issued', 'superseded') AND (document_symbol IS NULL OR issued_on IS NULL OR issued_on > DATE '2012-06-19')`.execute(ctx.db);
    expect(unsigned.rows).toEqual([]);
    const numbering = await sql<{ standard_id: number }>`
      SELECT standard_id FROM standard_version GROUP BY standard_id HAVING min(version_no) <> 1 OR max(version_no) <> count(*)`.execute(ctx.db);
    expect(numbering.rows).toEqual([]);
  });

  it('shows the workflow under Từ Sơn: a revision, a submitted standard and a long draft with warnings', async () => {
    const versionsOf = async (code: string) =>
      (
        await sql<{ kind: string; version_no: number; state: string; symbol: string | null; issued_on: string | null; superseded_on: string | null; id: number }>`
          SELECT s.kind, v.id, v.version_no, v.state, v.document_symbol AS symbol, v.issued_on::text AS issued_on, v.superseded_on::text AS superseded_on
            FROM standard_version v JOIN conduct_standard s ON s.id = v.standard_id JOIN unit u ON u.id = s.unit_id
           WHERE u.code = ${code} ORDER BY s.kind, v.version_no`.execute(ctx.db)
      ).rows;
    const revised = (await versionsOf(DEMO_STANDARD_REVISED_CODE)).filter((v) => v.kind === 'moral');
    expect(revised).toMatchObject([
      { version_no: 1, state: 'superseded', symbol: '09-QĐ/TU', superseded_on: '2012-04-16' },
      { version_no: 2, state: 'issued', symbol: '16-QĐ/TU', issued_on: '2012-04-16', superseded_on: null },
    ]);
    expect((await versionsOf(DEMO_STANDARD_SUBMITTED_CODE)).filter((v) => v.kind === 'professional')).toMatchObject([{ version_no: 1, state: 'submitted', symbol: null }]);
    const [draft] = (await versionsOf(DEMO_STANDARD_LONG_DRAFT_CODE)).filter((v) => v.kind === 'professional');
    expect(draft).toMatchObject({ state: 'draft' });
    const criteria = await ctx.db.selectFrom('standard_criterion').select('text').where('version_id', '=', draft!.id).orderBy('number').execute();
    expect(criteria.length).toBeGreaterThan(CRITERIA_COUNT);
    expect(lengthWarnings(criteria).length).toBeGreaterThanOrEqual(3);
    // The issued ones are short: no warnings.
    const issued = await sql<{ id: number; texts: string[] }>`
      SELECT v.id, array_agg(c.text ORDER BY c.number) AS texts FROM standard_version v JOIN standard_criterion c ON c.version_id = v.id
       WHERE v.state = 'issued' GROUP BY v.id`.execute(ctx.db);
    expect(issued.rows.filter((v) => lengthWarnings(v.texts.map((text) => ({ text }))).length > 0)).toEqual([]);
  });

  it('leaves several priority-sector units without a professional standard, one of them the tax cell of Từ Sơn', async () => {
    const missing = await sql<{ code: string; name: string; sector: string; under_tu_son: boolean }>`
      SELECT u.code, u.name, u.sector, u.path <@ (SELECT path FROM unit WHERE code = 'BN.TXTS') AS under_tu_son
        FROM unit u
       WHERE u.sector = ANY (${PRIORITY}::text[]) AND u.kind IN ('grassroots_committee', 'grassroots_cell')
         AND NOT EXISTS (SELECT 1 FROM conduct_standard s JOIN standard_version v ON v.standard_id = s.id
                          WHERE s.unit_id = u.id AND s.kind = 'professional' AND v.state = 'issued')`.execute(ctx.db);
    expect(missing.rows.length).toBeGreaterThanOrEqual(5);
    const unit = missing.rows.find((r) => r.code === DEMO_STANDARD_MISSING_CODE);
    expect(unit).toMatchObject({ name: DEMO_STANDARD_MISSING, sector: 'tax', under_tu_son: true });
    const anything = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM conduct_standard s JOIN unit u ON u.id = s.unit_id WHERE u.code = ${DEMO_STANDARD_MISSING_CODE} AND s.kind = 'professional'`.execute(ctx.db);
    expect(anything.rows[0]?.n).toBe(0);
    // The demo district officer reaches it: it lies in the scope of the account `tuson`.
    const scope = await sql<{ ok: boolean }>`
      SELECT u.path <@ s.path AS ok FROM account a JOIN unit s ON s.id = a.scope_unit_id, unit u
       WHERE a.username = 'tuson' AND u.code = ${DEMO_STANDARD_MISSING_CODE}`.execute(ctx.db);
    expect(scope.rows).toEqual([{ ok: true }]);
    // Most priority-sector grassroots units have one.
    const covered = await sql<{ units: number; with_professional: number }>`
      SELECT count(*)::int AS units,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM conduct_standard s JOIN standard_version v ON v.standard_id = s.id
                                             WHERE s.unit_id = u.id AND s.kind = 'professional' AND v.state = 'issued'))::int AS with_professional
        FROM unit u WHERE u.sector = ANY (${PRIORITY}::text[]) AND u.kind IN ('grassroots_committee', 'grassroots_cell')`.execute(ctx.db);
    const row = covered.rows[0]!;
    expect(row.with_professional / row.units).toBeGreaterThan(0.7);
    expect(row.with_professional).toBeLessThan(row.units);
  });

  it('gives every district-level and affiliated committee but Từ Sơn pilots inside its own subtree, within the quota', async () => {
    const committees = await sql<{ id: number; code: string; comprehensive: number; field: number }>`
      SELECT u.id, u.code,
             count(p.id) FILTER (WHERE p.kind = 'comprehensive')::int AS comprehensive,
             count(p.id) FILTER (WHERE p.kind = 'field')::int AS field
        FROM unit u LEFT JOIN pilot p ON p.committee_unit_id = u.id AND p.year = 2012
       WHERE u.kind = ANY (${[...PILOT_COMMITTEE_KINDS]}::text[])
       GROUP BY u.id, u.code ORDER BY u.id`.execute(ctx.db);
    expect(committees.rows).toHaveLength(12);
    for (const row of committees.rows) {
      if (row.code === DEMO_NO_PILOTS_CODE) {
        expect(row.comprehensive + row.field).toBe(0);
        continue;
      }
      const expected = DEMO_PILOTS_SHORT[row.code] ?? { comprehensive: DEFAULT_YEAR_RULE.comprehensivePilots, field: DEFAULT_YEAR_RULE.fieldPilots };
      expect({ code: row.code, comprehensive: row.comprehensive, field: row.field }).toEqual({ code: row.code, ...expected });
      expect(row.comprehensive).toBeLessThanOrEqual(DEFAULT_YEAR_RULE.comprehensivePilots);
      expect(row.field).toBeLessThanOrEqual(DEFAULT_YEAR_RULE.fieldPilots);
    }
    const outside = await sql<{ id: number }>`
      SELECT p.id FROM pilot p JOIN unit c ON c.id = p.committee_unit_id JOIN unit t ON t.id = p.target_unit_id
       WHERE NOT (t.path <@ c.path) OR t.id = c.id OR NOT t.is_grassroots`.execute(ctx.db);
    expect(outside.rows).toEqual([]);
    const fields = await sql<{ committee_unit_id: number }>`
      SELECT committee_unit_id FROM pilot WHERE kind = 'field' GROUP BY committee_unit_id HAVING count(DISTINCT field) <> count(*)`.execute(ctx.db);
    expect(fields.rows).toEqual([]);
  });

  it('dates the pilots and their notes before 19/06/2012; one pilot was completed early with its lessons', async () => {
    const late = await sql<{ id: number }>`
      SELECT p.id FROM pilot p LEFT JOIN pilot_note n ON n.pilot_id = p.id
       WHERE n.noted_on NOT BETWEEN DATE '2012-01-01' AND DATE '2012-06-19' OR p.created_at > n.noted_on + 1
          OR p.completed_on > DATE '2012-06-19'`.execute(ctx.db);
    expect(late.rows).toEqual([]);
    const completed = await sql<{ code: string; result: string; lessons: string | null; completed_on: string }>`
      SELECT u.code, p.result, p.lessons, p.completed_on::text AS completed_on FROM pilot p JOIN unit u ON u.id = p.committee_unit_id
       WHERE p.state = 'completed'`.execute(ctx.db);
    expect(completed.rows).toHaveLength(1);
    expect(completed.rows[0]).toMatchObject({ code: 'BN.YP', completed_on: '2012-05-28' });
    expect(completed.rows[0]?.lessons).toBeTruthy();
    const notes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pilot_note`.execute(ctx.db);
    expect(notes.rows[0]?.n).toBeGreaterThan(20);
  });

  it('names at most one pressing issue per committee, with milestones in date order within 2012', async () => {
    const issues = await sql<{ code: string; n: number }>`
      SELECT u.code, count(i.id)::int AS n FROM unit u LEFT JOIN pressing_issue i ON i.committee_unit_id = u.id AND i.year = 2012
       WHERE u.kind = ANY (${[...PILOT_COMMITTEE_KINDS]}::text[]) GROUP BY u.code ORDER BY u.code`.execute(ctx.db);
    for (const row of issues.rows) expect(row.n, row.code).toBe(DEMO_NO_ISSUE_CODES.includes(row.code) ? 0 : 1);
    const other = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pressing_issue i JOIN unit u ON u.id = i.committee_unit_id WHERE u.kind <> ALL (${[...PILOT_COMMITTEE_KINDS]}::text[])`.execute(
      ctx.db,
    );
    expect(other.rows[0]?.n).toBe(0);

    const milestones = await sql<{ issue_id: number; status: string; due_on: string; weight: string; progress: number; done_on: string | null }>`
      SELECT m.issue_id, i.status, m.due_on::text AS due_on, m.weight::text AS weight, m.progress, m.done_on::text AS done_on
        FROM pressing_issue_milestone m JOIN pressing_issue i ON i.id = m.issue_id ORDER BY m.issue_id, m.number`.execute(ctx.db);
    const byIssue = new Map<number, typeof milestones.rows>();
    for (const m of milestones.rows) byIssue.set(m.issue_id, [...(byIssue.get(m.issue_id) ?? []), m]);
    expect(byIssue.size).toBe(issues.rows.length - DEMO_NO_ISSUE_CODES.length);
    const statuses = new Set<string>();
    for (const list of byIssue.values()) {
      expect(list.length).toBeGreaterThanOrEqual(3);
      expect(list.length).toBeLessThanOrEqual(5);
      expect(milestonesProblem(list.map((m) => ({ dueOn: m.due_on, weight: Number(m.weight) })), 2012)).toBeNull();
      for (const m of list) {
        if (m.done_on) expect(m.progress).toBe(100);
        if (m.due_on > '2012-06-19') expect(m.progress).toBeLessThan(100);
        expect(m.done_on === null || m.done_on <= '2012-06-19').toBe(true);
      }
      // Earlier ones done (or, at risk, one behind), later ones pending.
      expect(list.some((m) => m.progress === 100)).toBe(true);
      expect(list.some((m) => m.progress < 100)).toBe(true);
      statuses.add(list[0]!.status);
    }
    expect([...statuses].sort()).toEqual(['at_risk', 'on_track']);
  });
});
