import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { LoginPage } from './pages/login.page';
import { MeetingsPage } from './pages/meetings.page';
import { PHONE, openPage, screenshot } from './setup/browser';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts.length = 0;
});

const TU_SON = 'Đảng bộ Thị xã Từ Sơn';
const DINH_BANG = 'Đảng bộ phường Đình Bảng';
const JUNE = 6;

async function logIn(username: string): Promise<Page> {
  const opened = await openPage(PHONE);
  contexts.push(opened.context);
  const login = new LoginPage(opened.page);
  await login.open();
  await login.logIn(username, inject('demoPassword'));
  await opened.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return opened.page;
}

describe('monthly cell meetings on a phone', () => {
  it('a cell secretary plans and records June 2012; the district sees the square turn green', async () => {
    // The district officer looks at Từ Sơn's matrix for 2012 and notes June's column.
    const district = await logIn('tuson');
    const matrix = new MeetingsPage(district);
    await matrix.openMatrix();
    await matrix.waitForUnit(TU_SON);
    await district.getByText('Năm 2012', { exact: true }).waitFor();
    const heldBefore = await matrix.columnHeld(JUNE);

    // The secretary of a cell of phường Đình Bảng plans June: 15/06/2012, items 1 and 2.
    const secretary = await logIn('bithu');
    const cell = new MeetingsPage(secretary);
    const cellName = await cell.openOwnCell();
    expect(cellName).not.toBe('');
    await cell.month(1).getByText('Có chuyên đề').waitFor();
    await screenshot(secretary, 'meetings-cell-year-phone');
    await cell.plan(JUNE, '15/06/2012', [1, 2]);
    await cell.month(JUNE).getByText('Dự kiến ngày 15/06/2012').waitFor();

    // Recording: the plan's date and items are filled in; a third item is refused before sending.
    const record = await cell.openRecord(JUNE);
    expect(await record.getByLabel('Ngày sinh hoạt').inputValue()).toBe('15/06/2012');
    expect(await cell.item(record, 1).isChecked()).toBe(true);
    expect(await cell.item(record, 2).isChecked()).toBe(true);
    await cell.chooseItems(record, [1, 2, 3]);
    const tooMany = 'Mỗi buổi sinh hoạt chỉ học 1 đến 2 nội dung của chuyên đề (đang chọn 3).';
    await record.getByText(tooMany).waitFor();
    await cell.saveRecord(record);
    await record.getByText(tooMany).waitFor();
    expect(await record.isVisible()).toBe(true);
    await cell.chooseItems(record, [1, 2]);
    expect(await record.getByText(tooMany).count()).toBe(0);

    // Everyone is present by default; one member is excused.
    const roll = await cell.rollNames(record);
    expect(roll.length).toBeGreaterThan(2);
    const excused = roll[1] ?? '';
    await cell.setAttendance(record, excused, 'Có lý do');
    await record.getByText(`Có mặt ${roll.length - 1}/${roll.length}`).waitFor();
    await record.getByLabel('Làm theo').fill('Mỗi đảng viên đăng ký một việc làm cụ thể, báo cáo tại buổi sinh hoạt tháng 7.');
    await screenshot(secretary, 'meetings-record-phone');
    await cell.saveRecord(record);
    await record.waitFor({ state: 'hidden' });
    const june = cell.month(JUNE);
    await june.getByText('Có chuyên đề').waitFor();
    await june.getByText(`Học 2 nội dung · có mặt ${roll.length - 1}/${roll.length}`).waitFor();
    const width = await secretary.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);

    // The district reloads: one more cell held June with the topic; drilling down shows the cell's square.
    await district.reload();
    await matrix.waitForUnit(TU_SON);
    expect(await matrix.columnHeld(JUNE)).toBe(heldBefore + 1);
    await matrix.drillTo(DINH_BANG);
    const square = matrix.cellSquare(cellName, JUNE, 'Đã sinh hoạt, có chuyên đề');
    await square.waitFor();
    await square.scrollIntoViewIfNeeded();
    await screenshot(district, 'meetings-matrix-phone');
  });
});
