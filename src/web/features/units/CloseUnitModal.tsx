import { Alert, App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { formatNumber } from '../../../shared/domain/text';
import type { UnitDetail } from '../../../shared/schemas/units';
import { FormError } from '../../components/FormError';
import { DATE_INPUT_FORMATS, toIsoDate } from '../../components/dates';
import { useCloseUnit } from './useUnitMutations';

interface CloseForm {
  closedOn: Dayjs;
}

export function CloseUnitModal({ unit, open, onClose }: { unit: UnitDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CloseForm>();
  const { message } = App.useApp();
  const close = useCloseUnit(unit);
  // Today, unless the unit only starts later (a closing date cannot precede the opening date).
  const validFrom = dayjs(unit.validFrom);
  const defaultDay = dayjs().isBefore(validFrom, 'day') ? validFrom : dayjs();
  const stillHolds = unit.counts.childUnits > 0 || unit.counts.subtreeMembers > 0;

  return (
    <Modal
      open={open}
      title={`Đóng đơn vị ${unit.name}`}
      okText="Xác nhận đóng"
      okButtonProps={{ danger: true }}
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={close.isPending}
      destroyOnHidden
      afterClose={() => close.reset()}
    >
      {close.isError ? <FormError error={close.error} /> : null}
      <Typography.Paragraph>
        Đơn vị đã đóng (giải thể, sáp nhập) vẫn được giữ trong lịch sử và nhật ký nhưng không còn hoạt động từ ngày đóng.
      </Typography.Paragraph>
      {stillHolds ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`Đơn vị này còn ${formatNumber(unit.counts.childUnits)} đơn vị trực thuộc và ${formatNumber(unit.counts.subtreeMembers)} đảng viên.`}
          description="Nên chuyển các đơn vị và đảng viên sang nơi khác trước khi đóng."
        />
      ) : null}
      <Form<CloseForm>
        form={form}
        name="close-unit"
        layout="vertical"
        preserve={false}
        initialValues={{ closedOn: defaultDay }}
        disabled={close.isPending}
        onFinish={(values) =>
          close.mutate(toIsoDate(values.closedOn), {
            onSuccess: (closed) => {
              void message.success(`Đã đóng ${closed.name}.`);
              onClose();
            },
          })
        }
      >
        <Form.Item label="Ngày đóng" name="closedOn" rules={[{ required: true, message: 'Vui lòng chọn ngày đóng.' }]}>
          <DatePicker
            format={DATE_INPUT_FORMATS}
            placeholder="dd/mm/yyyy"
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(date) => date.isBefore(validFrom, 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
