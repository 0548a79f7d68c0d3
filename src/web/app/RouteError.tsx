import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/**
 * Last-resort boundary: a chunk failed to load (new deployment, lost connection) or a page crashed.
 * Plain markup on purpose — it lives in the entry chunk and must work when antd chunks cannot load.
 */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="boot" role="alert">
      <div className="boot-box">
        <h1>{notFound ? 'Không tìm thấy trang' : 'Trang gặp sự cố'}</h1>
        <p>
          {notFound
            ? 'Địa chỉ này không tồn tại.'
            : 'Không hiển thị được trang. Có thể mạng bị gián đoạn hoặc phần mềm vừa được cập nhật.'}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Tải lại trang
        </button>
      </div>
    </div>
  );
}
