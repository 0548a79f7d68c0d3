import { DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Flex, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CONFERENCE_FORM_LABELS, coverageRatio } from '../../../shared/domain/direction';
import { formatFileSize } from '../../../shared/domain/files';
import { formatDate } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { conferenceQueries, minutesUrl } from '../../api/conferences';
import type { ConferenceDetail } from '../../api/conferences';
import { ErrorState, LoadingBlock } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { formatAttendance, formatRatio } from './conferenceFormat';
import { EditConferenceModal } from './ConferenceFormModal';
import { useDeleteConference } from './useConferenceMutations';
import styles from './Conferences.module.css';

/** One conference: what, when, who came, the minutes; edit and delete follow `conference.can`. */
export function ConferenceDetailModal({ id, scopeRootId, onClose }: { id: number | null; scopeRootId: number; onClose: () => void }) {
  const detail = useQuery({ ...conferenceQueries.detail(id ?? 0), enabled: id !== null });
  const isMobile = useIsMobile();
  return (
    <Modal
      open={id !== null}
      title={detail.data ? `Hội nghị quán triệt ngày ${formatDate(detail.data.heldOn)}` : 'Hội nghị quán triệt'}
      onCancel={onClose}
      footer={null}
      width={isMobile ? undefined : 680}
      destroyOnHidden
    >
      {detail.isPending ? <LoadingBlock rows={6} /> : null}
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? <ConferenceBody conference={detail.data} scopeRootId={scopeRootId} onDeleted={onClose} /> : null}
    </Modal>
  );
}

function ConferenceBody({ conference, scopeRootId, onDeleted }: { conference: ConferenceDetail; scopeRootId: number; onDeleted: () => void }) {
  const [editing, setEditing] = useState(false);
  const remove = useDeleteConference(conference);
  const { message } = App.useApp();
  const isMobile = useIsMobile();

  return (
    <>
      <Descriptions column={1} size="small" bordered={!isMobile} layout={isMobile ? 'vertical' : 'horizontal'} className={styles.descriptions} styles={isMobile ? undefined : { label: { width: 170 } }}>
        <Descriptions.Item label="Đơn vị tổ chức">
          <Link to={`/don-vi/${conference.unit.id}`}>{conference.unit.name}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="Ngày tổ chức">{formatDate(conference.heldOn)}</Descriptions.Item>
        <Descriptions.Item label="Hình thức">{CONFERENCE_FORM_LABELS[conference.form]}</Descriptions.Item>
        <Descriptions.Item label="Văn bản quán triệt">
          <ul className={styles.docList}>
            {conference.documents.map((doc) => (
              <li key={doc.id}>
                <Link to={`/van-ban/${doc.id}`}>
                  <strong>{doc.symbol}</strong>
                </Link>{' '}
                ({formatDate(doc.issuedOn)}) — {doc.title}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
        <Descriptions.Item label="Cán bộ dự / triệu tập">
          {formatAttendance(conference.attendedCadres, conference.expectedCadres)} ({formatRatio(coverageRatio(conference.attendedCadres, conference.expectedCadres))})
        </Descriptions.Item>
        <Descriptions.Item label="Đảng viên dự / triệu tập">
          {formatAttendance(conference.attendedMembers, conference.expectedMembers)} ({formatRatio(coverageRatio(conference.attendedMembers, conference.expectedMembers))})
        </Descriptions.Item>
        <Descriptions.Item label="Biên bản">
          {conference.minutesFile ? (
            <a href={minutesUrl(conference.id)} download={conference.minutesFile.name}>
              <DownloadOutlined aria-hidden /> {conference.minutesFile.name} ({formatFileSize(conference.minutesFile.size)})
            </a>
          ) : (
            'Chưa có'
          )}
        </Descriptions.Item>
        {conference.note ? <Descriptions.Item label="Ghi chú">{conference.note}</Descriptions.Item> : null}
      </Descriptions>

      {conference.can.edit || conference.can.delete ? (
        <Flex wrap gap={8} justify="flex-end" className={styles.modalActions}>
          {conference.can.delete ? (
            <Popconfirm
              title="Xóa hội nghị này?"
              description="Hội nghị sẽ không còn được tính vào tiến độ quán triệt."
              okText="Xóa"
              okButtonProps={{ danger: true }}
              cancelText="Không"
              onConfirm={() =>
                remove.mutateAsync().then(
                  () => {
                    void message.success('Đã xóa hội nghị.');
                    onDeleted();
                  },
                  (error: unknown) => void message.error(errorMessage(error)),
                )
              }
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                Xóa
              </Button>
            </Popconfirm>
          ) : null}
          {conference.can.edit ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              Sửa
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {conference.can.edit ? <EditConferenceModal open={editing} scopeRootId={scopeRootId} conference={conference} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
