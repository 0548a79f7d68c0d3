import { describe, expect, it } from 'vitest';
import { INDICATORS, type IndicatorValue } from '../../src/shared/domain/indicators';
import {
  type IndicatorValues,
  type ReportTextInput,
  committeeName,
  defaultRecipients,
  periodPhrase,
  reportPlace,
  reportText,
  signatureOnBehalf,
} from '../../src/shared/domain/report-text';

const ratio = (numerator: number, denominator: number): IndicatorValue => ({ numerator, denominator });
const count = (numerator: number, breakdown?: IndicatorValue['breakdown']): IndicatorValue => ({ numerator, denominator: null, ...(breakdown ? { breakdown } : {}) });

const district = (name: string, values: IndicatorValues) => ({ name, kind: 'district_committee' as const, values });

/**
 * The scenario of the issue: a province whose two districts (Quế Võ, Gia Bình) issued their plans late,
 * with few exemplars (two districts nominated none, publicity fell below the same period of last year).
 */
function scenario(): ReportTextInput {
  return {
    unit: { name: 'Đảng bộ tỉnh Bắc Ninh', kind: 'province_committee' },
    period: { kind: 'range', from: '2011-07-01', to: '2012-06-19', year: 2012, label: '01/07/2011 – 19/06/2012' },
    today: '2012-06-19',
    values: {
      plans_on_time: ratio(2, 4),
      conferences_held: ratio(4, 4),
      conference_reach: ratio(950, 1000),
      helper_units: ratio(5, 5),
      leaders_registered: ratio(95, 100),
      members_registered: ratio(900, 1000),
      meetings_valid: ratio(450, 500),
      // Nothing due: left out of every section.
      inspections_held: ratio(0, 0),
      exemplars_nominated: count(3),
      // A count of 0 is said among the shortcomings, not as a result.
      exemplars_commended: count(0),
      exemplars_published: count(2, [
        { label: 'Báo Bắc Ninh', value: 1 },
        { label: 'Đài PT-TH tỉnh', value: 1 },
        { label: 'Bản tin nội bộ', value: 0 },
      ]),
    },
    previousYear: { exemplars_published: count(5) },
    children: [
      district('Đảng bộ huyện Quế Võ', { plans_on_time: ratio(0, 1), exemplars_nominated: count(0) }),
      district('Đảng bộ huyện Gia Bình', { plans_on_time: ratio(0, 1), exemplars_nominated: count(1) }),
      district('Đảng bộ Thị xã Từ Sơn', { plans_on_time: ratio(1, 1), exemplars_nominated: count(2) }),
      district('Đảng bộ huyện Yên Phong', { plans_on_time: ratio(1, 1), exemplars_nominated: count(0) }),
    ],
  };
}

const section = (input: ReportTextInput, key: string) => reportText(input).sections.find((s) => s.key === key)?.text.split('\n');

describe('the generated report text', () => {
  it('writes the results of each indicator group with the figures, leaving out what had nothing due', () => {
    expect(section(scenario(), 'results')).toEqual([
      '- Lãnh đạo, chỉ đạo: 2/4 đơn vị ban hành kế hoạch, hướng dẫn thực hiện đúng hạn (50,0%); 4/4 đơn vị đã tổ chức hội nghị quán triệt (100,0%); 950/1.000 cán bộ, đảng viên được triệu tập đã dự hội nghị quán triệt (95,0%); 5/5 cấp ủy đã thành lập Bộ phận giúp việc.',
      '- Đăng ký làm theo: 95/100 cán bộ lãnh đạo chủ chốt, người đứng đầu đăng ký việc làm theo đúng hạn (95,0%); 900/1.000 đảng viên đăng ký việc làm theo đúng hạn (90,0%).',
      '- Học tập chuyên đề: 450/500 lượt chi bộ-tháng sinh hoạt có nội dung chuyên đề (90,0%).',
      '- Điển hình, tuyên truyền: 3 điển hình tiên tiến được đề cử; 2 tin, bài tuyên truyền điển hình (Báo Bắc Ninh 1, Đài PT-TH tỉnh 1).',
    ]);
  });

  it('names the strengths: the indicators at or above their threshold (the threshold itself counts as met)', () => {
    expect(section(scenario(), 'strengths')).toEqual([
      'Các chỉ tiêu đạt mức yêu cầu:',
      '- Hội nghị quán triệt đã tổ chức: 100,0% (4/4), đạt mức yêu cầu 90%.',
      '- Người dự hội nghị quán triệt: 95,0% (950/1.000), đạt mức yêu cầu 90%.',
      '- Cấp ủy đã thành lập Bộ phận giúp việc: 100,0% (5/5), đạt mức yêu cầu 100%.',
      '- Cán bộ chủ chốt đăng ký đúng hạn: 95,0% (95/100), đạt mức yêu cầu 95%.',
      '- Đảng viên đăng ký đúng hạn: 90,0% (900/1.000), đạt mức yêu cầu 90%.',
      '- Tháng sinh hoạt chi bộ có chuyên đề: 90,0% (450/500), đạt mức yêu cầu 90%.',
    ]);
  });

  it('derives the shortcomings from the lagging indicators, naming the units concerned in Vietnamese order', () => {
    expect(section(scenario(), 'shortcomings')).toEqual([
      '- 2 đơn vị ban hành kế hoạch chậm: Huyện ủy Gia Bình, Huyện ủy Quế Võ.',
      '- 2 đơn vị chưa đề cử điển hình tiên tiến nào: Huyện ủy Quế Võ, Huyện ủy Yên Phong.',
      '- Việc tuyên truyền nêu gương điển hình còn ít: 2 tin, bài, giảm so với cùng kỳ năm trước (5 tin, bài).',
    ]);
  });

  it('sets tasks for the groups with shortcomings, then the standing task', () => {
    expect(section(scenario(), 'tasks')).toEqual([
      '- Chỉ đạo những nơi còn chậm hoàn thành việc ban hành kế hoạch, tổ chức hội nghị quán triệt; kiện toàn và nâng cao hiệu quả tham mưu của Bộ phận giúp việc cấp ủy các cấp.',
      '- Đẩy mạnh phát hiện, biểu dương và tuyên truyền các điển hình tiên tiến, người tốt, việc tốt trên báo, đài, bản tin nội bộ và thông tin sinh hoạt chi bộ.',
      '- Tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh, đưa việc học tập và làm theo trở thành việc làm thường xuyên, nền nếp, tự giác của các cấp, các ngành, địa phương, đơn vị.',
    ]);
  });

  it('writes the summary line and the introduction with the period and the day the figures were read', () => {
    const text = reportText(scenario());
    expect(text.summary).toBe('Kết quả từ ngày 01/07/2011 đến ngày 19/06/2012 thực hiện việc học tập và làm theo tấm gương đạo đức, phong cách Hồ Chí Minh');
    expect(text.introduction).toBe(
      'Tỉnh ủy Bắc Ninh báo cáo kết quả từ ngày 01/07/2011 đến ngày 19/06/2012 thực hiện việc học tập và làm theo tấm gương đạo đức, phong cách Hồ Chí Minh, tổng hợp từ số liệu các đơn vị cập nhật đến ngày 19/06/2012, như sau:',
    );
    expect(text.sections.map((s) => s.key)).toEqual(['results', 'strengths', 'shortcomings', 'tasks']);
  });

  it("states the unit's own shortfall when no child unit is below the threshold (a cell, or lower-is-better)", () => {
    const input: ReportTextInput = {
      ...scenario(),
      unit: { name: 'Chi bộ khu phố Đình', kind: 'cell' },
      values: { meetings_valid: ratio(3, 6), follow_ups_overdue: ratio(1, 4), exemplars_published: count(4) },
      previousYear: { exemplars_published: count(4) },
      children: [],
    };
    expect(section(input, 'shortcomings')).toEqual([
      '- Tháng sinh hoạt chi bộ có chuyên đề mới đạt 50,0% (3/6), dưới mức yêu cầu 90%.',
      '- Việc khắc phục quá hạn còn 25,0% (1/4), trên mức yêu cầu 10%.',
    ]);
    expect(reportText(input).introduction).toMatch(/^Chi bộ khu phố Đình báo cáo kết quả/u);
  });

  it('says honestly that a period without data has no figures', () => {
    const input: ReportTextInput = { ...scenario(), period: { kind: 'year', from: '2011-01-01', to: '2011-12-31', year: 2011, label: 'Năm 2011' }, values: {}, previousYear: {}, children: [] };
    const text = reportText(input);
    expect(section(input, 'results')).toEqual(['Trong kỳ (Năm 2011) chưa có số liệu nào được cập nhật trên hệ thống.']);
    expect(section(input, 'strengths')).toEqual(['Trong kỳ chưa có chỉ tiêu nào đạt mức yêu cầu.']);
    expect(section(input, 'shortcomings')).toEqual(['Chưa phát hiện đơn vị nào dưới mức yêu cầu của các chỉ tiêu trong kỳ.']);
    expect(text.summary).toBe('Kết quả năm 2011 thực hiện việc học tập và làm theo tấm gương đạo đức, phong cách Hồ Chí Minh');
    expect(text.introduction).toContain('cập nhật đến ngày 31/12/2011');
  });

  it('has a wording for every indicator of the registry (results) and a shortfall phrase for each one with a threshold', () => {
    const values: IndicatorValues = Object.fromEntries(INDICATORS.map((d) => [d.key, d.denominator === null ? count(1) : ratio(0, 1)]));
    const results = section({ ...scenario(), values, children: [] }, 'results')!.join('\n');
    for (const definition of INDICATORS) expect(results, definition.key).not.toContain(`${definition.name}:`);
    const children = [district('Đảng bộ huyện Quế Võ', values)];
    const shortcomings = section({ ...scenario(), values, children }, 'shortcomings')!.join('\n');
    // The registry's fallback ("chưa đạt mức yêu cầu về <name>") is never needed: each threshold has its phrase.
    expect(shortcomings).not.toContain('chưa đạt mức yêu cầu về');
    expect(shortcomings.split('\n').filter((line) => line.includes('Huyện ủy Quế Võ'))).toHaveLength(INDICATORS.filter((d) => d.lagging !== null && d.higherIsBetter).length);
  });
});

describe('names and header parts of a report', () => {
  it("names the committee as reports do", () => {
    expect(committeeName({ name: 'Đảng bộ tỉnh Bắc Ninh', kind: 'province_committee' })).toBe('Tỉnh ủy Bắc Ninh');
    expect(committeeName({ name: 'Đảng bộ huyện Quế Võ', kind: 'district_committee' })).toBe('Huyện ủy Quế Võ');
    expect(committeeName({ name: 'Đảng bộ Thị xã Từ Sơn', kind: 'district_committee' })).toBe('Thị ủy Từ Sơn');
    expect(committeeName({ name: 'Đảng bộ thành phố Bắc Ninh', kind: 'district_committee' })).toBe('Thành ủy Bắc Ninh');
    expect(committeeName({ name: 'Đảng bộ Khối các cơ quan tỉnh', kind: 'affiliated_committee' })).toBe('Đảng ủy Khối các cơ quan tỉnh');
    expect(committeeName({ name: 'Đảng bộ xã Phương Liễu', kind: 'grassroots_committee' })).toBe('Đảng ủy xã Phương Liễu');
    expect(committeeName({ name: 'Chi bộ thôn Liễu Hạ', kind: 'cell' })).toBe('Chi bộ thôn Liễu Hạ');
  });

  it('takes the place from the nearest province or district of the line', () => {
    const province = { name: 'Đảng bộ tỉnh Bắc Ninh', kind: 'province_committee' as const };
    const tuSon = { name: 'Đảng bộ Thị xã Từ Sơn', kind: 'district_committee' as const };
    const affiliated = { name: 'Đảng bộ Khối các cơ quan tỉnh', kind: 'affiliated_committee' as const };
    expect(reportPlace([province])).toBe('Bắc Ninh');
    expect(reportPlace([province, tuSon, { name: 'Đảng bộ phường Đình Bảng', kind: 'grassroots_committee' }])).toBe('Từ Sơn');
    expect(reportPlace([province, affiliated])).toBe('Bắc Ninh');
    expect(reportPlace([{ name: 'Chi bộ lạ', kind: 'cell' }])).toBe('');
  });

  it('signs on behalf of the right body and lists the default recipients', () => {
    expect(signatureOnBehalf('province_committee')).toBe('T/M BAN THƯỜNG VỤ');
    expect(signatureOnBehalf('district_committee')).toBe('T/M BAN THƯỜNG VỤ');
    expect(signatureOnBehalf('grassroots_committee')).toBe('T/M ĐẢNG ỦY');
    expect(signatureOnBehalf('cell')).toBe('T/M CHI BỘ');
    const province = { name: 'Đảng bộ tỉnh Bắc Ninh', kind: 'province_committee' as const };
    expect(defaultRecipients({ name: 'Đảng bộ huyện Quế Võ', kind: 'district_committee' }, province, true)).toEqual([
      'Tỉnh ủy Bắc Ninh (b/c)',
      'Các đồng chí cấp ủy viên',
      'Các chi, đảng bộ trực thuộc',
      'Lưu Văn phòng',
    ]);
    expect(defaultRecipients(province, null, true)[0]).toBe('Ban Bí thư Trung ương Đảng (b/c)');
  });

  it('words the period', () => {
    expect(periodPhrase({ kind: 'year', from: '2012-01-01', to: '2012-12-31', year: 2012, label: 'Năm 2012' })).toBe('năm 2012');
    expect(periodPhrase({ kind: 'quarter', from: '2012-04-01', to: '2012-06-30', year: 2012, label: 'Quý II/2012' })).toBe('quý II năm 2012');
    expect(periodPhrase({ kind: 'month', from: '2012-06-01', to: '2012-06-30', year: 2012, label: 'Tháng 6/2012' })).toBe('tháng 6 năm 2012');
  });
});
