import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ExemplarsPage } from './pages/exemplars.page';
import type { Totals } from './pages/exemplars.page';
import { LoginPage } from './pages/login.page';
import { setServerToday } from './setup/clock';
import { DESKTOP, PHONE, openPage, screenshot } from './setup/browser';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts.length = 0;
});

/** The pinned browser day; the server is moved to it so dates (decision, publication) agree. */
const TODAY = '2012-06-19';
const YEAR = 2012;
const PROVINCE = 'Đảng bộ tỉnh Bắc Ninh';
const TITLE = 'Người đảng viên vận động 30 hộ hiến đất mở ngõ xóm khu phố 1';
/** The list's search folds diacritics: this finds the title. */
const SEARCH = 'hien dat mo ngo xom';
const STORY = { before: 'Ở khu phố 1, đồng chí là ', bold: 'tấm gương sáng về dân vận', after: ': vận động 30 hộ hiến đất mở rộng ngõ xóm.' };

async function logIn(username: string, viewport = DESKTOP): Promise<Page> {
  const opened = await openPage(viewport);
  contexts.push(opened.context);
  const login = new LoginPage(opened.page);
  await login.open();
  await login.logIn(username, inject('demoPassword'));
  await opened.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return opened.page;
}

async function fitsThePhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

describe('exemplars: a cell nominates, every level verifies, the province commends and publishes', () => {
  let before: Totals;

  beforeAll(async () => {
    await setServerToday(TODAY);
  });
  afterAll(async () => {
    await setServerToday('system');
  });

  it('a member of Chi bộ khu phố 1 goes from nomination to the public page', async () => {
    // The province's publicity summary before (the demo's 2012 against 2011).
    const province = await logIn('tinhuy');
    const provincePages = new ExemplarsPage(province);
    await provincePages.openSummary(YEAR);
    before = await provincePages.totals();

    // The cell secretary nominates a member with a story (bold text typed in the editor), a photo, a file
    // that is not an image (refused by the server, the draft is kept) and an evidence file.
    const secretary = await logIn('bithu');
    const cell = new ExemplarsPage(secretary);
    await cell.openList(YEAR);
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 196, g: 29, b: 29 } } }).jpeg().toBuffer();
    const member = await cell.nominate({
      memberSearch: 'ng',
      title: TITLE,
      field: 'Dân vận',
      summary: 'Vận động 30 hộ hiến đất mở rộng ngõ xóm; giúp 5 hộ nghèo thoát nghèo trong năm 2012.',
      story: STORY,
      deciding: PROVINCE,
      photos: [
        { name: 'hien-dat.jpg', mimeType: 'image/jpeg', buffer: photo },
        { name: 'khong-phai-anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('đây không phải là ảnh') },
      ],
      evidence: [{ name: 'bien-ban-hop-dan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') }],
    });
    expect(member).not.toBe('');
    await secretary.getByRole('region', { name: 'Thành tích' }).getByRole('link', { name: member }).waitFor();
    expect(await cell.state()).toBe('Nháp');
    expect(await cell.story().locator('strong').textContent()).toBe(STORY.bold);
    // The server's own words for the refused file.
    await secretary.getByRole('alert').getByText('khong-phai-anh.jpg').waitFor();
    await secretary.getByRole('alert').getByText(/Tệp không phải ảnh JPEG, PNG hoặc WebP/u).waitFor();
    await secretary.getByRole('region', { name: 'Ảnh (1)' }).waitFor();
    await secretary.getByRole('region', { name: 'Minh chứng (1)' }).getByText('bien-ban-hop-dan.pdf').waitFor();
    await screenshot(secretary, 'exemplar-draft');
    await cell.submit();
    expect(await cell.whereNow()).toBe('Chờ Đảng bộ phường Đình Bảng xác minh');
    // The secretary cannot verify her own nomination.
    expect(await secretary.getByRole('button', { name: /(^|\s)Xác minh$/u }).count()).toBe(0);

    // Every level between the cell and the deciding province verifies: Đình Bảng, Từ Sơn, then the province.
    const levels: [string, string][] = [
      ['dinhbang', 'Chờ Đảng bộ Thị xã Từ Sơn xác minh'],
      ['tuson', `Chờ ${PROVINCE} xác minh`],
    ];
    for (const [username, next] of levels) {
      const officer = await logIn(username);
      const pages = new ExemplarsPage(officer);
      await pages.openList(YEAR, { awaiting: true, q: SEARCH });
      await pages.openFromList(TITLE);
      await pages.verify(`Đã kiểm tra thực tế, đúng như đề nghị (${username}).`);
      expect(await pages.whereNow()).toBe(next);
      if (username === 'tuson') await screenshot(officer, 'exemplar-verified-district');
    }

    await provincePages.openList(YEAR, { awaiting: true, q: SEARCH });
    await provincePages.openFromList(TITLE);
    expect(await provincePages.chainStatuses()).toEqual(['approved_above', 'approved_here', 'ready']);
    await provincePages.verify('Ban Thường vụ Tỉnh ủy công nhận.');
    await provincePages.waitForState('Đã xác minh');
    expect(await provincePages.chainStatuses()).toEqual(['approved_above', 'approved_above', 'approved_here']);

    // The province commends (Bằng khen of its standing committee, dated today) and publishes.
    const dialog = await provincePages.commend({ symbol: '125-QĐ/TU' });
    expect(await dialog.getByLabel('Tên hình thức khen thưởng').inputValue()).toBe('Bằng khen của Ban Thường vụ Tỉnh ủy');
    expect(await dialog.getByLabel('Ngày quyết định').inputValue()).toBe('19/06/2012');
    await provincePages.saveCommendation(dialog);
    await provincePages.waitForState('Đã khen thưởng');
    await province.getByTestId('commendation').getByText('Quyết định số 125-QĐ/TU ngày 19/06/2012', { exact: false }).waitFor();
    const publicPath = await provincePages.publish();
    expect(publicPath).toMatch(/^\/cong-khai\/\d+-nguoi-dang-vien-van-dong-30-ho-hien-dat/u);
    // The first publication records itself in the ledger; the province adds the newspaper article.
    await provincePages.publicity().getByText('Trang công khai Lamtheo').waitFor();
    await provincePages.addPublicity({ channel: 'Báo Bắc Ninh', title: 'Người "đi trước" trong hiến đất mở đường', url: 'https://baobacninh.vn/nguoi-di-truoc' });
    await screenshot(province, 'exemplar-commended');

    // The publicity summary counts it: the article's complaint, now with one more story.
    await provincePages.openSummary(YEAR);
    expect(await provincePages.totals()).toEqual({
      nominated: before.nominated + 1,
      approved: before.approved + 1,
      commended: before.commended + 1,
      publicityEntries: before.publicityEntries + 2,
      publicStories: before.publicStories + 1,
    });
    await provincePages.monthChart().waitFor();
    await screenshot(province, 'publicity-summary');

    // Anyone, without logging in (a fresh browser context), reads the story on the public page.
    const visitor = (await openPage(PHONE)).page;
    contexts.push(visitor.context());
    await visitor.goto(`/cong-khai?nam=${YEAR}`);
    await visitor.getByRole('link', { name: TITLE }).first().click();
    await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(new URL(visitor.url()).pathname).toBe(publicPath);
    expect(await visitor.title()).toBe(`${TITLE} — Điển hình tiên tiến`);
    expect(await visitor.locator('strong', { hasText: STORY.bold }).count()).toBe(1);
    await screenshot(visitor, 'exemplar-public-story');
  }, 240_000);

  it('the exemplar pages fit a phone', async () => {
    const officer = await logIn('tinhuy', PHONE);
    const pages = new ExemplarsPage(officer);
    await pages.openList(YEAR, { q: SEARCH });
    await pages.row(TITLE).waitFor();
    await screenshot(officer, 'exemplars-phone');
    await fitsThePhone(officer);
    await pages.openFromList(TITLE);
    await fitsThePhone(officer);
    await screenshot(officer, 'exemplar-detail-phone');
    await pages.openSummary(YEAR);
    await pages.monthChart().waitFor();
    await fitsThePhone(officer);
    await screenshot(officer, 'publicity-summary-phone');
    await officer.goto(`/dien-hinh/moi?year=${YEAR}`);
    await officer.getByRole('textbox', { name: 'Câu chuyện' }).waitFor();
    await fitsThePhone(officer);
  });
});
