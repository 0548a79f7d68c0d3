import { beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_SHEET_COLUMNS, XLSX_MIME } from '../../src/shared/domain/member-sheet';
import { memberImportSchema } from '../../src/shared/schemas/members';
import { type Client, type TestContext, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createTree, createUnit } from '../helpers/factories';
import { type SheetCell, memberWorkbook, readWorkbook, settled, upload } from '../helpers/xlsx';

let ctx: TestContext;
let tree: TestTree;
let district: Client;

const row = (extra: Record<string, SheetCell> = {}): Record<string, SheetCell> => ({
  unitCode: tree.cellA.code,
  familyName: 'Nguyễn',
  middleName: 'Văn',
  givenName: 'Nhập',
  birthDate: '19/05/1970',
  gender: 'Nam',
  ethnicity: 'Kinh',
  status: 'Chính thức',
  joinedOn: '03/02/1995',
  officialOn: '03/02/1996',
  ...extra,
});

const memberCount = async () => Number((await ctx.db.selectFrom('member').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
});

describe('import template', () => {
  it('has the Vietnamese headers, an example row and a guide', async () => {
    const response = await district.get('/api/member-imports/template');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_MIME);
    const rows = await readWorkbook(response.raw);
    expect(rows[0]).toEqual(MEMBER_SHEET_COLUMNS.map((c) => c.header));
  });
});

describe('import from Excel', () => {
  it('previews every row with its errors and writes nothing while one row is bad; then imports all in one go', async () => {
    const before = await memberCount();
    const rows = [
      row({ givenName: 'Một', cardNumber: '27.5001', idNumber: '027070001234' }),
      row({ givenName: '', birthDate: 'mười chín', unitCode: 'KHONG.CO', cardNumber: '27.5001', idNumber: '027080001234' }),
      {},
      row({ givenName: 'Ba', familyName: 'Đặng'.normalize('NFD'), middleName: 'Thị'.normalize('NFD'), gender: 'Nữ', isKeyLeader: 'x' }),
    ];
    const started = await upload(district, tree.tuSon.id, await memberWorkbook(rows));
    expect(started.status).toBe(202);
    const job = memberImportSchema.parse(await settled(district, started.body.id));
    expect(job).toMatchObject({ status: 'invalid', totalRows: 3, errorCount: 1 });
    const errors = (await district.get(`/api/member-imports/${job.id}/rows?onlyErrors=true`)).body;
    expect(errors.total).toBe(1);
    expect(errors.items[0].row).toBe(3);
    expect(errors.items[0].errors).toEqual(
      expect.arrayContaining([
        'Thiếu Tên.',
        'Ngày sinh: "mười chín" không phải ngày dạng dd/mm/yyyy.',
        'Mã chi bộ "KHONG.CO" không có trong đơn vị đang nhập.',
        'Số thẻ 27.5001 trùng với dòng 2.',
      ]),
    );
    expect(errors.items[0].errors.some((e: string) => /CCCD không khớp năm sinh/u.test(e))).toBe(false);
    const refused = await district.post(`/api/member-imports/${job.id}/commit`);
    expect(refused.status).toBe(400);
    expect(await memberCount()).toBe(before);

    const fixed = await upload(district, tree.tuSon.id, await memberWorkbook([rows[0] ?? {}, row({ givenName: 'Hai', cardNumber: '27.5002' }), rows[3] ?? {}]));
    const valid = await settled(district, fixed.body.id);
    expect(valid).toMatchObject({ status: 'valid', totalRows: 3, errorCount: 0 });
    const committed = await district.post(`/api/member-imports/${valid.id}/commit`);
    expect(committed.status).toBe(202);
    const again = await district.post(`/api/member-imports/${valid.id}/commit`);
    expect(again.status).toBe(409);
    const done = await settled(district, valid.id);
    expect(done).toMatchObject({ status: 'done', processedRows: 3 });
    expect(await memberCount()).toBe(before + 3);
    const found = (await district.get(`/api/members?unitId=${tree.cellA.id}&q=dang%20thi%20ba`)).body.items;
    expect(found).toHaveLength(1);
    expect(found[0].familyName).toBe('Đặng');
    expect(found[0].isKeyLeader).toBe(true);
    const timeline = (await district.get(`/api/members/${found[0].id}/timeline`)).body;
    expect(timeline[0]).toMatchObject({ action: 'member.import', label: 'Nhập từ Excel' });
  });

  it('refuses files that are not a usable member sheet, with a clear message', async () => {
    const before = await memberCount();
    const pdf = await upload(district, tree.tuSon.id, Buffer.from('%PDF-1.4 giả làm Excel'), 'danh-sach.xlsx');
    expect(pdf.status).toBe(400);
    expect(pdf.body.message).toMatch(/không phải bảng tính Excel/u);
    const huge = await upload(district, tree.tuSon.id, Buffer.alloc(25 * 1024 * 1024, 1));
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/20 MB/u);
    const merged = await settled(district, (await upload(district, tree.tuSon.id, await memberWorkbook([row(), row()], { merge: 'B2:B3' }))).body.id);
    expect(merged).toMatchObject({ status: 'failed' });
    expect(merged.message).toMatch(/ô gộp/u);
    const noHeaders = await settled(district, (await upload(district, tree.tuSon.id, await memberWorkbook([row()], { headers: ['A', 'B'] }))).body.id);
    expect(noHeaders.message).toMatch(/Thiếu cột bắt buộc/u);
    const formula = await settled(district, (await upload(district, tree.tuSon.id, await memberWorkbook([row({ givenName: { formula: 'UPPER("an")', result: 'AN' } })]))).body.id);
    expect(formula.status).toBe('invalid');
    const formulaRows = (await district.get(`/api/member-imports/${formula.id}/rows`)).body.items;
    expect(formulaRows[0].errors[0]).toMatch(/công thức/u);
    const empty = await settled(district, (await upload(district, tree.tuSon.id, await memberWorkbook([{}, {}]))).body.id);
    expect(empty.message).toMatch(/không có dòng dữ liệu/u);
    expect(await memberCount()).toBe(before);
  });

  it('keeps imports inside the officer\'s scope', async () => {
    const outsideUnit = await upload(district, tree.queVo.id, await memberWorkbook([row()]));
    expect(outsideUnit.status).toBe(404);
    const outsideRow = await settled(district, (await upload(district, tree.tuSon.id, await memberWorkbook([row({ unitCode: tree.cellB.code })]))).body.id);
    expect(outsideRow.status).toBe('invalid');
    const other = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.queVo }));
    expect((await other.get(`/api/member-imports/${outsideRow.id}`)).status).toBe(404);
    expect((await other.post(`/api/member-imports/${outsideRow.id}/commit`)).status).toBe(404);
  });
});

describe('export to Excel', () => {
  it('exports a filtered list with the template headers, which imports again', async () => {
    const cell = await createUnit(ctx.db, tree.dinhBang, 'cell', 'Chi bộ khu phố Xuất');
    const withCell = (extra: Record<string, SheetCell>) => row({ unitCode: cell.code, ...extra });
    const first = await settled(district, (await upload(district, tree.tuSon.id, await memberWorkbook([withCell({ givenName: 'Xuân', idNumber: '027070001111' }), withCell({ givenName: 'Yến', gender: 'Nữ', status: 'Dự bị', officialOn: '' , joinedOn: '01/01/2012' })]))).body.id);
    await district.post(`/api/member-imports/${first.id}/commit`);
    expect((await settled(district, first.id)).status).toBe('done');
    const response = await district.get(`/api/members/export?unitId=${cell.id}&status=full`);
    expect(response.status).toBe(200);
    expect(String(response.headers['content-disposition'])).toContain('.xlsx');
    const file = response.raw;
    const rows = await readWorkbook(file);
    expect(rows[0]).toEqual(MEMBER_SHEET_COLUMNS.map((c) => c.header));
    expect(rows.slice(1).map((r) => r[3])).toEqual(['Xuân']);
    expect(rows[1]?.[11]).toBe('027070001111');
    const roundTrip = await settled(district, (await upload(district, tree.tuSon.id, file)).body.id);
    expect(roundTrip).toMatchObject({ status: 'valid', totalRows: 1 });
    expect((await district.get(`/api/members/export?unitId=${tree.cellB.id}`)).status).toBe(404);
  });
});
