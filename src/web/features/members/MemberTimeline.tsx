import { useQuery } from '@tanstack/react-query';
import { Timeline, Typography } from 'antd';
import { GENDER_LABELS, LEFT_REASON_LABELS, MEMBER_STATUS_LABELS } from '../../../shared/domain/members';
import type { Gender, LeftReason, MemberStatus } from '../../../shared/domain/members';
import { MEMBER_SHEET_COLUMNS } from '../../../shared/domain/member-sheet';
import { formatDate, formatDateTime } from '../../../shared/domain/text';
import { memberQueries } from '../../api/members';
import type { TimelineEntry } from '../../api/members';
import { ErrorState, LoadingBlock } from '../../components/states';
import styles from './Members.module.css';

/** Vietnamese names of the fields kept in a member's audit snapshots. */
const FIELD_LABELS: Record<string, string> = {
  familyName: 'Họ',
  middleName: 'Tên đệm',
  givenName: 'Tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  ethnicity: 'Dân tộc',
  status: 'Trạng thái',
  joinedOn: 'Ngày vào Đảng',
  officialOn: 'Ngày chính thức',
  cardNumber: 'Số thẻ đảng viên',
  idNumber: 'Số CMND/CCCD',
  phone: 'Số điện thoại',
  isKeyLeader: 'Lãnh đạo chủ chốt',
  isHead: 'Người đứng đầu',
  leftOn: 'Ngày ra khỏi danh sách',
  leftReason: 'Lý do ra khỏi danh sách',
};

/** Ids and bookkeeping that mean nothing to a reader. */
const HIDDEN = new Set(['unitId', 'positionId', 'importId', 'version']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

function plain(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') {
    if (key === 'gender' && value in GENDER_LABELS) return GENDER_LABELS[value as Gender];
    if (key === 'status' && value in MEMBER_STATUS_LABELS) return MEMBER_STATUS_LABELS[value as MemberStatus];
    if (key === 'leftReason' && value in LEFT_REASON_LABELS) return LEFT_REASON_LABELS[value as LeftReason];
    if (ISO_DATE.test(value)) return formatDate(value);
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

const text = (record: Record<string, unknown> | null, key: string) => {
  const value = record?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
};
const date = (record: Record<string, unknown> | null, key: string) => formatDate(text(record, key));

/** One entry in plain words: what changed, from what to what. */
export function describeEntry(entry: TimelineEntry): string[] {
  const { before, after } = entry;
  switch (entry.action) {
    case 'member.create':
      return [];
    case 'member.transfer':
      return [`Từ ${text(before, 'unitName') || '(không rõ)'} sang ${text(after, 'unitName') || '(không rõ)'}, từ ngày ${date(after, 'on')}.`];
    case 'member.leave': {
      const reason = text(after, 'leftReason');
      const label = reason in LEFT_REASON_LABELS ? LEFT_REASON_LABELS[reason as LeftReason] : reason;
      return [`Lý do: ${label || '(không rõ)'}; từ ngày ${date(after, 'leftOn')}.`];
    }
    case 'member.position_add':
      return [`${text(after, 'position')} — ${text(after, 'unitName')}, từ ngày ${date(after, 'startedOn')}.`];
    case 'member.position_end':
      return [`${text(before, 'position') || 'Chức vụ'}: thôi từ ngày ${date(after, 'endedOn')}.`];
    case 'member.import': {
      const row = text(after, 'row');
      const unitCode = text(after, 'unitCode');
      return [`Từ tệp Excel${row ? `, dòng ${row}` : ''}${unitCode ? ` (${MEMBER_SHEET_COLUMNS[0].header}: ${unitCode})` : ''}.`];
    }
    default: {
      const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((key) => !HIDDEN.has(key));
      const lines: string[] = [];
      for (const key of keys) {
        const was = plain(key, before?.[key]);
        const now = plain(key, after?.[key]);
        if (before && after && was === now) continue;
        const label = FIELD_LABELS[key] ?? key;
        lines.push(before ? `${label}: ${was} → ${now}` : `${label}: ${now}`);
      }
      return lines;
    }
  }
}

/** "Lịch sử": the member's audit entries, newest first, in plain words. */
export function MemberTimeline({ memberId }: { memberId: number }) {
  const timeline = useQuery(memberQueries.timeline(memberId));
  if (timeline.isPending) return <LoadingBlock rows={3} />;
  if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.data.length === 0) return <Typography.Text type="secondary">Chưa có thay đổi nào được ghi lại.</Typography.Text>;
  const entries = [...timeline.data].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Timeline
      className={styles.timeline}
      items={entries.map((entry, index) => ({
        key: `${entry.at}-${index}`,
        content: (
          <div>
            <div>
              <strong>{entry.label}</strong>
              <span className={styles.when}>
                {' '}
                · {formatDateTime(entry.at)}
                {entry.actor ? ` · ${entry.actor}` : ''}
              </span>
            </div>
            {describeEntry(entry).map((line) => (
              <Typography.Text key={line} className={styles.change}>
                {line}
              </Typography.Text>
            ))}
          </div>
        ),
      }))}
    />
  );
}
