import type { Locator, Page } from 'playwright-core';

/** "Cơ cấu tổ chức": the tree on one side, the open unit on the other. */
export class OrgTreePage {
  constructor(private readonly page: Page) {}

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  async waitForUnit(name: string): Promise<void> {
    await this.heading(name).waitFor();
  }

  async search(text: string): Promise<void> {
    await this.page.getByPlaceholder('Tìm đơn vị (có thể gõ không dấu)').fill(text);
  }

  searchResult(name: string): Locator {
    return this.page.getByRole('list', { name: 'Kết quả tìm đơn vị' }).getByText(name, { exact: true });
  }

  treeNode(name: string): Locator {
    return this.page.getByRole('tree').getByText(name, { exact: true });
  }

  breadcrumb(): Locator {
    return this.page.locator('nav.ant-breadcrumb, .ant-breadcrumb').first();
  }

  childLink(name: string): Locator {
    return this.page.getByRole('table').getByRole('link', { name, exact: true });
  }

  async openCreateChild(): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
  }

  async createChild(name: string, kindLabel: string): Promise<void> {
    await this.openCreateChild();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Tên đơn vị').fill(name);
    // Under load the option click can land while the list animates and not take (a CI run waited 30 s
    // for a choice that never came): check that it took, and choose again if not.
    const dropdown = this.page.locator('.ant-select-dropdown:visible').first();
    const chosen = dialog.locator('.ant-select').filter({ hasText: kindLabel }).first();
    for (let attempt = 1; ; attempt += 1) {
      if (!(await dropdown.isVisible())) await dialog.getByLabel('Loại tổ chức').click();
      await dropdown.getByText(kindLabel, { exact: true }).click();
      try {
        await chosen.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await dialog.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}
