import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { HELPER_UNIT_KINDS } from '../../src/shared/domain/direction';
import { SECTORS, UNIT_KINDS } from '../../src/shared/domain/units';
import type { Db } from '../../src/server/db/connect';
import { settableClock } from '../../src/server/http/clock';
import { type Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createDocument, createTree, createUnit } from '../helpers/factories';

/**
 * The dashboard's unit figures (migration 0015): unit_figure_key and unit_figure_rollup, kept by triggers
 * on unit, helper_unit, conduct_standard and standard_version, must equal what recompute_unit_figures()
 * rebuilds from the base tables after every kind of write: units created, renamed into another sector,
 * moved with their subtree, closed and deleted; helper units set up, given a regulation and removed;
 * standards drafted, issued and revised through the API, versions deleted through SQL.
 */

const clock = settableClock();
let ctx: TestContext;
let tree: TestTree;
let province: Client;
let provinceOther: Client;

class Rollback extends Error {}

/** Both tables as sorted text rows (zero-count summary rows left out: readers ignore them). */
async function snapshot(db: Db): Promise<{ keys: string[]; rollup: string[] }> {
  const keys = await sql<{ row: string }>`SELECT k::text AS row FROM unit_figure_key k ORDER BY k.unit_id`.execute(db);
  const rollup = await sql<{ row: string }>`
    SELECT (r.unit_id, r.priority_sector, r.issues_standards, r.helper_kind, r.valid_to, r.established_on, r.has_regulation, r.moral_on,
            r.professional_on, r.n)::text AS row
      FROM unit_figure_rollup r WHERE r.n <> 0 ORDER BY 1`.execute(db);
  return { keys: keys.rows.map((r) => r.row), rollup: rollup.rows.map((r) => r.row) };
}

/** The summary kept by the triggers, and what a recompute gives in the same state (rolled back). */
async function keptAndRecomputed(): Promise<{ kept: Awaited<ReturnType<typeof snapshot>>; recomputed: Awaited<ReturnType<typeof snapshot>> }> {
  const kept = await snapshot(ctx.db);
  let recomputed = kept;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      await sql`SELECT recompute_unit_figures()`.execute(trx);
      recomputed = await snapshot(trx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return { kept, recomputed };
}

let previous: Awaited<ReturnType<typeof snapshot>> | null = null;

/** Summary == recompute, and the step changed something (so it exercised a trigger). */
async function expectAgreement(step: string, changes = true): Promise<void> {
  const { kept, recomputed } = await keptAndRecomputed();
  expect(kept, step).toEqual(recomputed);
  if (changes && previous) expect(kept, `${step} changed nothing`).not.toEqual(previous);
  previous = kept;
}

const criteria = [
  { group: 'Với nhân dân', text: 'Gần dân, trọng dân, vì dân' },
  { group: 'Với công việc', text: 'Làm đúng, làm đủ, không gây phiền hà' },
];

/** A standard drafted, submitted, approved (by another officer) and issued through the API. */
async function issueStandard(unit: TestUnit, kind: 'moral' | 'professional', issuedOn: string, symbol: string): Promise<number> {
  const draft = await province.post('/api/standards', { unitId: unit.id, kind, title: `Chuẩn mực ${kind === 'moral' ? 'đạo đức' : 'nghề nghiệp'} ${unit.name}`, criteria });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const submitted = await province.post(`/api/standard-versions/${draft.body.id}/submit`, { version: draft.body.version });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  const approved = await provinceOther.post(`/api/standard-versions/${draft.body.id}/approve`, { version: submitted.body.version });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const issued = await province.post(`/api/standard-versions/${draft.body.id}/issue`, { version: approved.body.version, documentSymbol: symbol, issuedOn });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return draft.body.id as number;
}

async function createThroughApi(parent: TestUnit, kind: string, name: string, sector: string | null): Promise<TestUnit & { version: number }> {
  const response = await province.post('/api/units', { parentId: parent.id, name, kind, validFrom: '2011-01-01', ...(sector ? { sector } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const row = await ctx.db.selectFrom('unit').select(['id', sql<string>`path::text`.as('path'), 'name', 'kind', 'code', 'version']).where('id', '=', response.body.id).executeTakeFirstOrThrow();
  return { ...row, id: Number(row.id), kind: row.kind as TestUnit['kind'] };
}

const prioritySectorOf = async (unitId: number) =>
  (await sql<{ priority_sector: string | null }>`SELECT priority_sector FROM unit_figure_key WHERE unit_id = ${unitId}`.execute(ctx.db)).rows[0]?.priority_sector;

const versionOf = async (id: number) => (await ctx.db.selectFrom('unit').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

beforeAll(async () => {
  clock.set('2012-06-19');
  ctx = await setupApp({ clock });
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  provinceOther = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
});

describe('the unit-figure summary', () => {
  it('knows the same priority sectors and helper-unit kinds as the code', async () => {
    const rows = await sql<{ sectors: string[]; kinds: string[] }>`
      SELECT (SELECT coalesce(array_agg(s ORDER BY o), '{}') FROM unnest(${SECTORS.map((s) => s.code)}::text[]) WITH ORDINALITY AS x(s, o) WHERE is_priority_sector(s)) AS sectors,
             (SELECT coalesce(array_agg(k ORDER BY o), '{}') FROM unnest(${[...UNIT_KINDS]}::text[]) WITH ORDINALITY AS x(k, o) WHERE is_helper_unit_kind(k)) AS kinds`.execute(ctx.db);
    expect(rows.rows[0]?.sectors).toEqual(SECTORS.filter((s) => s.priority).map((s) => s.code));
    expect(rows.rows[0]?.kinds).toEqual([...HELPER_UNIT_KINDS]);
  });

  it('equals a recompute after units, helper units and standards are written through the API and SQL', async () => {
    await expectAgreement('the tree of the factories');

    // Units through the API: a hospital committee (health) with a health cell and a tax cell, an
    // education grassroots cell; a village cell (not counted: a cell of no priority sector).
    const hospital = await createThroughApi(tree.tuSon, 'grassroots_committee', 'Đảng bộ Bệnh viện Đa khoa Từ Sơn', 'health');
    const ward = await createThroughApi(hospital, 'cell', 'Chi bộ Khoa Nội', 'health');
    const taxCell = await createThroughApi(hospital, 'cell', 'Chi bộ Tài vụ', 'tax');
    const school = await createThroughApi(tree.queVo, 'grassroots_cell', 'Chi bộ Trường THPT Quế Võ số 2', 'education');
    await createThroughApi(tree.phuongLieu, 'cell', 'Chi bộ thôn Liễu Thượng', 'village');
    await expectAgreement('units created');
    // The ward counts with its hospital (same sector), not as a priority-sector unit of its own.
    expect(await prioritySectorOf(ward.id)).toBeNull();

    // Helper units: Từ Sơn's set up through the API, then given a regulation; Quế Võ's through SQL, then removed.
    const created = await province.post('/api/helper-units', { unitId: tree.tuSon.id, name: 'Bộ phận giúp việc Thị ủy Từ Sơn', establishedOn: '2012-02-01' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await expectAgreement('helper unit set up');
    const regulation = await createDocument(ctx.db, tree.tuSon, { docType: 'rules', typeSymbol: 'QC', issuedOn: '2012-01-20' });
    const patched = await province.patch(`/api/helper-units/${created.body.id}`, { version: created.body.version, regulationDocumentId: regulation.id });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await expectAgreement('regulation added');
    await ctx.db.insertInto('helper_unit').values({ unit_id: tree.queVo.id, name: 'Bộ phận giúp việc Huyện ủy Quế Võ', established_on: '2011-11-11' }).execute();
    await ctx.db.insertInto('helper_unit').values({ unit_id: tree.province.id, name: 'Bộ phận giúp việc Tỉnh ủy', established_on: '2011-09-20' }).execute();
    await ctx.db.updateTable('helper_unit').set({ established_on: '2011-12-01' }).where('unit_id', '=', tree.queVo.id).execute();
    await expectAgreement('helper units written through SQL');
    await ctx.db.deleteFrom('helper_unit').where('unit_id', '=', tree.queVo.id).execute();
    await expectAgreement('helper unit removed');

    // Standards through the API: the hospital's moral and professional ones, the tax cell's professional
    // one, Đình Bảng's moral one; then a revision of the hospital's professional standard.
    await issueStandard(hospital, 'moral', '2012-03-01', '01-QĐ/ĐU');
    await issueStandard(hospital, 'professional', '2012-04-01', '02-QĐ/ĐU');
    await issueStandard(taxCell, 'professional', '2012-05-01', '03-QĐ/CB');
    const dinhBangMoral = await issueStandard(tree.dinhBang, 'moral', '2012-02-15', '04-QĐ/ĐU');
    await expectAgreement('standards issued');
    await issueStandard(hospital, 'professional', '2012-06-01', '05-QĐ/ĐU');
    // Superseding keeps the first day a version was issued: nothing changes.
    await expectAgreement('standard revised', false);
    // An issued version removed through SQL leaves Đình Bảng without a moral standard.
    await ctx.db.deleteFrom('standard_version').where('id', '=', dinhBangMoral).execute();
    await expectAgreement('standard version deleted');

    // A sector change of the hospital: its health ward now counts on its own; the school joins health.
    const renamed = await province.patch(`/api/units/${hospital.id}`, { version: await versionOf(hospital.id), sector: 'finance' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await expectAgreement('sector of the hospital changed');
    expect(await prioritySectorOf(ward.id)).toBe('health');
    // A cell leaving the priority sectors leaves the counted units.
    const leaving = await province.patch(`/api/units/${taxCell.id}`, { version: await versionOf(taxCell.id), sector: 'other' });
    expect(leaving.status, JSON.stringify(leaving.body)).toBe(200);
    await expectAgreement('tax cell left the priority sectors');

    // The hospital's subtree moves from Từ Sơn to Quế Võ.
    const moved = await province.post(`/api/units/${hospital.id}/move`, { version: await versionOf(hospital.id), newParentId: tree.queVo.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await expectAgreement('subtree moved');
    // The hospital's own row holds its subtree's counted units: itself and its ward (the tax cell left).
    const hospitalRows = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM unit_figure_rollup WHERE unit_id = ${hospital.id}`.execute(ctx.db);
    expect(hospitalRows.rows[0]?.n).toBe(2);
    const underTuSon = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM unit_figure_rollup WHERE unit_id = ${tree.tuSon.id}`.execute(ctx.db);
    expect(underTuSon.rows[0]?.n).toBe(2); // Từ Sơn and Đình Bảng

    // Closing: the ward (no members, no children), then the hospital (its children closed first).
    const closeWard = await province.post(`/api/units/${ward.id}/close`, { version: await versionOf(ward.id), closedOn: '2012-06-30' });
    expect(closeWard.status, JSON.stringify(closeWard.body)).toBe(200);
    await expectAgreement('cell closed');
    const closeTax = await province.post(`/api/units/${taxCell.id}/close`, { version: await versionOf(taxCell.id), closedOn: '2012-06-30' });
    expect(closeTax.status, JSON.stringify(closeTax.body)).toBe(200);
    await expectAgreement('uncounted cell closed', false);
    const closeHospital = await province.post(`/api/units/${hospital.id}/close`, { version: await versionOf(hospital.id), closedOn: '2012-07-15' });
    expect(closeHospital.status, JSON.stringify(closeHospital.body)).toBe(200);
    await expectAgreement('committee closed');

    // SQL writes: the school's sector cleared, a kind changed, a unit deleted, a subtree moved by hand
    // (paths first, then the parent, as the units repository does).
    await ctx.db.updateTable('unit').set({ sector: null }).where('id', '=', school.id).execute();
    await expectAgreement('sector cleared through SQL');
    const spare = await createUnit(ctx.db, tree.dinhBang, 'sub_committee', 'Đảng bộ bộ phận khu Đình');
    const spareCell = await createUnit(ctx.db, spare, 'cell', 'Chi bộ khu Đình 3');
    await ctx.db.updateTable('unit').set({ sector: 'police' }).where('id', '=', spareCell.id).execute();
    await expectAgreement('units created through SQL');
    await ctx.db.updateTable('unit').set({ kind: 'affiliated_committee' }).where('id', '=', spare.id).execute();
    await expectAgreement('kind changed (now a committee that must set up a helper unit)');
    await sql`UPDATE unit SET path = ${tree.phuongLieu.path}::ltree || subpath(path, nlevel(${spare.path}::ltree) - 1) WHERE path <@ ${spare.path}::ltree`.execute(ctx.db);
    await sql`UPDATE unit SET parent_id = ${tree.phuongLieu.id} WHERE id = ${spare.id}`.execute(ctx.db);
    await expectAgreement('subtree moved through SQL');
    await ctx.db.deleteFrom('unit').where('id', '=', spareCell.id).execute();
    await expectAgreement('cell deleted');
  });

  it('tells a summary the triggers did not keep from a recompute', async () => {
    // The proof above would catch a broken trigger: with the unit triggers off, a move leaves the summary wrong.
    const cell = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ Công an phường');
    await ctx.db.updateTable('unit').set({ sector: 'police' }).where('id', '=', cell.id).execute();
    await expectAgreement('police cell created');
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        await sql`ALTER TABLE unit DISABLE TRIGGER unit_figures_update`.execute(trx);
        await sql`UPDATE unit SET path = ${tree.phuongLieu.path}::ltree || ${String(cell.id)}::ltree, parent_id = ${tree.phuongLieu.id} WHERE id = ${cell.id}`.execute(trx);
        const kept = await snapshot(trx);
        await sql`SELECT recompute_unit_figures()`.execute(trx);
        expect(kept).not.toEqual(await snapshot(trx));
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    await expectAgreement('rolled back', false);
  });
});
