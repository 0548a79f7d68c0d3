import { idParamsSchema } from '../../../shared/schemas/common';
import {
  createDocumentBodySchema,
  createRequirementBodySchema,
  documentDetailSchema,
  documentListQuerySchema,
  documentListSchema,
  nextNumberQuerySchema,
  nextNumberSchema,
  requirementSchema,
  updateDocumentBodySchema,
  updateRequirementBodySchema,
  versionQuerySchema,
} from '../../../shared/schemas/documents';
import { sendDownload } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { DocumentsService } from './documents.service';

export function documentsRoutes(app: App, documents: DocumentsService): void {
  const tags = ['Văn bản chỉ đạo'];

  app.get('/api/documents', {
    schema: { tags, summary: 'Văn bản của đơn vị, cấp dưới và (tùy chọn) cấp trên', querystring: documentListQuerySchema, response: { 200: documentListSchema, ...protectedErrors } },
    handler: (request) => documents.list(contextOf(request).principal, request.query),
  });

  app.get('/api/documents/next-number', {
    schema: { tags, summary: 'Số tiếp theo còn trống theo loại văn bản, đơn vị ban hành và nhiệm kỳ', querystring: nextNumberQuerySchema, response: { 200: nextNumberSchema, ...protectedErrors } },
    handler: (request) => documents.nextNumber(contextOf(request).principal, request.query),
  });

  app.get('/api/documents/:id', {
    schema: { tags, summary: 'Một văn bản với văn bản thực hiện và yêu cầu triển khai', params: idParamsSchema, response: { 200: documentDetailSchema, ...protectedErrors } },
    handler: (request) => documents.get(contextOf(request).principal, request.params.id),
  });

  app.get('/api/documents/:id/file', {
    schema: { tags, summary: 'Tải tệp đính kèm của văn bản', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await documents.file(contextOf(request).principal, request.params.id);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.post('/api/documents', {
    schema: { tags, summary: 'Đăng ký văn bản (số, ký hiệu kiểu văn bản Đảng)', body: createDocumentBodySchema, response: { 201: documentDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await documents.create(contextOf(request), request.body)),
  });

  app.patch('/api/documents/:id', {
    schema: { tags, summary: 'Sửa văn bản', params: idParamsSchema, body: updateDocumentBodySchema, response: { 200: documentDetailSchema, ...protectedErrors } },
    handler: (request) => documents.update(contextOf(request), request.params.id, request.body),
  });

  app.delete('/api/documents/:id', {
    schema: { tags, summary: 'Xóa văn bản chưa được thực hiện hay quán triệt', params: idParamsSchema, querystring: versionQuerySchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await documents.remove(contextOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/documents/:id/requirements', {
    schema: {
      tags,
      summary: 'Giao tổ chức trực thuộc ban hành văn bản thực hiện (và tổ chức hội nghị quán triệt) trong N ngày',
      params: idParamsSchema,
      body: createRequirementBodySchema,
      response: { 201: requirementSchema, ...protectedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await documents.addRequirement(contextOf(request), request.params.id, request.body)),
  });

  app.patch('/api/requirements/:id', {
    schema: { tags, summary: 'Sửa yêu cầu triển khai', params: idParamsSchema, body: updateRequirementBodySchema, response: { 200: requirementSchema, ...protectedErrors } },
    handler: (request) => documents.updateRequirement(contextOf(request), request.params.id, request.body),
  });

  app.delete('/api/requirements/:id', {
    schema: { tags, summary: 'Bỏ yêu cầu triển khai', params: idParamsSchema, querystring: versionQuerySchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await documents.removeRequirement(contextOf(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  });
}

