/** Party documents (DOMAIN.md §4): types, Party-style number and symbol, issuer abbreviations. */
import { cleanText } from './text';
import type { UnitKind } from './units';

export const DOCUMENT_TYPES = [
  'resolution',
  'decision',
  'regulation',
  'directive',
  'conclusion',
  'rules',
  'guidance',
  'notice',
  'report',
  'plan',
  'programme',
  'project',
  'submission',
  'letter',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_INFO: Record<DocumentType, { label: string; symbol: string }> = {
  resolution: { label: 'Nghị quyết', symbol: 'NQ' },
  decision: { label: 'Quyết định', symbol: 'QĐ' },
  regulation: { label: 'Quy định', symbol: 'QĐ' },
  directive: { label: 'Chỉ thị', symbol: 'CT' },
  conclusion: { label: 'Kết luận', symbol: 'KL' },
  rules: { label: 'Quy chế', symbol: 'QC' },
  guidance: { label: 'Hướng dẫn', symbol: 'HD' },
  notice: { label: 'Thông báo', symbol: 'TB' },
  report: { label: 'Báo cáo', symbol: 'BC' },
  plan: { label: 'Kế hoạch', symbol: 'KH' },
  programme: { label: 'Chương trình', symbol: 'CTr' },
  project: { label: 'Đề án', symbol: 'ĐA' },
  submission: { label: 'Tờ trình', symbol: 'TTr' },
  letter: { label: 'Công văn', symbol: 'CV' },
};

export interface ParsedSymbol {
  number: number;
  typeSymbol: string;
  issuerCode: string;
}

const TYPE_SYMBOLS = [...new Set(Object.values(DOCUMENT_TYPE_INFO).map((info) => info.symbol))];
const SYMBOL_PATTERN = new RegExp(`^(\\d{1,4})-(${TYPE_SYMBOLS.join('|')})/([A-ZĐ][A-ZĐ0-9]{0,15})$`, 'u');

/** "08-KH/TU" (numbers below 10 take a leading zero, as printed on Party documents). */
export function formatDocumentSymbol(number: number, typeSymbol: string, issuerCode: string): string {
  return `${String(number).padStart(2, '0')}-${typeSymbol}/${issuerCode}`;
}

/** Party style `<n>-<TYPE>/<ISSUER>`; spaces around the separators are forgiven, case is not. */
export function parseDocumentSymbol(text: string): ParsedSymbol | null {
  const compact = cleanText(text).replace(/\s*([-/])\s*/gu, '$1').replace(/^Số\s*/iu, '');
  const match = SYMBOL_PATTERN.exec(compact);
  if (!match) return null;
  const number = Number(match[1]);
  if (number < 1) return null;
  return { number, typeSymbol: match[2]!, issuerCode: match[3]! };
}

/** Why a typed symbol cannot be used for a document of `type` from `issuerCode`, or null. */
export function documentSymbolProblem(text: string, type: DocumentType, issuerCode: string): string | null {
  const parsed = parseDocumentSymbol(text);
  if (!parsed) {
    return `Số, ký hiệu "${cleanText(text)}" không đúng mẫu văn bản của Đảng <số>-<loại>/<cơ quan ban hành>, ví dụ ${formatDocumentSymbol(8, DOCUMENT_TYPE_INFO[type].symbol, issuerCode)}.`;
  }
  const expected = DOCUMENT_TYPE_INFO[type].symbol;
  if (parsed.typeSymbol !== expected) {
    return `Ký hiệu loại "${parsed.typeSymbol}" không khớp với loại văn bản ${DOCUMENT_TYPE_INFO[type].label} (${expected}).`;
  }
  if (parsed.issuerCode !== issuerCode) {
    return `Ký hiệu cơ quan ban hành phải là "${issuerCode}", không phải "${parsed.issuerCode}".`;
  }
  return null;
}

/**
 * The issuer abbreviation of a unit's committee [P]: Tỉnh ủy, Thành ủy and Thị ủy sign "TU", a Huyện ủy
 * "HU", a Đảng ủy "ĐU", a chi bộ "CB".
 */
export function issuerCodeForUnit(unit: { kind: UnitKind; name: string }): string {
  switch (unit.kind) {
    case 'province_committee':
      return 'TU';
    case 'district_committee':
      return /huyện/iu.test(unit.name) ? 'HU' : 'TU';
    case 'affiliated_committee':
    case 'grassroots_committee':
    case 'sub_committee':
      return 'ĐU';
    case 'grassroots_cell':
    case 'cell':
      return 'CB';
  }
}

/** The term a date belongs to, from the configured committee terms. */
export function termFor<T extends { startsOn: string; endsOn: string }>(terms: readonly T[], date: string): T | undefined {
  return terms.find((term) => term.startsOn <= date && date <= term.endsOn);
}
