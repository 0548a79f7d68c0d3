import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CascadePage } from './pages/cascade.page';
import { LoginPage } from './pages/login.page';
import { settleMessages } from './pages/standards.page';
import { UrgingPage } from './pages/urging.page';
import { setServerToday } from './setup/clock';
import { DESKTOP, PHONE, openPage, screenshot } from './setup/browser';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts.length = 0;
});

/**
 * The server's day for urging (links, dates of the messages). The meeting matrix counts months up to the
 * real day, so the last month of 2012 is over and no journey records it: the secretary's cell is late
 * whatever ran before.
 */
const TODAY = '2012-08-01';
const CELL = 'Chi bộ khu phố 1';
const WARD = 'Đảng bộ phường Đình Bảng';
const URGING = 'Chi bộ chưa ghi biên bản sinh hoạt chi bộ trên hệ thống. Đề nghị đồng chí bí thư ghi biên bản trong tuần này.';

async function logIn(username: string, viewport = DESKTOP): Promise<Page> {
  const opened = await openPage(viewport);
  contexts.push(opened.context);
  await opened.context.clock.setFixedTime(new Date(`${TODAY}T09:35:00+07:00`));
  const login = new LoginPage(opened.page);
  await login.open();
  await login.logIn(username, inject('demoPassword'));
  await opened.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return opened.page;
}

describe('urging: an officer urges the late cells, the secretary sees the bell and reads it', () => {
  beforeAll(async () => {
    await setServerToday(TODAY);
  });
  afterAll(async () => {
    await setServerToday('system');
  });

  it('Đình Bảng urges the cells without a meeting record; the cell secretary reads it on a phone', async () => {
    // The cell secretary has the app open on a phone: the bell shows what is unread now.
    const secretary = await logIn('bithu', PHONE);
    const cell = new UrgingPage(secretary);
    const before = await cell.unread();

    // The ward's officer opens the meeting matrix of 2012: some cells recorded no meeting in its last month.
    const officer = await logIn('dinhbang');
    const ward = new UrgingPage(officer);
    await officer.goto('/sinh-hoat/ma-tran?year=2012');
    const late = await ward.lateCount();
    expect(late).toBeGreaterThan(0);
    await screenshot(officer, 'urging-matrix-button');

    // "Đôn đốc": the form opens with the late cells chosen, the item kind and a draft text naming the month.
    const form = await ward.openUrgeForm();
    const chosen = await ward.chosenUnits(form);
    expect(chosen).toHaveLength(late);
    expect(chosen).toContain(CELL);
    expect(await form.getByLabel('Nội dung đôn đốc').inputValue()).toMatch(/tháng \d{1,2}\/2012/u);
    await form.getByText('Ghi biên bản sinh hoạt chi bộ hằng tháng').waitFor();
    await screenshot(officer, 'urging-form');

    // An empty text is refused before sending; then the officer writes their own and sends.
    await form.getByLabel('Nội dung đôn đốc').fill('');
    await form.getByRole('button', { name: 'Gửi đôn đốc' }).click();
    await form.getByText('Nội dung đôn đốc không được để trống.').waitFor();
    await form.getByLabel('Nội dung đôn đốc').fill(URGING);
    await form.getByRole('button', { name: 'Gửi đôn đốc' }).click();
    await officer.getByText(new RegExp(`^Đã gửi đôn đốc tới \\d+ người nhận ở ${late} đơn vị`, 'u')).waitFor();
    await form.waitFor({ state: 'hidden' });
    // Cells without an account of their own are listed so the officer can phone them.
    const noAccount = ward.dialog('Một số đơn vị chưa có tài khoản nhận thông báo');
    if (late > 1) {
      await noAccount.waitFor();
      expect(await noAccount.getByText(CELL, { exact: true }).count()).toBe(0);
      await noAccount.getByRole('button', { name: 'Đã hiểu' }).click();
      await noAccount.waitFor({ state: 'hidden' });
    }
    await settleMessages(officer);

    // The sent log: to whom (the secretary of the cell), what, not read yet.
    const sent = await ward.openSent();
    const row = sent.getByRole('row').filter({ hasText: 'bithu' }).filter({ hasText: `${WARD} đôn đốc` });
    await row.first().getByText('Chưa đọc', { exact: true }).waitFor();
    await screenshot(officer, 'urging-sent-log');

    // Back on the phone: the secretary returns to the tab and the bell goes up by one.
    await cell.comeBackToTab();
    await cell.waitForUnread(before + 1);
    await screenshot(secretary, 'urging-bell-after-phone');

    // The bell lists it; opening it marks it read, leads to the cell's meetings of 2012 and the count goes down.
    const panel = await cell.openBell();
    const item = cell.notification(panel, URGING);
    await item.waitFor();
    expect(await item.getAttribute('data-unread')).toBe('true');
    await screenshot(secretary, 'urging-bell-open-phone');
    await item.getByRole('button', { name: `Chưa đọc: ${WARD} đôn đốc` }).click();
    await secretary.waitForURL(/\/sinh-hoat\/\d+\?year=2012$/u);
    await secretary.getByRole('heading', { level: 1, name: CELL }).waitFor();
    await cell.waitForUnread(before);

    // The notification centre shows it read; the page fits a 360 px screen.
    const list = await cell.openNotifications();
    const read = cell.notification(list, URGING);
    await read.getByText(/^Đã đọc lúc/u).waitFor();
    expect(await read.getAttribute('data-unread')).toBe('false');
    expect(await secretary.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(secretary, 'urging-notifications-phone');

    // The officer's log now says when it was read.
    await officer.reload();
    await sent.getByRole('row').filter({ hasText: 'bithu' }).first().getByText(/^Đã đọc \d{2}\/\d{2}\/\d{4}/u).waitFor();

    // The secretary gives an e-mail address and quiet hours for the e-mails.
    await cell.openSettings();
    await secretary.getByLabel('Địa chỉ thư điện tử').fill('khong-phai-thu');
    await secretary.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await secretary.getByText('Địa chỉ thư điện tử không hợp lệ.').waitFor();
    await secretary.getByLabel('Địa chỉ thư điện tử').fill('bithu.khupho1@example.vn');
    await secretary.getByRole('switch', { name: 'Giờ yên lặng' }).click();
    await secretary.getByLabel('Giờ yên lặng từ').waitFor();
    await secretary.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await secretary.getByText('Đã lưu cài đặt nhận thông báo.').waitFor();
    await secretary.reload();
    expect(await secretary.getByLabel('Địa chỉ thư điện tử').inputValue()).toBe('bithu.khupho1@example.vn');
    await secretary.getByLabel('Giờ yên lặng từ').waitFor();
    expect(await secretary.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(secretary, 'urging-settings-phone');
  }, 240_000);

  it('an officer keeps the year’s reminder rules, and the cascade offers to urge the late units', async () => {
    const officer = await logIn('dinhbang');
    const urging = new UrgingPage(officer);
    const rules = await urging.openRules(2012);

    // A negative number of days is refused by the server, with its message under the field.
    await officer.getByRole('button', { name: 'Thêm quy tắc' }).click();
    const dialog = urging.dialog('Thêm quy tắc nhắc hạn năm 2012');
    await urging.choose(dialog, 'Loại việc', 'Ghi biên bản sinh hoạt chi bộ hằng tháng');
    await dialog.getByLabel('Nhắc trước hạn (số ngày)').fill('-2');
    await dialog.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await dialog.locator('.ant-form-item-explain-error').getByText('Số ngày nhắc trước hạn không được âm.').waitFor();
    await screenshot(officer, 'urging-rule-refused');
    await dialog.getByLabel('Nhắc trước hạn (số ngày)').fill('3');
    await dialog.getByRole('button', { name: 'Thêm quy tắc' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = rules.getByRole('row').filter({ hasText: 'Ghi biên bản sinh hoạt chi bộ hằng tháng' }).filter({ hasText: WARD });
    await row.getByText('Trước hạn 3 ngày · Đúng ngày hạn · Quá hạn: nhắc lại mỗi 7 ngày').waitFor();
    await settleMessages(officer);

    // Edit: reminders every 5 days once overdue (the form starts from the saved rule).
    await row.getByRole('button', { name: /^Sửa quy tắc/u }).click();
    const edit = urging.dialog('Sửa quy tắc nhắc hạn năm 2012');
    expect(await edit.getByLabel('Nhắc trước hạn (số ngày)').inputValue()).toBe('3');
    await edit.getByLabel('Khi quá hạn: nhắc lại mỗi (số ngày)').fill('5');
    await edit.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('Trước hạn 3 ngày · Đúng ngày hạn · Quá hạn: nhắc lại mỗi 5 ngày').waitFor();

    // Close it: it applies until today, and history stays.
    await row.getByRole('button', { name: /^Kết thúc quy tắc/u }).click();
    const close = urging.dialog('Kết thúc quy tắc nhắc hạn');
    await close.getByRole('button', { name: 'Kết thúc quy tắc' }).click();
    await close.waitFor({ state: 'hidden' });
    await row.getByText(/– 01\/08\/2012$/u).waitFor();
    await screenshot(officer, 'urging-rules');

    // A one-off urging from this page: the unit is found by a search inside the ward, without diacritics.
    await officer.getByRole('button', { name: 'Gửi đôn đốc' }).click();
    const form = urging.dialog('Gửi đôn đốc');
    await urging.addUnit(form, 'khu pho 1', CELL);
    expect(await urging.chosenUnits(form)).toEqual([CELL]);
    await urging.choose(form, 'Việc cần đôn đốc', 'Ghi biên bản sinh hoạt chi bộ hằng tháng');
    await form.getByLabel('Nội dung đôn đốc').fill('Đề nghị chi bộ gửi biên bản sinh hoạt tháng 7/2012 về Đảng ủy phường trước ngày 05/08/2012.');
    await form.getByRole('button', { name: 'Gửi đôn đốc' }).click();
    await officer.getByText('Đã gửi đôn đốc tới 1 người nhận ở 1 đơn vị.').waitFor();
    await form.waitFor({ state: 'hidden' });

    // The province's cascade of 08-KH/TU inside Quế Võ: the late units are offered for urging.
    const province = await logIn('tinhuy');
    await province.goto('/chi-dao');
    const cascade = new CascadePage(province);
    await cascade.chooseDocument('08-KH/TU');
    await cascade.drillInto('Đảng bộ huyện Quế Võ');
    const provinceUrging = new UrgingPage(province);
    const late = await provinceUrging.lateCount();
    const lateForm = await provinceUrging.openUrgeForm();
    expect(await provinceUrging.chosenUnits(lateForm)).toHaveLength(late);
    expect(await lateForm.getByLabel('Nội dung đôn đốc').inputValue()).toMatch(/KH\/HU/u);
    await screenshot(province, 'urging-cascade-form');
    await lateForm.locator('.ant-modal-footer').getByRole('button', { name: 'Đóng' }).click();
    await lateForm.waitFor({ state: 'hidden' });
  }, 240_000);
});
