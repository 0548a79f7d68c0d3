import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, Popconfirm, Timeline } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { PILOT_KIND_LABELS } from '../../../shared/domain/standards';
import { formatDate } from '../../../shared/domain/text';
import { errorMessage } from '../../api/client';
import { pilotQueries } from '../../api/standards';
import type { Pilot } from '../../api/standards';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/states';
import { useIsMobile } from '../../components/useIsMobile';
import { PilotStateTag } from './standardsFormat';
import { useAddPilotNote, useCompletePilot, useDeletePilot, useUpdatePilot } from './useStandardMutations';
import styles from './Standards.module.css';

const CONFLICT_HINT = 'Đơn vị điểm đã được tải lại. Hãy kiểm tra rồi làm lại nếu vẫn cần.';

type Mode = 'view' | 'edit' | 'complete';

/** One pilot: goals, who is responsible, progress notes, and the final result with lessons learned. */
export function PilotDrawer({ pilotId, onClose }: { pilotId: number | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const detail = useQuery({ ...pilotQueries.detail(pilotId ?? 0), enabled: pilotId !== null });
  const [mode, setMode] = useState<Mode>('view');
  const pilot = detail.data;
  const close = () => {
    setMode('view');
    onClose();
  };
  let body;
  if (pilotId === null) body = null;
  else if (detail.isPending) body = <LoadingBlock rows={8} />;
  else if (detail.isError) body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  else if (mode === 'edit') body = <EditPilotForm key={`edit-${detail.data.version}`} pilot={detail.data} onDone={() => setMode('view')} />;
  else if (mode === 'complete') body = <CompletePilotForm pilot={detail.data} onDone={() => setMode('view')} />;
  else body = <PilotBody pilot={detail.data} />;
  return (
    <Drawer
      open={pilotId !== null}
      onClose={close}
      size={isMobile ? '100%' : 600}
      title={pilot ? `Đơn vị điểm: ${pilot.target.name}` : 'Đơn vị chỉ đạo điểm'}
      destroyOnHidden
      footer={pilot && pilot.can.edit && mode === 'view' ? <PilotActions pilot={pilot} onMode={setMode} onDeleted={close} /> : null}
    >
      {body}
    </Drawer>
  );
}

function PilotActions({ pilot, onMode, onDeleted }: { pilot: Pilot; onMode: (mode: Mode) => void; onDeleted: () => void }) {
  const remove = useDeletePilot(pilot);
  const { message } = App.useApp();
  return (
    <Flex gap={8} justify="flex-end" wrap>
      <Popconfirm
        title="Bỏ đơn vị này khỏi danh sách chỉ đạo điểm?"
        description="Các ghi chép tiến độ của đơn vị điểm cũng bị xóa."
        okText="Bỏ"
        okButtonProps={{ danger: true }}
        cancelText="Không"
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              void message.success('Đã bỏ đơn vị điểm.');
              onDeleted();
            },
            onError: (error) => void message.error(errorMessage(error)),
          })
        }
      >
        <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
          Bỏ chọn
        </Button>
      </Popconfirm>
      <Button icon={<EditOutlined />} onClick={() => onMode('edit')}>
        Sửa
      </Button>
      {pilot.state === 'active' ? (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => onMode('complete')}>
          Tổng kết
        </Button>
      ) : null}
    </Flex>
  );
}

function PilotBody({ pilot }: { pilot: Pilot }) {
  const notes = [...pilot.notes].sort((a, b) => (a.notedOn < b.notedOn ? 1 : a.notedOn > b.notedOn ? -1 : b.id - a.id));
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'state', label: 'Trạng thái', children: <PilotStateTag state={pilot.state} /> },
          { key: 'committee', label: 'Cấp ủy chọn', children: `${pilot.committee.name} · năm ${pilot.year}` },
          { key: 'kind', label: 'Loại', children: `${PILOT_KIND_LABELS[pilot.kind]}${pilot.field ? `: ${pilot.field}` : ''}` },
          { key: 'responsible', label: 'Người phụ trách', children: pilot.responsible },
        ]}
      />
      <h3 className={styles.subTitle}>Mục tiêu</h3>
      <p className={styles.paragraph}>{pilot.goals}</p>
      {pilot.state === 'completed' ? (
        <>
          <h3 className={styles.subTitle}>Kết quả (tổng kết ngày {formatDate(pilot.completedOn)})</h3>
          <p className={styles.paragraph}>{pilot.result}</p>
          <h3 className={styles.subTitle}>Bài học kinh nghiệm</h3>
          <p className={styles.paragraph}>{pilot.lessons ?? '—'}</p>
        </>
      ) : null}
      <h3 className={styles.subTitle}>Ghi chép tiến độ ({pilot.notes.length})</h3>
      {pilot.can.edit && pilot.state === 'active' ? <NoteForm pilot={pilot} /> : null}
      {notes.length === 0 ? (
        <EmptyState description="Chưa có ghi chép tiến độ." />
      ) : (
        <Timeline
          className={styles.noteList}
          items={notes.map((note) => ({
            key: note.id,
            content: (
              <>
                <strong>{formatDate(note.notedOn)}</strong>
                <div className={styles.paragraph} style={{ marginBottom: 2 }}>
                  {note.note}
                </div>
                {note.postedBy ? <div className={styles.small}>{note.postedBy}</div> : null}
              </>
            ),
          }))}
        />
      )}
    </>
  );
}

function NoteForm({ pilot }: { pilot: Pilot }) {
  const [form] = Form.useForm<{ note: string }>();
  const add = useAddPilotNote(pilot);
  const { message } = App.useApp();
  return (
    <div style={{ marginBottom: 12 }}>
      {add.isError ? <FormError error={add.error} /> : null}
      <Form
        form={form}
        name={`pilot-note-${pilot.id}`}
        layout="vertical"
        disabled={add.isPending}
        initialValues={{ note: '' }}
        onFinish={(values) =>
          add.mutate(values.note.trim(), {
            onSuccess: () => {
              void message.success('Đã ghi tiến độ.');
              form.resetFields();
            },
            onError: (error) => applyServerErrors(form, error, { 'body.note': 'note' }),
          })
        }
      >
        <Form.Item
          label="Ghi chép mới"
          name="note"
          rules={[
            { required: true, whitespace: true, message: 'Vui lòng nhập nội dung ghi chép.' },
            { min: 3, message: 'Ghi chép quá ngắn.' },
            { max: 2000, message: 'Ghi chép dài quá 2000 ký tự.' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="Ví dụ: đã tổ chức hội nghị triển khai; 95% đảng viên đăng ký" />
        </Form.Item>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
          Ghi tiến độ
        </Button>
      </Form>
    </div>
  );
}

interface EditValues {
  goals: string;
  responsible: string;
  field?: string;
}

function EditPilotForm({ pilot, onDone }: { pilot: Pilot; onDone: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const update = useUpdatePilot(pilot);
  const { message } = App.useApp();
  return (
    <>
      {update.isError ? <FormError error={update.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<EditValues>
        form={form}
        name={`pilot-edit-${pilot.id}`}
        layout="vertical"
        disabled={update.isPending}
        initialValues={{ goals: pilot.goals, responsible: pilot.responsible, field: pilot.field ?? '' }}
        onFinish={(values) =>
          update.mutate(
            { goals: values.goals.trim(), responsible: values.responsible.trim(), ...(pilot.kind === 'field' ? { field: values.field?.trim() ?? null } : {}) },
            {
              onSuccess: () => {
                void message.success('Đã lưu.');
                onDone();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.goals': 'goals', 'body.responsible': 'responsible', 'body.field': 'field' }),
            },
          )
        }
      >
        {pilot.kind === 'field' ? (
          <Form.Item label="Lĩnh vực" name="field" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập lĩnh vực.' }, { max: 200, message: 'Dài quá 200 ký tự.' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        ) : null}
        <Form.Item label="Mục tiêu" name="goals" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập mục tiêu.' }, { min: 5, message: 'Mục tiêu quá ngắn.' }, { max: 2000, message: 'Dài quá 2000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item label="Người phụ trách" name="responsible" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập người phụ trách.' }, { min: 3, message: 'Quá ngắn.' }, { max: 200, message: 'Dài quá 200 ký tự.' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            Lưu
          </Button>
          <Button onClick={onDone} disabled={update.isPending}>
            Hủy
          </Button>
        </Flex>
      </Form>
    </>
  );
}

interface CompleteValues {
  result: string;
  lessons?: string;
  completedOn?: Dayjs;
}

function CompletePilotForm({ pilot, onDone }: { pilot: Pilot; onDone: () => void }) {
  const [form] = Form.useForm<CompleteValues>();
  const complete = useCompletePilot(pilot);
  const { message } = App.useApp();
  return (
    <>
      {complete.isError ? <FormError error={complete.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<CompleteValues>
        form={form}
        name={`pilot-complete-${pilot.id}`}
        layout="vertical"
        disabled={complete.isPending}
        initialValues={{ result: '', lessons: '', completedOn: dayjs() }}
        onFinish={(values) => {
          if (!values.completedOn) return;
          const lessons = values.lessons?.trim() ?? '';
          complete.mutate(
            { result: values.result.trim(), lessons: lessons === '' ? null : lessons, completedOn: toIsoDate(values.completedOn) },
            {
              onSuccess: () => {
                void message.success('Đã tổng kết đơn vị điểm.');
                onDone();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.result': 'result', 'body.lessons': 'lessons', 'body.completedOn': 'completedOn' }),
            },
          );
        }}
      >
        <Form.Item label="Kết quả" name="result" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập kết quả.' }, { min: 5, message: 'Kết quả quá ngắn.' }, { max: 4000, message: 'Dài quá 4000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item label="Bài học kinh nghiệm" name="lessons" rules={[{ max: 4000, message: 'Dài quá 4000 ký tự.' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item label="Ngày tổng kết" name="completedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày tổng kết.' }]}>
          <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={complete.isPending}>
            Tổng kết
          </Button>
          <Button onClick={onDone} disabled={complete.isPending}>
            Hủy
          </Button>
        </Flex>
      </Form>
    </>
  );
}
