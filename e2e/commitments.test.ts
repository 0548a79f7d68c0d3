import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { CommitmentsPage } from './pages/commitments.page';
import { LoginPage } from './pages/login.page';
import { PHONE, openPage, screenshot } from './setup/browser';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts.length = 0;
});

const TU_SON = 'Đảng bộ Thị xã Từ Sơn';
const DINH_BANG = 'Đảng bộ phường Đình Bảng';
const YEAR = 2012;
const COMMENT = 'Việc 2 chưa đo được: hãy ghi rõ mỗi tháng thăm hỏi bao nhiêu hộ và báo cáo ở buổi sinh hoạt nào.';

async function logIn(username: string): Promise<Page> {
  const opened = await openPage(PHONE);
  contexts.push(opened.context);
  const login = new LoginPage(opened.page);
  await login.open();
  await login.logIn(username, inject('demoPassword'));
  await opened.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return opened.page;
}

async function fitsThePhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

describe('commitments (đăng ký làm theo) on a phone', () => {
  it('a member registers two items, the secretary returns it, the member fixes and resubmits, the district coverage rises', async () => {
    // The district officer opens the 2012 coverage of Từ Sơn and notes Đình Bảng's and the district's registered members.
    const district = await logIn('tuson');
    const coverage = new CommitmentsPage(district);
    await coverage.openCoverage(YEAR);
    await coverage.waitForUnit(TU_SON);
    const districtBefore = await coverage.unitRegistered();
    const dinhBangBefore = await coverage.rowRegistered(DINH_BANG);
    expect(districtBefore).toBeGreaterThan(dinhBangBefore);
    await screenshot(district, 'commitments-coverage-phone');

    // The member has nothing for 2012: writes two items and submits.
    const member = await logIn('dangvien');
    const mine = new CommitmentsPage(member);
    const memberName = await mine.openMine();
    expect(memberName).not.toBe('');
    await member.getByText('Bạn chưa đăng ký.', { exact: false }).waitFor();
    await mine.fillItem(1, {
      action: 'Đi làm đúng giờ, giải quyết hồ sơ của dân không để quá hạn.',
      measure: 'Không có hồ sơ quá hạn; không bị nhắc nhở về giờ giấc.',
      due: '31/12/2012',
    });
    await mine.addItem();
    await mine.fillItem(2, { action: 'Thăm hỏi các gia đình chính sách trong khu phố.', measure: 'Thường xuyên', due: '30/11/2012' });
    await screenshot(member, 'commitments-editor-phone');
    await fitsThePhone(member);
    await mine.submit();
    await mine.stateTag('Đã nộp, chờ chi bộ xem').waitFor();
    await member.getByRole('listitem', { name: 'Việc 2', exact: true }).waitFor();

    // The secretary opens the cell's register and returns the commitment with a comment.
    const secretary = await logIn('bithu');
    const register = new CommitmentsPage(secretary);
    await register.openRegister();
    await register.registerRow(memberName).getByText('Chờ chi bộ xem').waitFor();
    await screenshot(secretary, 'commitments-register-phone');
    await fitsThePhone(secretary);
    let drawer = await register.openCommitmentOf(memberName);
    await drawer.getByText('Thăm hỏi các gia đình chính sách trong khu phố.').waitFor();
    await register.returnWith(drawer, COMMENT);
    await register.registerRow(memberName).getByText('Trả lại để sửa').waitFor();

    // The member sees the comment, makes item 2 measurable and submits again.
    await member.reload();
    await member.getByText('Chi bộ trả lại để sửa').waitFor();
    await member.getByText(COMMENT).waitFor();
    await screenshot(member, 'commitments-returned-phone');
    await mine.fillItem(2, { measure: 'Mỗi tháng thăm ít nhất 2 hộ; báo cáo ở buổi sinh hoạt chi bộ hằng tháng.' });
    await mine.submit();
    await mine.stateTag('Đã nộp, chờ chi bộ xem').waitFor();
    expect(await member.getByText(COMMENT).count()).toBe(0);

    // The secretary accepts it.
    await secretary.reload();
    await register.registerRow(memberName).getByText('Chờ chi bộ xem').waitFor();
    drawer = await register.openCommitmentOf(memberName);
    await drawer.getByText('Mỗi tháng thăm ít nhất 2 hộ; báo cáo ở buổi sinh hoạt chi bộ hằng tháng.').waitFor();
    await screenshot(secretary, 'commitments-drawer-phone');
    await register.accept(drawer);
    await register.registerRow(memberName).getByText('Đã chấp nhận').waitFor();

    // The member can now post progress on each item.
    await member.reload();
    await mine.stateTag('Chi bộ đã chấp nhận').waitFor();
    await member.getByRole('button', { name: 'Cập nhật tiến độ' }).first().waitFor();
    await screenshot(member, 'commitments-accepted-phone');

    // The district reloads: one more member registered, in Đình Bảng and in the district.
    await district.reload();
    await coverage.waitForUnit(TU_SON);
    expect(await coverage.unitRegistered()).toBe(districtBefore + 1);
    expect(await coverage.rowRegistered(DINH_BANG)).toBe(dinhBangBefore + 1);
  }, 180_000);
});
