import { App, Form, Input, Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';

interface Values {
  reason: string;
}

const FIELD_MAP = { 'body.reason': 'reason', 'body.comment': 'reason' };
const CONFLICT_HINT = 'Dữ liệu mới nhất đã được tải lại. Hãy đóng hộp thoại, kiểm tra rồi làm lại nếu vẫn cần.';

function ReasonForm({ formId, label, placeholder, onSubmit }: { formId: string; label: string; placeholder?: string; onSubmit: (reason: string, form: FormInstance<Values>) => void }) {
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values> form={form} name={formId} layout="vertical" initialValues={{ reason: '' }} onFinish={(values) => onSubmit(values.reason.trim(), form)}>
      <Form.Item
        label={label}
        name="reason"
        rules={[
          { required: true, whitespace: true, message: `Vui lòng nhập ${label.toLowerCase()}.` },
          { min: 3, message: 'Quá ngắn.' },
          { max: 2000, message: 'Dài quá 2000 ký tự.' },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={placeholder} />
      </Form.Item>
    </Form>
  );
}

/**
 * A dialog asking one sentence (the reason to cancel, the comment to reopen) before a state change.
 * The form mounts on opening, so every opening starts empty.
 */
export function ReasonModal({
  open,
  formId,
  title,
  label,
  okText,
  danger,
  placeholder,
  intro,
  success,
  mutation,
  onClose,
}: {
  open: boolean;
  formId: string;
  title: string;
  label: string;
  okText: string;
  danger?: boolean;
  placeholder?: string;
  intro?: ReactNode;
  success: string;
  mutation: { mutate: (reason: string, options: { onSuccess: () => void; onError: (error: unknown) => void }) => void; isPending: boolean; isError: boolean; error: unknown; reset: () => void };
  onClose: () => void;
}) {
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ htmlType: 'submit', form: formId, danger }}
      cancelText="Đóng"
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      afterClose={() => mutation.reset()}
    >
      {mutation.isError ? <FormError error={mutation.error} conflictHint={CONFLICT_HINT} /> : null}
      {intro}
      <ReasonForm
        formId={formId}
        label={label}
        placeholder={placeholder}
        onSubmit={(reason, form) =>
          mutation.mutate(reason, {
            onSuccess: () => {
              void message.success(success);
              onClose();
            },
            onError: (error) => applyServerErrors(form, error, FIELD_MAP),
          })
        }
      />
    </Modal>
  );
}
