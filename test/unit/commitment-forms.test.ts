import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { commitmentFormDocx, formDateLine, type CommitmentFormContext } from '../../src/server/capabilities/commitments/commitment-forms';
import type { Commitment, CommitmentItem } from '../../src/shared/schemas/commitments';

// ——— Reading a DOCX back: the XML parts and the text of each paragraph and table row ———

interface Docx {
  xml: string;
  styles: string;
  /** Text of each paragraph, in order (table cells included). */
  paragraphs: string[];
  /** Text of each table row, one string per cell. */
  rows: string[][];
}

const decode = (value: string) =>
  value.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');

function paragraphText(xml: string): string {
  // A <w:br/> inside a paragraph is a line break: keep it as "\n".
  const pieces = xml.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>|<w:br\/>/gu) ?? [];
  return pieces.map((piece) => (piece === '<w:br/>' ? '\n' : decode(piece.replace(/<[^>]+>/gu, '')))).join('');
}

async function readDocx(buffer: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const paragraphs = (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/gu) ?? []).map(paragraphText);
  const rows = (xml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/gu) ?? []).map((row) =>
    (row.match(/<w:tc>[\s\S]*?<\/w:tc>/gu) ?? []).map((cell) => (cell.match(/<w:p[ >][\s\S]*?<\/w:p>/gu) ?? []).map(paragraphText).join('\n')),
  );
  return { xml, styles, paragraphs, rows };
}

/** The rows of the items table: the one whose first cell reads "TT". */
function itemRows(doc: Docx): string[][] {
  const start = doc.rows.findIndex((row) => row[0] === 'TT');
  expect(start).toBeGreaterThanOrEqual(0);
  const width = doc.rows[start]!.length;
  const rows: string[][] = [];
  for (let i = start; i < doc.rows.length && doc.rows[i]!.length === width; i++) rows.push(doc.rows[i]!);
  return rows;
}

// ——— Fixtures ———

const LEVELS = [
  { code: 'excellent', label: 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ', rank: 1 },
  { code: 'good', label: 'Đủ tư cách, hoàn thành tốt nhiệm vụ', rank: 2 },
  { code: 'done', label: 'Đủ tư cách, hoàn thành nhiệm vụ', rank: 3 },
  { code: 'failed', label: 'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ', rank: 4 },
];

function item(overrides: Partial<CommitmentItem> & Pick<CommitmentItem, 'id' | 'number' | 'action'>): CommitmentItem {
  return {
    kind: 'action',
    measure: null,
    dueOn: null,
    topicItem: null,
    standardRef: null,
    selfResult: null,
    selfNote: null,
    percent: null,
    checkins: [],
    ...overrides,
  };
}

const ITEMS: CommitmentItem[] = [
  item({
    id: 11,
    number: 1,
    action: 'Đi làm đúng giờ, không sử dụng thời gian làm việc vào việc riêng',
    measure: '100% số ngày công đúng giờ, được cơ quan xác nhận',
    dueOn: '2012-12-31',
    standardRef: 'Chuẩn mực 2: Cần, kiệm, liêm, chính',
    topicItem: { id: 3, number: 2, title: 'Tấm gương đạo đức Hồ Chí Minh về tiết kiệm' },
  }),
  item({
    id: 12,
    number: 2,
    action: 'Vận động 5 hộ gia đình trong thôn làm đường bê tông & giữ vệ sinh <xóm>',
    measure: '5 hộ tham gia',
    dueOn: '2012-09-05',
  }),
  item({
    id: 13,
    number: 3,
    kind: 'example',
    action: 'Gương mẫu tiết kiệm điện, nước tại cơ quan',
    measure: 'Hóa đơn điện giảm 10% so với năm 2011',
    dueOn: '2012-06-30',
    standardRef: 'Chuẩn mực 1',
  }),
];

function commitment(overrides: Partial<Commitment> = {}): Commitment {
  return {
    id: 7,
    roundId: 1,
    year: 2012,
    kind: 'personal',
    member: { id: 501, fullName: 'Nguyễn Văn An' },
    unit: { id: 40, name: 'Chi bộ thôn Tam Sơn 1', kind: 'cell' },
    isLeader: true,
    state: 'accepted',
    firstSubmittedOn: '2012-05-03',
    timeliness: 'done_on_time',
    deadline: '2012-05-15',
    returnComment: null,
    items: ITEMS,
    review: { selfLevel: null, selfNote: null, selfReviewedAt: null, cellLevel: null, cellNote: null, decidedLevel: null, notAssessedReason: null },
    levels: LEVELS,
    reviewOpensOn: '2012-12-01',
    version: 3,
    can: { edit: false, submit: false, accept: false, return: false, checkin: true, selfReview: false, cellReview: false },
    ...overrides,
  };
}

const CONTEXT: CommitmentFormContext = {
  form: 'registration',
  grassrootsName: 'Đảng bộ xã Tam Sơn',
  cellName: 'Chi bộ thôn Tam Sơn 1',
  place: 'Từ Sơn',
  today: '2012-06-19',
};

function expectNoNullText(doc: Docx) {
  const all = doc.paragraphs.join('\n');
  expect(all).not.toMatch(/null|undefined|NaN/u);
  expect(doc.xml).not.toMatch(/>(null|undefined)</u);
}

// ——— Tests ———

describe('the date line of a form', () => {
  it('pads the day, and the month only for January and February', () => {
    expect(formDateLine('Từ Sơn', '2012-06-19')).toBe('Từ Sơn, ngày 19 tháng 6 năm 2012');
    expect(formDateLine('Bắc Ninh', '2011-09-07')).toBe('Bắc Ninh, ngày 07 tháng 9 năm 2011');
    expect(formDateLine('Từ Sơn', '2012-02-03')).toBe('Từ Sơn, ngày 03 tháng 02 năm 2012');
    expect(formDateLine('Từ Sơn', '2012-12-01')).toBe('Từ Sơn, ngày 01 tháng 12 năm 2012');
  });

  it('starts with "Ngày" when no place is known', () => {
    expect(formDateLine('  ', '2012-06-19')).toBe('Ngày 19 tháng 6 năm 2012');
  });
});

describe('the registration form', () => {
  it('is an A4 portrait Word document in Times New Roman', async () => {
    const doc = await readDocx(await commitmentFormDocx(commitment(), CONTEXT));
    // 210 × 297 mm in twips, no landscape orientation.
    expect(doc.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
    expect(doc.xml).not.toMatch(/w:orient="landscape"/u);
    expect(doc.styles).toMatch(/Times New Roman/u);
    expect(doc.xml).toMatch(/w:sz w:val="28"/u); // 14 pt body
  });

  it('carries the Party header: superior and issuing body on the left, the Party and the date line on the right', async () => {
    const doc = await readDocx(await commitmentFormDocx(commitment(), CONTEXT));
    const header = doc.rows[0]!;
    expect(header[0]).toBe('ĐẢNG BỘ XÃ TAM SƠN\nCHI BỘ THÔN TAM SƠN 1\n*');
    expect(header[1]).toBe('ĐẢNG CỘNG SẢN VIỆT NAM\n\nTừ Sơn, ngày 19 tháng 6 năm 2012');
    // The date line is in italics, the Party line bold and underlined.
    expect(doc.xml).toMatch(/<w:r><w:rPr>(?:(?!<\/w:r>).)*<w:i\/>(?:(?!<\/w:r>).)*<\/w:rPr><w:t[^>]*>Từ Sơn, ngày 19 tháng 6 năm 2012<\/w:t>/u);
    expect(doc.xml).toMatch(/<w:r><w:rPr>(?:(?!<\/w:r>).)*<w:b\/>(?:(?!<\/w:r>).)*<w:u [^>]*\/>(?:(?!<\/w:r>).)*<\/w:rPr><w:t[^>]*>ĐẢNG CỘNG SẢN VIỆT NAM<\/w:t>/u);
  });

  it('prefixes "CHI BỘ" when the cell name does not carry it', async () => {
    const doc = await readDocx(await commitmentFormDocx(commitment(), { ...CONTEXT, cellName: 'Thôn Đa Hội' }));
    expect(doc.rows[0]![0]).toBe('ĐẢNG BỘ XÃ TAM SƠN\nCHI BỘ THÔN ĐA HỘI\n*');
    expect(doc.paragraphs).toContain('Chi bộ: Thôn Đa Hội');
  });

  it('has the title with the year, the member and the cell, the deadline and the day it was submitted', async () => {
    const doc = await readDocx(await commitmentFormDocx(commitment(), CONTEXT));
    expect(doc.paragraphs).toContain('BẢN ĐĂNG KÝ VIỆC LÀM THEO TẤM GƯƠNG ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM 2012');
    expect(doc.paragraphs).toContain('(Dùng cho cán bộ lãnh đạo chủ chốt, người đứng đầu)');
    expect(doc.paragraphs).toContain('Họ và tên: Nguyễn Văn An');
    expect(doc.paragraphs).toContain('Chi bộ: Chi bộ thôn Tam Sơn 1');
    expect(doc.paragraphs).toContain('Đối tượng: Cán bộ lãnh đạo chủ chốt, người đứng đầu');
    expect(doc.paragraphs).toContain('Hạn đăng ký: 15/05/2012');
    expect(doc.paragraphs).toContain('Ngày nộp bản đăng ký: 03/05/2012');
    expect(doc.paragraphs).not.toContain('BẢN TỰ KIỂM ĐIỂM VIỆC THỰC HIỆN ĐĂNG KÝ LÀM THEO TẤM GƯƠNG ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM 2012');
    expectNoNullText(doc);
  });

  it('lists every item with its measure, its deadline dd/mm/yyyy and what it cites, marking the example pledges', async () => {
    const doc = await readDocx(await commitmentFormDocx(commitment(), CONTEXT));
    const rows = itemRows(doc);
    expect(rows[0]).toEqual(['TT', 'Việc đăng ký làm theo', 'Cách đo kết quả', 'Thời hạn', 'Chuẩn mực, nội dung chuyên đề viện dẫn']);
    expect(rows.slice(1)).toEqual([
      [
        '1',
        'Đi làm đúng giờ, không sử dụng thời gian làm việc vào việc riêng',
        '100% số ngày công đúng giờ, được cơ quan xác nhận',
        '31/12/2012',
        'Chuẩn mực 2: Cần, kiệm, liêm, chính\nChuyên đề, mục 2: Tấm gương đạo đức Hồ Chí Minh về tiết kiệm',
      ],
      ['2', 'Vận động 5 hộ gia đình trong thôn làm đường bê tông & giữ vệ sinh <xóm>', '5 hộ tham gia', '05/09/2012', ''],
      ['3', '[Nêu gương] Gương mẫu tiết kiệm điện, nước tại cơ quan', 'Hóa đơn điện giảm 10% so với năm 2011', '30/06/2012', 'Chuẩn mực 1'],
    ]);
    // The header row repeats on each page; the review columns are absent.
    expect(doc.xml).toMatch(/<w:tblHeader\/>/u);
    expect(doc.paragraphs.join('\n')).not.toMatch(/Kết quả tự đánh giá|Tự xếp loại/u);
  });

  it('ends with the signature block: the cell confirms on the left, the member signs on the right', async () => {
    const doc = await readDocx(await commitmentFormDocx(commitment(), CONTEXT));
    const signatures = doc.rows.at(-1)!;
    expect(signatures[0]).toBe('XÁC NHẬN CỦA CHI BỘ\nBÍ THƯ\n(Ký, ghi rõ họ tên)');
    expect(signatures[1]).toBe('NGƯỜI ĐĂNG KÝ\n(Ký, ghi rõ họ tên)\n\n\n\nNguyễn Văn An');
  });

  it('leaves absent values blank, never "null"', async () => {
    const bare = commitment({
      isLeader: false,
      firstSubmittedOn: null,
      items: [item({ id: 21, number: 1, action: 'Học tập chuyên đề năm 2012' })],
    });
    const doc = await readDocx(await commitmentFormDocx(bare, { ...CONTEXT, place: '' }));
    expect(itemRows(doc).slice(1)).toEqual([['1', 'Học tập chuyên đề năm 2012', '', '', '']]);
    expect(doc.paragraphs).toContain('Ngày nộp bản đăng ký: ');
    expect(doc.paragraphs).toContain('(Dùng cho đảng viên)');
    expect(doc.paragraphs).not.toContain('Đối tượng: Cán bộ lãnh đạo chủ chốt, người đứng đầu');
    expect(doc.rows[0]![1]).toBe('ĐẢNG CỘNG SẢN VIỆT NAM\n\nNgày 19 tháng 6 năm 2012');
    expectNoNullText(doc);
  });

  it('prints empty lines to write on when there is no item yet', async () => {
    const doc = await readDocx(await commitmentFormDocx(commitment({ items: [] }), CONTEXT));
    expect(itemRows(doc).slice(1)).toEqual([
      ['', '', '', '', ''],
      ['', '', '', '', ''],
      ['', '', '', '', ''],
    ]);
    expectNoNullText(doc);
  });

  it('names the unit instead of a person for a collective commitment', async () => {
    const collective = commitment({ kind: 'collective', member: null, isLeader: false, unit: { id: 40, name: 'Chi bộ thôn Tam Sơn 1', kind: 'cell' } });
    const doc = await readDocx(await commitmentFormDocx(collective, CONTEXT));
    expect(doc.paragraphs).toContain('(Dùng cho tập thể)');
    expect(doc.paragraphs).toContain('Tập thể: Chi bộ thôn Tam Sơn 1');
    expect(doc.paragraphs).toContain('Trực thuộc: Đảng bộ xã Tam Sơn');
    expect(doc.paragraphs.some((p) => p.startsWith('Họ và tên'))).toBe(false);
    const signatures = doc.rows.at(-1)!;
    expect(signatures[0]).toBe('XÁC NHẬN CỦA CẤP ỦY CẤP TRÊN\n(Ký, ghi rõ họ tên)');
    expect(signatures[1]!.startsWith('T/M TẬP THỂ\n')).toBe(true);
    expectNoNullText(doc);
  });
});

describe('the self-review form', () => {
  const reviewed = commitment({
    items: [
      { ...ITEMS[0]!, selfResult: 'done', selfNote: 'Cả năm không đi muộn' },
      { ...ITEMS[1]!, selfResult: 'partly', selfNote: '3/5 hộ tham gia' },
      { ...ITEMS[2]!, selfResult: 'not_done', selfNote: null },
    ],
    review: {
      selfLevel: { code: 'good', label: 'Đủ tư cách, hoàn thành tốt nhiệm vụ' },
      selfNote: 'Hoàn thành phần lớn các việc đã đăng ký',
      selfReviewedAt: '2012-12-05T08:00:00.000Z',
      cellLevel: { code: 'good', label: 'Đủ tư cách, hoàn thành tốt nhiệm vụ' },
      cellNote: 'Chi bộ nhất trí',
      decidedLevel: { code: 'excellent', label: 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ' },
      notAssessedReason: null,
    },
  });
  const context: CommitmentFormContext = { ...CONTEXT, form: 'review', today: '2012-12-10' };

  it('has the review title with the year and the signer who reviews', async () => {
    const doc = await readDocx(await commitmentFormDocx(reviewed, context));
    expect(doc.paragraphs).toContain('BẢN TỰ KIỂM ĐIỂM VIỆC THỰC HIỆN ĐĂNG KÝ LÀM THEO TẤM GƯƠNG ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM 2012');
    expect(doc.rows[0]![1]).toBe('ĐẢNG CỘNG SẢN VIỆT NAM\n\nTừ Sơn, ngày 10 tháng 12 năm 2012');
    expect(doc.paragraphs).toContain('Họ và tên: Nguyễn Văn An');
    expect(doc.paragraphs.some((p) => p.startsWith('Hạn đăng ký'))).toBe(false);
    expect(doc.rows.at(-1)![1]).toBe('NGƯỜI TỰ KIỂM ĐIỂM\n(Ký, ghi rõ họ tên)\n\n\n\nNguyễn Văn An');
    expectNoNullText(doc);
  });

  it('adds the self-assessed result and note of each item', async () => {
    const rows = itemRows(await readDocx(await commitmentFormDocx(reviewed, context)));
    expect(rows[0]).toEqual(['TT', 'Việc đăng ký làm theo', 'Cách đo kết quả', 'Thời hạn', 'Chuẩn mực, nội dung chuyên đề viện dẫn', 'Kết quả tự đánh giá', 'Ghi chú']);
    expect(rows.slice(1).map((row) => [row[0], row[3], row[5], row[6]])).toEqual([
      ['1', '31/12/2012', 'Đã làm được', 'Cả năm không đi muộn'],
      ['2', '05/09/2012', 'Làm được một phần', '3/5 hộ tham gia'],
      ['3', '30/06/2012', 'Chưa làm được', ''],
    ]);
    expect(rows[3]![1]).toBe('[Nêu gương] Gương mẫu tiết kiệm điện, nước tại cơ quan');
  });

  it('prints the proposed, the cell-proposed and the decided levels with their labels', async () => {
    const doc = await readDocx(await commitmentFormDocx(reviewed, context));
    expect(doc.paragraphs).toContain('Kết quả thực hiện: 3 việc đăng ký; đã làm được 1, làm được một phần 1, chưa làm được 1');
    expect(doc.paragraphs).toContain('Tự nhận xét: Hoàn thành phần lớn các việc đã đăng ký');
    expect(doc.paragraphs).toContain('Tự xếp loại: Đủ tư cách, hoàn thành tốt nhiệm vụ');
    expect(doc.paragraphs).toContain('Chi bộ đề nghị xếp loại: Đủ tư cách, hoàn thành tốt nhiệm vụ');
    expect(doc.paragraphs).toContain('Nhận xét của chi bộ: Chi bộ nhất trí');
    expect(doc.paragraphs).toContain('Cấp ủy quyết định xếp loại: Đủ tư cách, hoàn thành xuất sắc nhiệm vụ');
  });

  it('leaves the levels not yet given blank and states why a member is not assessed', async () => {
    const pending = commitment({
      review: { selfLevel: null, selfNote: null, selfReviewedAt: null, cellLevel: null, cellNote: null, decidedLevel: null, notAssessedReason: 'Ốm dài ngày' },
    });
    const doc = await readDocx(await commitmentFormDocx(pending, context));
    expect(doc.paragraphs).toContain('Kết quả thực hiện: 3 việc đăng ký; đã làm được 0, làm được một phần 0, chưa làm được 0, chưa tự đánh giá 3');
    expect(doc.paragraphs).toContain('Tự xếp loại: ');
    expect(doc.paragraphs).toContain('Chi bộ đề nghị xếp loại: ');
    expect(doc.paragraphs).toContain('Cấp ủy quyết định xếp loại: ');
    expect(doc.paragraphs).toContain('Chưa đánh giá, lý do: Ốm dài ngày');
    expect(doc.paragraphs.some((p) => p.startsWith('Nhận xét của chi bộ'))).toBe(false);
    expect(itemRows(doc).slice(1).map((row) => [row[5], row[6]])).toEqual([
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
    expectNoNullText(doc);
  });
});
