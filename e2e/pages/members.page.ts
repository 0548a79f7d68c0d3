import type { Download, Locator, Page } from 'playwright-core';

/** "Đảng viên": the registry list, a member's record and the Excel import. */
export class MembersPage {
  constructor(private readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Đảng viên' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Đảng viên' }).waitFor();
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByPlaceholder('Tìm theo họ tên (có thể gõ không dấu)');
    await box.fill(text);
    await box.press('Enter');
  }

  memberLink(fullName: string): Locator {
    return this.page.getByRole('link', { name: fullName, exact: true });
  }

  async exportList(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Xuất Excel' }).click();
    return download;
  }

  async openImport(): Promise<void> {
    await this.page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Nhập đảng viên từ Excel' }).waitFor();
  }

  async upload(file: string): Promise<void> {
    await this.page.setInputFiles('input[type=file]', file);
    await this.page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
  }

  async waitForText(text: string | RegExp): Promise<void> {
    await this.page.getByText(text).first().waitFor();
  }

  async commit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Nhập vào danh sách' }).click();
  }

  async uploadAnother(): Promise<void> {
    await this.page.getByRole('link', { name: 'Nhập tệp khác' }).or(this.page.getByRole('button', { name: 'Nhập tệp khác' })).first().click();
  }
}
