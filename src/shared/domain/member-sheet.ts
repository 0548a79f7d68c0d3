/** The member spreadsheet: the same Vietnamese headers for the import template and for exports. */
export const MEMBER_SHEET_COLUMNS = [
  { key: 'unitCode', header: 'Mã chi bộ', width: 16, required: true },
  { key: 'familyName', header: 'Họ', width: 14, required: true },
  { key: 'middleName', header: 'Tên đệm', width: 14, required: false },
  { key: 'givenName', header: 'Tên', width: 12, required: true },
  { key: 'birthDate', header: 'Ngày sinh', width: 13, required: false },
  { key: 'gender', header: 'Giới tính', width: 10, required: true },
  { key: 'ethnicity', header: 'Dân tộc', width: 10, required: false },
  { key: 'status', header: 'Trạng thái', width: 12, required: true },
  { key: 'joinedOn', header: 'Ngày vào Đảng', width: 14, required: false },
  { key: 'officialOn', header: 'Ngày chính thức', width: 15, required: false },
  { key: 'cardNumber', header: 'Số thẻ đảng viên', width: 16, required: false },
  { key: 'idNumber', header: 'CMND/CCCD', width: 15, required: false },
  { key: 'phone', header: 'Điện thoại', width: 13, required: false },
  { key: 'isKeyLeader', header: 'Lãnh đạo chủ chốt', width: 10, required: false },
  { key: 'isHead', header: 'Người đứng đầu', width: 10, required: false },
] as const;

export type MemberSheetKey = (typeof MEMBER_SHEET_COLUMNS)[number]['key'];

/** Largest upload accepted, in bytes. */
export const MEMBER_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const MEMBER_IMPORT_MAX_ROWS = 100_000;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
