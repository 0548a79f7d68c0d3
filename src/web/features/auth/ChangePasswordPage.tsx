import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { passwordProblem } from '../../../shared/domain/roles';
import { authApi, authKeys } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import { Panel } from '../../components/Panel';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMe } from './useMe';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const me = useMe();
  useDocumentTitle('Đổi mật khẩu');
  const [form] = Form.useForm<ChangePasswordForm>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const problem = newPassword ? passwordProblem(newPassword, me.username) : null;

  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: async () => {
      form.resetFields();
      void message.success('Đã đổi mật khẩu.');
      await queryClient.invalidateQueries({ queryKey: authKeys.me() });
      if (me.mustChangePassword) void navigate('/', { replace: true });
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <div style={{ maxWidth: 480 }}>
      <Typography.Title level={1} className="page-title">
        Đổi mật khẩu
      </Typography.Title>
      {me.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Bạn cần đổi mật khẩu trước khi tiếp tục"
          description="Mật khẩu hiện tại do người quản trị đặt. Hãy đặt mật khẩu riêng mà chỉ bạn biết."
        />
      ) : null}
      <Panel>
        {change.isError ? (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={errorMessage(change.error)} />
        ) : null}
        <Form<ChangePasswordForm>
          form={form}
          name="change-password"
          layout="vertical"
          disabled={change.isPending}
          onFinish={(values) => change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword })}
        >
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item label="Mật khẩu hiện tại" name="currentPassword" rules={[{ required: true, message: 'Vui lòng nhập mật khẩu hiện tại.' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="Mật khẩu mới"
            name="newPassword"
            extra={problem ? undefined : 'Ít nhất 8 ký tự, có cả chữ và số, không chứa tên đăng nhập.'}
            rules={[
              { required: true, message: 'Vui lòng nhập mật khẩu mới.' },
              {
                validator: async (_rule, value: string | undefined) => {
                  const issue = value ? passwordProblem(value, me.username) : null;
                  if (issue) throw new Error(issue);
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="Nhập lại mật khẩu mới"
            name="confirmPassword"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: 'Vui lòng nhập lại mật khẩu mới.' },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error('Hai mật khẩu mới không khớp.');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            Đổi mật khẩu
          </Button>
        </Form>
      </Panel>
    </div>
  );
}
