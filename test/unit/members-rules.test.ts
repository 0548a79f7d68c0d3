import { describe, expect, it } from 'vitest';
import { ageOn, idNumberProblem, memberDateProblems } from '../../src/shared/domain/members';

describe('CMND / CCCD', () => {
  it('accepts a 9-digit CMND and a CCCD that matches birth year and gender', () => {
    expect(idNumberProblem('125123456')).toBeNull();
    expect(idNumberProblem('027070001234', '1970-05-19', 'male')).toBeNull();
    expect(idNumberProblem('027170001234', '1970-05-19', 'female')).toBeNull();
    expect(idNumberProblem('027305001234', '2005-01-01', 'female')).toBeNull();
  });

  it('refuses wrong lengths, letters and a bad province code', () => {
    expect(idNumberProblem('12345')).toMatch(/9 chữ số/u);
    expect(idNumberProblem('12345678A')).toMatch(/chữ số/u);
    expect(idNumberProblem('000070001234')).toMatch(/mã tỉnh/u);
    expect(idNumberProblem('099070001234')).toMatch(/mã tỉnh/u);
  });

  it('refuses a CCCD that contradicts the birth date or the gender', () => {
    expect(idNumberProblem('027071001234', '1970-05-19', 'male')).toMatch(/năm sinh 1970/u);
    expect(idNumberProblem('027270001234', '1970-05-19', 'male')).toMatch(/năm sinh/u);
    expect(idNumberProblem('027170001234', '1970-05-19', 'male')).toMatch(/giới tính/u);
  });
});

describe('member dates', () => {
  it('counts whole years', () => {
    expect(ageOn('1970-05-19', '2012-05-18')).toBe(41);
    expect(ageOn('1970-05-19', '2012-05-19')).toBe(42);
  });

  it('checks age at joining, official date and status together', () => {
    const today = '2012-06-19';
    expect(memberDateProblems({ birthDate: '1970-05-19', joinedOn: '1995-02-03', officialOn: '1996-02-03', status: 'full' }, today)).toEqual([]);
    expect(memberDateProblems({ birthDate: '1990-05-19', joinedOn: '2005-02-03', officialOn: null, status: 'probationary' }, today).map((p) => p.field)).toEqual(['joinedOn']);
    expect(memberDateProblems({ birthDate: '1970-05-19', joinedOn: '1995-02-03', officialOn: null, status: 'full' }, today)[0]?.message).toMatch(/ngày chính thức/u);
    expect(memberDateProblems({ birthDate: '1970-05-19', joinedOn: '2012-02-03', officialOn: '2012-01-01', status: 'full' }, today)[0]?.message).toMatch(/sau ngày vào Đảng/u);
    expect(memberDateProblems({ birthDate: '2013-01-01', joinedOn: null, officialOn: null, status: 'probationary' }, today)[0]?.field).toBe('birthDate');
  });
});
