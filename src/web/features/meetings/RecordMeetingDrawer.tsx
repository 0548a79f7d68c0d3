import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { DEFAULT_TOPIC_RULE, isRecordLate, meetingItemsProblem } from '../../../shared/domain/meetings';
import type { AttendanceStatus } from '../../../shared/domain/meetings';
import { formatDate } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { meetingQueries } from '../../api/meetings';
import type { CellYear, MeetingDetail, StoredFile } from '../../api/meetings';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { AttendanceList, FileField, ItemsField, attendanceCounts, useDrawerSize } from './MeetingFields';
import type { RollEntry } from './MeetingFields';
import { itemRange, monthBounds, monthTitle } from './meetingFormat';
import { useRecordMeeting, useUpdateMeeting } from './useMeetingMutations';
import styles from './Meetings.module.css';

/**
 * What the drawer does: record the month's regular meeting (filling its plan, if any), record a
 * second (extraordinary) meeting, or edit a recorded one.
 */
export interface RecordTarget {
  mode: 'record' | 'extraordinary' | 'edit';
  month: number;
  /** The planned meeting to fill ('record') or the recorded one ('edit'). */
  meetingId: number | null;
}

interface Values {
  heldOn?: Dayjs | null;
  itemIds?: number[];
  relatedNotes?: string;
  actions?: string;
}

const FORM_NAME = 'record-meeting';
const FIELD_MAP: Record<string, string> = {
  'body.heldOn': 'heldOn',
  'body.itemIds': 'itemIds',
  'body.relatedNotes': 'relatedNotes',
  'body.actions': 'actions',
};
const CONFLICT_HINT = 'Biên bản mới nhất đã được tải lại. Hãy đóng lại, kiểm tra rồi sửa lại nếu vẫn cần.';

function drawerTitle(target: RecordTarget, year: number): string {
  const month = monthTitle(target.month, year).toLowerCase();
  if (target.mode === 'edit') return `Sửa biên bản sinh hoạt ${month}`;
  if (target.mode === 'extraordinary') return `Ghi biên bản sinh hoạt bất thường ${month}`;
  return `Ghi biên bản sinh hoạt ${month}`;
}

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** "Ghi biên bản": built to be done on a phone in under two minutes, right after the meeting. */
export function RecordMeetingDrawer({ cellYear, target, onClose }: { cellYear: CellYear; target: RecordTarget | null; onClose: () => void }) {
  const size = useDrawerSize();
  const detail = useQuery({ ...meetingQueries.detail(target?.meetingId ?? 0), enabled: target !== null && target.meetingId !== null });
  const meeting = target?.meetingId !== null ? (detail.data ?? null) : null;
  const record = useRecordMeeting();
  const update = useUpdateMeeting(target?.mode === 'edit' ? meeting : null);
  const saving = target?.mode === 'edit' ? update : record;

  let body;
  if (!target) body = null;
  else if (target.meetingId !== null && detail.isPending) body = <LoadingBlock rows={8} />;
  else if (target.meetingId !== null && detail.isError) body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  else {
    body = (
      <RecordForm
        key={`${target.mode}-${target.month}-${target.meetingId ?? 'new'}-${meeting?.version ?? 0}`}
        cellYear={cellYear}
        target={target}
        meeting={meeting}
        record={record}
        update={update}
        onDone={onClose}
      />
    );
  }

  return (
    <Drawer
      open={target !== null}
      size={size}
      title={target ? drawerTitle(target, cellYear.year) : ''}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (!visible) {
          record.reset();
          update.reset();
        }
      }}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button size="large" onClick={onClose}>
            Hủy
          </Button>
          <Button size="large" type="primary" htmlType="submit" form={FORM_NAME} loading={saving.isPending}>
            Lưu biên bản
          </Button>
        </Flex>
      }
    >
      {saving.isError ? <FormError error={saving.error} conflictHint={CONFLICT_HINT} /> : null}
      {body}
    </Drawer>
  );
}

function RecordForm({
  cellYear,
  target,
  meeting,
  record,
  update,
  onDone,
}: {
  cellYear: CellYear;
  target: RecordTarget;
  meeting: MeetingDetail | null;
  record: ReturnType<typeof useRecordMeeting>;
  update: ReturnType<typeof useUpdateMeeting>;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const rule = cellYear.topic?.rule ?? DEFAULT_TOPIC_RULE;
  const items = cellYear.topic?.items ?? [];
  const { first, last } = monthBounds(cellYear.year, target.month);
  const editing = target.mode === 'edit';
  const pending = record.isPending || update.isPending;

  const todayInMonth = cellYear.today >= first && cellYear.today <= last ? cellYear.today : null;
  const defaultDate = editing ? meeting?.heldOn : target.mode === 'record' ? (meeting?.plannedOn ?? todayInMonth) : todayInMonth;
  const initialItems = (editing ? meeting?.studiedItems : target.mode === 'record' ? meeting?.plannedItems : []) ?? [];
  const initialValues: Values = {
    heldOn: defaultDate ? dayjs(defaultDate) : null,
    itemIds: initialItems.map((item) => item.id),
    relatedNotes: editing ? (meeting?.relatedNotes ?? '') : '',
    actions: editing ? (meeting?.actions ?? '') : '',
  };

  const [statuses, setStatuses] = useState<Record<number, AttendanceStatus>>(() =>
    Object.fromEntries((editing ? (meeting?.attendance ?? []) : []).map((entry) => [entry.memberId, entry.status])),
  );
  const [minutes, setMinutes] = useState<StoredFile | null>(editing ? (meeting?.minutes ?? null) : null);
  const [refusals, setRefusals] = useState(0);

  const heldOn = Form.useWatch('heldOn', form) as Dayjs | null | undefined;
  const heldOnIso = heldOn ? toIsoDate(heldOn) : (defaultDate ?? undefined);
  const roll = useQuery(meetingQueries.roll(cellYear.cell.id, heldOnIso));
  const entries: RollEntry[] = roll.data ?? [];

  const chosen = (Form.useWatch('itemIds', form) as number[] | undefined) ?? initialValues.itemIds ?? [];
  const problem = meetingItemsProblem(chosen.length, rule, target.month);
  const late = heldOnIso ? isRecordLate(heldOnIso, cellYear.today, rule) : false;

  const counts = attendanceCounts(entries, statuses);

  const submit = (values: Values) => {
    if (!values.heldOn) return;
    if (problem) {
      setRefusals((count) => count + 1);
      return;
    }
    const fields = {
      heldOn: toIsoDate(values.heldOn),
      itemIds: values.itemIds ?? [],
      attendance: entries.map((entry) => ({ memberId: entry.memberId, status: statuses[entry.memberId] ?? 'present' })),
      relatedNotes: orNull(values.relatedNotes),
      actions: orNull(values.actions),
      minutesFileId: minutes?.id ?? null,
    };
    const onSuccess = (saved: MeetingDetail) => {
      const when = formatDate(saved.heldOn);
      if (saved.recordLate) void message.warning(`Đã lưu biên bản buổi sinh hoạt ngày ${when} (ghi muộn).`);
      else void message.success(`Đã lưu biên bản buổi sinh hoạt ngày ${when}.`);
      onDone();
    };
    const onError = (error: unknown) => applyServerErrors(form, error, FIELD_MAP);
    if (editing) update.mutate(fields, { onSuccess, onError });
    else record.mutate({ unitId: cellYear.cell.id, kind: target.mode === 'extraordinary' ? 'extraordinary' : 'regular', ...fields }, { onSuccess, onError });
  };

  return (
    <Form<Values>
      form={form}
      name={FORM_NAME}
      layout="vertical"
      size="large"
      initialValues={initialValues}
      disabled={pending}
      scrollToFirstError={{ block: 'center' }}
      onFinish={submit}
    >
      <Form.Item label="Ngày sinh hoạt" name="heldOn" rules={[{ required: true, message: 'Vui lòng chọn ngày sinh hoạt.' }]}>
        <DatePicker
          format={DATE_INPUT_FORMATS}
          placeholder="dd/mm/yyyy"
          style={{ width: '100%' }}
          defaultPickerValue={dayjs(first)}
          disabledDate={(date) => date.isBefore(dayjs(first), 'day') || date.isAfter(dayjs(last), 'day') || date.isAfter(dayjs(cellYear.today), 'day')}
        />
      </Form.Item>
      {late ? (
        <Alert
          className={styles.formNote}
          type="info"
          showIcon
          title={`Ghi sau ${rule.recordDays} ngày kể từ buổi sinh hoạt: biên bản vẫn được nhận và được đánh dấu "Ghi muộn".`}
        />
      ) : null}
      <Form.Item label={`Nội dung chuyên đề đã học (${itemRange(rule)} nội dung)`} name="itemIds">
        {/* Too many items shows at once; too few only once the user tries to save. */}
        <ItemsField items={items} problem={refusals > 0 || chosen.length > rule.maxItems ? problem : null} refusals={refusals} />
      </Form.Item>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legendTitle}>Điểm danh</legend>
        {roll.isPending ? (
          <LoadingBlock rows={4} />
        ) : roll.isError ? (
          <Alert type="error" showIcon role="alert" title={errorMessage(roll.error)} />
        ) : entries.length === 0 ? (
          <EmptyState description="Chi bộ không có đảng viên nào trong danh sách ngày này." />
        ) : (
          <>
            <p className={styles.muted}>Mặc định mọi người có mặt; chỉ cần chọn người vắng.</p>
            <div className={styles.rollCounts} aria-live="polite">
              Có mặt <strong>{counts.present}</strong>/{entries.length} · Có lý do <strong>{counts.excused}</strong> · Vắng <strong>{counts.absent}</strong>
            </div>
            <AttendanceList entries={entries} value={statuses} disabled={pending} onChange={(memberId, status) => setStatuses((current) => ({ ...current, [memberId]: status }))} />
          </>
        )}
      </fieldset>

      <Form.Item label="Liên hệ" name="relatedNotes" rules={[{ max: 4000, message: 'Nội dung liên hệ dài quá 4000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder="Đảng viên liên hệ bản thân, công việc của chi bộ" />
      </Form.Item>
      <Form.Item label="Làm theo" name="actions" rules={[{ max: 4000, message: 'Việc làm theo dài quá 4000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder="Việc làm theo chi bộ thống nhất" />
      </Form.Item>
      <Form.Item label="Biên bản (không bắt buộc)">
        <FileField unitId={cellYear.cell.id} file={minutes} onChange={setMinutes} buttonText="Chọn tệp biên bản" disabled={pending} />
      </Form.Item>
    </Form>
  );
}
