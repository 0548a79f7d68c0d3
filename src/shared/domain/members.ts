/** Party member rules (DOMAIN.md §1, §6). */

export const MEMBER_STATUSES = ['probationary', 'full'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = { probationary: 'Dự bị', full: 'Chính thức' };

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: 'Nam', female: 'Nữ' };

export const LEFT_REASONS = ['moved_out', 'deceased', 'expelled', 'other'] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];
export const LEFT_REASON_LABELS: Record<LeftReason, string> = {
  moved_out: 'Chuyển sinh hoạt ra ngoài',
  deceased: 'Từ trần',
  expelled: 'Khai trừ / xóa tên',
  other: 'Lý do khác',
};

export const AGE_BANDS = ['under_30', '30_45', '46_60', 'over_60'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  under_30: 'Dưới 30 tuổi',
  '30_45': 'Từ 30 đến 45 tuổi',
  '46_60': 'Từ 46 đến 60 tuổi',
  over_60: 'Trên 60 tuổi',
};

/** Inclusive age range of a band, in whole years. */
export const AGE_BAND_RANGES: Record<AgeBand, [number, number]> = {
  under_30: [0, 29],
  '30_45': [30, 45],
  '46_60': [46, 60],
  over_60: [61, 200],
};

/** Whole years between an ISO birth date and an ISO day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * CMND has 9 digits; CCCD has 12: a 3-digit province code, a digit for century and gender
 * (0/1: 1900s man/woman, 2/3: 2000s, 4/5: 2100s…), the last two digits of the birth year, then 6 digits.
 * Returns a Vietnamese message when the number cannot be right, or null.
 */
export function idNumberProblem(idNumber: string, birthDate?: string | null, gender?: Gender | null): string | null {
  if (!/^\d+$/u.test(idNumber)) return 'Số CMND/CCCD chỉ gồm chữ số.';
  if (idNumber.length === 9) return null;
  if (idNumber.length !== 12) return 'Số CMND phải có 9 chữ số, số CCCD phải có 12 chữ số.';
  const province = Number(idNumber.slice(0, 3));
  if (province < 1 || province > 96) return 'Ba chữ số đầu của CCCD không phải mã tỉnh hợp lệ (001–096).';
  const code = Number(idNumber[3]);
  if (birthDate) {
    const year = Number(birthDate.slice(0, 4));
    const century = Math.floor(year / 100);
    const expectedCentury = 19 + Math.floor(code / 2);
    if (century !== expectedCentury || idNumber.slice(4, 6) !== birthDate.slice(2, 4)) {
      return `Số CCCD không khớp năm sinh ${year} (chữ số thứ 4–6 phải là ${Math.floor((year - 1900) / 100) * 2 + (gender === 'female' ? 1 : 0)}${birthDate.slice(2, 4)}).`;
    }
  }
  if (gender && code % 2 !== (gender === 'female' ? 1 : 0)) return 'Số CCCD không khớp giới tính (chữ số thứ 4: chẵn là nam, lẻ là nữ).';
  return null;
}

export interface MemberDates {
  birthDate: string | null;
  joinedOn: string | null;
  officialOn: string | null;
  status: MemberStatus;
}

/** Consistency of the dates in a member record; Vietnamese messages keyed by field. */
export function memberDateProblems(m: MemberDates, today: string): { field: keyof MemberDates; message: string }[] {
  const problems: { field: keyof MemberDates; message: string }[] = [];
  if (m.birthDate && m.birthDate > today) problems.push({ field: 'birthDate', message: 'Ngày sinh không được sau hôm nay.' });
  if (m.birthDate && m.birthDate < '1900-01-01') problems.push({ field: 'birthDate', message: 'Ngày sinh không hợp lệ.' });
  if (m.joinedOn && m.joinedOn > today) problems.push({ field: 'joinedOn', message: 'Ngày vào Đảng không được sau hôm nay.' });
  if (m.birthDate && m.joinedOn && ageOn(m.birthDate, m.joinedOn) < 18) {
    problems.push({ field: 'joinedOn', message: 'Ngày vào Đảng phải khi đã đủ 18 tuổi.' });
  }
  if (m.status === 'full' && !m.officialOn) problems.push({ field: 'officialOn', message: 'Đảng viên chính thức phải có ngày chính thức.' });
  if (m.status === 'probationary' && m.officialOn) problems.push({ field: 'officialOn', message: 'Đảng viên dự bị chưa có ngày chính thức.' });
  if (m.officialOn && m.joinedOn && m.officialOn <= m.joinedOn) {
    problems.push({ field: 'officialOn', message: 'Ngày chính thức phải sau ngày vào Đảng.' });
  }
  if (m.officialOn && m.officialOn > today) problems.push({ field: 'officialOn', message: 'Ngày chính thức không được sau hôm nay.' });
  return problems;
}
