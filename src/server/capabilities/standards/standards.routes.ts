import { idParamsSchema } from '../../../shared/schemas/common';
import {
  createStandardSchema,
  issueStandardSchema,
  myStandardsSchema,
  returnStandardSchema,
  standardActionSchema,
  standardVersionSchema,
  standardsCoverageSchema,
  unitQuerySchema,
  unitStandardsSchema,
  updateStandardSchema,
} from '../../../shared/schemas/standards';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { StandardsService } from './standards.service';

export function standardsRoutes(app: App, standards: StandardsService): void {
  const tags = ['Chuẩn mực đạo đức'];

  app.get('/api/standards', {
    schema: { tags, summary: 'Bộ chuẩn mực của một đơn vị: bản hiện hành, bản đang soạn, lịch sử', querystring: unitQuerySchema, response: { 200: unitStandardsSchema, ...protectedErrors } },
    handler: (request) => standards.ofUnit(contextOf(request).principal, request.query.unitId),
  });

  app.get('/api/standards/coverage', {
    schema: { tags, summary: 'Đơn vị đã ban hành chuẩn mực; ngành trọng điểm còn thiếu chuẩn mực nghề nghiệp', querystring: unitQuerySchema, response: { 200: standardsCoverageSchema, ...protectedErrors } },
    handler: (request) => standards.coverage(contextOf(request).principal, request.query.unitId),
  });

  app.get('/api/me/standards', {
    schema: { tags, summary: 'Chuẩn mực hiện hành của đơn vị tôi và các cấp trên', response: { 200: myStandardsSchema, ...protectedErrors } },
    handler: (request) => standards.mine(contextOf(request).principal),
  });

  app.post('/api/standards', {
    schema: { tags, summary: 'Soạn bộ chuẩn mực mới hoặc bản sửa đổi', body: createStandardSchema, response: { 201: standardVersionSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await standards.create(contextOf(request), request.body)),
  });

  app.get('/api/standard-versions/:id', {
    schema: { tags, summary: 'Một phiên bản bộ chuẩn mực', params: idParamsSchema, response: { 200: standardVersionSchema, ...protectedErrors } },
    handler: (request) => standards.get(contextOf(request).principal, request.params.id),
  });

  app.patch('/api/standard-versions/:id', {
    schema: { tags, summary: 'Sửa bản dự thảo', params: idParamsSchema, body: updateStandardSchema, response: { 200: standardVersionSchema, ...protectedErrors } },
    handler: (request) => standards.update(contextOf(request), request.params.id, request.body),
  });

  for (const action of ['submit', 'approve'] as const) {
    app.post(`/api/standard-versions/:id/${action}`, {
      schema: { tags, summary: action === 'submit' ? 'Trình cấp trên duyệt' : 'Cấp ủy cấp trên duyệt', params: idParamsSchema, body: standardActionSchema, response: { 200: standardVersionSchema, ...protectedErrors } },
      handler: (request) => standards[action](contextOf(request), request.params.id, request.body.version),
    });
  }

  app.post('/api/standard-versions/:id/return', {
    schema: { tags, summary: 'Cấp trên trả lại kèm ý kiến', params: idParamsSchema, body: returnStandardSchema, response: { 200: standardVersionSchema, ...protectedErrors } },
    handler: (request) => standards.return(contextOf(request), request.params.id, request.body.version, request.body.comment),
  });

  app.post('/api/standard-versions/:id/issue', {
    schema: { tags, summary: 'Ban hành với số, ký hiệu văn bản', params: idParamsSchema, body: issueStandardSchema, response: { 200: standardVersionSchema, ...protectedErrors } },
    handler: (request) => standards.issue(contextOf(request), request.params.id, request.body),
  });
}
