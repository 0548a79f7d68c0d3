import { describe, expect, it } from 'vitest';
import {
  COMMITMENT_ACTIONS,
  COMMITMENT_STATES,
  capLimit,
  capProblem,
  compareForRanking,
  isEditable,
  isQuiet,
  itemsProblem,
  registrationState,
  reviewProblem,
  transition,
} from '../../src/shared/domain/commitments';

describe('the commitment state machine', () => {
  const allowed: Record<string, string> = {
    'draft submit': 'submitted',
    'returned submit': 'submitted',
    'submitted accept': 'accepted',
    'submitted return': 'returned',
    'accepted return': 'returned',
  };
  for (const state of COMMITMENT_STATES) {
    for (const action of COMMITMENT_ACTIONS) {
      const expected = allowed[`${state} ${action}`];
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${state}`, () => {
        const result = transition(state, action);
        if (expected) expect(result).toEqual({ to: expected });
        else expect('problem' in result && result.problem).toMatch(/^Không thể .* đang ở trạng thái "/u);
      });
    }
  }
  it('lets the text change only while the holder has it', () => {
    expect(COMMITMENT_STATES.filter(isEditable)).toEqual(['draft', 'returned']);
  });
});

describe('items of a commitment', () => {
  const item = { kind: 'action' as const, measure: 'Cả năm' };
  it('needs 1 to 10 items, each with a measure; pledges only for leaders', () => {
    expect(itemsProblem([], false)).toMatch(/ít nhất 1 việc/u);
    expect(itemsProblem(Array.from({ length: 10 }, () => item), false)).toBeNull();
    expect(itemsProblem(Array.from({ length: 11 }, () => item), false)).toBe('Bản đăng ký có tối đa 10 việc (đang có 11).');
    expect(itemsProblem([item, { kind: 'action', measure: '  ' }], false)).toMatch(/^Việc thứ 2 chưa có cách đo kết quả/u);
    expect(itemsProblem([item, { kind: 'example', measure: 'x' }], false)).toMatch(/nêu gương/u);
    expect(itemsProblem([item, { kind: 'example', measure: 'x' }], true)).toBeNull();
  });
});

describe('registration timeliness', () => {
  it('judges the first submission against the deadline, in four states', () => {
    expect(registrationState('2012-05-31', '2012-05-31', '2012-06-19')).toBe('done_on_time');
    expect(registrationState('2012-06-01', '2012-05-31', '2012-06-19')).toBe('done_late');
    expect(registrationState(null, '2012-05-31', '2012-05-31')).toBe('pending');
    expect(registrationState(null, '2012-05-31', '2012-06-01')).toBe('overdue');
  });
  it('opens reviews on the round\'s date, with the date in the message', () => {
    expect(reviewProblem('2012-11-30', '2012-12-01')).toBe('Chưa đến kỳ kiểm điểm cuối năm: tự đánh giá và xếp loại mở từ ngày 01/12/2012.');
    expect(reviewProblem('2012-12-01', '2012-12-01')).toBeNull();
  });
  it('calls a member quiet after 60 days without news', () => {
    expect(isQuiet('2012-03-01', '2012-04-30')).toBe(false);
    expect(isQuiet('2012-03-01', '2012-05-01')).toBe(true);
  });
});

describe('the 2018 cap on "xuất sắc"', () => {
  const rule = { capped: 'excellent', relativeTo: 'good', ratio: 0.2 };
  const labels = { excellent: 'Hoàn thành xuất sắc nhiệm vụ', good: 'Hoàn thành tốt nhiệm vụ' };
  it('allows at most 20 % of the "tốt" count, rounded down', () => {
    expect([0, 4, 5, 9, 10, 14, 15].map((good) => capLimit(rule, good))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });
  it('names the unit, both counts and the limit when broken', () => {
    expect(capProblem(rule, { excellent: 2, good: 10 }, labels, 'Chi bộ Trường Tiểu học')).toBeNull();
    expect(capProblem(rule, { excellent: 3, good: 10 }, labels, 'Chi bộ Trường Tiểu học')).toBe(
      'Chi bộ Trường Tiểu học: số xếp loại "Hoàn thành xuất sắc nhiệm vụ" (3) vượt quá 20% số xếp loại "Hoàn thành tốt nhiệm vụ" (10); tối đa 2.',
    );
    expect(capProblem(rule, { excellent: 1 }, labels, 'X')).toMatch(/tối đa 0\./u);
    expect(capProblem(null, { excellent: 9 }, labels, 'X')).toBeNull();
  });
});

describe('emulation ranking order', () => {
  it('orders by decided level, then share of items done, then Vietnamese name order', () => {
    const people = [
      { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'Hưng', levelRank: 2, doneShare: 1 },
      { familyName: 'Lê', middleName: 'Thị', givenName: 'Hải', levelRank: 2, doneShare: 1 },
      { familyName: 'Trần', middleName: '', givenName: 'An', levelRank: null, doneShare: 1 },
      { familyName: 'Phạm', middleName: '', givenName: 'Bình', levelRank: 1, doneShare: 0.5 },
      { familyName: 'Đỗ', middleName: '', givenName: 'Cúc', levelRank: 2, doneShare: 0.75 },
    ];
    expect([...people].sort(compareForRanking).map((p) => p.givenName)).toEqual(['Bình', 'Hải', 'Hưng', 'Cúc', 'An']);
  });
});
