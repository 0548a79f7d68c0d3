import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { UNIT_KINDS } from '../domain/units';

export const loginBodySchema = z.strictObject({
  username: z
    .string({ error: 'Vui lòng nhập tên đăng nhập.' })
    .trim()
    .min(1, { error: 'Vui lòng nhập tên đăng nhập.' })
    .max(64, { error: 'Tên đăng nhập dài quá 64 ký tự.' }),
  password: z
    .string({ error: 'Vui lòng nhập mật khẩu.' })
    .min(1, { error: 'Vui lòng nhập mật khẩu.' })
    .max(200, { error: 'Mật khẩu dài quá 200 ký tự.' }),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string({ error: 'Vui lòng nhập mật khẩu hiện tại.' }).min(1, { error: 'Vui lòng nhập mật khẩu hiện tại.' }).max(200),
  newPassword: z.string({ error: 'Vui lòng nhập mật khẩu mới.' }).max(200, { error: 'Mật khẩu dài quá 200 ký tự.' }),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  memberId: z.number().nullable(),
  mustChangePassword: z.boolean(),
  scopeUnit: z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
  permissions: z.object({
    editTree: z.boolean(),
    manageAccounts: z.boolean(),
    viewAudit: z.boolean(),
  }),
});
export type Me = z.infer<typeof meSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'external']),
});
