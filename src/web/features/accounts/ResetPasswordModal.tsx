import { App, Form, Modal, Typography } from 'antd';
import type { Account } from '../../../shared/schemas/accounts';
import { NewPasswordFields } from '../../components/PasswordField';
import { FormError } from '../../components/FormError';
import { applyServerErrors } from '../../components/serverErrors';
import { useResetPassword } from './useAccountMutations';

interface ResetForm {
  password: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ account, open, onClose }: { account: Account; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<ResetForm>();
  const { message } = App.useApp();
  const reset = useResetPassword(account);

  return (
    <Modal
      open={open}
      title={`Đặt lại mật khẩu cho ${account.username}`}
      okText="Đặt mật khẩu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
      afterClose={() => reset.reset()}
    >
      {reset.isError ? <FormError error={reset.error} /> : null}
      <Typography.Paragraph type="secondary">
        Hãy báo mật khẩu mới cho người dùng trực tiếp và nhắc họ đổi lại sau khi đăng nhập.
      </Typography.Paragraph>
      <Form<ResetForm>
        form={form}
        name="reset-password"
        layout="vertical"
        preserve={false}
        disabled={reset.isPending}
        onFinish={(values) =>
          reset.mutate(values.password, {
            onSuccess: () => {
              void message.success(`Đã đặt lại mật khẩu cho ${account.username}.`);
              onClose();
            },
            onError: (error) => applyServerErrors(form, error, { newPassword: 'password' }),
          })
        }
      >
        <NewPasswordFields username={account.username} />
      </Form>
    </Modal>
  );
}
