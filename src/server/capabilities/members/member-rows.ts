import type { Insertable } from 'kysely';
import { idNumberProblem, memberDateProblems } from '../../../shared/domain/members';
import { MEMBER_SHEET_COLUMNS } from '../../../shared/domain/member-sheet';
import { foldForSearch, fullName, parseVietnameseDate } from '../../../shared/domain/text';
import { holdsMembers, type UnitKind } from '../../../shared/domain/units';
import type { MemberTable } from '../../db/schema';
import type { SheetRow } from './member-sheet';
import type { MembersRepository } from './members.repository';

export interface CheckedRow extends SheetRow {
  record: Insertable<MemberTable> | null;
  unitPath: string | null;
}

const HEADER = Object.fromEntries(MEMBER_SHEET_COLUMNS.map((c) => [c.key, c.header])) as Record<string, string>;
const PHONE = /^\+?[0-9 .-]{8,15}$/u;

function flag(value: string, key: string, errors: string[]): boolean {
  const folded = foldForSearch(value);
  if (folded === '' || folded === 'khong' || folded === '0') return false;
  if (['x', 'co', '1', 'true'].includes(folded)) return true;
  errors.push(`${HEADER[key]}: ghi "x" nếu đúng, để trống nếu không (đang ghi "${value}").`);
  return false;
}

function date(value: string, key: string, errors: string[]): string | null {
  if (value === '') return null;
  const iso = parseVietnameseDate(value);
  if (!iso) errors.push(`${HEADER[key]}: "${value}" không phải ngày dạng dd/mm/yyyy.`);
  return iso;
}

/**
 * Check every row of a member sheet against the registry rules, the units inside `withinPath`
 * and the card numbers already taken. Returns each row with its Vietnamese errors and, when valid,
 * the record to insert.
 */
export async function checkRows(rows: SheetRow[], withinPath: string, repository: MembersRepository, today: string): Promise<CheckedRow[]> {
  const codes = [...new Set(rows.map((r) => r.values.unitCode).filter((c) => c !== ''))];
  const units = new Map((await repository.unitsByCode(codes)).map((u) => [u.code, u]));
  const cards = [...new Set(rows.map((r) => r.values.cardNumber).filter((c) => c !== ''))];
  const taken = new Set<string>();
  for (let i = 0; i < cards.length; i += 5000) {
    for (const row of await repository.existingCardNumbers(cards.slice(i, i + 5000))) if (row.card_number) taken.add(row.card_number);
  }
  const firstRowOfCard = new Map<string, number>();

  return rows.map((sheetRow) => {
    const v = sheetRow.values;
    const errors = [...sheetRow.errors];
    if (v.familyName === '') errors.push('Thiếu Họ.');
    if (v.givenName === '') errors.push('Thiếu Tên.');
    for (const key of ['familyName', 'middleName', 'givenName'] as const) {
      if (v[key].length > 60) errors.push(`${HEADER[key]} dài quá 60 ký tự.`);
    }
    let unitId: number | null = null;
    let unitPath: string | null = null;
    if (v.unitCode === '') errors.push('Thiếu Mã chi bộ.');
    else {
      const unit = units.get(v.unitCode);
      if (!unit || !(unit.path === withinPath || unit.path.startsWith(`${withinPath}.`))) {
        errors.push(`Mã chi bộ "${v.unitCode}" không có trong đơn vị đang nhập.`);
      } else if (!holdsMembers(unit.kind as UnitKind)) errors.push(`"${unit.name}" không phải chi bộ.`);
      else if (unit.valid_to) errors.push(`Chi bộ "${unit.name}" đã đóng.`);
      else {
        unitId = unit.id;
        unitPath = unit.path;
      }
    }
    const genderText = foldForSearch(v.gender);
    const gender = genderText === 'nam' ? 'male' : genderText === 'nu' ? 'female' : null;
    if (!gender) errors.push(`Giới tính phải là Nam hoặc Nữ${v.gender ? ` (đang ghi "${v.gender}")` : ''}.`);
    const statusText = foldForSearch(v.status);
    const status = statusText === 'du bi' ? 'probationary' : statusText === 'chinh thuc' ? 'full' : null;
    if (!status) errors.push(`Trạng thái phải là Dự bị hoặc Chính thức${v.status ? ` (đang ghi "${v.status}")` : ''}.`);
    const birthDate = date(v.birthDate, 'birthDate', errors);
    const joinedOn = date(v.joinedOn, 'joinedOn', errors);
    const officialOn = date(v.officialOn, 'officialOn', errors);
    if (status) {
      for (const problem of memberDateProblems({ birthDate, joinedOn, officialOn, status }, today)) errors.push(problem.message);
    }
    if (v.idNumber !== '') {
      const problem = idNumberProblem(v.idNumber, birthDate, gender);
      if (problem) errors.push(problem);
    }
    if (v.cardNumber !== '') {
      if (v.cardNumber.length > 30) errors.push('Số thẻ đảng viên dài quá 30 ký tự.');
      const first = firstRowOfCard.get(v.cardNumber);
      if (first !== undefined) errors.push(`Số thẻ ${v.cardNumber} trùng với dòng ${first}.`);
      else firstRowOfCard.set(v.cardNumber, sheetRow.row);
      if (taken.has(v.cardNumber)) errors.push(`Số thẻ ${v.cardNumber} đã thuộc về một đảng viên trong hệ thống.`);
    }
    if (v.phone !== '' && !PHONE.test(v.phone)) errors.push(`Điện thoại "${v.phone}" không hợp lệ.`);
    if (v.ethnicity.length > 40) errors.push('Dân tộc dài quá 40 ký tự.');
    const isKeyLeader = flag(v.isKeyLeader, 'isKeyLeader', errors);
    const isHead = flag(v.isHead, 'isHead', errors);

    const record: Insertable<MemberTable> | null =
      errors.length === 0 && unitId !== null && gender && status
        ? {
            unit_id: unitId,
            family_name: v.familyName,
            middle_name: v.middleName,
            given_name: v.givenName,
            search_name: foldForSearch(fullName(v)),
            gender,
            birth_date: birthDate,
            ethnicity: v.ethnicity || null,
            status,
            joined_on: joinedOn,
            official_on: officialOn,
            card_number: v.cardNumber || null,
            id_number: v.idNumber || null,
            phone: v.phone || null,
            is_key_leader: isKeyLeader,
            is_head: isHead,
          }
        : null;
    return { ...sheetRow, errors, record, unitPath };
  });
}
