import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { CascadePage } from './pages/cascade.page';
import { DocumentsPage } from './pages/documents.page';
import { LoginPage } from './pages/login.page';
import { PHONE, openPage, screenshot } from './setup/browser';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts.length = 0;
});

const PROVINCE_PLAN = '08-KH/TU';
const TU_SON = 'Đảng bộ Thị xã Từ Sơn';

async function logIn(username: string, viewport?: typeof PHONE): Promise<Page> {
  const opened = await openPage(viewport);
  contexts.push(opened.context);
  const login = new LoginPage(opened.page);
  await login.open();
  await login.logIn(username, inject('demoPassword'));
  await opened.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return opened.page;
}

describe('the direction cascade shows who is late', () => {
  it('a district registers its plan two days late; the province sees it as done late and the counts move', async () => {
    // The province officer looks at 08-KH/TU: Từ Sơn has not issued its plan (due 07/10/2011).
    const province = await logIn('tinhuy');
    const cascade = new CascadePage(province);
    await cascade.open();
    await cascade.chooseDocument(PROVINCE_PLAN);
    await cascade.waitForUnit('Đảng bộ tỉnh Bắc Ninh');
    const tuSon = cascade.ownDocument(TU_SON);
    await tuSon.getByText('Quá hạn', { exact: true }).waitFor();
    expect(await tuSon.textContent()).toContain('Hạn 07/10/2011');
    const lateBefore = await cascade.count('done_late');
    const overdueBefore = await cascade.count('overdue');
    expect(overdueBefore).toBeGreaterThan(0);
    await screenshot(province, 'direction-cascade-before');

    // Từ Sơn's officer registers the plan dated 09/10/2011 with the number the system suggests.
    const district = await logIn('tuson');
    const documents = new DocumentsPage(district);
    await documents.openList();
    await screenshot(district, 'direction-documents-list');
    await documents.startRegistering();
    await documents.setIssuedOn('09/10/2011');
    const symbol = await documents.suggestedSymbol();
    expect(symbol).toMatch(/^\d{2,}-KH\/TU$/u);
    expect(await documents.symbolField().inputValue()).toBe(symbol);
    await documents.fillTitle('Kế hoạch thực hiện Kế hoạch 08-KH/TU của Ban Thường vụ Tỉnh ủy về học tập và làm theo tấm gương đạo đức Hồ Chí Minh');
    await documents.fillSigner('Nguyễn Văn Thành');
    await documents.chooseImplements(PROVINCE_PLAN);
    await screenshot(district, 'direction-register-form');
    await documents.save();
    await documents.heading('Kế hoạch', symbol).waitFor();
    await district.getByRole('link', { name: new RegExp(`${PROVINCE_PLAN.replace('/', '\\/')} ngày 07/09/2011`, 'u') }).waitFor();
    await screenshot(district, 'direction-document-detail');

    // The province officer reloads: Từ Sơn is done late, with its new number; one less overdue.
    await province.reload();
    await cascade.waitForUnit('Đảng bộ tỉnh Bắc Ninh');
    await tuSon.getByText('Trễ hạn', { exact: true }).waitFor();
    expect(await tuSon.textContent()).toContain(`Số ${symbol} ngày 09/10/2011`);
    expect(await tuSon.textContent()).toContain('trễ 2 ngày');
    expect(await cascade.count('done_late')).toBe(lateBefore + 1);
    expect(await cascade.count('overdue')).toBe(overdueBefore - 1);
    await tuSon.scrollIntoViewIfNeeded();
    await screenshot(province, 'direction-cascade-after');
    expect((await cascade.exportExcel()).suggestedFilename()).toMatch(/\.xlsx$/u);

    // Drill down into Từ Sơn: the breadcrumb leads back to the province.
    await cascade.drillInto(TU_SON);
    await province.getByRole('link', { name: 'Đảng bộ tỉnh Bắc Ninh' }).waitFor();
    // Two officers, two sessions: more steps than one journey usually takes on a busy 2-core machine.
  }, 120_000);

  it('is usable on a 360 px phone', async () => {
    const page = await logIn('tinhuy', PHONE);
    await page.getByRole('button', { name: 'Mở menu' }).click();
    const cascade = new CascadePage(page);
    await cascade.open();
    await cascade.chooseDocument(PROVINCE_PLAN);
    await cascade.ownDocument(TU_SON).scrollIntoViewIfNeeded();
    // Nothing runs off the side of the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'direction-cascade-phone');
  });
});
