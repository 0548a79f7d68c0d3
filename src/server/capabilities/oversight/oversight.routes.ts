import { idParamsSchema } from '../../../shared/schemas/common';
import {
  activityDetailSchema,
  activityListQuerySchema,
  activityListSchema,
  attachmentParamsSchema,
  cancelActivitySchema,
  cancelFollowUpSchema,
  completeFollowUpSchema,
  createActivitySchema,
  createFindingSchema,
  createNegativeSchema,
  findingSchema,
  followUpInputSchema,
  followUpItemSchema,
  followUpListQuerySchema,
  followUpListSchema,
  holdActivitySchema,
  negativeItemSchema,
  negativeListQuerySchema,
  negativeListSchema,
  reopenFollowUpSchema,
  unitFindingsSchema,
  updateActivitySchema,
  updateFindingSchema,
  updateNegativeSchema,
  yearQuerySchema,
} from '../../../shared/schemas/oversight';
import { sendDownload } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { OversightService } from './oversight.service';

export function oversightRoutes(app: App, oversight: OversightService): void {
  const tags = ['Kiểm tra, giám sát, giao ban, sơ kết'];

  app.get('/api/oversight', {
    schema: { tags, summary: 'Lịch kiểm tra, giám sát, giao ban, sơ kết, tổng kết của một đơn vị', querystring: activityListQuerySchema, response: { 200: activityListSchema, ...protectedErrors } },
    handler: (request) => oversight.list(contextOf(request).principal, request.query),
  });

  app.post('/api/oversight', {
    schema: { tags, summary: 'Lập kế hoạch (hoặc ghi nhận đã tổ chức) một hoạt động', body: createActivitySchema, response: { 201: activityDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await oversight.create(contextOf(request), request.body)),
  });

  app.get('/api/oversight/:id', {
    schema: { tags, summary: 'Một hoạt động: đơn vị liên quan, tài liệu, nhận xét và việc khắc phục', params: idParamsSchema, response: { 200: activityDetailSchema, ...protectedErrors } },
    handler: (request) => oversight.get(contextOf(request).principal, request.params.id),
  });

  app.get('/api/oversight/:id/attachments/:attachmentId/file', {
    schema: { tags, summary: 'Tải tệp đính kèm của hoạt động', params: attachmentParamsSchema },
    handler: async (request, reply) => {
      const file = await oversight.attachmentFile(contextOf(request).principal, request.params.id, request.params.attachmentId);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.patch('/api/oversight/:id', {
    schema: { tags, summary: 'Sửa hoạt động', params: idParamsSchema, body: updateActivitySchema, response: { 200: activityDetailSchema, ...protectedErrors } },
    handler: (request) => oversight.update(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/oversight/:id/hold', {
    schema: { tags, summary: 'Ghi nhận hoạt động đã tổ chức', params: idParamsSchema, body: holdActivitySchema, response: { 200: activityDetailSchema, ...protectedErrors } },
    handler: (request) => oversight.hold(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/oversight/:id/cancel', {
    schema: { tags, summary: 'Hủy hoạt động chưa tổ chức', params: idParamsSchema, body: cancelActivitySchema, response: { 200: activityDetailSchema, ...protectedErrors } },
    handler: (request) => oversight.cancel(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/oversight/:id/findings', {
    schema: { tags, summary: 'Ghi nhận xét (ưu điểm, hạn chế, vi phạm), có thể kèm việc khắc phục', params: idParamsSchema, body: createFindingSchema, response: { 201: findingSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await oversight.addFinding(contextOf(request), request.params.id, request.body)),
  });

  app.patch('/api/findings/:id', {
    schema: { tags, summary: 'Sửa nhận xét', params: idParamsSchema, body: updateFindingSchema, response: { 200: findingSchema, ...protectedErrors } },
    handler: (request) => oversight.updateFinding(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/findings/:id/follow-up', {
    schema: { tags, summary: 'Giao việc khắc phục cho một nhận xét', params: idParamsSchema, body: followUpInputSchema, response: { 201: followUpItemSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await oversight.addFollowUp(contextOf(request), request.params.id, request.body)),
  });

  app.get('/api/units/:id/findings', {
    schema: { tags, summary: 'Các nhận xét gửi tới một đơn vị', params: idParamsSchema, querystring: yearQuerySchema, response: { 200: unitFindingsSchema, ...protectedErrors } },
    handler: (request) => oversight.unitFindings(contextOf(request).principal, request.params.id, request.query.year),
  });

  app.get('/api/follow-ups', {
    schema: { tags, summary: 'Việc khắc phục của các đơn vị: đúng hạn, trễ hạn, còn hạn, quá hạn', querystring: followUpListQuerySchema, response: { 200: followUpListSchema, ...protectedErrors } },
    handler: (request) => oversight.listFollowUps(contextOf(request).principal, request.query),
  });

  app.get('/api/follow-ups/:id/evidence', {
    schema: { tags, summary: 'Tải tệp minh chứng của việc khắc phục', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await oversight.evidence(contextOf(request).principal, request.params.id);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.post('/api/follow-ups/:id/complete', {
    schema: { tags, summary: 'Báo hoàn thành việc khắc phục, kèm minh chứng', params: idParamsSchema, body: completeFollowUpSchema, response: { 200: followUpItemSchema, ...protectedErrors } },
    handler: (request) => oversight.completeFollowUp(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/follow-ups/:id/reopen', {
    schema: { tags, summary: 'Mở lại việc khắc phục chưa đạt', params: idParamsSchema, body: reopenFollowUpSchema, response: { 200: followUpItemSchema, ...protectedErrors } },
    handler: (request) => oversight.reopenFollowUp(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/follow-ups/:id/cancel', {
    schema: { tags, summary: 'Hủy việc khắc phục', params: idParamsSchema, body: cancelFollowUpSchema, response: { 200: followUpItemSchema, ...protectedErrors } },
    handler: (request) => oversight.cancelFollowUp(contextOf(request), request.params.id, request.body),
  });

  app.get('/api/negatives', {
    schema: { tags, summary: 'Hiện tượng tiêu cực bị phê phán (chỉ cán bộ giúp việc)', querystring: negativeListQuerySchema, response: { 200: negativeListSchema, ...protectedErrors } },
    handler: (request) => oversight.listNegatives(contextOf(request).principal, request.query),
  });

  app.post('/api/findings/:id/negatives', {
    schema: { tags, summary: 'Ghi hiện tượng tiêu cực gắn với một nhận xét', params: idParamsSchema, body: createNegativeSchema, response: { 201: negativeItemSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await oversight.addNegative(contextOf(request), request.params.id, request.body)),
  });

  app.patch('/api/negatives/:id', {
    schema: { tags, summary: 'Sửa hiện tượng tiêu cực', params: idParamsSchema, body: updateNegativeSchema, response: { 200: negativeItemSchema, ...protectedErrors } },
    handler: (request) => oversight.updateNegative(contextOf(request), request.params.id, request.body),
  });
}
