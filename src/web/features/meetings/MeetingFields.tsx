import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Flex, Radio, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { ATTENDANCE_LABELS, ATTENDANCE_STATUSES } from '../../../shared/domain/meetings';
import type { AttendanceStatus } from '../../../shared/domain/meetings';
import { ATTACHMENT_ACCEPT, formatFileSize } from '../../../shared/domain/files';
import { errorMessage } from '../../api/client';
import type { StoredFile, TopicItem } from '../../api/meetings';
import { useIsMobile } from '../../components/useIsMobile';
import { useUploadFile } from './useMeetingMutations';
import styles from './Meetings.module.css';

/** The drawer of a meeting form: the whole screen on phones. */
export function useDrawerSize(): number | string {
  return useIsMobile() ? '100%' : 600;
}

/** The topic's items as a list of large checkboxes, with the rule's warning under them. */
export function ItemsField({
  id,
  items,
  value,
  onChange,
  problem,
  refusals,
}: {
  id?: string;
  items: TopicItem[];
  value?: number[];
  onChange?: (value: number[]) => void;
  /** What the shared rule says about the current choice, or null. */
  problem: string | null;
  /** Refused submits so far: the warning turns into an error and is scrolled into view each time. */
  refusals: number;
}) {
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusals > 0) alert.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [refusals]);
  if (items.length === 0) return <Typography.Text type="secondary">Chuyên đề năm chưa có nội dung nào.</Typography.Text>;
  return (
    <div id={id}>
      <Checkbox.Group className={styles.itemList} value={value ?? []} onChange={(ids) => onChange?.(ids)}>
        {items.map((item) => (
          <Checkbox key={item.id} value={item.id} className={styles.itemCheckbox}>
            <span className={styles.itemNumber}>{item.number}.</span> {item.title}
          </Checkbox>
        ))}
      </Checkbox.Group>
      <div ref={alert}>{problem ? <Alert className={styles.itemProblem} type={refusals > 0 ? 'error' : 'warning'} showIcon role="alert" title={problem} /> : null}</div>
    </div>
  );
}

const TOGGLE_LABELS: Record<AttendanceStatus, string> = { present: 'Có mặt', excused: 'Có lý do', absent: 'Vắng' };

export interface RollEntry {
  memberId: number;
  fullName: string;
  /** Not on the roll of the chosen day (kept from an earlier record). */
  offRoll?: boolean;
}

/** The cell's roll, each member with a three-way toggle (present by default). */
export function AttendanceList({
  entries,
  value,
  onChange,
  disabled,
}: {
  entries: RollEntry[];
  value: Record<number, AttendanceStatus>;
  onChange: (memberId: number, status: AttendanceStatus) => void;
  disabled?: boolean;
}) {
  return (
    <ol className={styles.roll}>
      {entries.map((entry) => {
        const status = value[entry.memberId] ?? 'present';
        return (
          <li key={entry.memberId} className={styles.rollRow}>
            <div className={styles.rollName}>
              {entry.fullName}
              {entry.offRoll ? <span className={styles.muted}> (không còn trong danh sách chi bộ ngày này)</span> : null}
            </div>
            <Radio.Group
              aria-label={entry.fullName}
              className={`${styles.toggle} ${styles[`toggle_${status}`] ?? ''}`}
              optionType="button"
              buttonStyle="solid"
              block
              disabled={disabled}
              value={status}
              onChange={(event) => onChange(entry.memberId, event.target.value as AttendanceStatus)}
              options={ATTENDANCE_STATUSES.map((option) => ({ value: option, label: TOGGLE_LABELS[option], title: ATTENDANCE_LABELS[option] }))}
            />
          </li>
        );
      })}
    </ol>
  );
}

export function attendanceCounts(entries: RollEntry[], value: Record<number, AttendanceStatus>): Record<AttendanceStatus, number> {
  const counts: Record<AttendanceStatus, number> = { present: 0, excused: 0, absent: 0 };
  for (const entry of entries) counts[value[entry.memberId] ?? 'present'] += 1;
  return counts;
}

/** A file uploaded for the cell as soon as it is chosen (the server checks the content), attached on save. */
export function FileField({
  unitId,
  file,
  onChange,
  buttonText,
  disabled,
}: {
  unitId: number;
  file: StoredFile | null;
  onChange: (file: StoredFile | null) => void;
  buttonText: string;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadFile();
  const { message } = App.useApp();
  return (
    <div>
      <input
        ref={input}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = '';
          if (!chosen) return;
          upload.mutate(
            { unitId, file: chosen },
            {
              onSuccess: (stored) => onChange(stored),
              onError: (error) => void message.error(errorMessage(error)),
            },
          );
        }}
      />
      {file ? (
        <Flex align="center" gap={8} wrap>
          <PaperClipOutlined aria-hidden />
          <span className={styles.fileName}>{file.name}</span>
          <Typography.Text type="secondary">{formatFileSize(file.size)}</Typography.Text>
          <Button icon={<DeleteOutlined />} disabled={disabled} onClick={() => onChange(null)}>
            Bỏ tệp
          </Button>
        </Flex>
      ) : (
        <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={disabled} onClick={() => input.current?.click()}>
          {buttonText}
        </Button>
      )}
      <Typography.Text type="secondary" className={styles.hint}>
        PDF, Word (DOCX) hoặc ảnh PNG/JPEG, tối đa 20 MB.
      </Typography.Text>
    </div>
  );
}
