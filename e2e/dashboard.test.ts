import fs from 'node:fs';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DashboardPage } from './pages/dashboard.page';
import { LoginPage } from './pages/login.page';
import { settleMessages } from './pages/standards.page';
import { DESKTOP, PHONE, openPage, screenshot } from './setup/browser';
import { setServerToday } from './setup/clock';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts.length = 0;
});

// The report is written at the end of the demo year: its date and number fall in the 2010–2015 term.
beforeAll(async () => {
  await setServerToday('2012-12-20');
});
afterAll(async () => {
  await setServerToday('system');
});

const PROVINCE = 'Đảng bộ tỉnh Bắc Ninh';
const TU_SON = 'Đảng bộ Thị xã Từ Sơn';
const DINH_BANG = 'Đảng bộ phường Đình Bảng';
const EDITED_LINE = 'Dòng kiểm thử: Ban Thường vụ Tỉnh ủy đánh giá cao sự chủ động của các huyện ủy trong năm 2012.';

async function logIn(username: string, viewport = DESKTOP): Promise<Page> {
  const opened = await openPage(viewport);
  contexts.push(opened.context);
  const login = new LoginPage(opened.page);
  await login.open();
  await login.logIn(username, inject('demoPassword'));
  await opened.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return opened.page;
}

describe('the province watches the campaign and writes its report from the data', () => {
  it('opens the 2012 dashboard, drills into a district, edits the generated report and downloads it', async () => {
    const page = await logIn('tinhuy');
    await settleMessages(page);
    const dashboard = new DashboardPage(page);
    await dashboard.open(2012);
    expect(await dashboard.periodLabel()).toBe('Năm 2012');
    await page.getByTestId('dashboard-unit').getByText(PROVINCE).waitFor();

    // Cards carry numbers: a ratio for topic meetings, a count for exemplars nominated.
    expect(await dashboard.cardValue('meetings_valid')).toMatch(/^\d{1,3}(,\d)?%$/u);
    expect(await dashboard.cardValue('members_registered')).toMatch(/^\d{1,3}(,\d)?%$/u);
    expect(await dashboard.cardValue('exemplars_nominated')).toMatch(/^[\d.]+$/u);
    // Trends against 2011 and the definition behind the "?".
    await dashboard.card('meetings_valid').getByText('so với Năm 2011').waitFor();
    await dashboard.card('meetings_valid').getByRole('button', { name: /^Cách tính/u }).click();
    await page.locator('.ant-popover').getByText('Mẫu số').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('img', { name: /Số chi bộ sinh hoạt có chuyên đề theo tháng/u }).waitFor();
    await screenshot(page, 'dashboard-province');

    // The tree table: Từ Sơn opens to its communes and wards.
    await dashboard.childRow(TU_SON).scrollIntoViewIfNeeded();
    await dashboard.expand(TU_SON, DINH_BANG);
    await dashboard.childRow(DINH_BANG).scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-tree');

    // The report editor for the same unit and year: generate, edit a line, download.
    const report = await dashboard.openReportEditor();
    await report.createDraft();
    const number = await report.field('Số, ký hiệu').inputValue();
    expect(number).toMatch(/^\d+-BC\/TU$/u);
    const results = report.field(/^Nội dung mục 1/u);
    const original = await results.inputValue();
    expect(original.length).toBeGreaterThan(20);
    await results.fill(`${original}\n${EDITED_LINE}`);
    await screenshot(page, 'report-editor');

    const docx = await report.downloadDocx();
    expect(docx.suggestedFilename()).toMatch(/\.docx$/u);
    const bytes = fs.readFileSync(await docx.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain(EDITED_LINE);
    expect(xml).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(xml).toContain(number);

    const appendix = await report.downloadAppendix();
    expect(appendix.suggestedFilename()).toMatch(/\.xlsx$/u);

    // The issued report goes into the document register with its number.
    const drawer = await report.openRegistration();
    expect(await drawer.getByLabel('Số, ký hiệu').inputValue()).toBe(number);
    await drawer.getByText('Báo cáo (BC)', { exact: true }).first().waitFor();
    await screenshot(page, 'report-register');
    await drawer.getByRole('button', { name: 'Hủy' }).click();
    await drawer.waitFor({ state: 'hidden' });
    // Two reports' worth of server work and a dozen screens on a busy 2-core machine.
  }, 180_000);

  it('is usable on a 360 px phone', async () => {
    const page = await logIn('tuson', PHONE);
    await page.goto('/bang-dieu-khien?period=quarter&year=2012&quarter=2');
    await page.getByTestId('card-meetings_valid').waitFor();
    expect(await page.getByTestId('dashboard-period').textContent()).toBe('Quý II/2012');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'dashboard-phone');
  }, 90_000);
});
