import type { Locator, Page } from 'playwright-core';

export interface PilotChoice {
  kind: 'comprehensive' | 'field';
  field?: string;
  /** What to type in the unit search (diacritics optional). */
  search: string;
  /** The unit's full name as listed. */
  target: string;
  goals: string;
  responsible: string;
}

/**
 * antd's messages time out by Date.now(), which the journeys pin, so they stay on screen; waiting for them
 * to leave proved flaky on a busy CI machine (the leave animation never finished). They are only toasts:
 * let clicks pass through them to the toolbar underneath instead. Their text stays readable for asserts.
 */
export async function settleMessages(page: Page): Promise<void> {
  await page.addStyleTag({ content: '.ant-message, .ant-message * { pointer-events: none !important; }' });
}

export const PILOT_KIND_NAMES = { comprehensive: 'Chỉ đạo điểm toàn diện', field: 'Chỉ đạo điểm theo lĩnh vực' } as const;

/** "Chỉ đạo điểm & vấn đề nổi cộm": the committees' quotas, the pilots, the choosing dialog and the drawers. */
export class PilotsPage {
  constructor(private readonly page: Page) {}

  async open(year: number): Promise<void> {
    await this.page.goto(`/chi-dao-diem?year=${year}`);
    await this.page.getByRole('heading', { level: 1, name: 'Chỉ đạo điểm & vấn đề nổi cộm' }).waitFor();
    await this.committees().locator('tbody tr.ant-table-row').first().waitFor();
  }

  committees(): Locator {
    return this.page.getByRole('region', { name: /^Cấp ủy \(/u });
  }

  pilots(): Locator {
    return this.page.getByRole('region', { name: /^Đơn vị chỉ đạo điểm/u });
  }

  committeeRow(name: string): Locator {
    return this.committees().locator('tbody tr.ant-table-row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** "2/2", "3/3" and the quota tag of a committee. */
  async quota(name: string): Promise<{ comprehensive: string; field: string; met: string }> {
    const row = this.committeeRow(name);
    await row.waitFor();
    return {
      comprehensive: ((await row.getByTestId('comprehensive').textContent()) ?? '').trim(),
      field: ((await row.getByTestId('field').textContent()) ?? '').trim(),
      met: ((await row.getByTestId('quota').textContent()) ?? '').trim(),
    };
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: /Chọn đơn vị chỉ đạo điểm/u });
  }

  /** Open "Chọn đơn vị điểm" and fill it in; returns the dialog (still open until saved). */
  async fillPilot(choice: PilotChoice): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Chọn đơn vị điểm' }).first().click();
    const dialog = this.dialog();
    await dialog.getByLabel('Mục tiêu').waitFor();
    await dialog.getByRole('radio', { name: new RegExp(`^${PILOT_KIND_NAMES[choice.kind]}`, 'u') }).check({ force: true });
    if (choice.field) await dialog.getByLabel('Lĩnh vực', { exact: true }).fill(choice.field);
    const picker = dialog.getByLabel('Đơn vị điểm');
    await picker.click();
    await picker.fill(choice.search);
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: choice.target }).first().click();
    await dialog.getByLabel('Mục tiêu').fill(choice.goals);
    await dialog.getByLabel('Người phụ trách').fill(choice.responsible);
    return dialog;
  }

  async choosePilot(choice: PilotChoice): Promise<void> {
    const dialog = await this.fillPilot(choice);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.pilots().getByRole('button', { name: choice.target }).waitFor();
    await settleMessages(this.page);
  }

  /** Open a pilot's drawer from the list. */
  async openPilot(target: string): Promise<Locator> {
    await this.pilots().getByRole('button', { name: target }).click();
    const drawer = this.page.getByRole('dialog', { name: `Đơn vị điểm: ${target}` });
    await drawer.getByText('Mục tiêu', { exact: true }).waitFor();
    return drawer;
  }

  /** Open a committee's pressing issue from its row. */
  async openIssue(committee: string): Promise<Locator> {
    await this.committeeRow(committee).getByTestId('issue-link').click();
    const drawer = this.page.getByRole('dialog', { name: new RegExp(`^Vấn đề nổi cộm năm \\d{4}: ${committee}$`, 'u') });
    await drawer.getByText(/^Các mốc \(\d+\)$/u).waitFor();
    return drawer;
  }

  /** "Cập nhật" in the issue drawer; returns how many milestones the form shows. */
  async editIssue(drawer: Locator): Promise<number> {
    await drawer.getByRole('button', { name: 'Cập nhật' }).click();
    await drawer.getByLabel('Tên mốc 1').waitFor();
    return drawer.getByRole('group', { name: /^Mốc \d+$/u }).count();
  }

  async fillDate(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(value);
    await input.press('Tab');
  }

  async addNote(drawer: Locator, note: string): Promise<void> {
    await drawer.getByLabel('Ghi chép mới').fill(note);
    await drawer.getByRole('button', { name: 'Ghi tiến độ' }).click();
    await drawer.getByText(note).waitFor();
  }
}

/** "Chuẩn mực đạo đức": a unit's standards, the editor and the workflow buttons; and the coverage page. */
export class StandardsPage {
  constructor(private readonly page: Page) {}

  async openCoverage(): Promise<void> {
    await this.page.goto('/chuan-muc/bao-phu');
    await this.page.getByRole('heading', { level: 1, name: 'Tình hình ban hành chuẩn mực' }).waitFor();
    await this.sectors().locator('tbody tr.ant-table-row').first().waitFor();
  }

  sectors(): Locator {
    return this.page.getByRole('region', { name: /^Lĩnh vực trọng điểm/u });
  }

  sectorRow(label: string): Locator {
    return this.sectors().locator('tbody tr.ant-table-row').filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** Units of a priority sector with an issued professional-ethics standard. */
  async sectorWithProfessional(label: string): Promise<number> {
    const cell = this.sectorRow(label).getByTestId('sector-with-professional');
    await cell.waitFor();
    return Number(await cell.getAttribute('data-value'));
  }

  /** From the coverage page: follow a missing unit's link to its standards. */
  async openMissing(sector: string, unit: string): Promise<void> {
    await this.sectorRow(sector).getByRole('link', { name: unit, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Chuẩn mực đạo đức' }).waitFor();
    await this.page.locator('[aria-current="page"]', { hasText: unit }).waitFor();
  }

  series(kind: 'moral' | 'professional'): Locator {
    return this.page.getByRole('region', { name: kind === 'moral' ? 'Chuẩn mực đạo đức' : 'Chuẩn mực đạo đức nghề nghiệp', exact: true });
  }

  awaiting(): Locator {
    return this.page.getByRole('region', { name: /^Chờ duyệt/u });
  }

  /** Type a criterion's group and text (row `index` from 1; rows are added as needed). */
  async fillCriterion(section: Locator, index: number, group: string | null, text: string): Promise<void> {
    const textBox = section.getByLabel(`Nội dung tiêu chí ${index}`, { exact: true });
    if ((await textBox.count()) === 0) await section.getByRole('button', { name: 'Thêm tiêu chí' }).click();
    await textBox.fill(text);
    const groupBox = section.getByLabel(`Nhóm của tiêu chí ${index}`, { exact: true });
    await groupBox.fill(group ?? '');
    await groupBox.press('Escape');
  }

  async stateOf(section: Locator): Promise<string> {
    return ((await section.getByTestId('open-version').locator('[data-state]').first().textContent()) ?? '').trim();
  }
}
