import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '../../shared/schemas/common';
import { AppError, Unavailable } from './errors';

/**
 * Failures that mean "the database cannot be reached right now" (stopped, restarting, crashed, out of
 * connections, network down), not a bug: they answer 503 so clients retry, never a 500. Socket errors,
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (administrator / crash shutdown, cannot connect
 * now), 53000/53100/53200/53300 (out of resources, too many connections).
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '53000',
  '53100',
  '53200',
  '53300',
]);
/**
 * Two transactions that collided in the database: a deadlock (40P01, PostgreSQL aborts one of them), a
 * serialization failure (40001) or a lock wait given up (55P03). The aborted request wrote nothing and a
 * retry normally succeeds, so it answers 409 with that advice, not a 500; it is still logged (a recurring
 * deadlock means two writes lock in different orders).
 */
const COLLISION_CODES = new Set(['40P01', '40001', '55P03']);
const isCollision = (error: unknown) => COLLISION_CODES.has(String((error as { code?: unknown }).code));

/** node-postgres reports a dropped or timed-out connection with these messages and no code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/u,
  /^Client has encountered a connection error and is not queryable$/u,
  /^timeout exceeded when trying to connect$/u,
  /^timeout expired$/u,
];

/** True when `error` (or its cause, or any error of an AggregateError) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5 || error instanceof AppError) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}

/** One renderer: `{ error, message, details?, requestId }`. Unknown errors are logged and leak nothing. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toResponse(error, request.id, request.routeOptions.bodyLimit);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    else if (isCollision(error)) request.log.warn({ err: error }, 'request collided with another transaction');
    void reply.status(body.status).send(body.payload);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: 'not_found', message: 'Không tìm thấy địa chỉ yêu cầu.', requestId: request.id });
  });
}

/**
 * Errors Fastify raises before routing, where neither hooks nor the error handler run: a URL that does
 * not decode (`/api/units/%ZZ`) or a path parameter over 100 characters. Without this Fastify answers
 * in English with no request id; here they get the one body shape, in Vietnamese, with the headers.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply
    .status(tooLong ? 414 : 400)
    .header('x-request-id', request.id)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-store')
    .send({ error: 'validation', message: tooLong ? 'Địa chỉ yêu cầu quá dài.' : 'Địa chỉ yêu cầu không hợp lệ.', requestId: request.id });
}

function toResponse(error: FastifyError, requestId: string, bodyLimit: number | undefined): { status: number; payload: ErrorResponse } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      payload: { error: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), requestId },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: [error.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].join('.'),
      message: readableIssue(issue.message, issue.params),
    }));
    return {
      status: 400,
      payload: { error: 'validation', message: details[0]?.message ?? 'Dữ liệu gửi lên không hợp lệ.', details, requestId },
    };
  }
  const code = (error as { code?: string }).code;
  if (isDatabaseUnavailable(error)) {
    const unavailable = Unavailable();
    return { status: unavailable.status, payload: { error: unavailable.code, message: unavailable.message, requestId } };
  }
  if (isCollision(error)) {
    return { status: 409, payload: { error: 'conflict', message: 'Dữ liệu này đang được người khác cập nhật cùng lúc nên chưa có thay đổi nào được lưu. Vui lòng thử lại.', requestId } };
  }
  // Text PostgreSQL cannot store (a NUL character, \u0000): the request's fault; its transaction wrote nothing.
  if (code === '22021' || code === '22P05') {
    return { status: 400, payload: { error: 'validation', message: 'Dữ liệu gửi lên có ký tự không hợp lệ (ký tự NUL). Vui lòng xóa ký tự đó rồi gửi lại.', requestId } };
  }
  if (error.statusCode === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // The route's own limit (20 MB for attachments, 10 MB for photos, 1 MB for JSON), in the message.
    const limit = bodyLimit && bodyLimit >= 1024 * 1024 ? `tối đa ${Math.round((bodyLimit / (1024 * 1024)) * 10) / 10} MB` : 'vượt giới hạn cho phép';
    return { status: 413, payload: { error: 'payload_too_large', message: `Dữ liệu gửi lên quá lớn (${limit}).`, requestId } };
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
    return { status: 400, payload: { error: 'validation', message: 'Dữ liệu phải gửi dưới dạng JSON (application/json).', requestId } };
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return { status: 400, payload: { error: 'validation', message: 'Dữ liệu gửi lên không phải JSON hợp lệ.', requestId } };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, payload: { error: 'validation', message: 'Yêu cầu không hợp lệ.', requestId } };
  }
  return { status: 500, payload: { error: 'internal', message: 'Đã có lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, báo cho quản trị viên kèm mã yêu cầu.', requestId } };
}

/** zod messages written in our schemas are Vietnamese already; generic ones get a Vietnamese fallback. */
function readableIssue(message: string | undefined, params: unknown): string {
  const keys = (params as { keys?: string[] } | undefined)?.keys;
  const issue = (params as { issue?: { code?: string; keys?: string[] } } | undefined)?.issue;
  const unknownKeys = keys ?? (issue?.code === 'unrecognized_keys' ? issue.keys : undefined);
  if (unknownKeys && unknownKeys.length > 0) return `Trường không được chấp nhận: ${unknownKeys.join(', ')}.`;
  if (!message) return 'Dữ liệu không hợp lệ.';
  if (/[àáảãạăâđèéêìíòóôơùúưỳý]/iu.test(message)) return message;
  if (/Unrecognized key/iu.test(message)) return `Trường không được chấp nhận: ${message.replace(/^[^"]*/u, '')}`;
  if (/expected .* received undefined/iu.test(message) || /Required/iu.test(message)) return 'Thiếu trường bắt buộc.';
  if (/expected/iu.test(message)) return 'Sai kiểu dữ liệu.';
  if (/too big|too long/iu.test(message)) return 'Giá trị quá dài hoặc quá lớn.';
  if (/too small|too short/iu.test(message)) return 'Giá trị quá ngắn hoặc quá nhỏ.';
  return 'Dữ liệu không hợp lệ.';
}
