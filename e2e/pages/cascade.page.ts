import type { Download, Locator, Page } from 'playwright-core';
import type { TimelinessState } from '../../src/shared/domain/timeliness';

/** "Tiến độ triển khai": the cascade of one document under a unit. */
export class CascadePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Tiến độ triển khai' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Tiến độ triển khai' }).waitFor();
  }

  async chooseDocument(symbol: string): Promise<void> {
    const box = this.page.getByLabel('Văn bản chỉ đạo');
    await box.click();
    await box.fill(symbol);
    // Options read "08-KH/TU — <trích yếu>"; other documents may quote the symbol in their title.
    const escaped = symbol.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
    const dropdown = this.page.locator('.ant-select-dropdown:visible');
    const option = dropdown.getByText(new RegExp(`^${escaped} — `, 'u'));
    await option.waitFor();
    // On a 360 px page the list re-renders and moves while the search results arrive, and a pointer click
    // can land on the control underneath (seen once in CI): send the click to the option itself.
    await option.dispatchEvent('click');
    await dropdown.waitFor({ state: 'hidden' });
    // The summary names the document it follows ("Thực hiện Kế hoạch 08-KH/TU ngày …").
    await this.page.getByRole('main').getByRole('link', { name: ` ${symbol}` }).first().waitFor();
  }

  async waitForUnit(name: string): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
  }

  /** Documents of the viewed unit's whole subtree in one state. */
  async count(state: TimelinessState): Promise<number> {
    const cell = this.page.getByRole('group', { name: 'Số văn bản theo tình trạng' }).locator(`[data-state="${state}"]`);
    await cell.waitFor();
    return Number(((await cell.textContent()) ?? '').replace(/\./gu, ''));
  }

  childRow(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** A child's own document obligation (state tag and "Số …"/"Hạn …" line). */
  ownDocument(name: string): Locator {
    return this.childRow(name).getByRole('group', { name: 'Ban hành văn bản' });
  }

  async drillInto(name: string): Promise<void> {
    await this.page.getByRole('link', { name }).first().click();
    await this.waitForUnit(name);
  }

  async exportExcel(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Xuất Excel' }).click();
    return download;
  }

  async setOverdueOnly(on: boolean): Promise<void> {
    const toggle = this.page.getByRole('switch', { name: 'Chỉ đơn vị quá hạn' });
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  }
}
