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
  'member.create': 'Tạo hồ sơ đảng viên',
  'member.update': 'Sửa hồ sơ đảng viên',
  'member.import': 'Nhập đảng viên từ Excel',
  'member_import.start': 'Tải tệp Excel đảng viên lên để kiểm tra',
  'member_import.commit': 'Ghi danh sách đảng viên từ Excel',
  'member.transfer': 'Chuyển sinh hoạt',
  'member.leave': 'Ra khỏi danh sách',
  'member.position_add': 'Nhận chức vụ',
  'member.position_end': 'Thôi chức vụ',
  'member.phone': 'Tự cập nhật số điện thoại',
  'file.upload': 'Tải tệp lên',
  'campaign.create': 'Khai báo cuộc vận động',
  'campaign.update': 'Sửa cuộc vận động',
  'document.create': 'Đăng ký văn bản',
  'document.update': 'Sửa văn bản',
  'document.delete': 'Xóa văn bản',
  'requirement.create': 'Giao yêu cầu triển khai',
  'requirement.update': 'Sửa yêu cầu triển khai',
  'requirement.delete': 'Bỏ yêu cầu triển khai',
  'conference.create': 'Ghi nhận hội nghị quán triệt',
  'conference.update': 'Sửa hội nghị quán triệt',
  'conference.delete': 'Xóa hội nghị quán triệt',
  'helper_unit.create': 'Thành lập bộ phận giúp việc',
  'helper_unit.update': 'Sửa bộ phận giúp việc',
  'helper_unit.member_add': 'Thêm thành viên bộ phận giúp việc',
  'helper_unit.member_remove': 'Bớt thành viên bộ phận giúp việc',
  'helper_unit.activity_add': 'Ghi hoạt động bộ phận giúp việc',
  'study_topic.create': 'Ban hành chuyên đề năm',
  'study_topic.update': 'Sửa chuyên đề năm',
  'study_topic.material_add': 'Thêm tài liệu chuyên đề',
  'study_topic.material_remove': 'Bỏ tài liệu chuyên đề',
  'meeting.plan': 'Lập kế hoạch sinh hoạt chi bộ',
  'meeting.record': 'Ghi biên bản sinh hoạt chi bộ',
  'meeting.update': 'Sửa buổi sinh hoạt chi bộ',
  'meeting.delete': 'Xóa buổi sinh hoạt chi bộ',
};

/** Entity types written by the server's audit trail; an unknown type shows its raw name. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  unit: 'Đơn vị',
  account: 'Tài khoản',
  member: 'Đảng viên',
  member_import: 'Lượt nhập Excel',
  session: 'Phiên đăng nhập',
  file: 'Tệp đính kèm',
  campaign: 'Cuộc vận động',
  document: 'Văn bản',
  requirement: 'Yêu cầu triển khai',
  conference: 'Hội nghị quán triệt',
  helper_unit: 'Bộ phận giúp việc',
  study_topic: 'Chuyên đề năm',
  meeting: 'Sinh hoạt chi bộ',
};
