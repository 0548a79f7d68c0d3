import { Result } from 'antd';

export function ForbiddenPage() {
  return <Result status="403" title="Không có quyền truy cập" subTitle="Tài khoản của bạn không được dùng chức năng này." />;
}
