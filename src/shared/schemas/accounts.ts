import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { idSchema, textSchema, versionSchema } from './common';
import { unitRefSchema } from './units';

const usernameSchema = z
  .string({ error: 'Tên đăng nhập phải là chuỗi ký tự.' })
  .trim()
  .toLowerCase()
  .min(3, { error: 'Tên đăng nhập phải có ít nhất 3 ký tự.' })
  .max(64, { error: 'Tên đăng nhập dài quá 64 ký tự.' })
  .regex(/^[a-z0-9._-]+$/u, { error: 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.' });

const roleSchema = z.enum(ROLES, { error: 'Vai trò không hợp lệ.' });

export const accountSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scopeUnit: unitRefSchema,
  memberId: z.number().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListQuerySchema = z.object({
  q: z.string().max(100, { error: 'Từ khóa dài quá 100 ký tự.' }).optional(),
  /** Only accounts scoped inside this unit's subtree. */
  unitId: idSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const accountListSchema = z.object({ items: z.array(accountSchema), total: z.number() });

export const createAccountBodySchema = z.strictObject({
  username: usernameSchema,
  displayName: textSchema('Tên hiển thị', 120),
  role: roleSchema,
  scopeUnitId: idSchema,
  memberId: idSchema.nullable().optional(),
  password: z.string({ error: 'Vui lòng nhập mật khẩu.' }).max(200, { error: 'Mật khẩu dài quá 200 ký tự.' }),
});
export type CreateAccountBody = z.infer<typeof createAccountBodySchema>;

export const updateAccountBodySchema = z.strictObject({
  version: versionSchema,
  displayName: textSchema('Tên hiển thị', 120).optional(),
  role: roleSchema.optional(),
  scopeUnitId: idSchema.optional(),
  disabled: z.boolean({ error: 'Trạng thái khóa không hợp lệ.' }).optional(),
});
export type UpdateAccountBody = z.infer<typeof updateAccountBodySchema>;

export const resetPasswordBodySchema = z.strictObject({
  newPassword: z.string({ error: 'Vui lòng nhập mật khẩu mới.' }).max(200, { error: 'Mật khẩu dài quá 200 ký tự.' }),
});
