import type { Locator, Page } from 'playwright-core';

/** Urging: the bell in the header, "Thông báo", its settings, "Đôn đốc, nhắc hạn" and the one-off form. */
export class UrgingPage {
  constructor(private readonly page: Page) {}

  // ——— The bell ———

  bell(): Locator {
    return this.page.getByTestId('notification-bell');
  }

  /** The unread count the bell shows (its `data-unread`, the number in its badge and its label agree). */
  async unread(): Promise<number> {
    await this.bell().waitFor();
    return Number(await this.bell().getAttribute('data-unread'));
  }

  async waitForUnread(count: number): Promise<void> {
    await this.page.locator(`[data-testid="notification-bell"][data-unread="${count}"]`).waitFor();
    // The badge zooms in: wait until it has landed (no motion class left) so a screenshot shows it.
    if (count > 0) await this.bell().locator('.ant-badge-count:not([class*="-zoom-"])').waitFor();
  }

  /**
   * The window got focus again (the user came back to the tab): the bell asks the server at once
   * instead of waiting for its one-minute poll. TanStack Query listens for `visibilitychange`.
   */
  async comeBackToTab(): Promise<void> {
    await this.page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
  }

  /** The latest notifications (a popover on a desktop, a full-screen drawer on a phone). */
  async openBell(): Promise<Locator> {
    await this.bell().click();
    const panel = this.page.getByRole('dialog', { name: 'Thông báo mới nhất' });
    await panel.waitFor();
    return panel;
  }

  /** A notification in a list, found by a piece of its text. */
  notification(scope: Locator, text: string): Locator {
    return scope.getByRole('listitem').filter({ hasText: text });
  }

  // ——— Pages ———

  async openNotifications(): Promise<Locator> {
    await this.page.goto('/thong-bao');
    await this.page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const list = this.page.getByRole('region', { name: 'Tất cả thông báo' });
    await list.waitFor();
    return list;
  }

  async openSettings(): Promise<void> {
    await this.page.goto('/thong-bao/cai-dat');
    await this.page.getByLabel('Địa chỉ thư điện tử').waitFor();
  }

  async openRules(year: number): Promise<Locator> {
    await this.page.goto(`/don-doc?year=${year}`);
    const region = this.page.getByRole('region', { name: `Quy tắc nhắc hạn năm ${year}` });
    await region.locator('.ant-table-tbody').waitFor();
    return region;
  }

  async openSent(): Promise<Locator> {
    await this.page.goto('/don-doc?tab=sent');
    const region = this.page.getByRole('region', { name: 'Tin đã gửi' });
    await region.locator('.ant-table-tbody').waitFor();
    return region;
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Pick an option of an antd select by its visible text. */
  async choose(scope: Locator, label: string, option: string): Promise<void> {
    await scope.getByLabel(label, { exact: true }).click();
    await this.page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  }

  // ——— "Đôn đốc" from a view that knows who is late ———

  /** The "Đôn đốc n đơn vị chậm" button (its label; a phone shows "Đôn đốc (n)"): returns n. */
  async lateCount(): Promise<number> {
    const button = this.page.getByRole('button', { name: /Đôn đốc \d+ đơn vị chậm$/u });
    await button.waitFor();
    return Number(/(\d+)/u.exec((await button.getAttribute('aria-label')) ?? '')?.[1]);
  }

  async openUrgeForm(): Promise<Locator> {
    await this.page.getByRole('button', { name: /Đôn đốc \d+ đơn vị chậm$/u }).click();
    const dialog = this.dialog('Gửi đôn đốc');
    await dialog.getByLabel('Nội dung đôn đốc').waitFor();
    return dialog;
  }

  /** Search a unit of the officer's subtree in the form (diacritics optional) and add it. */
  async addUnit(dialog: Locator, search: string, name: string): Promise<void> {
    const box = dialog.getByLabel('Đơn vị nhận', { exact: true });
    await box.click();
    await box.fill(search);
    const option = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ has: this.page.getByText(name, { exact: true }) });
    await option.first().click();
    await box.press('Escape');
  }

  /** The units chosen in the form (the tags of the multiple select). */
  async chosenUnits(dialog: Locator): Promise<string[]> {
    const tags = dialog.locator('.ant-select-selection-item');
    return (await tags.allTextContents()).map((text) => text.trim());
  }
}
