import type { FastifyReply } from 'fastify';
import { idParamsSchema } from '../../../shared/schemas/common';
import {
  closeRuleSchema,
  createRuleSchema,
  notificationCountSchema,
  notificationListQuerySchema,
  notificationListSchema,
  preferencesSchema,
  readAllResultSchema,
  reminderRuleSchema,
  ruleListQuerySchema,
  ruleListSchema,
  sentListSchema,
  sentQuerySchema,
  updatePreferencesSchema,
  updateRuleSchema,
  urgingMessageSchema,
  urgingResultSchema,
} from '../../../shared/schemas/urging';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import { UNSUBSCRIBE_PAGE_CSP, UNSUBSCRIBE_PATH, renderDonePage, renderInvalidPage, renderQuestionPage } from './unsubscribe.html';
import type { UrgingService } from './urging.service';

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', UNSUBSCRIBE_PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .status(status)
    .send(html);
}

export function urgingRoutes(app: App, urging: UrgingService): void {
  const tags = ['Đôn đốc, thông báo'];

  // ——— Notification centre ———

  app.get('/api/notifications', {
    schema: { tags, summary: 'Thông báo của tôi (mới nhất trước)', querystring: notificationListQuerySchema, response: { 200: notificationListSchema, ...protectedErrors } },
    handler: (request) => urging.listNotifications(contextOf(request).principal, request.query),
  });

  app.get('/api/notifications/count', {
    schema: { tags, summary: 'Số thông báo chưa đọc (chuông)', response: { 200: notificationCountSchema, ...protectedErrors } },
    handler: (request) => urging.countNotifications(contextOf(request).principal),
  });

  app.post('/api/notifications/:id/read', {
    schema: { tags, summary: 'Đánh dấu đã đọc một thông báo', params: idParamsSchema, response: { 200: notificationCountSchema, ...protectedErrors } },
    handler: (request) => urging.markRead(contextOf(request), request.params.id),
  });

  app.post('/api/notifications/read-all', {
    schema: { tags, summary: 'Đánh dấu đã đọc tất cả thông báo', response: { 200: readAllResultSchema, ...protectedErrors } },
    handler: (request) => urging.markAllRead(contextOf(request)),
  });

  app.get('/api/me/notification-preferences', {
    schema: { tags, summary: 'Cài đặt thông báo của tôi (có địa chỉ thư)', response: { 200: preferencesSchema, ...protectedErrors } },
    handler: (request) => urging.preferences(contextOf(request).principal),
  });

  app.put('/api/me/notification-preferences', {
    schema: { tags, summary: 'Sửa cài đặt thông báo và địa chỉ thư', body: updatePreferencesSchema, response: { 200: preferencesSchema, ...protectedErrors } },
    handler: (request) => urging.updatePreferences(contextOf(request), request.body),
  });

  // ——— Rules ———

  app.get('/api/urging/rules', {
    schema: { tags, summary: 'Quy tắc đôn đốc theo năm (của cấp mình, cấp trên và cấp dưới)', querystring: ruleListQuerySchema, response: { 200: ruleListSchema, ...protectedErrors } },
    handler: (request) => urging.listRules(contextOf(request).principal, request.query),
  });

  app.post('/api/urging/rules', {
    schema: { tags, summary: 'Đặt quy tắc đôn đốc cho một loại việc trong năm', body: createRuleSchema, response: { 201: reminderRuleSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await urging.createRule(contextOf(request), request.body)),
  });

  app.patch('/api/urging/rules/:id', {
    schema: { tags, summary: 'Sửa quy tắc đôn đốc', params: idParamsSchema, body: updateRuleSchema, response: { 200: reminderRuleSchema, ...protectedErrors } },
    handler: (request) => urging.updateRule(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/urging/rules/:id/close', {
    schema: { tags, summary: 'Cho quy tắc đôn đốc hết hiệu lực', params: idParamsSchema, body: closeRuleSchema, response: { 200: reminderRuleSchema, ...protectedErrors } },
    handler: (request) => urging.closeRule(contextOf(request), request.params.id, request.body),
  });

  // ——— Sent log and one-off urging ———

  app.get('/api/urging/sent', {
    schema: { tags, summary: 'Đã gửi gì, cho ai, khi nào (trong phạm vi của tôi)', querystring: sentQuerySchema, response: { 200: sentListSchema, ...protectedErrors } },
    handler: (request) => urging.sent(contextOf(request).principal, request.query),
  });

  app.post('/api/urging/messages', {
    schema: { tags, summary: 'Gửi tin đôn đốc cho các đơn vị cấp dưới', body: urgingMessageSchema, response: { 201: urgingResultSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await urging.urge(contextOf(request), request.body)),
  });

  // ——— Unsubscribe without login: GET asks, POST does it ———

  const page = { config: { public: true }, schema: { hide: true } } as const;

  // The page's form posts application/x-www-form-urlencoded (empty): accepted here only, and ignored.
  void app.register(async (pages) => {
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) => done(null, {}));

    pages.get<{ Params: { token: string } }>(`${UNSUBSCRIBE_PATH}/:token`, page, async (request, reply) => {
      const info = await urging.unsubscribeInfo(request.params.token);
      if (!info) return sendHtml(reply, 404, renderInvalidPage());
      return sendHtml(reply, 200, renderQuestionPage(request.params.token, info.email, info.enabled));
    });

    pages.post<{ Params: { token: string } }>(`${UNSUBSCRIBE_PATH}/:token`, page, async (request, reply) => {
      const done = await urging.unsubscribe(request.params.token, { requestId: request.id, ip: request.ip });
      if (!done) return sendHtml(reply, 404, renderInvalidPage());
      return sendHtml(reply, 200, renderDonePage(done.email));
    });
  });
}
