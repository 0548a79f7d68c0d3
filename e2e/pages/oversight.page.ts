import type { Locator, Page } from 'playwright-core';

export interface PlannedActivity {
  title: string;
  /** dd/mm/yyyy */
  plannedOn: string;
  /** What to type in the unit search (diacritics optional) and the unit's full name. */
  unit: { search: string; name: string };
  location: string;
}

export interface NewFinding {
  /** The unit the finding is about: typed search and the name as listed (its ward shown beneath). */
  unit: { search: string; name: string; within: string };
  kind: 'Ưu điểm' | 'Hạn chế, khuyết điểm' | 'Vi phạm';
  content: string;
  followUp: { task: string; dueOn: string };
}

/** "Kiểm tra, giám sát": the calendar, an activity's page with its dialogs, and "Việc khắc phục". */
export class OversightPage {
  constructor(private readonly page: Page) {}

  /** Open a menu entry; on a phone the menu sits in a drawer behind "Mở menu". */
  async openMenu(name: string): Promise<void> {
    const toggle = this.page.getByRole('button', { name: 'Mở menu' });
    if (await toggle.isVisible()) await toggle.click();
    await this.page.getByRole('menuitem', { name }).click();
  }

  // ——— The calendar ———

  async open(year: number): Promise<void> {
    await this.page.goto(`/giam-sat?year=${year}`);
    await this.page.getByRole('heading', { level: 1, name: 'Kiểm tra, giám sát, giao ban, sơ kết' }).waitFor();
    await this.list().locator('.ant-table-tbody').waitFor();
  }

  list(): Locator {
    return this.page.getByRole('region', { name: 'Danh sách hoạt động' });
  }

  row(title: string): Locator {
    return this.list().locator('tbody tr.ant-table-row').filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name });
  }

  async fillDate(scope: Locator, label: string, value: string): Promise<void> {
    const input = scope.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(value);
    // Leaving the field confirms the typed date (Enter would submit the form).
    await input.press('Tab');
  }

  /** Type in a searchable select and click the option whose name (and, when given, path) matches. */
  async chooseUnit(scope: Locator, label: string, search: string, name: string, within?: string): Promise<void> {
    const box = scope.getByLabel(label, { exact: true });
    await box.click();
    await box.fill(search);
    let option = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ has: this.page.getByText(name, { exact: true }) });
    if (within) option = option.filter({ hasText: within });
    await option.first().click();
    await box.press('Escape');
  }

  /** "Lập kế hoạch" from the calendar: an inspection of one unit; lands on the new activity's page. */
  async planInspection(plan: PlannedActivity): Promise<void> {
    await this.page.getByRole('button', { name: 'Lập kế hoạch' }).click();
    const dialog = this.dialog('Lập kế hoạch kiểm tra, giám sát, giao ban, sơ kết');
    await dialog.getByLabel('Nội dung').waitFor();
    await this.fillDate(dialog, 'Ngày dự kiến', plan.plannedOn);
    await dialog.getByLabel('Nội dung').fill(plan.title);
    await this.chooseUnit(dialog, 'Đơn vị được kiểm tra', plan.unit.search, plan.unit.name);
    await dialog.getByLabel('Địa điểm').fill(plan.location);
    await dialog.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.page.getByRole('heading', { level: 1, name: plan.title }).waitFor();
  }

  // ——— An activity ———

  async state(): Promise<string> {
    return ((await this.page.locator('[data-state]').first().textContent()) ?? '').trim();
  }

  /** "Ghi nhận đã tổ chức": the planned day is offered; participants, number and conclusion. */
  async recordHeld(record: { heldOn: string; participants: string; count: number; conclusion: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Ghi nhận đã tổ chức' }).click();
    const dialog = this.dialog(/^Ghi nhận đã tổ chức/u);
    await dialog.getByLabel('Thành phần tham dự').waitFor();
    await this.fillDate(dialog, 'Ngày tổ chức', record.heldOn);
    await dialog.getByLabel('Thành phần tham dự').fill(record.participants);
    await dialog.getByLabel('Số người tham dự').fill(String(record.count));
    await dialog.getByLabel('Kết luận').fill(record.conclusion);
    await dialog.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** "Thêm phát hiện" with a follow-up task; returns the dialog, still open (the caller saves). */
  async fillFinding(finding: NewFinding): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Thêm phát hiện' }).click();
    const dialog = this.dialog('Thêm phát hiện');
    await dialog.getByLabel('Nội dung').waitFor();
    await this.chooseUnit(dialog, 'Đơn vị được nhận xét', finding.unit.search, finding.unit.name, finding.unit.within);
    await dialog.getByRole('radio', { name: finding.kind }).check({ force: true });
    await dialog.getByLabel('Nội dung').fill(finding.content);
    await dialog.getByRole('checkbox', { name: 'Giao việc khắc phục' }).check();
    await dialog.getByLabel('Việc phải khắc phục').fill(finding.followUp.task);
    await this.fillDate(dialog, 'Hạn hoàn thành', finding.followUp.dueOn);
    return dialog;
  }

  /** The finding with this content on an activity's page. */
  finding(content: string): Locator {
    return this.page.getByTestId('finding').filter({ hasText: content });
  }

  // ——— Follow-ups ———

  async openFollowUps(): Promise<void> {
    await this.openMenu('Việc khắc phục');
    await this.page.getByRole('heading', { level: 1, name: 'Việc khắc phục sau kiểm tra' }).waitFor();
    await this.followUps().locator('.ant-table-tbody').waitFor();
  }

  followUps(): Locator {
    return this.page.getByRole('region', { name: /^Việc khắc phục của /u });
  }

  followUpRow(task: string): Locator {
    return this.followUps().locator('tbody tr.ant-table-row').filter({ hasText: task });
  }

  addressed(): Locator {
    return this.page.getByRole('region', { name: /^Phát hiện gửi đơn vị/u });
  }

  /** The number on a timeliness card ("Quá hạn" …). */
  async count(state: 'done_on_time' | 'done_late' | 'pending' | 'overdue'): Promise<number> {
    return Number(await this.page.getByTestId(`count-${state}`).textContent());
  }

  /** "Báo cáo hoàn thành" on a row: the day defaults to today; the result and an evidence file. */
  async reportDone(row: Locator, result: string, evidence: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await row.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    const dialog = this.dialog('Báo cáo hoàn thành việc khắc phục');
    await dialog.getByLabel('Kết quả, minh chứng').fill(result);
    await dialog.locator('input[type="file"]').setInputFiles(evidence);
    await dialog.getByText(evidence.name).waitFor();
    await dialog.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}
