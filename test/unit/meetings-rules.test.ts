import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOPIC_RULE,
  attendanceRate,
  isRecordLate,
  lastDayOfMonth,
  longestMissedRun,
  meetingDateProblem,
  meetingItemsProblem,
  monthIsDue,
  planDeadline,
  squareState,
} from '../../src/shared/domain/meetings';

describe('the matrix square of a cell-month', () => {
  it('is held (with or without topic) whenever a regular meeting was recorded', () => {
    expect(squareState({ studiedItems: 2 }, 2012, 3, '2012-03-10')).toBe('held');
    expect(squareState({ studiedItems: 0 }, 2012, 3, '2012-04-10')).toBe('held_without_topic');
  });

  it('is not yet due until the month is over, and not held after its last day', () => {
    expect(squareState(null, 2012, 2, '2012-02-29')).toBe('not_yet_due');
    expect(squareState(null, 2012, 2, '2012-03-01')).toBe('not_held');
    expect(squareState(null, 2012, 12, '2012-12-31')).toBe('not_yet_due');
    expect(squareState(null, 2012, 12, '2013-01-01')).toBe('not_held');
    expect(lastDayOfMonth(2011, 2)).toBe('2011-02-28');
    expect(monthIsDue(2012, 5, '2012-05-31')).toBe(false);
  });
});

describe('topic items per meeting', () => {
  it('takes 1 to 2 items in a month that must carry the topic', () => {
    expect(meetingItemsProblem(1, DEFAULT_TOPIC_RULE, 3)).toBeNull();
    expect(meetingItemsProblem(2, DEFAULT_TOPIC_RULE, 3)).toBeNull();
    expect(meetingItemsProblem(0, DEFAULT_TOPIC_RULE, 3)).toMatch(/tháng 3 phải học 1 đến 2 nội dung/u);
    expect(meetingItemsProblem(3, DEFAULT_TOPIC_RULE, 3)).toMatch(/chỉ học 1 đến 2 nội dung.*đang chọn 3/u);
  });

  it('allows none in a month that need not carry it, never more than the maximum', () => {
    const rule = { ...DEFAULT_TOPIC_RULE, requiredMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
    expect(meetingItemsProblem(0, rule, 12)).toBeNull();
    expect(meetingItemsProblem(3, rule, 12)).not.toBeNull();
    expect(meetingItemsProblem(2, { ...rule, maxItems: 1, minItems: 1 }, 5)).toMatch(/chỉ học 1 nội dung/u);
  });
});

describe('meeting dates', () => {
  const base = { year: 2012, month: 6, today: '2012-06-19', cellClosedOn: null };
  it('refuses the future, another year, another month and a closed cell', () => {
    expect(meetingDateProblem({ ...base, heldOn: '2012-06-19' })).toBeNull();
    expect(meetingDateProblem({ ...base, heldOn: '2012-06-20' })).toMatch(/sau ngày hôm nay/u);
    expect(meetingDateProblem({ ...base, heldOn: '2011-06-10' })).toMatch(/năm 2012/u);
    expect(meetingDateProblem({ ...base, heldOn: '2012-05-10' })).toMatch(/tháng 6\/2012/u);
    expect(meetingDateProblem({ ...base, heldOn: '2012-06-10', cellClosedOn: '2012-06-01' })).toMatch(/giải thể/u);
  });

  it('plans by the 20th of the month before and marks records made more than 7 days after as late', () => {
    expect(planDeadline(2012, 3, DEFAULT_TOPIC_RULE)).toBe('2012-02-20');
    expect(planDeadline(2012, 1, DEFAULT_TOPIC_RULE)).toBe('2011-12-20');
    expect(isRecordLate('2012-03-05', '2012-03-12', DEFAULT_TOPIC_RULE)).toBe(false);
    expect(isRecordLate('2012-03-05', '2012-03-13', DEFAULT_TOPIC_RULE)).toBe(true);
  });
});

describe('indicators', () => {
  it('finds the longest run of months not held', () => {
    expect(longestMissedRun(['held', 'not_held', 'not_held', 'held', 'not_held'])).toBe(2);
    expect(longestMissedRun(['not_held', 'held_without_topic', 'not_held', 'not_yet_due', 'not_yet_due'])).toBe(1);
    expect(longestMissedRun([])).toBe(0);
  });

  it('computes attendance over the roll', () => {
    expect(attendanceRate(18, 20)).toBe(0.9);
    expect(attendanceRate(0, 0)).toBeNull();
  });
});
