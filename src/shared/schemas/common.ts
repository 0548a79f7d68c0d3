import { z } from 'zod';
import { cleanText } from '../domain/text';

/** Database ids travel as positive integers. */
export const idSchema = z.coerce
  .number({ error: 'Mã không hợp lệ.' })
  .int({ error: 'Mã không hợp lệ.' })
  .positive({ error: 'Mã không hợp lệ.' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'Mã không hợp lệ.' });

export const idParamsSchema = z.strictObject({ id: idSchema });

/** A trimmed NFC string with Vietnamese length messages. */
export function textSchema(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label} phải là chuỗi ký tự.` })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(min, { error: min <= 1 ? `${label} không được để trống.` : `${label} phải có ít nhất ${min} ký tự.` })
        .max(max, { error: `${label} dài quá ${max} ký tự.` }),
    );
}

export const isoDateSchema = z.iso.date({ error: 'Ngày không hợp lệ (định dạng yyyy-mm-dd).' });

/** Optimistic concurrency token sent back with every update. */
export const versionSchema = z
  .number({ error: 'Thiếu phiên bản bản ghi (version).' })
  .int({ error: 'Phiên bản không hợp lệ.' })
  .positive({ error: 'Phiên bản không hợp lệ.' });

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1, { error: 'Trang phải từ 1.' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: 'Tối đa 200 dòng một trang.' }).default(50),
});

export const ERROR_CODES = [
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorResponseSchema = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
