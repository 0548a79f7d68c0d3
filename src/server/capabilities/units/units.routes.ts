import { z } from 'zod';
import { idParamsSchema } from '../../../shared/schemas/common';
import {
  closeUnitBodySchema,
  createUnitBodySchema,
  moveUnitBodySchema,
  unitChildrenQuerySchema,
  unitDetailSchema,
  unitSearchHitSchema,
  unitSearchQuerySchema,
  unitSummarySchema,
  updateUnitBodySchema,
} from '../../../shared/schemas/units';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { UnitsService } from './units.service';

export function unitsRoutes(app: App, units: UnitsService): void {
  const tags = ['Đơn vị (cơ cấu tổ chức)'];

  app.get('/api/units/search', {
    schema: { tags, summary: 'Tìm đơn vị trong phạm vi (có dấu hoặc không dấu)', querystring: unitSearchQuerySchema, response: { 200: z.array(unitSearchHitSchema), ...protectedErrors } },
    handler: (request) => units.search(contextOf(request).principal, request.query),
  });

  app.get('/api/units/:id', {
    schema: { tags, summary: 'Một đơn vị với đơn vị trực thuộc và số liệu', params: idParamsSchema, response: { 200: unitDetailSchema, ...protectedErrors } },
    handler: (request) => units.get(contextOf(request).principal, request.params.id),
  });

  app.get('/api/units/:id/children', {
    schema: { tags, summary: 'Đơn vị trực thuộc (tải cây theo từng cấp)', params: idParamsSchema, querystring: unitChildrenQuerySchema, response: { 200: z.array(unitSummarySchema), ...protectedErrors } },
    handler: (request) => units.children(contextOf(request).principal, request.params.id, request.query.includeClosed),
  });

  app.post('/api/units', {
    schema: { tags, summary: 'Thêm đơn vị trực thuộc', body: createUnitBodySchema, response: { 201: unitDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await units.create(contextOf(request), request.body)),
  });

  app.patch('/api/units/:id', {
    schema: { tags, summary: 'Sửa tên, mã, lĩnh vực của đơn vị', params: idParamsSchema, body: updateUnitBodySchema, response: { 200: unitDetailSchema, ...protectedErrors } },
    handler: (request) => units.update(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/units/:id/move', {
    schema: { tags, summary: 'Chuyển đơn vị sang đơn vị cấp trên khác', params: idParamsSchema, body: moveUnitBodySchema, response: { 200: unitDetailSchema, ...protectedErrors } },
    handler: (request) => units.move(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/units/:id/close', {
    schema: { tags, summary: 'Đóng (giải thể) đơn vị; lịch sử được giữ lại', params: idParamsSchema, body: closeUnitBodySchema, response: { 200: unitDetailSchema, ...protectedErrors } },
    handler: (request) => units.close(contextOf(request), request.params.id, request.body),
  });
}
