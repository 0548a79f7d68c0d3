/** Vietnamese text rules shared by server and browser (DOMAIN.md §6). */

export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Normalise to NFC, trim and collapse inner whitespace. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Fold text for search: lower case, no diacritics, đ → d, single spaces.
 * "Từ Sơn" and "tu son" fold to the same string.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

export interface PersonName {
  familyName: string;
  middleName: string;
  givenName: string;
}

/** Full name in Vietnamese order: họ, tên đệm, tên (middle name may be empty). */
export function fullName(name: PersonName): string {
  return [name.familyName, name.middleName, name.givenName].filter((part) => part.length > 0).join(' ');
}

/** Vietnamese list order: tên, then tên đệm, then họ. */
export function compareNames(a: PersonName, b: PersonName): number {
  return (
    viCollator.compare(a.givenName, b.givenName) ||
    viCollator.compare(a.middleName, b.middleName) ||
    viCollator.compare(a.familyName, b.familyName)
  );
}

/** dd/mm/yyyy with zero padding, from a Date or an ISO date string (yyyy-mm-dd...). */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
    if (match) return `${match[3]}/${match[2]}/${match[1]}`;
    value = new Date(value);
  }
  const dd = String(value.getDate()).padStart(2, '0');
  const mm = String(value.getMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${value.getFullYear()}`;
}

/** dd/mm/yyyy hh:mm in local time, for timestamps such as audit entries. */
export function formatDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const hh = String(date.getHours()).padStart(2, '0');
  const mi = String(date.getMinutes()).padStart(2, '0');
  return `${formatDate(date)} ${hh}:${mi}`;
}

/** Parse dd/mm/yyyy into an ISO date (yyyy-mm-dd), or null when it is not a real date. */
export function parseVietnameseDate(value: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(value.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 1.234.567,5 */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('vi-VN').format(value);
}
