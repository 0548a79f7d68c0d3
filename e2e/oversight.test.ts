import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { LoginPage } from './pages/login.page';
import { OversightPage } from './pages/oversight.page';
import { settleMessages } from './pages/standards.page';
import { setServerToday } from './setup/clock';
import { DESKTOP, PHONE, openPage, screenshot } from './setup/browser';

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts.length = 0;
});

/** The demo's day (the pinned browser clock) and the day after the task's deadline. */
const TODAY = '2012-06-19';
const DUE = '30/06/2012';
const DAY_AFTER_DUE = '2012-07-01';

async function logIn(username: string, viewport = DESKTOP, now?: string): Promise<Page> {
  const opened = await openPage(viewport);
  contexts.push(opened.context);
  if (now) await opened.context.clock.setFixedTime(new Date(`${now}T09:35:00+07:00`));
  const login = new LoginPage(opened.page);
  await login.open();
  await login.logIn(username, inject('demoPassword'));
  await opened.page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return opened.page;
}

const DINH_BANG = 'Đảng bộ phường Đình Bảng';
/** The demo secretary's cell (account `bithu`). */
const CELL = 'Chi bộ khu phố 1';
const TITLE = 'Kiểm tra việc sinh hoạt chuyên đề năm 2012 tại Đảng bộ phường Đình Bảng';
const FINDING = 'Chi bộ khu phố 1 chưa đưa nội dung chuyên đề năm 2012 vào sinh hoạt tháng 5.';
const TASK = 'Bổ sung nội dung chuyên đề năm 2012 vào sinh hoạt chi bộ và báo cáo kết quả.';
/** A tiny PDF: the server checks the content ("%PDF-"), not the name. */
const EVIDENCE = { name: 'bien-ban-sinh-hoat-thang-6.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

describe('oversight: an inspection finding becomes a follow-up that turns overdue, then done late', () => {
  beforeAll(async () => {
    await setServerToday(TODAY);
  });
  afterAll(async () => {
    await setServerToday('system');
  });

  it('Từ Sơn inspects Đình Bảng; the cell misses the deadline and reports done late', async () => {
    // The district officer plans the inspection, records it as held and writes a finding with a task due 30/06/2012.
    const district = await logIn('tuson');
    const oversight = new OversightPage(district);
    await oversight.open(2012);
    await screenshot(district, 'oversight-calendar');
    await oversight.planInspection({
      title: TITLE,
      plannedOn: '19/06/2012',
      unit: { search: 'Dinh Bang', name: DINH_BANG },
      location: 'Hội trường Đảng ủy phường Đình Bảng',
    });
    expect(await oversight.state()).toBe('Kế hoạch');
    // Findings come after the activity is held.
    expect(await district.getByRole('button', { name: 'Thêm phát hiện' }).count()).toBe(0);
    await settleMessages(district);

    await oversight.recordHeld({
      heldOn: '19/06/2012',
      participants: 'Đoàn kiểm tra của Ban Thường vụ Thị ủy Từ Sơn; Ban Thường vụ Đảng ủy phường Đình Bảng',
      count: 9,
      conclusion: 'Đảng ủy phường triển khai chuyên đề năm 2012 đúng kế hoạch; một số chi bộ còn chậm.',
    });
    await district.getByText('Đã tổ chức').first().waitFor();

    const dialog = await oversight.fillFinding({
      unit: { search: 'khu pho 1', name: CELL, within: DINH_BANG },
      kind: 'Hạn chế, khuyết điểm',
      content: FINDING,
      followUp: { task: TASK, dueOn: DUE },
    });
    // The task's owner is the unit the finding is about.
    await dialog.getByText(CELL, { exact: true }).last().waitFor();
    await screenshot(district, 'oversight-finding-dialog');
    await dialog.getByRole('button', { name: 'Ghi phát hiện' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const finding = oversight.finding(FINDING);
    await finding.getByText(TASK).waitFor();
    expect(await finding.getByText('Còn hạn', { exact: true }).count()).toBe(1);
    await district.getByRole('region', { name: `Phát hiện tại ${CELL}` }).waitFor();
    await screenshot(district, 'oversight-activity');

    // The day after the deadline: the task is overdue, on the activity and in the calendar.
    await setServerToday(DAY_AFTER_DUE);
    await district.reload();
    await finding.getByText('Quá hạn', { exact: true }).waitFor();
    await oversight.open(2012);
    expect(await oversight.row(TITLE).getByTestId('overdue').textContent()).toBe('1');

    // The cell's secretary, on a phone, sees the task overdue among the cell's follow-ups and the finding addressed to the cell.
    const secretary = await logIn('bithu', PHONE, DAY_AFTER_DUE);
    const cell = new OversightPage(secretary);
    await cell.openFollowUps();
    const row = cell.followUpRow(TASK);
    await row.getByText('Quá hạn', { exact: true }).waitFor();
    expect(await cell.count('overdue')).toBeGreaterThanOrEqual(1);
    const lateBefore = await cell.count('done_late');
    await cell.addressed().getByText(FINDING).waitFor();
    await screenshot(secretary, 'oversight-follow-ups-phone');
    expect(await secretary.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // It is reported done on 01/07/2012 with evidence: done, but late.
    await cell.reportDone(row, 'Chi bộ đã sinh hoạt chuyên đề ngày 28/06/2012; có biên bản kèm theo.', EVIDENCE);
    await row.getByText('Trễ hạn', { exact: true }).waitFor();
    expect(await cell.count('done_late')).toBe(lateBefore + 1);
    await settleMessages(secretary);
    await screenshot(secretary, 'oversight-done-late-phone');

    // The district sees it done late, with the evidence.
    await district.goto('/giam-sat');
    await oversight.row(TITLE).getByRole('link', { name: TITLE }).click();
    await finding.getByText('Trễ hạn', { exact: true }).waitFor();
    await finding.getByRole('link', { name: EVIDENCE.name }).waitFor();
    await finding.getByText(/Hoàn thành ngày\s*01\/07\/2012/u).waitFor();
    await finding.scrollIntoViewIfNeeded();
    await screenshot(district, 'oversight-done-late');
  }, 180_000);
});
