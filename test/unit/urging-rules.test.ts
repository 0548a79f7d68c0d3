import { describe, expect, it } from 'vitest';
import {
  digestBody,
  digestTitle,
  emailText,
  formatTemplate,
  isDigestDay,
  itemLink,
  offsetsProblem,
  previousDay,
  quietUntil,
  reminderBody,
  reminderStage,
  reminderTitle,
  ruleInForce,
  ruleState,
} from '../../src/shared/domain/urging';
import { createRuleSchema, updatePreferencesSchema } from '../../src/shared/schemas/urging';

describe('reminderStage', () => {
  const rule = { daysBefore: 3, onDue: true, daysAfter: 7 };
  it('reminds N days before, on the day, and every M days once overdue', () => {
    expect(reminderStage(rule, '2012-06-10', '2012-06-06')).toBeNull();
    expect(reminderStage(rule, '2012-06-10', '2012-06-07')).toBe('before');
    expect(reminderStage(rule, '2012-06-10', '2012-06-09')).toBeNull();
    expect(reminderStage(rule, '2012-06-10', '2012-06-10')).toBe('due');
    expect(reminderStage(rule, '2012-06-10', '2012-06-11')).toBeNull();
    expect(reminderStage(rule, '2012-06-10', '2012-06-17')).toBe('after');
    expect(reminderStage(rule, '2012-06-10', '2012-06-24')).toBe('after');
    expect(reminderStage(rule, '2012-06-10', '2012-06-25')).toBeNull();
  });
  it('counts across month and year ends', () => {
    expect(reminderStage(rule, '2013-01-02', '2012-12-30')).toBe('before');
    expect(reminderStage({ daysBefore: null, onDue: false, daysAfter: 1 }, '2012-02-28', '2012-03-01')).toBe('after');
  });
  it('treats zero days before as the due day, once', () => {
    expect(reminderStage({ daysBefore: 0, onDue: false, daysAfter: null }, '2012-06-10', '2012-06-10')).toBe('due');
    expect(reminderStage({ daysBefore: 0, onDue: true, daysAfter: null }, '2012-06-10', '2012-06-10')).toBe('due');
    expect(reminderStage({ daysBefore: null, onDue: false, daysAfter: 2 }, '2012-06-10', '2012-06-10')).toBeNull();
  });
});

describe('rules', () => {
  it('refuses negative and empty offsets in Vietnamese', () => {
    expect(offsetsProblem({ daysBefore: -1, onDue: true, daysAfter: null })).toMatch(/không âm/u);
    expect(offsetsProblem({ daysBefore: null, onDue: true, daysAfter: 0 })).toMatch(/từ 1/u);
    expect(offsetsProblem({ daysBefore: null, onDue: false, daysAfter: null })).toMatch(/ít nhất một lần/u);
    expect(offsetsProblem({ daysBefore: 400, onDue: false, daysAfter: null })).toMatch(/365/u);
    expect(offsetsProblem({ daysBefore: 0, onDue: false, daysAfter: null })).toBeNull();
    const parsed = createRuleSchema.safeParse({ year: 2012, itemKind: 'plan', daysBefore: -3 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Số ngày nhắc trước hạn không được âm.');
    expect(createRuleSchema.safeParse({ year: 2012, itemKind: 'plan', daysAfter: -2 }).error?.issues[0]?.message).toBe('Số ngày nhắc lại khi quá hạn không được âm.');
  });
  it('knows validity, state and the day before', () => {
    expect(ruleInForce({ validFrom: '2012-01-01', validTo: '2012-06-25' }, '2012-06-25')).toBe(true);
    expect(ruleInForce({ validFrom: '2012-01-01', validTo: '2012-06-25' }, '2012-06-26')).toBe(false);
    expect(ruleState({ validFrom: '2012-07-01', validTo: null }, '2012-06-19')).toBe('scheduled');
    expect(ruleState({ validFrom: '2012-01-01', validTo: '2012-06-18' }, '2012-06-19')).toBe('closed');
    expect(ruleState({ validFrom: '2012-07-01', validTo: '2012-06-30' }, '2012-06-19')).toBe('scheduled');
    expect(previousDay('2012-03-01')).toBe('2012-02-29');
    expect(previousDay('2013-01-01')).toBe('2012-12-31');
  });
  it('makes weekly digests on Mondays', () => {
    expect(isDigestDay('weekly', '2012-06-18')).toBe(true);
    expect(isDigestDay('weekly', '2012-06-19')).toBe(false);
    expect(isDigestDay('daily', '2012-06-19')).toBe(true);
  });
});

describe('quiet hours', () => {
  // 2012-06-19T15:00Z is 22:00 in Vietnam.
  const at = (iso: string) => new Date(iso);
  it('waits until the end of quiet hours that cross midnight', () => {
    expect(quietUntil(at('2012-06-19T15:00:00Z'), { from: '21:30', to: '06:00' }).toISOString()).toBe('2012-06-19T23:00:00.000Z');
    expect(quietUntil(at('2012-06-19T22:30:00Z'), { from: '21:30', to: '06:00' }).toISOString()).toBe('2012-06-19T23:00:00.000Z');
  });
  it('sends at once outside quiet hours, at their end, or without them', () => {
    const now = at('2012-06-19T05:00:00Z'); // 12:00
    expect(quietUntil(now, { from: '21:30', to: '06:00' })).toBe(now);
    expect(quietUntil(at('2012-06-19T23:00:00Z'), { from: '21:30', to: '06:00' }).toISOString()).toBe('2012-06-19T23:00:00.000Z');
    expect(quietUntil(now, null)).toBe(now);
    expect(quietUntil(now, { from: '11:00', to: '13:00' }).toISOString()).toBe('2012-06-19T06:00:00.000Z');
  });
  it('validates quiet hours in preferences', () => {
    const base = { email: null, emailEnabled: true, emailKinds: [], digest: 'daily', version: 1 };
    expect(updatePreferencesSchema.safeParse({ ...base, quietFrom: '22:00', quietTo: null }).error?.issues[0]?.message).toMatch(/cả giờ bắt đầu và giờ kết thúc/u);
    expect(updatePreferencesSchema.safeParse({ ...base, quietFrom: '25:00', quietTo: '06:00' }).error?.issues[0]?.message).toMatch(/HH:MM/u);
    expect(updatePreferencesSchema.safeParse({ ...base, email: 'a@b', quietFrom: null, quietTo: null }).error?.issues[0]?.message).toBe('Địa chỉ thư điện tử không hợp lệ.');
    expect(updatePreferencesSchema.parse({ ...base, email: ' A@Example.VN ', quietFrom: null, quietTo: null }).email).toBe('a@example.vn');
  });
});

describe('texts', () => {
  it('fills PostgreSQL format() templates without re-reading the arguments', () => {
    expect(formatTemplate('%2$s và %1$s (100%%)', ['một', 'hai'])).toBe('hai và một (100%)');
    expect(formatTemplate('%1$s', ['%2$s'])).toBe('%2$s');
  });
  it('writes short Vietnamese reminders and digests', () => {
    const input = { unitName: 'Đảng bộ huyện Quế Võ', itemLabel: 'Ban hành văn bản thực hiện 08-KH/TU', dueOn: '2012-06-10' };
    expect(reminderTitle({ stage: 'before', itemLabel: input.itemLabel })).toBe('Sắp đến hạn: Ban hành văn bản thực hiện 08-KH/TU');
    expect(reminderBody({ ...input, stage: 'before', today: '2012-06-07' })).toBe(
      'Đảng bộ huyện Quế Võ: Ban hành văn bản thực hiện 08-KH/TU — hạn 10/06/2012, còn 3 ngày. Đề nghị đồng chí đôn đốc hoàn thành và cập nhật trên hệ thống.',
    );
    expect(reminderBody({ ...input, stage: 'after', today: '2012-06-17' })).toContain('đã quá 7 ngày');
    expect(reminderBody({ ...input, stage: 'due', today: '2012-06-10' })).toContain('hạn là hôm nay (10/06/2012)');
    expect(digestTitle('Đảng bộ tỉnh Bắc Ninh', 2)).toBe('2 đơn vị trực thuộc Đảng bộ tỉnh Bắc Ninh chậm hạn');
    const lines = Array.from({ length: 52 }, (_, i) => ({ unitName: `Chi bộ ${i + 1}`, itemLabel: 'Ghi sinh hoạt chi bộ tháng 5/2012', dueOn: '2012-06-05' }));
    const body = digestBody(lines, '2012-06-10').split('\n');
    expect(body).toHaveLength(52);
    expect(body[1]).toBe('- Chi bộ 1: Ghi sinh hoạt chi bộ tháng 5/2012 (hạn 05/06/2012, quá 5 ngày)');
    expect(body[51]).toBe('… và 2 việc khác.');
  });
  it('builds e-mails with the link and the unsubscribe address, and links to each item', () => {
    const text = emailText({ title: 'T', body: 'Nội dung', link: 'https://x.vn/chi-dao', unsubscribeUrl: 'https://x.vn/huy-dang-ky/abc' });
    expect(text).toContain('Xem chi tiết: https://x.vn/chi-dao');
    expect(text).toContain('Không muốn nhận thư nữa: https://x.vn/huy-dang-ky/abc');
    expect(itemLink('plan', 5, 2012, 9)).toBe('/chi-dao?document=9&unit=5');
    expect(itemLink('meeting_record', 5, 2012)).toBe('/sinh-hoat/5?year=2012');
    expect(itemLink('follow_up', 5, 2012, 3)).toBe('/giam-sat/3');
    expect(itemLink(null, 5, 2012)).toBeNull();
  });
});
