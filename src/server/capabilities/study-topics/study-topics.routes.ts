import { idParamsSchema } from '../../../shared/schemas/common';
import {
  addMaterialBodySchema,
  createStudyTopicBodySchema,
  materialParamsSchema,
  studyTopicListQuerySchema,
  studyTopicListSchema,
  studyTopicSchema,
  updateStudyTopicBodySchema,
} from '../../../shared/schemas/meetings';
import { sendDownload } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { StudyTopicsService } from './study-topics.service';

export function studyTopicsRoutes(app: App, topics: StudyTopicsService): void {
  const tags = ['Chuyên đề năm'];

  app.get('/api/study-topics', {
    schema: { tags, summary: 'Chuyên đề năm của cấp mình và cấp trên', querystring: studyTopicListQuerySchema, response: { 200: studyTopicListSchema, ...protectedErrors } },
    handler: (request) => topics.list(contextOf(request).principal, request.query.year),
  });

  app.get('/api/study-topics/:id', {
    schema: { tags, summary: 'Một chuyên đề với các nội dung và tài liệu', params: idParamsSchema, response: { 200: studyTopicSchema, ...protectedErrors } },
    handler: (request) => topics.get(contextOf(request).principal, request.params.id),
  });

  app.post('/api/study-topics', {
    schema: { tags, summary: 'Ban hành chuyên đề năm (cán bộ cấp tỉnh)', body: createStudyTopicBodySchema, response: { 201: studyTopicSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await topics.create(contextOf(request), request.body)),
  });

  app.patch('/api/study-topics/:id', {
    schema: { tags, summary: 'Sửa chuyên đề, nội dung và quy định số nội dung mỗi buổi', params: idParamsSchema, body: updateStudyTopicBodySchema, response: { 200: studyTopicSchema, ...protectedErrors } },
    handler: (request) => topics.update(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/study-topics/:id/materials', {
    schema: { tags, summary: 'Thêm tài liệu (đường dẫn, tệp hoặc văn bản)', params: idParamsSchema, body: addMaterialBodySchema, response: { 201: studyTopicSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await topics.addMaterial(contextOf(request), request.params.id, request.body)),
  });

  app.delete('/api/study-topics/:id/materials/:materialId', {
    schema: { tags, summary: 'Bỏ tài liệu', params: materialParamsSchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await topics.removeMaterial(contextOf(request), request.params.id, request.params.materialId);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/study-topics/:id/materials/:materialId/file', {
    schema: { tags, summary: 'Tải tệp tài liệu', params: materialParamsSchema },
    handler: async (request, reply) => {
      const file = await topics.materialFile(contextOf(request).principal, request.params.id, request.params.materialId);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });
}
