import { DeleteOutlined, EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Flex, Popconfirm, Tag } from 'antd';
import { ATTENDANCE_LABELS, MEETING_KIND_LABELS } from '../../../shared/domain/meetings';
import type { AttendanceStatus } from '../../../shared/domain/meetings';
import { formatDate } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { meetingQueries, minutesFileUrl } from '../../api/meetings';
import type { MeetingDetail } from '../../api/meetings';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useDrawerSize } from './MeetingFields';
import { monthTitle } from './meetingFormat';
import { useDeleteMeeting } from './useMeetingMutations';
import styles from './Meetings.module.css';

/** A recorded meeting: date, items studied, who came, what was related and agreed. */
export function MeetingDetailDrawer({ meetingId, onClose, onEdit }: { meetingId: number | null; onClose: () => void; onEdit: (meeting: MeetingDetail) => void }) {
  const size = useDrawerSize();
  const detail = useQuery({ ...meetingQueries.detail(meetingId ?? 0), enabled: meetingId !== null });
  const meeting = detail.data;
  let body;
  if (meetingId === null) body = null;
  else if (detail.isPending) body = <LoadingBlock rows={8} />;
  else if (detail.isError) body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  else body = <MeetingBody meeting={detail.data} />;
  return (
    <Drawer
      open={meetingId !== null}
      size={size}
      title={meeting ? `${MEETING_KIND_LABELS[meeting.kind]} ${monthTitle(meeting.month, meeting.year).toLowerCase()}` : 'Biên bản sinh hoạt'}
      onClose={onClose}
      destroyOnHidden
      footer={meeting && (meeting.can.edit || meeting.can.delete) ? <DetailActions meeting={meeting} onEdit={onEdit} onDeleted={onClose} /> : null}
    >
      {body}
    </Drawer>
  );
}

function DetailActions({ meeting, onEdit, onDeleted }: { meeting: MeetingDetail; onEdit: (meeting: MeetingDetail) => void; onDeleted: () => void }) {
  const remove = useDeleteMeeting(meeting);
  const { message } = App.useApp();
  return (
    <Flex gap={8} justify="flex-end" wrap>
      {meeting.can.delete ? (
        <Popconfirm
          title="Xóa buổi sinh hoạt này?"
          description="Biên bản, điểm danh và các nội dung đã ghi sẽ bị xóa."
          okText="Xóa"
          okButtonProps={{ danger: true }}
          cancelText="Không"
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                void message.success('Đã xóa buổi sinh hoạt.');
                onDeleted();
              },
              onError: (error) => void message.error(errorMessage(error)),
            })
          }
        >
          <Button size="large" danger icon={<DeleteOutlined />} loading={remove.isPending}>
            Xóa
          </Button>
        </Popconfirm>
      ) : null}
      {meeting.can.edit && meeting.heldOn ? (
        <Button size="large" type="primary" icon={<EditOutlined />} onClick={() => onEdit(meeting)}>
          Sửa biên bản
        </Button>
      ) : null}
    </Flex>
  );
}

const ABSENCE_ORDER: AttendanceStatus[] = ['excused', 'absent'];

function MeetingBody({ meeting }: { meeting: MeetingDetail }) {
  const away = ABSENCE_ORDER.map((status) => ({ status, names: meeting.attendance.filter((entry) => entry.status === status).map((entry) => entry.fullName) }));
  return (
    <>
      <Flex gap={4} wrap className={styles.detailTags}>
        {meeting.heldOn ? <Tag color="green">Đã sinh hoạt</Tag> : <Tag color="blue">Đã lập kế hoạch</Tag>}
        {meeting.recordLate ? <Tag color="orange">Ghi muộn</Tag> : null}
        {meeting.planLate ? <Tag color="gold">Lập kế hoạch muộn</Tag> : null}
      </Flex>
      <Descriptions
        column={1}
        size="small"
        className={styles.detailFacts}
        items={[
          { key: 'unit', label: 'Chi bộ', children: meeting.unit.name },
          { key: 'heldOn', label: 'Ngày sinh hoạt', children: meeting.heldOn ? formatDate(meeting.heldOn) : 'Chưa ghi biên bản' },
          ...(meeting.plannedOn ? [{ key: 'plannedOn', label: 'Ngày dự kiến', children: formatDate(meeting.plannedOn) }] : []),
          ...(meeting.heldOn
            ? [
                {
                  key: 'attendance',
                  label: 'Dự họp',
                  children: `Có mặt ${meeting.present}/${meeting.roll} · vắng có lý do ${meeting.excused} · vắng không lý do ${meeting.absent}`,
                },
              ]
            : []),
        ]}
      />
      <h3 className={styles.subTitle}>{meeting.heldOn ? 'Nội dung chuyên đề đã học' : 'Nội dung chuyên đề sẽ học'}</h3>
      {meeting.heldOn ? <ItemList items={meeting.studiedItems} /> : <ItemList items={meeting.plannedItems} empty="Chưa chọn nội dung chuyên đề." />}
      {meeting.heldOn ? (
        <>
          {away.map(({ status, names }) =>
            names.length > 0 ? (
              <div key={status}>
                <h3 className={styles.subTitle}>{ATTENDANCE_LABELS[status]}</h3>
                <p className={styles.paragraph}>{names.join(', ')}</p>
              </div>
            ) : null,
          )}
          <h3 className={styles.subTitle}>Liên hệ</h3>
          <p className={styles.paragraph}>{meeting.relatedNotes ?? '—'}</p>
          <h3 className={styles.subTitle}>Làm theo</h3>
          <p className={styles.paragraph}>{meeting.actions ?? '—'}</p>
          {meeting.minutes ? (
            <a href={minutesFileUrl(meeting.id)} className={styles.fileLink}>
              <PaperClipOutlined aria-hidden /> {meeting.minutes.name}
            </a>
          ) : null}
        </>
      ) : meeting.planNote ? (
        <>
          <h3 className={styles.subTitle}>Tài liệu, ghi chú</h3>
          <p className={styles.paragraph}>{meeting.planNote}</p>
        </>
      ) : null}
    </>
  );
}

export function ItemList({ items, empty = 'Không học nội dung nào của chuyên đề.' }: { items: { id: number; number: number; title: string }[]; empty?: string }) {
  if (items.length === 0) return <p className={styles.muted}>{empty}</p>;
  return (
    <ol className={styles.items}>
      {items.map((item) => (
        <li key={item.id} value={item.number}>
          {item.title}
        </li>
      ))}
    </ol>
  );
}
