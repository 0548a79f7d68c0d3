import { idParamsSchema } from '../../../shared/schemas/common';
import {
  addPositionBodySchema,
  createMemberBodySchema,
  endPositionBodySchema,
  leaveMemberBodySchema,
  memberDetailSchema,
  memberListQuerySchema,
  memberListSchema,
  positionParamsSchema,
  timelineSchema,
  transferMemberBodySchema,
  updateMemberBodySchema,
  updateMyPhoneBodySchema,
} from '../../../shared/schemas/members';
import { sendXlsx } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { MembersService } from './members.service';
import type { MemberImportsService } from './member-imports.service';
import { MEMBER_IMPORT_MAX_BYTES, XLSX_MIME } from '../../../shared/domain/member-sheet';
import { memberExportQuerySchema, memberImportRowsQuerySchema, memberImportRowsSchema, memberImportSchema, memberImportStartQuerySchema } from '../../../shared/schemas/members';
import { writeMemberSheet } from './member-sheet';

const TEMPLATE_EXAMPLE = {
  unitCode: 'BN.TXTS.07.01',
  familyName: 'Nguyễn',
  middleName: 'Thị',
  givenName: 'Hương',
  birthDate: '08/03/1975',
  gender: 'Nữ',
  ethnicity: 'Kinh',
  status: 'Chính thức',
  joinedOn: '19/05/2000',
  officialOn: '19/05/2001',
  cardNumber: '27.0001234',
  idNumber: '027175001234',
  phone: '0912345678',
  isKeyLeader: '',
  isHead: '',
};

export function membersRoutes(app: App, members: MembersService, imports: MemberImportsService): void {
  const tags = ['Đảng viên'];

  app.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: MEMBER_IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.get('/api/members/export', {
    schema: { tags, summary: 'Xuất danh sách đã lọc ra Excel (.xlsx, cùng tiêu đề với mẫu nhập)', querystring: memberExportQuerySchema },
    handler: async (request, reply) => sendXlsx(reply, 'danh-sach-dang-vien.xlsx', await members.export(contextOf(request).principal, request.query)),
  });

  app.get('/api/member-imports/template', {
    schema: { tags, summary: 'Tải mẫu Excel để nhập danh sách đảng viên' },
    handler: async (_request, reply) => sendXlsx(reply, 'mau-nhap-dang-vien.xlsx', await writeMemberSheet([], TEMPLATE_EXAMPLE)),
  });

  app.post('/api/member-imports', {
    bodyLimit: MEMBER_IMPORT_MAX_BYTES,
    schema: {
      tags,
      summary: 'Tải tệp Excel lên để kiểm tra (chưa ghi gì); thân yêu cầu là tệp .xlsx',
      consumes: [XLSX_MIME],
      querystring: memberImportStartQuerySchema,
      response: { 202: memberImportSchema, ...protectedErrors },
    },
    handler: async (request, reply) => reply.status(202).send(await imports.start(contextOf(request), request.query.unitId, request.query.fileName, request.body)),
  });

  app.get('/api/member-imports/:id', {
    schema: { tags, summary: 'Trạng thái và tiến độ một lượt nhập', params: idParamsSchema, response: { 200: memberImportSchema, ...protectedErrors } },
    handler: (request) => imports.get(contextOf(request).principal, request.params.id),
  });

  app.get('/api/member-imports/:id/rows', {
    schema: { tags, summary: 'Xem trước các dòng của tệp và lỗi từng dòng', params: idParamsSchema, querystring: memberImportRowsQuerySchema, response: { 200: memberImportRowsSchema, ...protectedErrors } },
    handler: (request) => imports.rows(contextOf(request).principal, request.params.id, request.query),
  });

  app.post('/api/member-imports/:id/commit', {
    schema: { tags, summary: 'Ghi tất cả các dòng (khi không còn dòng lỗi) trong một giao dịch', params: idParamsSchema, response: { 202: memberImportSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(202).send(await imports.commit(contextOf(request), request.params.id)),
  });

  app.get('/api/me/member', {
    schema: { tags, summary: 'Hồ sơ đảng viên của người đang đăng nhập', response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.mine(contextOf(request).principal),
  });

  app.patch('/api/me/member', {
    schema: { tags, summary: 'Đảng viên tự cập nhật số điện thoại', body: updateMyPhoneBodySchema, response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.updateMyPhone(contextOf(request), request.body),
  });

  app.get('/api/members', {
    schema: { tags, summary: 'Danh sách đảng viên của một đơn vị (hoặc cả đơn vị trực thuộc), lọc và phân trang', querystring: memberListQuerySchema, response: { 200: memberListSchema, ...protectedErrors } },
    handler: (request) => members.list(contextOf(request).principal, request.query),
  });

  app.post('/api/members', {
    schema: { tags, summary: 'Thêm đảng viên', body: createMemberBodySchema, response: { 201: memberDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await members.create(contextOf(request), request.body)),
  });

  app.get('/api/members/:id', {
    schema: { tags, summary: 'Hồ sơ một đảng viên', params: idParamsSchema, response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.get(contextOf(request).principal, request.params.id),
  });

  app.get('/api/members/:id/timeline', {
    schema: { tags, summary: 'Lịch sử thay đổi hồ sơ (từ nhật ký)', params: idParamsSchema, response: { 200: timelineSchema, ...protectedErrors } },
    handler: (request) => members.timeline(contextOf(request).principal, request.params.id),
  });

  app.patch('/api/members/:id', {
    schema: { tags, summary: 'Sửa hồ sơ đảng viên', params: idParamsSchema, body: updateMemberBodySchema, response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.update(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/members/:id/transfer', {
    schema: { tags, summary: 'Chuyển sinh hoạt đảng sang chi bộ khác', params: idParamsSchema, body: transferMemberBodySchema, response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.transfer(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/members/:id/leave', {
    schema: { tags, summary: 'Ghi nhận ra khỏi danh sách (chuyển đi, từ trần, khai trừ)', params: idParamsSchema, body: leaveMemberBodySchema, response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.leave(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/members/:id/positions', {
    schema: { tags, summary: 'Giao chức vụ', params: idParamsSchema, body: addPositionBodySchema, response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.addPosition(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/members/:id/positions/:positionId/end', {
    schema: { tags, summary: 'Thôi chức vụ', params: positionParamsSchema, body: endPositionBodySchema, response: { 200: memberDetailSchema, ...protectedErrors } },
    handler: (request) => members.endPosition(contextOf(request), request.params.id, request.params.positionId, request.body),
  });
}

