import { App, Form, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import type { YearRuleOut } from '../../api/standards';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { usePutYearRule } from './useStandardMutations';

interface Values {
  comprehensivePilots: number;
  fieldPilots: number;
  pressingIssues: number;
}

const CONFLICT_HINT = 'Quy định năm đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi sửa lại nếu vẫn cần.';

/** The province's rule for a campaign year: how many pilots of each kind and pressing issues each committee chooses. */
export function YearRuleModal({ open, rule, onClose }: { open: boolean; rule: YearRuleOut; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const put = usePutYearRule(rule.year);
  const { message } = App.useApp();
  useEffect(() => {
    if (open) form.setFieldsValue({ comprehensivePilots: rule.comprehensivePilots, fieldPilots: rule.fieldPilots, pressingIssues: rule.pressingIssues });
  }, [open, rule, form]);
  const number = (label: string, name: keyof Values, max: number) => (
    <Form.Item label={label} name={name} rules={[{ required: true, message: 'Vui lòng nhập số.' }]}>
      <InputNumber min={0} max={max} precision={0} style={{ width: 140 }} />
    </Form.Item>
  );
  return (
    <Modal
      open={open}
      title={`Quy định năm ${rule.year}`}
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ htmlType: 'submit', form: 'year-rule' }}
      confirmLoading={put.isPending}
      onCancel={onClose}
      forceRender
      afterClose={() => put.reset()}
    >
      {put.isError ? <FormError error={put.error} conflictHint={CONFLICT_HINT} /> : null}
      <Form<Values>
        form={form}
        name="year-rule"
        layout="vertical"
        disabled={put.isPending}
        onFinish={(values) =>
          put.mutate(
            { version: rule.isDefault ? null : rule.version, ...values },
            {
              onSuccess: () => {
                void message.success(`Đã lưu quy định năm ${rule.year}.`);
                onClose();
              },
              onError: (error) => applyServerErrors(form, error, { 'body.comprehensivePilots': 'comprehensivePilots', 'body.fieldPilots': 'fieldPilots', 'body.pressingIssues': 'pressingIssues' }),
            },
          )
        }
      >
        {number('Số đơn vị chỉ đạo điểm toàn diện mỗi cấp ủy', 'comprehensivePilots', 20)}
        {number('Số đơn vị chỉ đạo điểm theo lĩnh vực mỗi cấp ủy', 'fieldPilots', 20)}
        {number('Số vấn đề nổi cộm mỗi cấp ủy', 'pressingIssues', 5)}
      </Form>
    </Modal>
  );
}
