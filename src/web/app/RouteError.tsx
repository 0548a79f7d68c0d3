import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Last-resort boundary: a chunk failed to load (new deployment, lost connection) or a page crashed. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? 'Không tìm thấy trang' : 'Trang gặp sự cố'}
      subTitle={
        notFound
          ? 'Địa chỉ này không tồn tại.'
          : 'Không hiển thị được trang. Có thể mạng bị gián đoạn hoặc phần mềm vừa được cập nhật.'
      }
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          Tải lại trang
        </Button>
      }
    />
  );
}
