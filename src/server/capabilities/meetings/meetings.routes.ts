import { idParamsSchema } from '../../../shared/schemas/common';
import { versionQuerySchema } from '../../../shared/schemas/documents';
import {
  cellYearQuerySchema,
  cellYearSchema,
  matrixQuerySchema,
  meetingDetailSchema,
  meetingMatrixSchema,
  myMeetingsSchema,
  planMeetingBodySchema,
  recordMeetingBodySchema,
  rollQuerySchema,
  rollSchema,
  updateMeetingBodySchema,
} from '../../../shared/schemas/meetings';
import { sendDownload, sendXlsx } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { MeetingsService } from './meetings.service';

export function meetingsRoutes(app: App, meetings: MeetingsService): void {
  const tags = ['Sinh hoạt chi bộ'];

  app.get('/api/meetings/cell-year', {
    schema: { tags, summary: '12 tháng sinh hoạt của một chi bộ trong năm', querystring: cellYearQuerySchema, response: { 200: cellYearSchema, ...protectedErrors } },
    handler: (request) => meetings.cellYear(contextOf(request).principal, request.query.unitId, request.query.year),
  });

  app.get('/api/meetings/roll', {
    schema: { tags, summary: 'Danh sách đảng viên của chi bộ để điểm danh', querystring: rollQuerySchema, response: { 200: rollSchema, ...protectedErrors } },
    handler: (request) => meetings.roll(contextOf(request).principal, request.query.unitId, request.query.on),
  });

  app.get('/api/meetings/matrix', {
    schema: { tags, summary: 'Ma trận chi bộ × 12 tháng với chỉ số, cho bất kỳ đơn vị nào', querystring: matrixQuerySchema, response: { 200: meetingMatrixSchema, ...protectedErrors } },
    handler: (request) => meetings.matrix(contextOf(request).principal, request.query.unitId, request.query.year),
  });

  app.get('/api/meetings/matrix/export', {
    schema: { tags, summary: 'Xuất ma trận sinh hoạt ra Excel', querystring: matrixQuerySchema },
    handler: async (request, reply) => {
      const file = await meetings.exportMatrix(contextOf(request).principal, request.query.unitId, request.query.year);
      return sendXlsx(reply, file.fileName, file.body);
    },
  });

  app.get('/api/meetings/:id', {
    schema: { tags, summary: 'Một buổi sinh hoạt: kế hoạch, nội dung đã học, điểm danh', params: idParamsSchema, response: { 200: meetingDetailSchema, ...protectedErrors } },
    handler: (request) => meetings.get(contextOf(request).principal, request.params.id),
  });

  app.get('/api/meetings/:id/minutes', {
    schema: { tags, summary: 'Tải biên bản đính kèm', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await meetings.minutes(contextOf(request).principal, request.params.id);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.post('/api/meetings/plan', {
    schema: { tags, summary: 'Lập kế hoạch sinh hoạt tháng (ngày, nội dung chuyên đề, tài liệu)', body: planMeetingBodySchema, response: { 200: meetingDetailSchema, ...protectedErrors } },
    handler: (request) => meetings.plan(contextOf(request), request.body),
  });

  app.post('/api/meetings', {
    schema: { tags, summary: 'Ghi biên bản sinh hoạt: ngày, điểm danh, nội dung đã học, liên hệ, làm theo', body: recordMeetingBodySchema, response: { 201: meetingDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await meetings.record(contextOf(request), request.body)),
  });

  app.patch('/api/meetings/:id', {
    schema: { tags, summary: 'Sửa kế hoạch hoặc biên bản sinh hoạt', params: idParamsSchema, body: updateMeetingBodySchema, response: { 200: meetingDetailSchema, ...protectedErrors } },
    handler: (request) => meetings.update(contextOf(request), request.params.id, request.body),
  });

  app.delete('/api/meetings/:id', {
    schema: { tags, summary: 'Xóa buổi sinh hoạt ghi nhầm', params: idParamsSchema, querystring: versionQuerySchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await meetings.remove(contextOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/me/meetings', {
    schema: { tags, summary: 'Buổi sinh hoạt sắp tới của chi bộ tôi và lịch sử dự họp của tôi', response: { 200: myMeetingsSchema, ...protectedErrors } },
    handler: (request) => meetings.mine(contextOf(request).principal),
  });
}
