import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';

export const auditQuerySchema = z.object({
  unitId: idSchema.optional(),
  actorId: idSchema.optional(),
  entityType: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({ id: z.number(), username: z.string(), displayName: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.number().nullable(),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z.object({ items: z.array(auditEntrySchema), total: z.number() });

/** Vietnamese labels for audit actions shown in the log. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'unit.create': 'Tạo đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.move': 'Chuyển đơn vị',
  'unit.close': 'Giải thể / đóng đơn vị',
  'account.create': 'Tạo tài khoản',
  'account.update': 'Sửa tài khoản',
  'account.reset_password': 'Đặt lại mật khẩu',
  'auth.change_password': 'Đổi mật khẩu',
  'auth.login': 'Đăng nhập',
  'auth.logout': 'Đăng xuất',
};
