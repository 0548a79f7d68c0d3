import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { memberWorkbook, readWorkbook } from '../test/helpers/xlsx';
import { LoginPage } from './pages/login.page';
import { MembersPage } from './pages/members.page';
import { openPage, screenshot } from './setup/browser';

let context: BrowserContext | null = null;
afterEach(async () => {
  await context?.close();
  context = null;
});

/** A cell of phường Đình Bảng, in the demo province. */
const CELL = 'BN.TXTS.07.01';
const row = (givenName: string, extra: Record<string, string> = {}) => ({
  unitCode: CELL,
  familyName: 'Đặng',
  middleName: 'Thị',
  givenName,
  birthDate: '08/03/1980',
  gender: 'Nữ',
  ethnicity: 'Kinh',
  status: 'Chính thức',
  joinedOn: '19/05/2005',
  officialOn: '19/05/2006',
  ...extra,
});

async function writeFile(name: string, rows: Record<string, string>[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-e2e-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, await memberWorkbook(rows));
  return file;
}

describe('a district officer keeps the member registry in the browser', () => {
  it('imports a file with one bad row, fixes it, imports, finds a member without diacritics and exports', async () => {
    const opened = await openPage();
    context = opened.context;
    const { page } = opened;
    await new LoginPage(page).open();
    await new LoginPage(page).logIn('tuson', inject('demoPassword'));
    await page.getByRole('heading', { level: 1, name: 'Đảng bộ Thị xã Từ Sơn' }).waitFor();

    const members = new MembersPage(page);
    await members.openList();
    await members.openImport();
    await members.upload(await writeFile('co-loi.xlsx', [row('Khuê'), row('Lụa', { birthDate: '31/02/1980' })]));
    await members.waitForText(/1 trong 2 dòng có lỗi/u);
    await members.waitForText('Ngày sinh: "31/02/1980" không phải ngày dạng dd/mm/yyyy.');
    await screenshot(page, 'members-import-errors');
    expect(await page.getByRole('button', { name: 'Nhập vào danh sách' }).count()).toBe(0);

    await members.upload(await writeFile('da-sua.xlsx', [row('Khuê'), row('Lụa', { birthDate: '28/02/1980' })]));
    await members.waitForText(/Tất cả 2 dòng hợp lệ/u);
    await members.commit();
    await members.waitForText('Đã nhập 2 đảng viên vào danh sách.');

    await members.openList();
    await members.search('dang thi khue');
    await members.memberLink('Đặng Thị Khuê').waitFor();
    const download = await members.exportList();
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lamtheo-e2e-')), 'xuat.xlsx');
    await download.saveAs(saved);
    const rows = await readWorkbook(fs.readFileSync(saved));
    expect(rows[0]?.[0]).toBe('Mã chi bộ');
    expect(rows.slice(1).map((r) => `${r[1]} ${r[2]} ${r[3]}`)).toEqual(['Đặng Thị Khuê']);

    await members.memberLink('Đặng Thị Khuê').click();
    await page.getByRole('heading', { level: 1, name: 'Đặng Thị Khuê' }).waitFor();
    await page.getByText('Nhập từ Excel').first().waitFor();
    await screenshot(page, 'members-record');
  });
});
