/** Account roles. Every account also has a scope unit: it acts only inside that unit's subtree. */

export const ROLES = ['province_officer', 'district_officer', 'grassroots_officer', 'cell_secretary', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  province_officer: 'Cán bộ giúp việc cấp tỉnh',
  district_officer: 'Cán bộ giúp việc cấp huyện',
  grassroots_officer: 'Cán bộ giúp việc cấp cơ sở',
  cell_secretary: 'Bí thư chi bộ',
  member: 'Đảng viên',
};

export const POSITIONS = ['secretary', 'deputy_secretary', 'standing_member', 'committee_member', 'cell_committee_member'] as const;
export type Position = (typeof POSITIONS)[number];

export const POSITION_LABELS: Record<Position, string> = {
  secretary: 'Bí thư',
  deputy_secretary: 'Phó Bí thư',
  standing_member: 'Ủy viên Ban Thường vụ',
  committee_member: 'Cấp ủy viên',
  cell_committee_member: 'Chi ủy viên',
};

/** Password rule: at least 8 characters with a letter and a digit, and not the username. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự.';
  if (password.length > 200) return 'Mật khẩu quá dài (tối đa 200 ký tự).';
  if (!/\p{L}/u.test(password) || !/\d/u.test(password)) return 'Mật khẩu phải có cả chữ và số.';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}

/** Which kinds of unit an account of each role may be scoped to. */
export const ROLE_SCOPE_KINDS: Record<Role, readonly string[]> = {
  province_officer: ['province_committee'],
  district_officer: ['district_committee', 'affiliated_committee'],
  grassroots_officer: ['grassroots_committee', 'grassroots_cell', 'sub_committee'],
  cell_secretary: ['cell', 'grassroots_cell'],
  member: ['cell', 'grassroots_cell'],
};
