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
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { MembersService } from './members.service';

export function membersRoutes(app: App, members: MembersService): void {
  const tags = ['Đảng viên'];

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

