import { changePasswordBodySchema, loginBodySchema, meSchema } from '../../../shared/schemas/auth';
import { errorResponseSchema } from '../../../shared/schemas/common';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import { type AuthService, presentMe } from './auth.service';
import { z } from 'zod';

export function authRoutes(app: App, auth: AuthService): void {
  const tags = ['Đăng nhập'];

  app.post('/api/auth/login', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Đăng nhập; đặt cookie phiên lamtheo_sid',
      body: loginBodySchema,
      response: { 200: z.object({ me: meSchema }), 400: errorResponseSchema, 401: errorResponseSchema, 429: errorResponseSchema },
    },
    handler: async (request, reply) => ({ me: await auth.login(request, reply, request.body) }),
  });

  app.post('/api/auth/logout', {
    config: { public: true },
    schema: { tags, summary: 'Đăng xuất', response: { 204: noContent } },
    handler: async (request, reply) => {
      await auth.logout(request, reply);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/auth/me', {
    config: { allowPendingPasswordChange: true },
    schema: { tags, summary: 'Tài khoản đang đăng nhập, phạm vi và quyền', response: { 200: meSchema, ...protectedErrors } },
    handler: (request) => presentMe(contextOf(request).principal),
  });

  app.post('/api/auth/password', {
    config: { allowPendingPasswordChange: true },
    schema: { tags, summary: 'Đổi mật khẩu của chính mình', body: changePasswordBodySchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await auth.changePassword(contextOf(request), request, request.body);
      return reply.status(204).send(null);
    },
  });
}
