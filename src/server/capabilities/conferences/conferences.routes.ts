import { idParamsSchema } from '../../../shared/schemas/common';
import {
  conferenceCoverageQuerySchema,
  conferenceCoverageSchema,
  conferenceDetailSchema,
  conferenceDocumentOptionsQuerySchema,
  conferenceDocumentOptionsSchema,
  conferenceListQuerySchema,
  conferenceListSchema,
  conferenceVersionQuerySchema,
  createConferenceBodySchema,
  updateConferenceBodySchema,
} from '../../../shared/schemas/conferences';
import { sendDownload } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { ConferencesService } from './conferences.service';

export function conferencesRoutes(app: App, conferences: ConferencesService): void {
  const tags = ['Hội nghị quán triệt'];

  app.get('/api/conferences', {
    schema: {
      tags,
      summary: 'Hội nghị quán triệt của một đơn vị (hoặc cả các đơn vị trực thuộc), mới nhất trước',
      querystring: conferenceListQuerySchema,
      response: { 200: conferenceListSchema, ...protectedErrors },
    },
    handler: (request) => conferences.list(contextOf(request).principal, request.query),
  });

  app.get('/api/conferences/coverage', {
    schema: {
      tags,
      summary: 'Tỷ lệ cán bộ, đảng viên được quán triệt: đơn vị và từng đơn vị trực thuộc, cộng dồn theo cây',
      querystring: conferenceCoverageQuerySchema,
      response: { 200: conferenceCoverageSchema, ...protectedErrors },
    },
    handler: (request) => conferences.coverage(contextOf(request).principal, request.query),
  });

  app.get('/api/conferences/document-options', {
    schema: {
      tags,
      summary: 'Văn bản mà hội nghị của đơn vị được quán triệt: của chính đơn vị và các cấp ủy cấp trên (30 văn bản mới nhất khớp từ khóa)',
      querystring: conferenceDocumentOptionsQuerySchema,
      response: { 200: conferenceDocumentOptionsSchema, ...protectedErrors },
    },
    handler: (request) => conferences.documentOptions(contextOf(request).principal, request.query),
  });

  app.post('/api/conferences', {
    schema: { tags, summary: 'Ghi nhận một hội nghị quán triệt', body: createConferenceBodySchema, response: { 201: conferenceDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await conferences.create(contextOf(request), request.body)),
  });

  app.get('/api/conferences/:id', {
    schema: { tags, summary: 'Chi tiết một hội nghị quán triệt', params: idParamsSchema, response: { 200: conferenceDetailSchema, ...protectedErrors } },
    handler: (request) => conferences.get(contextOf(request).principal, request.params.id),
  });

  app.patch('/api/conferences/:id', {
    schema: { tags, summary: 'Sửa hội nghị quán triệt', params: idParamsSchema, body: updateConferenceBodySchema, response: { 200: conferenceDetailSchema, ...protectedErrors } },
    handler: (request) => conferences.update(contextOf(request), request.params.id, request.body),
  });

  app.delete('/api/conferences/:id', {
    schema: { tags, summary: 'Xóa hội nghị quán triệt', params: idParamsSchema, querystring: conferenceVersionQuerySchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await conferences.delete(contextOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/conferences/:id/minutes', {
    schema: { tags, summary: 'Tải biên bản hội nghị', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await conferences.minutes(contextOf(request).principal, request.params.id);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });
}
