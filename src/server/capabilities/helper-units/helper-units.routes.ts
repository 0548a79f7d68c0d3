import { idParamsSchema } from '../../../shared/schemas/common';
import {
  addHelperActivityBodySchema,
  addHelperMemberBodySchema,
  createHelperUnitBodySchema,
  helperCoverageQuerySchema,
  helperCoverageSchema,
  helperMemberParamsSchema,
  helperUnitByUnitSchema,
  helperUnitDetailSchema,
  updateHelperUnitBodySchema,
} from '../../../shared/schemas/helper-units';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { HelperUnitsService } from './helper-units.service';

export function helperUnitsRoutes(app: App, helperUnits: HelperUnitsService): void {
  const tags = ['Bộ phận giúp việc'];

  app.get('/api/helper-units/coverage', {
    schema: {
      tags,
      summary: 'Các cấp ủy trong phạm vi: đã thành lập Bộ phận giúp việc chưa, đã có quy chế chưa',
      querystring: helperCoverageQuerySchema,
      response: { 200: helperCoverageSchema, ...protectedErrors },
    },
    handler: (request) => helperUnits.coverage(contextOf(request).principal, request.query),
  });

  app.get('/api/helper-units/by-unit/:id', {
    schema: {
      tags,
      summary: 'Bộ phận giúp việc của một cấp ủy (mã đơn vị), hoặc null khi chưa thành lập',
      params: idParamsSchema,
      response: { 200: helperUnitByUnitSchema, ...protectedErrors },
    },
    handler: (request) => helperUnits.byUnit(contextOf(request).principal, request.params.id),
  });

  app.post('/api/helper-units', {
    schema: { tags, summary: 'Thành lập Bộ phận giúp việc của một cấp ủy', body: createHelperUnitBodySchema, response: { 201: helperUnitDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await helperUnits.create(contextOf(request), request.body)),
  });

  app.patch('/api/helper-units/:id', {
    schema: {
      tags,
      summary: 'Sửa Bộ phận giúp việc (tên, ngày thành lập, quyết định thành lập, quy chế)',
      params: idParamsSchema,
      body: updateHelperUnitBodySchema,
      response: { 200: helperUnitDetailSchema, ...protectedErrors },
    },
    handler: (request) => helperUnits.update(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/helper-units/:id/members', {
    schema: { tags, summary: 'Thêm thành viên (một đảng viên thuộc cấp ủy)', params: idParamsSchema, body: addHelperMemberBodySchema, response: { 201: helperUnitDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await helperUnits.addMember(contextOf(request), request.params.id, request.body)),
  });

  app.delete('/api/helper-units/:id/members/:memberId', {
    schema: { tags, summary: 'Bỏ một thành viên (mã đảng viên) khỏi bộ phận', params: helperMemberParamsSchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await helperUnits.removeMember(contextOf(request), request.params.id, request.params.memberId);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/helper-units/:id/activities', {
    schema: { tags, summary: 'Ghi một hoạt động (họp, tham mưu…)', params: idParamsSchema, body: addHelperActivityBodySchema, response: { 201: helperUnitDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await helperUnits.addActivity(contextOf(request), request.params.id, request.body)),
  });
}
