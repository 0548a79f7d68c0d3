import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_ACTIONS,
  ACTIVITY_STATES,
  FOLLOW_UP_ACTIONS,
  FOLLOW_UP_STATES,
  OVERSIGHT_KINDS,
  OVERSIGHT_KIND_LABELS,
  activityTransition,
  activityTransitionProblem,
  doneOnProblem,
  findingsReachOrganiserSubtree,
  followUpDueProblem,
  followUpTimeliness,
  followUpTransition,
  followUpTransitionProblem,
  heldOnProblem,
  oversightDateProblem,
  unitsConcernedProblem,
} from '../../src/shared/domain/oversight';
import { createActivitySchema, createFindingSchema } from '../../src/shared/schemas/oversight';

describe('the activity state machine', () => {
  const allowed: Record<string, string> = { 'planned hold': 'held', 'planned cancel': 'cancelled' };
  for (const state of ACTIVITY_STATES) {
    for (const action of ACTIVITY_ACTIONS) {
      const expected = allowed[`${state} ${action}`] ?? null;
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${state}`, () => {
        expect(activityTransition(state, action)).toBe(expected);
        if (expected) expect(activityTransitionProblem(state, action)).toBeNull();
        else expect(activityTransitionProblem(state, action)).toMatch(/^Hoạt động/u);
      });
    }
  }

  it('says a held activity cannot be cancelled', () => {
    expect(activityTransitionProblem('held', 'cancel')).toBe('Hoạt động đã tổ chức không thể hủy.');
  });
});

describe('the follow-up state machine', () => {
  const allowed: Record<string, string> = { 'open complete': 'done', 'done reopen': 'open', 'open cancel': 'cancelled' };
  for (const state of FOLLOW_UP_STATES) {
    for (const action of FOLLOW_UP_ACTIONS) {
      const expected = allowed[`${state} ${action}`] ?? null;
      it(`${expected ? 'allows' : 'refuses'} ${action} from ${state}`, () => {
        expect(followUpTransition(state, action)).toBe(expected);
        if (expected) expect(followUpTransitionProblem(state, action)).toBeNull();
        else expect(followUpTransitionProblem(state, action)).toMatch(/^Không thể .* việc khắc phục đang ở trạng thái "/u);
      });
    }
  }

  it('has exactly three legal transitions', () => {
    const legal = FOLLOW_UP_STATES.flatMap((s) => FOLLOW_UP_ACTIONS.filter((a) => followUpTransition(s, a) !== null).map((a) => `${s}→${followUpTransition(s, a)}`));
    expect(legal.sort()).toEqual(['done→open', 'open→cancelled', 'open→done']);
  });
});

describe('follow-up timeliness (DOMAIN.md §5)', () => {
  const due = '2012-06-30';
  it('is pending up to and on the due date, overdue after', () => {
    expect(followUpTimeliness({ state: 'open', dueOn: due, doneOn: null }, '2012-06-29')).toBe('pending');
    expect(followUpTimeliness({ state: 'open', dueOn: due, doneOn: null }, '2012-06-30')).toBe('pending');
    expect(followUpTimeliness({ state: 'open', dueOn: due, doneOn: null }, '2012-07-01')).toBe('overdue');
  });
  it('is done on time or late by the done date, whatever today is', () => {
    expect(followUpTimeliness({ state: 'done', dueOn: due, doneOn: '2012-06-30' }, '2013-01-01')).toBe('done_on_time');
    expect(followUpTimeliness({ state: 'done', dueOn: due, doneOn: '2012-07-02' }, '2012-07-02')).toBe('done_late');
  });
  it('has none when cancelled', () => {
    expect(followUpTimeliness({ state: 'cancelled', dueOn: due, doneOn: null }, '2012-07-01')).toBeNull();
  });
  it('ignores a stale done date on an open follow-up', () => {
    expect(followUpTimeliness({ state: 'open', dueOn: due, doneOn: '2012-06-01' }, '2012-07-01')).toBe('overdue');
  });
});

describe('dates', () => {
  it('refuses a follow-up due before its inspection, naming both dates dd/mm/yyyy', () => {
    expect(followUpDueProblem('2012-06-01', '2012-06-15', 'inspection')).toBe('Hạn hoàn thành (01/06/2012) không được trước ngày tổ chức buổi kiểm tra (15/06/2012).');
    expect(followUpDueProblem('2012-06-01', '2012-06-15')).toBe('Hạn hoàn thành (01/06/2012) không được trước ngày tổ chức hoạt động (15/06/2012).');
    expect(followUpDueProblem('2012-06-15', '2012-06-15', 'inspection')).toBeNull();
    expect(followUpDueProblem('2101-01-01', '2012-06-15')).toMatch(/từ năm 2011 đến năm 2100/u);
  });

  it('keeps the held date in the past and after 2011', () => {
    expect(heldOnProblem('2012-07-02', '2012-07-01')).toBe('Ngày tổ chức (02/07/2012) không được sau hôm nay (01/07/2012).');
    expect(heldOnProblem('2010-12-31', '2012-07-01')).toBe('Ngày tổ chức phải từ năm 2011 đến năm 2100.');
    expect(heldOnProblem('2012-07-01', '2012-07-01')).toBeNull();
  });

  it('keeps the done date between the activity and today', () => {
    expect(doneOnProblem('2012-07-02', '2012-06-15', '2012-07-01')).toBe('Ngày hoàn thành (02/07/2012) không được sau hôm nay (01/07/2012).');
    expect(doneOnProblem('2012-06-14', '2012-06-15', '2012-07-01')).toBe('Ngày hoàn thành (14/06/2012) không được trước ngày tổ chức hoạt động (15/06/2012).');
    expect(doneOnProblem('2012-06-15', '2012-06-15', '2012-07-01')).toBeNull();
  });

  it('accepts planned dates from 2011', () => {
    expect(oversightDateProblem('2011-01-01')).toBeNull();
    expect(oversightDateProblem('2010-12-31', 'Ngày dự kiến')).toBe('Ngày dự kiến phải từ năm 2011 đến năm 2100.');
  });
});

describe('units concerned', () => {
  it('requires one for inspections and supervisions only', () => {
    expect(unitsConcernedProblem('inspection', 0)).toBe('Hoạt động kiểm tra phải có ít nhất một đơn vị được kiểm tra.');
    expect(unitsConcernedProblem('supervision', 0)).toBe('Hoạt động giám sát phải có ít nhất một đơn vị được giám sát.');
    expect(unitsConcernedProblem('inspection', 1)).toBeNull();
    for (const kind of ['briefing', 'review_half_year', 'review_year', 'final_review'] as const) expect(unitsConcernedProblem(kind, 0)).toBeNull();
  });

  it('lets findings of briefings and reviews reach the organiser\'s subtree', () => {
    expect(OVERSIGHT_KINDS.filter(findingsReachOrganiserSubtree)).toEqual(['briefing', 'review_half_year', 'review_year', 'final_review']);
    expect(OVERSIGHT_KIND_LABELS.review_half_year).toBe('Sơ kết 6 tháng');
  });
});

describe('request schemas', () => {
  it('normalises text to NFC and refuses a planned date before 2011 with its path', () => {
    const nfd = 'Kiểm tra việc học tập'.normalize('NFD');
    const ok = createActivitySchema.parse({ organiserUnitId: 1, kind: 'inspection', title: `  ${nfd} `, plannedOn: '2012-06-15', unitIds: [2] });
    expect(ok.title).toBe('Kiểm tra việc học tập'.normalize('NFC'));
    expect(ok.fileIds).toEqual([]);
    const bad = createActivitySchema.safeParse({ organiserUnitId: 1, kind: 'inspection', title: 'Kiểm tra', plannedOn: '2010-06-15' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['plannedOn']);
    expect(bad.error?.issues[0]?.message).toBe('Ngày dự kiến phải từ năm 2011 đến năm 2100.');
  });

  it('refuses unknown finding kinds and unknown fields', () => {
    expect(createFindingSchema.safeParse({ unitId: 1, kind: 'praise', content: 'Tốt lắm' }).error?.issues[0]?.message).toBe('Loại nhận xét không hợp lệ (ưu điểm, hạn chế, vi phạm).');
    expect(createFindingSchema.safeParse({ unitId: 1, kind: 'strength', content: 'Tốt lắm', extra: 1 }).success).toBe(false);
  });
});
