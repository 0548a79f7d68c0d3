import type { Locator, Page } from 'playwright-core';

/** "Văn bản chỉ đạo": the document list, the register drawer and a document's page. */
export class DocumentsPage {
  constructor(private readonly page: Page) {}

  async openList(): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Văn bản chỉ đạo' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Văn bản chỉ đạo' }).waitFor();
  }

  /** The register drawer (a dialog named by its title). */
  drawer(): Locator {
    return this.page.getByRole('dialog', { name: 'Đăng ký văn bản' });
  }

  async startRegistering(): Promise<void> {
    await this.page.getByRole('button', { name: /Đăng ký văn bản$/u }).click();
    await this.drawer().getByLabel('Số, ký hiệu').waitFor();
  }

  /** Pick an option of an antd select in the drawer, typing `search` first when given. */
  private async choose(label: string, option: string | RegExp, search?: string): Promise<void> {
    const box = this.drawer().getByLabel(label);
    await box.click();
    if (search !== undefined) await box.fill(search);
    await this.page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).first().click();
  }

  /** "Kế hoạch (KH)" */
  async chooseType(label: string): Promise<void> {
    await this.choose('Loại văn bản', label);
  }

  async setIssuedOn(date: string): Promise<void> {
    const input = this.drawer().getByLabel('Ngày ban hành');
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  /** The next free number the server suggests for the issuer, type and date chosen. */
  async suggestedSymbol(): Promise<string> {
    const help = this.drawer().getByText(/^Số tiếp theo trong nhiệm kỳ /u);
    await help.waitFor();
    const text = (await help.textContent()) ?? '';
    return /: (\S+)\. Có thể sửa/u.exec(text)?.[1] ?? '';
  }

  symbolField(): Locator {
    return this.drawer().getByLabel('Số, ký hiệu');
  }

  async fillTitle(title: string): Promise<void> {
    await this.drawer().getByLabel('Trích yếu').fill(title);
  }

  async fillSigner(name: string): Promise<void> {
    await this.drawer().getByLabel('Người ký').fill(name);
  }

  /** Options read "08-KH/TU · 07/09/2011 — <trích yếu>"; other documents may quote the symbol in their title. */
  async chooseImplements(symbol: string): Promise<void> {
    const escaped = symbol.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
    await this.choose('Thực hiện văn bản', new RegExp(`^${escaped} · `, 'u'), symbol);
  }

  async save(): Promise<void> {
    await this.drawer().getByRole('button', { name: 'Lưu văn bản' }).click();
  }

  /** The page of a document: "Kế hoạch số 08-KH/TU". */
  heading(typeLabel: string, symbol: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `${typeLabel} số ${symbol}` });
  }
}
