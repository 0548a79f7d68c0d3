import type { Locator, Page } from 'playwright-core';

export interface ItemText {
  action: string;
  measure: string;
  due: string;
}

/** "Đăng ký làm theo": a member's own commitment, a cell's register and the coverage of a unit's tree. */
export class CommitmentsPage {
  constructor(private readonly page: Page) {}

  /** Open a menu entry; on a phone the menu sits in a drawer behind "Mở menu". */
  async openMenu(name: string): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Mở menu' });
    if (await toggle.isVisible()) await toggle.click();
    // The entry's name starts with its icon's label ("form Đăng ký làm theo của tôi"): match the end.
    await this.page.getByRole('menuitem', { name: new RegExp(`(^|\\s)${name}$`, 'u') }).click();
  }

  /** Pick the year in the page's year box (no-op when it already shows it). */
  async chooseYear(year: number): Promise<void> {
    const box = this.page.getByRole('combobox', { name: 'Năm' });
    const field = this.page.locator('label', { has: box });
    const shows = async () => ((await field.textContent()) ?? '').includes(`Năm ${year}`);
    await field.waitFor();
    // The box first renders empty and takes the round's year once the rounds load (and the page
    // re-renders around it): decide only after it shows a year, or the dropdown may vanish mid-click.
    await this.page.waitForFunction(
      () => [...document.querySelectorAll('label')].some((element) => /Năm \d{4}/u.test(element.textContent ?? '') && element.querySelector('[role="combobox"]')),
    );
    if (await shows()) return;
    await box.click();
    await this.page.locator('.ant-select-item-option', { hasText: `Năm ${year}` }).click();
    await this.page.waitForFunction(
      ([label]) => [...document.querySelectorAll('label')].some((element) => element.textContent?.includes(label ?? '') && element.querySelector('[role="combobox"]')),
      [`Năm ${year}`],
    );
  }

  // ——— Coverage (officers) ———

  async openCoverage(year: number): Promise<void> {
    await this.openMenu('Đăng ký làm theo');
    await this.page.getByRole('heading', { level: 1, name: 'Đăng ký làm theo' }).waitFor();
    await this.chooseYear(year);
  }

  /** The unit the coverage shows (the last breadcrumb entry). */
  async waitForUnit(name: string): Promise<void> {
    await this.page.locator('[aria-current="page"]', { hasText: name }).waitFor();
  }

  /** Members of the shown unit who registered (on time or late). */
  async unitRegistered(): Promise<number> {
    const figure = this.page.getByTestId('unit-registered');
    await figure.waitFor();
    return Number(await figure.getAttribute('data-registered'));
  }

  /** Members of a child unit's row who registered. */
  async rowRegistered(unitName: string): Promise<number> {
    const row = this.page.getByRole('row').filter({ has: this.page.getByRole('link', { name: unitName, exact: true }) });
    const figure = row.locator('[data-registered]').first();
    await figure.waitFor();
    return Number(await figure.getAttribute('data-registered'));
  }

  // ——— A member's own commitment ———

  async openMine(): Promise<string> {
    await this.openMenu('Đăng ký làm theo của tôi');
    await this.page.getByRole('heading', { level: 1, name: 'Đăng ký làm theo của tôi' }).waitFor();
    const name = this.page.locator('[data-member-name]');
    await name.waitFor();
    return ((await name.textContent()) ?? '').trim();
  }

  item(number: number): Locator {
    return this.page.getByRole('group', { name: `Việc ${number}`, exact: true });
  }

  async fillItem(number: number, text: Partial<ItemText>): Promise<void> {
    const item = this.item(number);
    await item.waitFor();
    if (text.action !== undefined) await item.getByLabel('Việc sẽ làm').fill(text.action);
    if (text.measure !== undefined) await item.getByLabel('Cách đo kết quả').fill(text.measure);
    if (text.due !== undefined) {
      const input = item.getByLabel('Thời hạn');
      await input.click();
      await input.fill(text.due);
      // Leaving the field confirms the typed date; the calendar then closes.
      await input.press('Tab');
      await this.page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
    }
  }

  async addItem(): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm việc' }).click();
  }

  /** "Nộp bản đăng ký", confirmed in the pop-up. */
  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Nộp bản đăng ký' }).click();
    await this.page.getByRole('button', { name: 'Nộp', exact: true }).click();
  }

  /** The state tag of the member's commitment ("Đã nộp, chờ chi bộ xem" …). */
  stateTag(label: string): Locator {
    return this.page.locator('[data-state]', { hasText: label });
  }

  // ——— A cell's register (secretary) ———

  async openRegister(): Promise<void> {
    await this.openMenu('Đăng ký làm theo');
    await this.page.getByRole('list', { name: 'Danh sách đăng ký' }).waitFor();
  }

  registerRow(fullName: string): Locator {
    return this.page.locator(`li[data-member="${fullName}"]`);
  }

  /** Open a member's commitment from the register; returns the drawer. */
  async openCommitmentOf(fullName: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `${fullName}: mở bản đăng ký`, exact: true }).click();
    const drawer = this.page.getByRole('dialog', { name: `Bản đăng ký của ${fullName}` });
    await drawer.getByRole('listitem', { name: 'Việc 1', exact: true }).waitFor();
    return drawer;
  }

  async returnWith(drawer: Locator, comment: string): Promise<void> {
    await drawer.getByRole('button', { name: 'Trả lại để sửa' }).click();
    await drawer.getByLabel('Ý kiến trả lại').fill(comment);
    await drawer.getByRole('button', { name: 'Gửi trả lại' }).click();
    await drawer.waitFor({ state: 'hidden' });
  }

  async accept(drawer: Locator): Promise<void> {
    await drawer.getByRole('button', { name: 'Chấp nhận' }).click();
    await drawer.waitFor({ state: 'hidden' });
  }
}
