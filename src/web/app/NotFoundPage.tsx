import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Địa chỉ bạn mở không tồn tại hoặc đã được thay đổi."
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          Về trang chính
        </Button>
      }
    />
  );
}
