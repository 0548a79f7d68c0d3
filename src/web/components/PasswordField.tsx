import { Form, Input } from 'antd';
import { passwordProblem } from '../../shared/domain/roles';

const RULE_HINT = 'Ít nhất 8 ký tự, có cả chữ và số, không chứa tên đăng nhập.';

/** New password + confirmation, checked on the client with the shared rule before the server sees it. */
export function NewPasswordFields({ username, label = 'Mật khẩu mới' }: { username: string | undefined; label?: string }) {
  return (
    <>
      <Form.Item
        label={label}
        name="password"
        extra={RULE_HINT}
        dependencies={['username']}
        rules={[
          { required: true, message: 'Vui lòng nhập mật khẩu.' },
          {
            validator: async (_rule, value: string | undefined) => {
              const issue = value ? passwordProblem(value, username) : null;
              if (issue) throw new Error(issue);
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="Nhập lại mật khẩu"
        name="confirmPassword"
        dependencies={['password']}
        rules={[
          { required: true, message: 'Vui lòng nhập lại mật khẩu.' },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('password')) throw new Error('Hai mật khẩu không khớp.');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
