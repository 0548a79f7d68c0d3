import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import type { Role } from '../../../shared/domain/roles';
import { formatDate, formatDateTime } from '../../../shared/domain/text';
import { UNIT_KIND_LABELS, sectorLabel } from '../../../shared/domain/units';
import type { UnitKind } from '../../../shared/domain/units';
import styles from './AuditPage.module.css';

/** Vietnamese names for the fields that appear in before/after snapshots; unknown keys show as they are. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Tên',
  code: 'Mã',
  kind: 'Loại tổ chức',
  sector: 'Lĩnh vực',
  parentId: 'Đơn vị cấp trên (mã)',
  parentName: 'Đơn vị cấp trên',
  closedOn: 'Ngày đóng',
  validTo: 'Ngày đóng',
  validFrom: 'Hoạt động từ',
  isGrassroots: 'Tổ chức cơ sở đảng',
  username: 'Tên đăng nhập',
  displayName: 'Tên hiển thị',
  role: 'Vai trò',
  scopeUnitId: 'Phạm vi (mã đơn vị)',
  scopeUnitName: 'Phạm vi',
  memberId: 'Mã hồ sơ đảng viên',
  disabled: 'Khóa tài khoản',
  mustChangePassword: 'Phải đổi mật khẩu',
  version: 'Phiên bản',
};

/** Internal bookkeeping that means nothing to a reader (the ltree path mirrors parentId). */
const HIDDEN_FIELDS = new Set(['path']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T/u;

export function formatAuditValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') {
    if (key === 'kind' && value in UNIT_KIND_LABELS) return UNIT_KIND_LABELS[value as UnitKind];
    if (key === 'role' && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
    if (key === 'sector') return sectorLabel(value) || value;
    if (ISO_DATE.test(value)) return formatDate(value);
    if (ISO_DATETIME.test(value)) return formatDateTime(value);
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

interface DiffRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

export function AuditDiff({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((key) => !HIDDEN_FIELDS.has(key));
  const rows: DiffRow[] = keys.map((key) => {
    const was = before ? formatAuditValue(key, before[key]) : '—';
    const now = after ? formatAuditValue(key, after[key]) : '—';
    return { key, label: FIELD_LABELS[key] ?? key, before: was, after: now, changed: was !== now };
  });
  // Changed fields first, so the point of the entry is on top.
  rows.sort((a, b) => Number(b.changed) - Number(a.changed));

  if (rows.length === 0) return <Typography.Text type="secondary">Không có dữ liệu chi tiết.</Typography.Text>;

  const columns: TableColumnsType<DiffRow> = [
    { title: 'Trường', dataIndex: 'label', key: 'label', width: '28%' },
    ...(before ? [{ title: 'Trước', dataIndex: 'before', key: 'before', render: (text: string, row: DiffRow) => <span className={row.changed ? styles.removed : undefined}>{text}</span> }] : []),
    ...(after ? [{ title: 'Sau', dataIndex: 'after', key: 'after', render: (text: string, row: DiffRow) => <span className={row.changed ? styles.added : undefined}>{text}</span> }] : []),
  ];

  return (
    <Table<DiffRow>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      rowClassName={(row) => (row.changed ? (styles.changedRow ?? '') : '')}
      className={styles.diff}
    />
  );
}
