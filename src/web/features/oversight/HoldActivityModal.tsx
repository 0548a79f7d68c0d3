import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { OVERSIGHT_FIRST_YEAR, heldOnProblem } from '../../../shared/domain/oversight';
import { formatDate } from '../../../shared/domain/text';
import type { ActivityDetail } from '../../api/oversight';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { kindWord } from './oversightFormat';
import { useHoldActivity } from './useOversightMutations';

interface Values {
  heldOn: Dayjs | null;
  participants: string;
  participantCount: number | null;
  conclusion: string;
}

const FIELD_MAP = { 'body.heldOn': 'heldOn', 'body.participants': 'participants', 'body.participantCount': 'participantCount', 'body.conclusion': 'conclusion' };
const CONFLICT_HINT = 'Hoạt động mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi ghi nhận lại nếu vẫn cần.';

function HoldForm({ activity, pending, onSubmit }: { activity: ActivityDetail; pending: boolean; onSubmit: (values: Values, form: FormInstance<Values>) => void }) {
  const [form] = Form.useForm<Values>();
  const today = dayjs();
  const planned = dayjs(activity.plannedOn);
  // The planned day when it has passed; otherwise today.
  const initial: Values = { heldOn: planned.isAfter(today, 'day') ? today : planned, participants: '', participantCount: null, conclusion: '' };
  return (
    <Form<Values> form={form} name="hold-activity" layout="vertical" disabled={pending} initialValues={initial} onFinish={(values) => onSubmit(values, form)}>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            label="Ngày tổ chức"
            name="heldOn"
            rules={[
              { required: true, message: 'Vui lòng chọn ngày tổ chức.' },
              {
                validator: async (_rule, value: Dayjs | null | undefined) => {
                  const problem = value ? heldOnProblem(toIsoDate(value), toIsoDate(today)) : null;
                  if (problem) throw new Error(problem);
                },
              },
            ]}
            extra={`Dự kiến: ${formatDate(activity.plannedOn)}.`}
          >
            <DatePicker format={DATE_INPUT_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} disabledDate={(date) => date.isAfter(today, 'day') || date.year() < OVERSIGHT_FIRST_YEAR} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label="Số người tham dự" name="participantCount">
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="Thành phần tham dự" name="participants" rules={[{ max: 2000, message: 'Dài quá 2000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="Ví dụ: Đoàn kiểm tra của Ban Thường vụ Thị ủy; Đảng ủy phường" />
      </Form.Item>
      <Form.Item label="Kết luận" name="conclusion" rules={[{ max: 8000, message: 'Dài quá 8000 ký tự.' }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
    </Form>
  );
}

/** "Ghi nhận đã tổ chức": the day it took place, who took part, how many, the conclusion. */
export function HoldActivityModal({ open, activity, onClose }: { open: boolean; activity: ActivityDetail; onClose: () => void }) {
  const hold = useHoldActivity(activity);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      width={640}
      title={`Ghi nhận đã tổ chức: ${activity.title}`}
      okText="Ghi nhận"
      okButtonProps={{ htmlType: 'submit', form: 'hold-activity' }}
      cancelText="Đóng"
      onCancel={onClose}
      confirmLoading={hold.isPending}
      destroyOnHidden
      afterClose={() => hold.reset()}
    >
      {hold.isError ? <FormError error={hold.error} conflictHint={CONFLICT_HINT} /> : null}
      <HoldForm
        key={activity.version}
        activity={activity}
        pending={hold.isPending}
        onSubmit={(values, form) => {
          if (!values.heldOn) return;
          hold.mutate(
            {
              heldOn: toIsoDate(values.heldOn),
              participants: values.participants.trim() || null,
              participantCount: values.participantCount ?? null,
              conclusion: values.conclusion.trim() || null,
            },
            {
              onSuccess: (held) => {
                void message.success(`Đã ghi nhận buổi ${kindWord(held.kind)} ngày ${formatDate(held.heldOn)}.`);
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, FIELD_MAP),
            },
          );
        }}
      />
    </Modal>
  );
}
