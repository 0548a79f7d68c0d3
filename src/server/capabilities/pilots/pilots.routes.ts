import { idParamsSchema } from '../../../shared/schemas/common';
import { versionQuerySchema } from '../../../shared/schemas/documents';
import {
  completePilotSchema,
  createIssueSchema,
  createPilotSchema,
  overviewQuerySchema,
  pilotNoteSchema,
  pilotSchema,
  pilotsOverviewSchema,
  pressingIssueSchema,
  putYearRuleSchema,
  updateIssueSchema,
  updatePilotSchema,
  yearParamsSchema,
  yearRuleSchema,
} from '../../../shared/schemas/standards';
import { sendDownload } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { PilotsService } from './pilots.service';

export function pilotsRoutes(app: App, pilots: PilotsService): void {
  const tags = ['Chỉ đạo điểm, vấn đề nổi cộm'];

  app.get('/api/year-rules/:year', {
    schema: { tags, summary: 'Chỉ tiêu của năm: số đơn vị điểm, số vấn đề nổi cộm', params: yearParamsSchema, response: { 200: yearRuleSchema, ...protectedErrors } },
    handler: (request) => pilots.rule(contextOf(request).principal, request.params.year),
  });

  app.put('/api/year-rules/:year', {
    schema: { tags, summary: 'Đặt chỉ tiêu của năm (cấp tỉnh)', params: yearParamsSchema, body: putYearRuleSchema, response: { 200: yearRuleSchema, ...protectedErrors } },
    handler: (request) => pilots.putRule(contextOf(request), request.params.year, request.body),
  });

  app.get('/api/pilots', {
    schema: { tags, summary: 'Các cấp ủy: đơn vị điểm so với chỉ tiêu, vấn đề nổi cộm', querystring: overviewQuerySchema, response: { 200: pilotsOverviewSchema, ...protectedErrors } },
    handler: (request) => pilots.overview(contextOf(request).principal, request.query.unitId, request.query.year),
  });

  app.post('/api/pilots', {
    schema: { tags, summary: 'Chọn đơn vị chỉ đạo điểm', body: createPilotSchema, response: { 201: pilotSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await pilots.createPilot(contextOf(request), request.body)),
  });

  app.get('/api/pilots/:id', {
    schema: { tags, summary: 'Một đơn vị điểm với ghi chép tiến độ', params: idParamsSchema, response: { 200: pilotSchema, ...protectedErrors } },
    handler: (request) => pilots.getPilot(contextOf(request).principal, request.params.id),
  });

  app.patch('/api/pilots/:id', {
    schema: { tags, summary: 'Sửa mục tiêu, người phụ trách, lĩnh vực', params: idParamsSchema, body: updatePilotSchema, response: { 200: pilotSchema, ...protectedErrors } },
    handler: (request) => pilots.updatePilot(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/pilots/:id/notes', {
    schema: { tags, summary: 'Ghi tiến độ đơn vị điểm', params: idParamsSchema, body: pilotNoteSchema, response: { 201: pilotSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await pilots.addNote(contextOf(request), request.params.id, request.body.note)),
  });

  app.post('/api/pilots/:id/complete', {
    schema: { tags, summary: 'Tổng kết đơn vị điểm: kết quả, bài học kinh nghiệm', params: idParamsSchema, body: completePilotSchema, response: { 200: pilotSchema, ...protectedErrors } },
    handler: (request) => pilots.completePilot(contextOf(request), request.params.id, request.body),
  });

  app.delete('/api/pilots/:id', {
    schema: { tags, summary: 'Bỏ đơn vị điểm chọn nhầm', params: idParamsSchema, querystring: versionQuerySchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await pilots.removePilot(contextOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/pressing-issues', {
    schema: { tags, summary: 'Chọn vấn đề nổi cộm của năm với các mốc', body: createIssueSchema, response: { 201: pressingIssueSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await pilots.createIssue(contextOf(request), request.body)),
  });

  app.get('/api/pressing-issues/:id', {
    schema: { tags, summary: 'Một vấn đề nổi cộm: mốc, tiến độ, trạng thái', params: idParamsSchema, response: { 200: pressingIssueSchema, ...protectedErrors } },
    handler: (request) => pilots.getIssue(contextOf(request).principal, request.params.id),
  });

  app.get('/api/pressing-issues/:id/evidence', {
    schema: { tags, summary: 'Tải tệp minh chứng', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await pilots.evidence(contextOf(request).principal, request.params.id);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.patch('/api/pressing-issues/:id', {
    schema: { tags, summary: 'Cập nhật tiến độ, trạng thái, minh chứng', params: idParamsSchema, body: updateIssueSchema, response: { 200: pressingIssueSchema, ...protectedErrors } },
    handler: (request) => pilots.updateIssue(contextOf(request), request.params.id, request.body),
  });
}
