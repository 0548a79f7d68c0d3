import type { ErrorCode, ErrorResponse } from '../../shared/schemas/common';

/** Error codes the server sends, plus `network` when no answer came back at all. */
export type ApiErrorCode = ErrorCode | 'network';

export interface ApiErrorDetail {
  path: string;
  message: string;
}

/**
 * A failed API call. `message` is the server's Vietnamese sentence and is what the UI shows;
 * `code` is the stable error id to branch on (e.g. `conflict` → reload the record).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: readonly ApiErrorDetail[];
  readonly requestId: string | null;

  constructor(init: { status: number; code: ApiErrorCode; message: string; details?: readonly ApiErrorDetail[]; requestId?: string | null }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId ?? null;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A Vietnamese sentence for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}

const FALLBACK_MESSAGES: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  400: { code: 'validation', message: 'Dữ liệu gửi lên không hợp lệ.' },
  401: { code: 'unauthorized', message: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.' },
  403: { code: 'forbidden', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'not_found', message: 'Không tìm thấy dữ liệu.' },
  409: { code: 'conflict', message: 'Dữ liệu đã bị người khác thay đổi. Vui lòng tải lại.' },
  413: { code: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn.' },
  429: { code: 'rate_limited', message: 'Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.' },
  503: { code: 'unavailable', message: 'Máy chủ đang bận hoặc bảo trì. Vui lòng thử lại sau.' },
};

function looksLikeErrorResponse(value: unknown): value is ErrorResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { error?: unknown }).error === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy page, an empty body): fall back to a message chosen by status
  }
  if (looksLikeErrorResponse(body)) {
    return new ApiError({
      status: response.status,
      code: body.error,
      message: body.message,
      details: body.details,
      requestId: body.requestId,
    });
  }
  const fallback = FALLBACK_MESSAGES[response.status] ?? {
    code: 'internal' as const,
    message: 'Máy chủ gặp lỗi. Vui lòng thử lại sau.',
  };
  return new ApiError({ status: response.status, ...fallback });
}

type QueryValue = string | number | boolean | null | undefined;

/** `/api/x` + `?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const networkError = () =>
  new ApiError({ status: 0, code: 'network', message: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.' });

/** fetch() with the client's error handling, also for bodies and answers that are not JSON. */
export async function rawFetch(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** DELETE answered with 204 (the path carries `?version=` where the record is versioned). */
export async function httpDelete(path: string): Promise<void> {
  await rawFetch(path, { method: 'DELETE', headers: { accept: 'application/json' } });
}

/** Upload raw bytes for a unit; records then refer to the stored file by id. The server checks the content. */
export async function uploadFile<T>(unitId: number, file: File): Promise<T> {
  const response = await rawFetch(withQuery('/api/files', { unitId }), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
    body: file,
  });
  return (await response.json()) as T;
}

async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (signal) init.signal = signal;
  if (method !== 'GET') {
    // The server requires a JSON content type on every state-changing request (CSRF guard).
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body ?? {});
  }
  const response = await rawFetch(path, init);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
};
