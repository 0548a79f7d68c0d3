import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '../../shared/schemas/common';
import { AppError } from './errors';

const PG_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

/** One renderer: `{ error, message, details?, requestId }`. Unknown errors are logged and leak nothing. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toResponse(error, request.id);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(body.status).send(body.payload);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: 'not_found', message: 'Không tìm thấy địa chỉ yêu cầu.', requestId: request.id });
  });
}

function toResponse(error: FastifyError, requestId: string): { status: number; payload: ErrorResponse } {
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
  if (code && PG_CONNECTION_CODES.has(code)) {
    return { status: 503, payload: { error: 'unavailable', message: 'Cơ sở dữ liệu tạm thời không phản hồi. Vui lòng thử lại sau ít phút.', requestId } };
  }
  if (error.statusCode === 413 || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, payload: { error: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn (tệp tải lên tối đa 20 MB).', requestId } };
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
