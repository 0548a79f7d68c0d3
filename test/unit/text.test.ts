import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/shared/domain/roles';
import { cleanText, compareNames, foldForSearch, formatDate, formatNumber, fullName, parseVietnameseDate, viCollator } from '../../src/shared/domain/text';
import { ALLOWED_CHILD_KINDS, isGrassrootsKind } from '../../src/shared/domain/units';

describe('Vietnamese text', () => {
  it('normalises to NFC and collapses spaces', () => {
    const nfd = 'Bắc Ninh'.normalize('NFD');
    expect(nfd).not.toBe('Bắc Ninh');
    expect(cleanText(`  ${nfd}   tỉnh `)).toBe('Bắc Ninh tỉnh');
  });

  it('folds diacritics and đ for search', () => {
    expect(foldForSearch('Thị xã Từ Sơn')).toBe('thi xa tu son');
    expect(foldForSearch('Đặng Thị Ánh')).toBe('dang thi anh');
    expect(foldForSearch('ĐÌNH BẢNG'.normalize('NFD'))).toBe('dinh bang');
  });

  it('sorts the Vietnamese way, unlike plain sort', () => {
    const provinces = ['Hưng Yên', 'Hải Dương', 'Hà Nội', 'Đà Nẵng', 'Hòa Bình', 'Dương'];
    expect([...provinces].sort(viCollator.compare)).toEqual(['Dương', 'Đà Nẵng', 'Hà Nội', 'Hải Dương', 'Hòa Bình', 'Hưng Yên']);
    expect([...provinces].sort()).not.toEqual([...provinces].sort(viCollator.compare));
  });

  it('orders people by tên, then tên đệm, then họ', () => {
    const people = [
      { familyName: 'Trần', middleName: 'Văn', givenName: 'Bình' },
      { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An' },
      { familyName: 'Lê', middleName: 'Thị', givenName: 'Bình' },
      { familyName: 'Âu Dương', middleName: '', givenName: 'Bình' },
    ];
    expect([...people].sort(compareNames).map(fullName)).toEqual(['Nguyễn Văn An', 'Âu Dương Bình', 'Lê Thị Bình', 'Trần Văn Bình']);
  });

  it('keeps compound surnames and multi-syllable given names whole', () => {
    expect(fullName({ familyName: 'Nguyễn Phúc', middleName: '', givenName: 'Bảo Ngọc' })).toBe('Nguyễn Phúc Bảo Ngọc');
  });

  it('writes dates as dd/mm/yyyy with zero padding and reads them back', () => {
    expect(formatDate('2011-05-14')).toBe('14/05/2011');
    expect(formatDate(new Date(2011, 8, 7))).toBe('07/09/2011');
    expect(parseVietnameseDate('07/09/2011')).toBe('2011-09-07');
    expect(parseVietnameseDate('31/02/2012')).toBeNull();
    expect(parseVietnameseDate('2012-02-01')).toBeNull();
  });

  it('formats numbers with Vietnamese separators', () => {
    expect(formatNumber(1234567.5)).toBe('1.234.567,5');
  });
});

describe('organisation and accounts rules', () => {
  it('treats grassroots as a property of the kind, not of the depth', () => {
    expect(isGrassrootsKind('grassroots_cell')).toBe(true);
    expect(isGrassrootsKind('cell')).toBe(false);
    expect(ALLOWED_CHILD_KINDS.district_committee).toContain('grassroots_cell');
    expect(ALLOWED_CHILD_KINDS.cell).toEqual([]);
  });

  it('asks for a password of some strength', () => {
    expect(passwordProblem('short1')).toMatch(/ít nhất 8/u);
    expect(passwordProblem('onlyletters')).toMatch(/chữ và số/u);
    expect(passwordProblem('12345678')).toMatch(/chữ và số/u);
    expect(passwordProblem('tinhuy2012', 'tinhuy')).toMatch(/tên đăng nhập/u);
    expect(passwordProblem('BacNinh@2012', 'tinhuy')).toBeNull();
  });
});
