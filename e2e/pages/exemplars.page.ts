import type { Locator, Page } from 'playwright-core';
import { settleMessages } from './standards.page';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface Nomination {
  /** What to type in the member search (diacritics optional); the first hit is chosen. */
  memberSearch: string;
  title: string;
  field: string;
  summary: string;
  /** The story typed in the editor: plain text, then a bold part, then plain text again. */
  story: { before: string; bold: string; after: string };
  /** The deciding level as offered ("Đảng bộ tỉnh Bắc Ninh"). */
  deciding: string;
  photos: UploadFile[];
  evidence: UploadFile[];
}

export interface Commendation {
  symbol: string;
}

export type Totals = Record<'nominated' | 'approved' | 'commended' | 'publicityEntries' | 'publicStories', number>;

/** Wait for a dialog to close after its OK button; if the server refused, fail with its message instead of a timeout. */
async function closes(dialog: Locator): Promise<void> {
  const refusal = dialog.getByRole('alert').or(dialog.locator('.ant-form-item-explain-error')).first();
  await Promise.race([dialog.waitFor({ state: 'hidden' }), refusal.waitFor().then(async () => Promise.reject(new Error(`The dialog stayed open: ${await refusal.textContent()}`)))]);
}

/** "Điển hình tiên tiến": the list, the nomination form with its rich-text story, the detail with its actions; "Tuyên truyền điển hình". */
export class ExemplarsPage {
  constructor(private readonly page: Page) {}

  /** The list for a year; `awaiting`: only those waiting for the caller; `q`: the search box (diacritics optional). */
  async openList(year: number, options: { awaiting?: boolean; q?: string } = {}): Promise<void> {
    const query = new URLSearchParams({ year: String(year), ...(options.awaiting ? { awaiting: '1' } : {}), ...(options.q ? { q: options.q } : {}) });
    await this.page.goto(`/dien-hinh?${query.toString()}`);
    await this.page.getByRole('heading', { level: 1, name: 'Điển hình tiên tiến' }).waitFor();
    await this.list().getByRole('heading', { level: 2 }).waitFor();
  }

  list(): Locator {
    return this.page.getByRole('region', { name: /^(Đề nghị năm \d{4}|Đề nghị chờ tôi xác minh)/u });
  }

  row(title: string): Locator {
    return this.list().getByTestId('exemplar-row').filter({ hasText: title });
  }

  /** "Đề cử điển hình", fill in the form, save; the page then shows the draft. Returns the member's name (its heading). */
  async nominate(nomination: Nomination): Promise<string> {
    await this.page.getByRole('button', { name: 'Đề cử điển hình' }).first().click();
    await this.page.getByRole('heading', { level: 1, name: 'Đề cử điển hình' }).waitFor();
    const form = this.page.locator('form[id="exemplar"]');

    // Selects are driven from the keyboard: type, wait for the (first) matching option, Enter.
    await this.choose(form.getByLabel('Đảng viên được đề cử'), nomination.memberSearch);

    await form.getByLabel('Tiêu đề', { exact: true }).fill(nomination.title);
    await form.getByLabel('Lĩnh vực', { exact: true }).fill(nomination.field);
    await form.getByLabel('Tóm tắt thành tích').fill(nomination.summary);

    // The story: type, turn bold on with the toolbar, type, turn it off, type.
    const story = form.getByRole('textbox', { name: 'Câu chuyện' });
    await story.click();
    await this.page.keyboard.type(nomination.story.before);
    const bold = form.getByRole('button', { name: 'Đậm', exact: true });
    await bold.click();
    await this.page.keyboard.type(nomination.story.bold);
    await bold.click();
    await this.page.keyboard.type(nomination.story.after);

    await this.choose(form.getByLabel('Cấp xét công nhận'), nomination.deciding);
    // The chosen value shows in the select's box (with its name as the title).
    await form.getByTitle(nomination.deciding).waitFor();

    if (nomination.photos.length > 0) await this.chooseFiles(form.getByRole('button', { name: 'Chọn ảnh' }), nomination.photos, 'Bỏ ảnh');
    if (nomination.evidence.length > 0) await this.chooseFiles(form.getByRole('button', { name: 'Chọn tệp minh chứng' }), nomination.evidence, 'Bỏ tệp');

    await form.getByRole('button', { name: 'Lưu đề nghị' }).click();
    await this.page.getByRole('region', { name: 'Câu chuyện' }).waitFor();
    await settleMessages(this.page);
    // The draft's page is headed by the member's name.
    return ((await this.page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  }

  /** Type into a searchable select and take the first option it offers (Enter picks the active option). */
  private async choose(combobox: Locator, text: string): Promise<void> {
    await combobox.click();
    await combobox.fill(text);
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await combobox.press('Enter');
  }

  private async chooseFiles(button: Locator, files: UploadFile[], removeLabel: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await button.click();
    await (await chooser).setFiles(files);
    // Each chosen file is listed with its own button to take it out again ("Bỏ ảnh x.jpg", "Bỏ tệp x.pdf").
    for (const file of files) await this.page.getByRole('button', { name: `${removeLabel} ${file.name}`, exact: true }).waitFor();
  }

  /** From the list, open a nomination by its title. */
  async openFromList(title: string): Promise<void> {
    await this.row(title).getByRole('link').click();
    await this.page.getByRole('region', { name: 'Câu chuyện' }).waitFor();
    await settleMessages(this.page);
  }

  story(): Locator {
    return this.page.getByTestId('story');
  }

  async state(): Promise<string> {
    return ((await this.page.locator('[data-state]').first().textContent()) ?? '').trim();
  }

  async whereNow(): Promise<string> {
    return ((await this.page.getByTestId('where-now').textContent()) ?? '').trim();
  }

  async waitForState(label: string): Promise<void> {
    await this.page.locator('[data-state]', { hasText: label }).first().waitFor();
  }

  /** The per-level statuses of the chain, nearest first. */
  async chainStatuses(): Promise<string[]> {
    return this.page.getByTestId('chain-level').evaluateAll((levels) => levels.map((level) => level.getAttribute('data-status') ?? ''));
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Gửi đề cử' }).click();
    await this.page.getByRole('tooltip').getByRole('button', { name: 'Gửi', exact: true }).click();
    await this.waitForState('Chờ xác minh');
  }

  /** "Xác minh" with an optional comment; waits until the holding level moves on. */
  async verify(comment: string): Promise<void> {
    const before = await this.whereNow();
    // Buttons with an icon (or the loading icon antd leaves behind) are named "<icon> <text>": match the end.
    await this.page.getByRole('button', { name: /(^|\s)Xác minh$/u }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Xác minh đề nghị/u });
    await dialog.getByLabel('Ý kiến (không bắt buộc)').fill(comment);
    await dialog.getByRole('button', { name: /(^|\s)Xác minh$/u }).click();
    await closes(dialog);
    await this.page.waitForFunction((text) => document.querySelector('[data-testid="where-now"]')?.textContent?.trim() !== text, before);
  }

  /** "Khen thưởng": the form and title are suggested for the deciding level; the date is today. */
  async commend(commendation: Commendation): Promise<Locator> {
    await this.page.getByRole('button', { name: /(^|\s)Khen thưởng$/u }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Khen thưởng/u });
    await dialog.getByLabel('Số, ký hiệu quyết định').fill(commendation.symbol);
    return dialog;
  }

  async saveCommendation(dialog: Locator): Promise<void> {
    await dialog.getByRole('button', { name: /(^|\s)Ghi khen thưởng$/u }).click();
    await closes(dialog);
    await this.page.getByTestId('commendation').waitFor();
  }

  async publish(): Promise<string> {
    await this.page.getByRole('button', { name: 'Công khai trên trang công khai' }).click();
    await this.page.getByRole('tooltip').getByRole('button', { name: 'Công khai', exact: true }).click();
    const link = this.page.getByRole('link', { name: 'Xem trên trang công khai' });
    await link.waitFor();
    return (await link.getAttribute('href')) ?? '';
  }

  async addPublicity(entry: { channel: string; title: string; url: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Thêm tin tuyên truyền' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Thêm tin tuyên truyền' });
    await this.choose(dialog.getByLabel('Kênh'), entry.channel);
    await dialog.getByTitle(entry.channel, { exact: true }).waitFor();
    await dialog.getByLabel('Tên tin, bài').fill(entry.title);
    await dialog.getByLabel('Đường dẫn (nếu có)').fill(entry.url);
    await dialog.getByRole('button', { name: /(^|\s)Ghi$/u }).click();
    await closes(dialog);
    await this.publicity().getByText(entry.title).waitFor();
  }

  publicity(): Locator {
    return this.page.getByRole('region', { name: /^Tuyên truyền \(/u });
  }

  // ——— Tuyên truyền điển hình ———

  async openSummary(year: number): Promise<void> {
    await this.page.goto(`/tuyen-truyen?year=${year}`);
    await this.page.getByRole('heading', { level: 1, name: 'Tuyên truyền điển hình' }).waitFor();
    await this.page.getByTestId('total-nominated').waitFor();
  }

  async totals(): Promise<Totals> {
    const read = async (key: keyof Totals) => Number(await this.page.getByTestId(`total-${key}`).locator('[data-value]').getAttribute('data-value'));
    return {
      nominated: await read('nominated'),
      approved: await read('approved'),
      commended: await read('commended'),
      publicityEntries: await read('publicityEntries'),
      publicStories: await read('publicStories'),
    };
  }

  /** The month chart's drawing (a canvas behind role="img"). */
  monthChart(): Locator {
    return this.page.getByRole('img', { name: /^Tin, bài tuyên truyền theo tháng/u });
  }

  childRow(name: string): Locator {
    return this.page.getByRole('region', { name: /^Theo đơn vị trực thuộc/u }).locator('tbody tr.ant-table-row').filter({ hasText: name });
  }
}
