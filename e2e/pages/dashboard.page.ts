import type { Download, Locator, Page } from 'playwright-core';

/** "Bảng điều khiển": cards per indicator, charts, lagging units and the tree table of child units. */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  async open(year: number): Promise<void> {
    await this.page.getByRole('menuitem', { name: 'Bảng điều khiển' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Bảng điều khiển' }).waitFor();
    await this.page.goto(`/bang-dieu-khien?period=year&year=${year}`);
    await this.card('meetings_valid').waitFor();
  }

  card(key: string): Locator {
    return this.page.getByTestId(`card-${key}`);
  }

  async cardValue(key: string): Promise<string> {
    return ((await this.card(key).getByTestId('value').textContent()) ?? '').trim();
  }

  async periodLabel(): Promise<string> {
    return ((await this.page.getByTestId('dashboard-period').textContent()) ?? '').trim();
  }

  children(): Locator {
    return this.page.getByRole('region', { name: 'Đơn vị trực thuộc' });
  }

  childRow(name: string): Locator {
    return this.children().locator('tbody tr.ant-table-row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Opens a row of the tree table; resolves when its own children are listed. */
  async expand(name: string, child: string): Promise<void> {
    const row = this.childRow(name);
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await this.childRow(child).waitFor();
  }

  lagging(): Locator {
    return this.page.getByRole('list', { name: 'Đơn vị chậm' });
  }

  async openReportEditor(): Promise<ReportEditorPage> {
    await this.page.getByRole('button', { name: 'Lập báo cáo' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Báo cáo kết quả thực hiện' }).waitFor();
    return new ReportEditorPage(this.page);
  }
}

/** "Báo cáo": the generated draft, edited and downloaded. */
export class ReportEditorPage {
  constructor(private readonly page: Page) {}

  form(): Locator {
    return this.page.getByRole('form', { name: 'Dự thảo báo cáo' });
  }

  async createDraft(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tạo dự thảo' }).click();
    await this.form().getByLabel('Số, ký hiệu').waitFor();
  }

  field(label: string | RegExp): Locator {
    return this.form().getByLabel(label);
  }

  async downloadDocx(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Tải Word (.docx)' }).click();
    return download;
  }

  async downloadAppendix(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Tải phụ lục Excel' }).click();
    return download;
  }

  async openRegistration(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Đăng ký văn bản' }).click();
    const drawer = this.page.getByRole('dialog', { name: 'Đăng ký văn bản' });
    await drawer.getByLabel('Số, ký hiệu').waitFor();
    return drawer;
  }
}
