import { CalendarOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Tag, Typography } from 'antd';
import { ATTENDANCE_LABELS, MEETING_KIND_LABELS } from '../../../shared/domain/meetings';
import type { AttendanceStatus } from '../../../shared/domain/meetings';
import { formatDate } from '../../../shared/domain/text';
import { meetingQueries } from '../../api/meetings';
import type { MyMeetings } from '../../api/meetings';
import { Panel } from '../../components/Panel';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ItemList } from './MeetingDetailDrawer';
import styles from './Meetings.module.css';

const STATUS_COLOR: Record<AttendanceStatus, string> = { present: 'green', excused: 'gold', absent: 'red' };

/** "Sinh hoạt của tôi": the next meeting of the member's cell and their own attendance. Phone first. */
export function MyMeetingsPage() {
  useDocumentTitle('Sinh hoạt của tôi');
  const mine = useQuery(meetingQueries.mine());
  let body;
  if (mine.isPending) body = <LoadingBlock rows={6} />;
  else if (mine.isError) body = <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  else body = <MyMeetingsBody data={mine.data} />;
  return (
    <div className={styles.page}>
      <Typography.Title level={1} className="page-title">
        Sinh hoạt của tôi
      </Typography.Title>
      {body}
    </div>
  );
}

function MyMeetingsBody({ data }: { data: MyMeetings }) {
  const { next, history } = data;
  const present = history.filter((entry) => entry.status === 'present').length;
  return (
    <>
      <Panel title="Buổi sinh hoạt sắp tới" className={styles.block}>
        {next ? (
          <div className={styles.next}>
            <p className={styles.nextDate}>
              <CalendarOutlined aria-hidden />{' '}
              {next.plannedOn ? (
                <>
                  Ngày <strong>{formatDate(next.plannedOn)}</strong>
                </>
              ) : (
                `Tháng ${next.month}/${next.year} (chưa định ngày)`
              )}
            </p>
            <p className={styles.muted}>{next.unit.name}</p>
            <h3 className={styles.subTitle}>Nội dung chuyên đề sẽ học</h3>
            <ItemList items={next.plannedItems} empty="Chi bộ chưa chọn nội dung chuyên đề." />
            {next.planNote ? (
              <>
                <h3 className={styles.subTitle}>Tài liệu cần đọc, ghi chú</h3>
                <p className={styles.paragraph}>{next.planNote}</p>
              </>
            ) : null}
          </div>
        ) : (
          <EmptyState description="Chi bộ chưa lập kế hoạch buổi sinh hoạt tới." />
        )}
      </Panel>
      <Panel title="Các buổi đã sinh hoạt" className={styles.block}>
        {history.length === 0 ? (
          <EmptyState description="Chưa có buổi sinh hoạt nào được ghi biên bản." />
        ) : (
          <>
            <p className={styles.muted}>
              Có mặt {present}/{history.length} buổi.
            </p>
            <ul className={styles.history}>
              {history.map((entry) => (
                <li key={entry.meetingId}>
                  <div className={styles.historyHead}>
                    <strong>{formatDate(entry.heldOn)}</strong>
                    <Tag color={STATUS_COLOR[entry.status]}>{ATTENDANCE_LABELS[entry.status]}</Tag>
                  </div>
                  <div className={styles.muted}>
                    {entry.kind === 'regular' ? `Sinh hoạt tháng ${entry.month}/${entry.year}` : `${MEETING_KIND_LABELS[entry.kind]} tháng ${entry.month}/${entry.year}`}
                  </div>
                  {entry.studiedItems.length > 0 ? (
                    <ul className={styles.historyItems} aria-label="Nội dung đã học">
                      {entry.studiedItems.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  ) : (
                    <div className={styles.muted}>Không học nội dung nào của chuyên đề.</div>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </Panel>
    </>
  );
}
