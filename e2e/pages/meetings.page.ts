import type { Locator, Page } from 'playwright-core';

/** "Sinh hoạt chi bộ": a cell's year (plan, record), the matrix of cells × months, and the menu that leads there. */
export class MeetingsPage {
  constructor(private readonly page: Page) {}

  /** Open a menu entry; on a phone the menu sits in a drawer behind "Mở menu". */
  async openMenu(name: string): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Mở menu' });
    if (await toggle.isVisible()) await toggle.click();
    await this.page.getByRole('menuitem', { name }).click();
  }

  /** A cell secretary's own cell: returns the cell's name (the page heading). */
  async openOwnCell(): Promise<string> {
    await this.openMenu('Sinh hoạt chi bộ');
    await this.month(1).waitFor();
    return (await this.page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  }

  month(month: number): Locator {
    return this.page.getByRole('region', { name: `Tháng ${month}`, exact: true });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** Tick exactly the topic items with these numbers in an open form. */
  async chooseItems(dialog: Locator, numbers: number[]): Promise<void> {
    const boxes = dialog.getByRole('checkbox');
    const count = await boxes.count();
    for (let index = 0; index < count; index++) {
      const box = boxes.nth(index);
      const label = (await box.locator('xpath=ancestor::label').textContent()) ?? '';
      const number = Number(/^\s*(\d+)\./u.exec(label)?.[1]);
      const wanted = numbers.includes(number);
      if ((await box.isChecked()) !== wanted) await box.locator('xpath=ancestor::label').click();
    }
  }

  item(dialog: Locator, number: number): Locator {
    return dialog.getByRole('checkbox', { name: new RegExp(`^${number}\\.`, 'u') });
  }

  async fillDate(dialog: Locator, label: string, value: string): Promise<void> {
    const input = dialog.getByLabel(label);
    await input.click();
    await input.fill(value);
    // Leaving the field confirms the typed date (Enter would also submit the form).
    await input.press('Tab');
  }

  /** "Lập kế hoạch" (or "Sửa kế hoạch" when the month already has one): date and items, then save. */
  async plan(month: number, date: string, items: number[]): Promise<void> {
    await this.month(month).getByRole('button', { name: /(Lập|Sửa) kế hoạch/u }).click();
    const dialog = this.dialog(new RegExp(`Kế hoạch sinh hoạt tháng ${month}/`, 'u'));
    await dialog.getByLabel('Ngày sinh hoạt dự kiến').waitFor();
    await this.fillDate(dialog, 'Ngày sinh hoạt dự kiến', date);
    await this.chooseItems(dialog, items);
    await dialog.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Open "Ghi biên bản" of a month; returns the drawer. */
  async openRecord(month: number): Promise<Locator> {
    await this.month(month).getByRole('button', { name: 'Ghi biên bản' }).click();
    const dialog = this.dialog(new RegExp(`Ghi biên bản sinh hoạt tháng ${month}/`, 'u'));
    await dialog.getByRole('radiogroup').first().waitFor();
    return dialog;
  }

  /** The members on the roll, in the order shown. */
  async rollNames(dialog: Locator): Promise<string[]> {
    const groups = dialog.getByRole('radiogroup');
    const names: string[] = [];
    for (let index = 0; index < (await groups.count()); index++) names.push((await groups.nth(index).getAttribute('aria-label')) ?? '');
    return names;
  }

  async setAttendance(dialog: Locator, fullName: string, label: 'Có mặt' | 'Có lý do' | 'Vắng'): Promise<void> {
    await dialog.getByRole('radiogroup', { name: fullName, exact: true }).getByText(label, { exact: true }).click();
  }

  async saveRecord(dialog: Locator): Promise<void> {
    await dialog.getByRole('button', { name: 'Lưu biên bản' }).click();
  }

  // ——— The matrix ———

  async openMatrix(): Promise<void> {
    await this.openMenu('Sinh hoạt chi bộ');
    await this.page.getByRole('heading', { level: 1, name: 'Ma trận sinh hoạt chi bộ' }).waitFor();
  }

  /** The unit the matrix shows (the last breadcrumb entry). */
  async waitForUnit(name: string): Promise<void> {
    await this.page.locator('[aria-current="page"]', { hasText: name }).waitFor();
  }

  /** "Cộng" row: how many cells held the month's meeting with the topic ("12/15" → 12). */
  async columnHeld(month: number): Promise<number> {
    const totals = this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name: 'Cộng', exact: true }) });
    const square = totals.getByRole('img', { name: new RegExp(`^Tháng ${month}:`, 'u') });
    const text = (await square.textContent()) ?? '';
    const held = /^(\d+)\//u.exec(text.trim())?.[1];
    if (held === undefined) throw new Error(`no count in the totals square of month ${month}: "${text}"`);
    return Number(held);
  }

  async drillTo(unitName: string): Promise<void> {
    await this.page.getByRole('link', { name: unitName, exact: true }).click();
    await this.waitForUnit(unitName);
  }

  /** A cell's square of a month in the matrix, found by its state's words. */
  cellSquare(cellName: string, month: number, state: string): Locator {
    const row = this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: cellName, exact: true }) });
    return row.getByRole('img', { name: `Tháng ${month}: ${state}`, exact: true });
  }
}
