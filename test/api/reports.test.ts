import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { settableClock } from '../../src/server/http/clock';
import { INDICATORS } from '../../src/shared/domain/indicators';
import { type ReportDocxBody, type ReportDraft, reportDraftSchema } from '../../src/shared/schemas/reports';
import { Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestUnit, createAccount, createDocument, createExemplar, createMember, createRequirement, createUnit } from '../helpers/factories';

/**
 * Generated reports on a hand-made province: four districts must issue their plan under the province's
 * Kế hoạch by 07/10/2011 — Từ Sơn and Yên Phong on time, Quế Võ late, Gia Bình not at all (overdue on
 * 19/06/2012); only Từ Sơn nominated an exemplar in 2012, and publicity fell from 2 items to 1 against the
 * same period of the year before. The report's period is 01/07/2011 – 19/06/2012 (the article's year).
 */

const clock = settableClock();
let ctx: TestContext;
let province: TestUnit;
let tuSon: TestUnit;
let queVo: TestUnit;
let officer: Client;
let tuSonOfficer: Client;
let member: Client;
let previousReportNumber: number;

const PERIOD = { unitId: 0, period: 'range', from: '2011-07-01', to: '2012-06-19' } as const;
const query = (unit: TestUnit, extra: Record<string, unknown> = {}) => ({ ...PERIOD, unitId: unit.id, ...extra });

/** Fingerprint of every table but the audit log (a generated report writes only its audit entry). */
async function fingerprintWithoutAudit(): Promise<string> {
  return (await databaseFingerprint(ctx.db))
    .split(' ')
    .filter((part) => !part.startsWith('audit_log:'))
    .join(' ');
}

async function expectRefused(request: () => Promise<{ status: number; body: { message: string } }>, status: number, message: RegExp) {
  const before = await databaseFingerprint(ctx.db);
  const response = await request();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.message).toMatch(message);
  expect(await databaseFingerprint(ctx.db)).toBe(before);
}

// ——— Reading a DOCX back ———

const decode = (value: string) => value.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');

async function docxParagraphs(buffer: Buffer): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/gu) ?? []).map((p) => decode((p.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>/gu) ?? []).map((t) => t.replace(/<[^>]+>/gu, '')).join('')));
  return { xml, paragraphs };
}

beforeAll(async () => {
  clock.set('2012-06-19');
  ctx = await setupApp({ clock });
  province = await createUnit(ctx.db, null, 'province_committee', 'Đảng bộ tỉnh Bắc Ninh');
  tuSon = await createUnit(ctx.db, province, 'district_committee', 'Đảng bộ Thị xã Từ Sơn');
  queVo = await createUnit(ctx.db, province, 'district_committee', 'Đảng bộ huyện Quế Võ');
  const giaBinh = await createUnit(ctx.db, province, 'district_committee', 'Đảng bộ huyện Gia Bình');
  const yenPhong = await createUnit(ctx.db, province, 'district_committee', 'Đảng bộ huyện Yên Phong');
  const dinhBang = await createUnit(ctx.db, tuSon, 'grassroots_committee', 'Đảng bộ phường Đình Bảng');
  const cell = await createUnit(ctx.db, dinhBang, 'cell', 'Chi bộ khu phố Đình');

  // The province's plan; each district must issue its own by 07/10/2011.
  const plan = await createDocument(ctx.db, province, { issuedOn: '2011-09-07', title: 'Kế hoạch thực hiện Chỉ thị 03-CT/TW' });
  await createRequirement(ctx.db, plan.id, { targetKinds: ['district_committee'], dueOn: '2011-10-07' });
  await createDocument(ctx.db, tuSon, { issuedOn: '2011-09-20', implementsId: plan.id });
  await createDocument(ctx.db, yenPhong, { issuedOn: '2011-10-05', implementsId: plan.id });
  await createDocument(ctx.db, queVo, { issuedOn: '2011-11-15', implementsId: plan.id });
  void giaBinh;

  // A report the province already issued in the 2010–2015 term: the next free number follows it.
  const earlier = await createDocument(ctx.db, province, { docType: 'report', typeSymbol: 'BC', issuedOn: '2012-05-19', title: 'Báo cáo sơ kết' });
  previousReportNumber = Number(earlier.symbol.split('-')[0]);

  // The province's secretary signs.
  const secretaryId = await createMember(ctx.db, cell, { familyName: 'Nguyễn', middleName: 'Nhân', givenName: 'Chiến' });
  await ctx.db.insertInto('member_position').values({ member_id: secretaryId, unit_id: province.id, position: 'secretary', started_on: '2010-10-20' }).execute();

  // Few exemplars: only Từ Sơn nominated one in 2012; publicity 1 item against 2 a year before.
  const createdBy = (await createAccount(ctx.db, { role: 'grassroots_officer', scope: dinhBang })).id;
  const channel = await ctx.db.selectFrom('publicity_channel').select('id').where('root_unit_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  const now = await createExemplar(ctx.db, { unit: dinhBang, createdBy, state: 'approved', year: 2012, title: 'Người tốt việc tốt 2012' });
  const before = await createExemplar(ctx.db, { unit: dinhBang, createdBy, state: 'approved', year: 2011, title: 'Người tốt việc tốt 2011' });
  await ctx.db
    .insertInto('publicity_entry')
    .values([
      { exemplar_id: now, channel_id: channel.id, published_on: '2012-05-01', title: 'Bài 2012', recorded_by: createdBy },
      { exemplar_id: before, channel_id: channel.id, published_on: '2011-03-01', title: 'Bài 2011 a', recorded_by: createdBy },
      { exemplar_id: before, channel_id: channel.id, published_on: '2011-04-01', title: 'Bài 2011 b', recorded_by: createdBy },
    ])
    .execute();

  officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: province }));
  tuSonOfficer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tuSon }));
  member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: cell, memberId: secretaryId }));
});

async function draftOf(client: Client, body: Record<string, unknown>): Promise<ReportDraft> {
  const response = await client.post('/api/reports/draft', body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return reportDraftSchema.parse(response.body);
}

const sectionText = (draft: ReportDraft, key: string) => draft.sections.find((s) => s.key === key)?.text ?? '';

/** The edited draft sent back for the Word file. */
function edited(draft: ReportDraft, changes: Partial<ReportDocxBody> = {}): ReportDocxBody {
  return {
    unitId: draft.unit.id,
    periodLabel: draft.period.label,
    header: draft.header,
    title: draft.title,
    summary: draft.summary,
    introduction: draft.introduction,
    assessmentHeading: draft.assessmentHeading,
    sections: draft.sections,
    signature: draft.signature,
    recipients: draft.recipients,
    ...changes,
  };
}

describe('POST /api/reports/draft', () => {
  it('writes the draft from the live indicators: header, figures, shortcomings naming the units, tasks', async () => {
    const draft = await draftOf(officer, { query: query(province) });
    expect(draft.unit).toEqual({ id: province.id, name: 'Đảng bộ tỉnh Bắc Ninh', kind: 'province_committee' });
    expect(draft.period).toMatchObject({ from: '2011-07-01', to: '2012-06-19', label: '01/07/2011 – 19/06/2012' });
    const next = String(previousReportNumber + 1).padStart(2, '0');
    expect(draft.header).toEqual({ superiorBody: '', issuingBody: 'TỈNH ỦY BẮC NINH', number: `${next}-BC/TU`, place: 'Bắc Ninh', date: '2012-06-19' });
    expect(draft.numbering).toEqual({ number: previousReportNumber + 1, symbol: `${next}-BC/TU`, issuerCode: 'TU', termName: '2010–2015' });
    expect(draft.title).toBe('BÁO CÁO');
    expect(draft.summary).toBe('Kết quả từ ngày 01/07/2011 đến ngày 19/06/2012 thực hiện việc học tập và làm theo tấm gương đạo đức, phong cách Hồ Chí Minh');
    expect(draft.signature).toEqual({ onBehalf: 'T/M BAN THƯỜNG VỤ', position: 'BÍ THƯ', signer: 'Nguyễn Nhân Chiến' });
    expect(draft.recipients).toEqual(['Ban Bí thư Trung ương Đảng (b/c)', 'Ban Tuyên giáo Trung ương (b/c)', 'Các đồng chí cấp ủy viên', 'Các chi, đảng bộ trực thuộc', 'Lưu Văn phòng']);
    expect(draft.sections.map((s) => [s.key, s.heading])).toEqual([
      ['results', 'I. KẾT QUẢ THỰC HIỆN'],
      ['strengths', '1. Ưu điểm'],
      ['shortcomings', '2. Hạn chế, khuyết điểm'],
      ['tasks', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI'],
    ]);
    expect(draft.assessmentHeading).toBe('II. ĐÁNH GIÁ CHUNG');

    // The figures: 2 of the 4 plans on time (Quế Võ late, Gia Bình overdue); one exemplar nominated; one item published.
    const figure = (key: string) => draft.figures.find((f) => f.key === key);
    expect(figure('plans_on_time')).toEqual({ key: 'plans_on_time', name: 'Kế hoạch ban hành đúng hạn', numerator: 2, denominator: 4 });
    expect(figure('exemplars_nominated')).toMatchObject({ numerator: 1, denominator: null });
    expect(figure('exemplars_published')).toMatchObject({ numerator: 1, denominator: null });
    expect(draft.figures.map((f) => f.key)).toEqual(INDICATORS.map((d) => d.key));

    const results = sectionText(draft, 'results').split('\n');
    expect(results[0]).toMatch(/^- Lãnh đạo, chỉ đạo: 2\/4 đơn vị ban hành kế hoạch, hướng dẫn thực hiện đúng hạn \(50,0%\);/u);
    expect(results.at(-1)).toMatch(/^- Điển hình, tuyên truyền: 1 điển hình tiên tiến được đề cử \(Đã xác minh 1\); 1 tin, bài tuyên truyền điển hình \(.+ 1\)\.$/u);

    const shortcomings = sectionText(draft, 'shortcomings').split('\n');
    expect(shortcomings).toContain('- 2 đơn vị ban hành kế hoạch chậm: Huyện ủy Gia Bình, Huyện ủy Quế Võ.');
    expect(shortcomings).toContain('- 3 đơn vị chưa đề cử điển hình tiên tiến nào: Huyện ủy Gia Bình, Huyện ủy Quế Võ, Huyện ủy Yên Phong.');
    expect(shortcomings).toContain('- Việc tuyên truyền nêu gương điển hình còn ít: 1 tin, bài, giảm so với cùng kỳ năm trước (2 tin, bài).');
    expect(sectionText(draft, 'tasks')).toContain('Chỉ đạo những nơi còn chậm hoàn thành việc ban hành kế hoạch');
  });

  it('takes the number, place and date the officer gives, and leaves the number open outside any term', async () => {
    const draft = await draftOf(officer, { query: query(province), number: '12-BC/TU', place: 'Thành phố Bắc Ninh', date: '2012-06-20' });
    expect(draft.header).toMatchObject({ number: '12-BC/TU', place: 'Thành phố Bắc Ninh', date: '2012-06-20' });
    const outside = await draftOf(officer, { query: query(province), date: '2004-06-19' });
    expect(outside.numbering).toBeNull();
    expect(outside.header.number).toBe('…-BC/TU');
  });

  it("writes a district's draft under its superior body, naming the district committee", async () => {
    const draft = await draftOf(tuSonOfficer, { query: query(tuSon, { period: 'year', year: 2012, from: undefined, to: undefined }) });
    expect(draft.header).toMatchObject({ superiorBody: 'ĐẢNG BỘ TỈNH BẮC NINH', issuingBody: 'THỊ ỦY TỪ SƠN', number: '01-BC/TU', place: 'Từ Sơn' });
    expect(draft.period.label).toBe('Năm 2012');
    expect(draft.summary).toBe('Kết quả năm 2012 thực hiện việc học tập và làm theo tấm gương đạo đức, phong cách Hồ Chí Minh');
    expect(draft.recipients[0]).toBe('Tỉnh ủy Bắc Ninh (b/c)');
  });

  it('refuses a range ending before it starts and a year before the campaign, in Vietnamese, writing nothing', async () => {
    await expectRefused(() => officer.post('/api/reports/draft', { query: query(province, { from: '2012-06-19', to: '2012-01-01' }) }), 400, /Ngày kết thúc phải sau hoặc trùng ngày bắt đầu/u);
    await expectRefused(() => officer.post('/api/reports/draft', { query: { unitId: province.id, period: 'year', year: 2010 } }), 400, /Chiến dịch bắt đầu từ năm 2011/u);
    await expectRefused(() => officer.post('/api/reports/draft', { query: query(province), date: '19/06/2012' }), 400, /Ngày không hợp lệ/u);
    await expectRefused(() => officer.post('/api/reports/draft', { query: query(province), extra: true }), 400, /[àáảãạăâđèéêìíòóôơùúưỳý]/iu);
  });

  it('answers 404 for a unit outside the scope, 403 to a member, 401 without a session', async () => {
    await expectRefused(() => tuSonOfficer.post('/api/reports/draft', { query: query(queVo) }), 404, /ngoài phạm vi/u);
    await expectRefused(() => tuSonOfficer.post('/api/reports/draft', { query: query(province) }), 404, /ngoài phạm vi/u);
    await expectRefused(() => member.post('/api/reports/draft', { query: query(tuSon) }), 403, /Đảng viên không lập báo cáo/u);
    await expectRefused(() => new Client(ctx.app).post('/api/reports/draft', { query: query(province) }), 401, /đăng nhập/u);
  });
});

describe('POST /api/reports/docx', () => {
  it('writes the edited draft as a Word file in the Party layout, audited, writing nothing else', async () => {
    const draft = await draftOf(officer, { query: query(province) });
    const sections = draft.sections.map((s) => (s.key === 'results' ? { ...s, text: `${s.text}\n- Đã tổ chức 1.234 buổi sinh hoạt chuyên đề (số liệu bổ sung của Văn phòng).` } : s));
    const body = edited(draft, { sections, signature: { ...draft.signature, signer: 'Nguyễn Nhân Chiến' } });
    const before = await fingerprintWithoutAudit();
    const response = await officer.request({ method: 'POST', url: '/api/reports/docx', payload: body });
    expect(response.status, response.raw.toString().slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent('Báo cáo 01-07-2011 – 19-06-2012 - Tỉnh ủy Bắc Ninh.docx'));
    expect(response.raw.subarray(0, 2).toString()).toBe('PK');

    const { xml, paragraphs } = await docxParagraphs(response.raw);
    const next = String(previousReportNumber + 1).padStart(2, '0');
    expect(paragraphs).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(paragraphs).toContain('TỈNH ỦY BẮC NINH');
    expect(paragraphs).toContain('*');
    expect(paragraphs).toContain(`Số ${next}-BC/TU`);
    expect(paragraphs).toContain('Bắc Ninh, ngày 19 tháng 6 năm 2012');
    expect(paragraphs).toContain('BÁO CÁO');
    expect(paragraphs).toContain(draft.summary);
    expect(paragraphs).toContain('I. KẾT QUẢ THỰC HIỆN');
    expect(paragraphs).toContain('II. ĐÁNH GIÁ CHUNG');
    expect(paragraphs).toContain('III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI');
    expect(paragraphs.some((p) => p.startsWith('- Lãnh đạo, chỉ đạo: 2/4 đơn vị ban hành kế hoạch'))).toBe(true);
    expect(paragraphs).toContain('- Đã tổ chức 1.234 buổi sinh hoạt chuyên đề (số liệu bổ sung của Văn phòng).');
    expect(paragraphs).toContain('- 2 đơn vị ban hành kế hoạch chậm: Huyện ủy Gia Bình, Huyện ủy Quế Võ.');
    expect(paragraphs).toContain('T/M BAN THƯỜNG VỤ');
    expect(paragraphs).toContain('Nguyễn Nhân Chiến');
    expect(paragraphs).toContain('Nơi nhận:');
    expect(paragraphs).toContain('- Lưu Văn phòng');
    // Times New Roman, the party line 15 pt bold underlined, A4 with margins 25 / 25 / 35 / 15 mm.
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:b\/>(?:<w:bCs\/>)?[\s\S]{0,200}<w:sz w:val="30"\/>[\s\S]{0,200}<w:u w:val="single"\/>[\s\S]{0,200}ĐẢNG CỘNG SẢN VIỆT NAM/u);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="1417" w:right="850" w:bottom="1417" w:left="1984"/u);

    expect(await fingerprintWithoutAudit()).toBe(before);
    const requestId = String(response.headers['x-request-id']);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'report.generated', entity_type: 'report', unit_id: province.id });
    expect(audit[0]?.after).toMatchObject({ number: `${next}-BC/TU`, date: '2012-06-19', title: 'BÁO CÁO', period: '01/07/2011 – 19/06/2012' });
  });

  it('prints dots for a number left empty and drops unprintable characters', async () => {
    const draft = await draftOf(officer, { query: query(province) });
    const body = edited(draft, { header: { ...draft.header, number: '' }, summary: 'Kết quả\u0000 sơ kết\u0007 một năm' });
    const response = await officer.request({ method: 'POST', url: '/api/reports/docx', payload: body });
    expect(response.status).toBe(200);
    const { paragraphs } = await docxParagraphs(response.raw);
    expect(paragraphs).toContain('Số ……-BC/……');
    expect(paragraphs).toContain('Kết quả sơ kết một năm');
  });

  it('refuses a body that is not an edited draft, a unit outside the scope and a member, writing nothing', async () => {
    const draft = await draftOf(officer, { query: query(province) });
    await expectRefused(() => officer.post('/api/reports/docx', { ...edited(draft), sections: [] }), 400, /ít nhất một mục/u);
    await expectRefused(() => officer.post('/api/reports/docx', edited(draft, { header: { ...draft.header, date: '2012-02-30' } })), 400, /Ngày không hợp lệ/u);
    await expectRefused(() => officer.post('/api/reports/docx', { ...edited(draft), unit: draft.unit }), 400, /[àáảãạăâđèéêìíòóôơùúưỳý]/iu);
    await expectRefused(() => tuSonOfficer.post('/api/reports/docx', edited(draft)), 404, /ngoài phạm vi/u);
    await expectRefused(() => member.post('/api/reports/docx', edited(draft, { unitId: tuSon.id })), 403, /Đảng viên không lập báo cáo/u);
  });
});

describe('GET /api/reports/appendix.xlsx', () => {
  it('gives the statistics appendix: the indicators over three periods, and the child units', async () => {
    const response = await officer.get(`/api/reports/appendix.xlsx?unitId=${province.id}&period=range&from=2011-07-01&to=2012-06-19`);
    expect(response.status, response.raw.toString().slice(0, 300)).toBe(200);
    expect(String(response.headers['content-disposition'])).toContain(encodeURIComponent('Phụ lục số liệu 01-07-2011 – 19-06-2012 - Tỉnh ủy Bắc Ninh.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.raw as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Chỉ tiêu', 'Đơn vị trực thuộc']);

    const indicators = workbook.getWorksheet('Chỉ tiêu')!;
    expect(indicators.getCell('A1').text).toBe('PHỤ LỤC SỐ LIỆU — TỈNH ỦY BẮC NINH — 01/07/2011 – 19/06/2012');
    expect(indicators.getCell('D4').text).toBe('Kỳ này (01/07/2011 – 19/06/2012)');
    expect(indicators.getCell('G4').text).toBe('Kỳ trước (11/07/2010 – 30/06/2011)');
    expect(indicators.getCell('J4').text).toBe('Cùng kỳ năm trước (01/07/2010 – 19/06/2011)');
    const rowOf = (name: string) => {
      let found: ExcelJS.Row | undefined;
      indicators.eachRow((row) => {
        if (row.getCell(3).text === name) found = row;
      });
      expect(found, name).toBeDefined();
      return found!;
    };
    const plans = rowOf('Kế hoạch ban hành đúng hạn');
    expect([plans.getCell(4).value, plans.getCell(5).value, plans.getCell(6).value]).toEqual([2, 4, 0.5]);
    expect(plans.getCell(6).numFmt).toBe('0.0%');
    expect(plans.getCell(13).text).toBe(INDICATORS[0]!.definition);
    const published = rowOf('Tin, bài tuyên truyền điển hình');
    expect([published.getCell(4).value, published.getCell(5).value, published.getCell(6).value]).toEqual([1, null, null]);
    expect(published.getCell(10).value).toBe(2);
    expect(indicators.rowCount).toBe(5 + INDICATORS.length);

    const children = workbook.getWorksheet('Đơn vị trực thuộc')!;
    expect(children.getCell('D3').text).toBe('Kế hoạch ban hành đúng hạn');
    expect([children.getCell('D4').text, children.getCell('E4').text, children.getCell('F4').text]).toEqual(['Đạt', 'Tổng số', 'Tỷ lệ']);
    const names: string[] = [];
    const plansOf = new Map<string, unknown[]>();
    for (let r = 5; r <= children.rowCount; r++) {
      const row = children.getRow(r);
      names.push(row.getCell(2).text);
      plansOf.set(row.getCell(2).text, [row.getCell(4).value, row.getCell(5).value, row.getCell(6).value]);
    }
    expect(names).toEqual(['Huyện ủy Gia Bình', 'Huyện ủy Quế Võ', 'Huyện ủy Yên Phong', 'Thị ủy Từ Sơn', 'Toàn Tỉnh ủy Bắc Ninh']);
    expect(plansOf.get('Huyện ủy Quế Võ')).toEqual([0, 1, 0]);
    expect(plansOf.get('Thị ủy Từ Sơn')).toEqual([1, 1, 1]);
    expect(plansOf.get('Toàn Tỉnh ủy Bắc Ninh')).toEqual([2, 4, 0.5]);
  });

  it('refuses bad periods in Vietnamese, a unit outside the scope and a member', async () => {
    await expectRefused(() => officer.get(`/api/reports/appendix.xlsx?unitId=${province.id}&period=range&from=2012-06-19&to=2012-01-01`), 400, /Ngày kết thúc phải sau/u);
    await expectRefused(() => officer.get(`/api/reports/appendix.xlsx?unitId=${province.id}&period=year&year=2010`), 400, /Chiến dịch bắt đầu từ năm 2011/u);
    await expectRefused(() => tuSonOfficer.get(`/api/reports/appendix.xlsx?unitId=${queVo.id}&period=year&year=2012`), 404, /ngoài phạm vi/u);
    await expectRefused(() => member.get(`/api/reports/appendix.xlsx?unitId=${tuSon.id}&period=year&year=2012`), 403, /Đảng viên không lập báo cáo/u);
  });
});
