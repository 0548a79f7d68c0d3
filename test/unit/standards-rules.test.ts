import { describe, expect, it } from 'vitest';
import {
  DEFAULT_YEAR_RULE,
  STANDARD_ACTIONS,
  STANDARD_STATES,
  issueTimeliness,
  lengthWarnings,
  milestonesProblem,
  pilotQuotaProblem,
  quotaMet,
  standardTransition,
  weightedProgress,
} from '../../src/shared/domain/standards';

describe('the standards workflow', () => {
  const allowed: Record<string, string> = { 'draft submit': 'submitted', 'submitted approve': 'approved', 'submitted return': 'draft', 'approved issue': 'issued' };
  for (const state of STANDARD_STATES) {
    for (const action of STANDARD_ACTIONS) {
      const expected = allowed[`${state} ${action}`];
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${state}`, () => {
        const result = standardTransition(state, action);
        if (expected) expect(result).toEqual({ to: expected });
        else expect('problem' in result && result.problem).toMatch(/^Không thể .* bản chuẩn mực đang ở trạng thái "/u);
      });
    }
  }
});

describe('"ngắn gọn, dễ nhớ"', () => {
  it('warns about a long criterion and a long list, without refusing', () => {
    expect(lengthWarnings([{ text: 'Trung thành với Đảng, với Tổ quốc' }])).toEqual([]);
    const long = Array.from({ length: 31 }, () => 'chữ').join(' ');
    expect(lengthWarnings([{ text: 'Ngắn' }, { text: long }])).toEqual(['Tiêu chí 2 dài 31 từ: nên viết ngắn gọn, dễ nhớ (dưới 30 từ).']);
    expect(lengthWarnings(Array.from({ length: 13 }, () => ({ text: 'Gần dân' })))).toEqual(['Bộ chuẩn mực có 13 tiêu chí: nên gọn trong 12 tiêu chí để dễ nhớ.']);
  });
});

describe('pilot quotas', () => {
  it('refuses a fourth pilot by field under the 2 + 3 rule and says how many were chosen', () => {
    expect(pilotQuotaProblem(DEFAULT_YEAR_RULE, { comprehensive: 0, field: 2 }, 'field', 2012)).toBeNull();
    expect(pilotQuotaProblem(DEFAULT_YEAR_RULE, { comprehensive: 0, field: 3 }, 'field', 2012)).toBe('Năm 2012 mỗi cấp ủy chọn 3 đơn vị chỉ đạo điểm theo lĩnh vực; đã chọn đủ 3.');
    expect(pilotQuotaProblem({ ...DEFAULT_YEAR_RULE, comprehensivePilots: 1 }, { comprehensive: 1, field: 0 }, 'comprehensive', 2013)).toMatch(/chọn 1 đơn vị chỉ đạo điểm toàn diện/u);
    expect(quotaMet(DEFAULT_YEAR_RULE, { comprehensive: 2, field: 3 })).toBe(true);
    expect(quotaMet(DEFAULT_YEAR_RULE, { comprehensive: 2, field: 2 })).toBe(false);
  });
});

describe('the pressing issue', () => {
  it('needs milestones within the year and in date order', () => {
    expect(milestonesProblem([{ dueOn: '2012-03-01', weight: 1 }, { dueOn: '2012-03-01', weight: 2 }], 2012)).toBeNull();
    expect(milestonesProblem([{ dueOn: '2012-06-01', weight: 1 }, { dueOn: '2012-03-01', weight: 1 }], 2012)).toBe('Mốc 2 có hạn trước mốc 1: các mốc phải theo thứ tự thời gian.');
    expect(milestonesProblem([{ dueOn: '2013-01-05', weight: 1 }], 2012)).toBe('Mốc 1 phải trong năm 2012.');
  });
  it('rolls progress up as the weighted mean of its milestones', () => {
    expect(weightedProgress([])).toBe(0);
    expect(weightedProgress([{ weight: 1, progress: 100 }, { weight: 3, progress: 20 }])).toBe(40);
    expect(weightedProgress([{ weight: 1, progress: 100 }, { weight: 2, progress: 0 }])).toBe(33.3);
  });
  it('is resolved within its year or not, in the four states', () => {
    expect(issueTimeliness(2012, '2012-12-31', '2013-01-10')).toBe('done_on_time');
    expect(issueTimeliness(2012, '2013-01-02', '2013-01-10')).toBe('done_late');
    expect(issueTimeliness(2012, null, '2012-06-19')).toBe('pending');
    expect(issueTimeliness(2012, null, '2013-01-01')).toBe('overdue');
  });
});
