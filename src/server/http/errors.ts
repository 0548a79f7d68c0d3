import type { ErrorCode } from '../../shared/schemas/common';

/** The small error vocabulary of the whole server. Every message is Vietnamese and shown to the user as is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const NotFound = (message = 'Không tìm thấy dữ liệu yêu cầu, hoặc bạn không có quyền xem.') =>
  new AppError('not_found', 404, message);
export const Forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppError('forbidden', 403, message);
export const Unauthorized = (message = 'Bạn cần đăng nhập để tiếp tục.') => new AppError('unauthorized', 401, message);
export const Validation = (message: string, details?: { path: string; message: string }[]) =>
  new AppError('validation', 400, message, details);
export const Conflict = (message: string) => new AppError('conflict', 409, message);
export const RateLimited = (message: string) => new AppError('rate_limited', 429, message);
export const Unavailable = (message = 'Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau ít phút.') =>
  new AppError('unavailable', 503, message);

export const STALE_VERSION_MESSAGE =
  'Bản ghi đã được người khác thay đổi trong lúc bạn đang sửa. Vui lòng tải lại để xem nội dung mới rồi sửa lại.';
