import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, timeliness } from '../../src/shared/domain/timeliness';
import {
  documentSymbolProblem,
  formatDocumentSymbol,
  issuerCodeForUnit,
  parseDocumentSymbol,
  termFor,
} from '../../src/shared/domain/documents';
import { sniffAttachmentType } from '../../src/shared/domain/files';
import { coverageRatio, helperUnitState } from '../../src/shared/domain/direction';

describe('timeliness (four states)', () => {
  const dueOn = '2011-10-07';

  it('done on the deadline day itself is on time; a day later is late', () => {
    expect(timeliness({ dueOn, doneOn: '2011-10-07', today: '2012-06-19' })).toBe('done_on_time');
    expect(timeliness({ dueOn, doneOn: '2011-10-08', today: '2012-06-19' })).toBe('done_late');
    expect(timeliness({ dueOn, doneOn: '2011-09-01', today: '2011-09-02' })).toBe('done_on_time');
  });

  it('not done is still in time on the deadline day and overdue the day after', () => {
    expect(timeliness({ dueOn, doneOn: null, today: '2011-10-06' })).toBe('pending');
    expect(timeliness({ dueOn, doneOn: null, today: '2011-10-07' })).toBe('pending');
    expect(timeliness({ dueOn, doneOn: null, today: '2011-10-08' })).toBe('overdue');
  });

  it('a late document stays late whatever today is', () => {
    expect(timeliness({ dueOn, doneOn: '2011-10-09', today: '2011-10-09' })).toBe('done_late');
  });
});

describe('deadlines', () => {
  it('counts calendar days by default, weekends included', () => {
    // 07/9/2011 was a Wednesday; 30 days later is Friday 07/10/2011.
    expect(addDays('2011-09-07', 30)).toBe('2011-10-07');
    expect(addDays('2011-12-25', 10)).toBe('2012-01-04');
    expect(addDays('2012-02-28', 1)).toBe('2012-02-29');
    expect(addDays('2011-09-07', 0)).toBe('2011-09-07');
  });

  it('counts only Monday to Friday when configured', () => {
    // Friday 09/9/2011 + 1 working day is Monday 12/9/2011.
    expect(addDays('2011-09-09', 1, { workingDays: true })).toBe('2011-09-12');
    expect(addDays('2011-09-07', 10, { workingDays: true })).toBe('2011-09-21');
    // Starting on a Saturday: the first working day is Monday.
    expect(addDays('2011-09-10', 1, { workingDays: true })).toBe('2011-09-12');
    // Even a zero-day window never falls due on a weekend.
    expect(addDays('2011-09-10', 0, { workingDays: true })).toBe('2011-09-12');
    expect(addDays('2011-09-09', 0, { workingDays: true })).toBe('2011-09-09');
  });

  it('refuses a negative window', () => {
    expect(() => addDays('2011-09-07', -1)).toThrow(RangeError);
  });

  it('measures days between dates across months and years', () => {
    expect(daysBetween('2011-07-01', '2011-09-07')).toBe(68);
    expect(daysBetween('2011-09-07', '2011-07-01')).toBe(-68);
  });
});

describe('Party document number and symbol', () => {
  it('formats with a two-digit number', () => {
    expect(formatDocumentSymbol(8, 'KH', 'TU')).toBe('08-KH/TU');
    expect(formatDocumentSymbol(3, 'CT', 'TW')).toBe('03-CT/TW');
    expect(formatDocumentSymbol(112, 'HD', 'HU')).toBe('112-HD/HU');
  });

  it('parses Party style, forgiving spaces and a leading "Số"', () => {
    expect(parseDocumentSymbol('08-KH/TU')).toEqual({ number: 8, typeSymbol: 'KH', issuerCode: 'TU' });
    expect(parseDocumentSymbol('Số 09 - KH / ĐU')).toEqual({ number: 9, typeSymbol: 'KH', issuerCode: 'ĐU' });
    expect(parseDocumentSymbol('71-HD/BTGTW')).toEqual({ number: 71, typeSymbol: 'HD', issuerCode: 'BTGTW' });
    expect(parseDocumentSymbol('05-CTr/HU')).toEqual({ number: 5, typeSymbol: 'CTr', issuerCode: 'HU' });
    // NFD input (Đ written as D + combining mark does not exist; but QĐ typed decomposed still parses after NFC).
    expect(parseDocumentSymbol('12-Q\u0110/TU'.normalize('NFD'))).toEqual({ number: 12, typeSymbol: 'QĐ', issuerCode: 'TU' });
  });

  it('refuses what does not parse: State style, no number, zero, lower case, unknown type', () => {
    for (const text of ['3970/QĐ-UBND', 'KH/TU', '0-KH/TU', '08-kh/tu', '08-XX/TU', '08-KH', '', '08-KH/TU/1']) {
      expect(parseDocumentSymbol(text), text).toBeNull();
    }
  });

  it('explains a symbol that does not fit the type or the issuer', () => {
    expect(documentSymbolProblem('08-KH/TU', 'plan', 'TU')).toBeNull();
    expect(documentSymbolProblem('08/KH-TU', 'plan', 'TU')).toMatch(/không đúng mẫu/);
    expect(documentSymbolProblem('08-HD/TU', 'plan', 'TU')).toMatch(/không khớp với loại văn bản Kế hoạch/);
    expect(documentSymbolProblem('08-KH/HU', 'plan', 'TU')).toMatch(/phải là "TU"/);
  });

  it('derives the issuer abbreviation from the unit', () => {
    expect(issuerCodeForUnit({ kind: 'province_committee', name: 'Đảng bộ tỉnh Bắc Ninh' })).toBe('TU');
    expect(issuerCodeForUnit({ kind: 'district_committee', name: 'Đảng bộ huyện Yên Phong' })).toBe('HU');
    expect(issuerCodeForUnit({ kind: 'district_committee', name: 'Đảng bộ Thị xã Từ Sơn' })).toBe('TU');
    expect(issuerCodeForUnit({ kind: 'affiliated_committee', name: 'Đảng bộ Khối các cơ quan tỉnh' })).toBe('ĐU');
    expect(issuerCodeForUnit({ kind: 'cell', name: 'Chi bộ thôn Đông' })).toBe('CB');
  });

  it('finds the committee term of a date (terms end on their last day)', () => {
    const terms = [
      { id: 1, startsOn: '2005-10-01', endsOn: '2010-09-30' },
      { id: 2, startsOn: '2010-10-01', endsOn: '2015-09-30' },
    ];
    expect(termFor(terms, '2011-09-07')?.id).toBe(2);
    expect(termFor(terms, '2010-09-30')?.id).toBe(1);
    expect(termFor(terms, '2010-10-01')?.id).toBe(2);
    expect(termFor(terms, '2016-01-01')).toBeUndefined();
  });
});

describe('attachment types by content', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);
  const text = (value: string) => new TextEncoder().encode(value);

  it('recognises PDF, PNG, JPEG and DOCX', () => {
    expect(sniffAttachmentType(text('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffAttachmentType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text('....[Content_Types].xml....word/document.xml')]);
    expect(sniffAttachmentType(docx)).toContain('wordprocessingml');
  });

  it('refuses a file that only claims to be one (text named .pdf, a plain ZIP, an executable)', () => {
    expect(sniffAttachmentType(text('hello, I am a PDF'))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text('xl/workbook.xml')]))).toBeNull();
    expect(sniffAttachmentType(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array())).toBeNull();
  });
});

describe('conference coverage and helper unit state', () => {
  it('is the share of expected participants reached, or nothing when nobody was expected', () => {
    expect(coverageRatio(45, 50)).toBe(0.9);
    expect(coverageRatio(0, 0)).toBeNull();
  });

  it('tells missing, without regulation and complete apart', () => {
    expect(helperUnitState(null)).toBe('missing');
    expect(helperUnitState({ regulationDocumentId: null })).toBe('no_regulation');
    expect(helperUnitState({ regulationDocumentId: 5 })).toBe('complete');
  });
});
