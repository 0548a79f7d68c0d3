import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { LoginPage } from './pages/login.page';
import { OrgTreePage } from './pages/org-tree.page';
import { PHONE, openPage, screenshot } from './setup/browser';

const password = () => inject('demoPassword');
let context: BrowserContext | null = null;

afterEach(async () => {
  await context?.close();
  context = null;
});

describe('an officer finds their way around the organisation', () => {
  it('logs in, browses the tree, searches without diacritics and opens a unit', async () => {
    const opened = await openPage();
    context = opened.context;
    const { page } = opened;
    const login = new LoginPage(page);
    await login.open();
    await login.logIn('tinhuy', password());
    const tree = new OrgTreePage(page);
    await tree.waitForUnit('Đảng bộ tỉnh Bắc Ninh');
    await tree.treeNode('Đảng bộ huyện Gia Bình').waitFor();

    await tree.search('tu son');
    await tree.searchResult('Đảng bộ Thị xã Từ Sơn').click();
    await tree.waitForUnit('Đảng bộ Thị xã Từ Sơn');
    expect(page.url()).toMatch(/\/don-vi\/\d+$/u);
    expect(await tree.breadcrumb().textContent()).toContain('Đảng bộ tỉnh Bắc Ninh');

    await tree.childLink('Đảng bộ phường Đình Bảng').click();
    await tree.waitForUnit('Đảng bộ phường Đình Bảng');
    await screenshot(page, 'foundation-unit-desktop');
    await page.goBack();
    await tree.waitForUnit('Đảng bộ Thị xã Từ Sơn');
  });

  it('shows a clear Vietnamese message for a wrong password', async () => {
    const opened = await openPage();
    context = opened.context;
    const login = new LoginPage(opened.page);
    await login.open();
    await login.logIn('tuson', 'SaiMatKhau1');
    expect(await login.errorText('Tên đăng nhập hoặc mật khẩu không đúng.')).toContain('không đúng');
  });

  it('lets a district officer add a cell under a commune, and not see other districts', async () => {
    const opened = await openPage();
    context = opened.context;
    const { page } = opened;
    await new LoginPage(page).open();
    await new LoginPage(page).logIn('tuson', password());
    const tree = new OrgTreePage(page);
    await tree.waitForUnit('Đảng bộ Thị xã Từ Sơn');
    await tree.search('dinh bang');
    await tree.searchResult('Đảng bộ phường Đình Bảng').click();
    await tree.waitForUnit('Đảng bộ phường Đình Bảng');
    await tree.createChild('Chi bộ khu phố Kiểm Thử', 'Chi bộ trực thuộc');
    await tree.childLink('Chi bộ khu phố Kiểm Thử').click();
    await tree.waitForUnit('Chi bộ khu phố Kiểm Thử');
    await tree.search('gia binh');
    await page.getByText('Không tìm thấy').first().waitFor();
  });
});

describe('a member on a cheap phone', () => {
  it('logs in at 360 px and sees their own record', async () => {
    const opened = await openPage(PHONE);
    context = opened.context;
    const { page } = opened;
    await new LoginPage(page).open();
    await new LoginPage(page).logIn('dangvien', password());
    await page.getByRole('heading', { name: 'Hồ sơ của tôi' }).waitFor();
    await page.getByText('Chi bộ khu phố 1').first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'foundation-member-phone');
  });
});
