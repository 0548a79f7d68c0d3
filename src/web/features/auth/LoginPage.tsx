import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import type { LoginBody } from '../../../shared/schemas/auth';
import { authApi, authKeys, authQueries } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { FullPageSpin } from '../../components/states';
import { Panel } from '../../components/Panel';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import styles from './LoginPage.module.css';

/** Only same-app paths, never `//evil.example` or a full URL. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meQuery = useQuery(authQueries.me());
  useDocumentTitle('Đăng nhập');
  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: ({ me }) => {
      queryClient.setQueryData(authKeys.me(), me);
      void navigate(me.mustChangePassword ? '/doi-mat-khau' : next, { replace: true });
    },
  });

  if (meQuery.isPending) return <FullPageSpin />;
  if (meQuery.data && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  return (
    <main className={styles.page}>
      <div className={styles.brand}>
        <div className={styles.star} aria-hidden="true">
          ★
        </div>
        <Typography.Title level={1} className={styles.appName}>
          Lamtheo
        </Typography.Title>
        <Typography.Paragraph className={styles.tagline}>
          Học tập và làm theo tấm gương đạo đức Hồ Chí Minh
        </Typography.Paragraph>
      </div>
      <Panel className={styles.card}>
        <Typography.Title level={2} className={styles.formTitle}>
          Đăng nhập
        </Typography.Title>
        {login.isError ? (
          <Alert type="error" showIcon role="alert" title={errorMessage(login.error)} className={styles.error} />
        ) : null}
        <Form<LoginBody>
          name="login"
          layout="vertical"
          requiredMark={false}
          size="large"
          disabled={login.isPending}
          onFinish={(values) => login.mutate({ username: values.username.trim(), password: values.password })}
        >
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập.' }]}>
            <Input autoComplete="username" autoCapitalize="none" autoCorrect="off" spellCheck={false} autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Vui lòng nhập mật khẩu.' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            Đăng nhập
          </Button>
        </Form>
      </Panel>
      {meQuery.isError ? (
        <Alert type="warning" showIcon className={styles.card} title="Chưa kiểm tra được phiên đăng nhập" description={errorMessage(meQuery.error)} />
      ) : null}
    </main>
  );
}
