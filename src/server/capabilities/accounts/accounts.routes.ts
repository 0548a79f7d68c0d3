import { accountListQuerySchema, accountListSchema, accountSchema, createAccountBodySchema, resetPasswordBodySchema, updateAccountBodySchema } from '../../../shared/schemas/accounts';
import { idParamsSchema } from '../../../shared/schemas/common';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { AccountsService } from './accounts.service';

export function accountsRoutes(app: App, accounts: AccountsService): void {
  const tags = ['Tài khoản'];

  app.get('/api/accounts', {
    schema: { tags, summary: 'Tài khoản trong phạm vi (cán bộ cấp tỉnh)', querystring: accountListQuerySchema, response: { 200: accountListSchema, ...protectedErrors } },
    handler: (request) => accounts.list(contextOf(request).principal, request.query),
  });

  app.post('/api/accounts', {
    schema: { tags, summary: 'Tạo tài khoản (phải đổi mật khẩu khi đăng nhập lần đầu)', body: createAccountBodySchema, response: { 201: accountSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await accounts.create(contextOf(request), request.body)),
  });

  app.patch('/api/accounts/:id', {
    schema: { tags, summary: 'Sửa tên, vai trò, phạm vi hoặc khóa tài khoản', params: idParamsSchema, body: updateAccountBodySchema, response: { 200: accountSchema, ...protectedErrors } },
    handler: (request) => accounts.update(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/accounts/:id/password', {
    schema: { tags, summary: 'Đặt lại mật khẩu', params: idParamsSchema, body: resetPasswordBodySchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await accounts.resetPassword(contextOf(request), request.params.id, request.body.newPassword);
      return reply.status(204).send(null);
    },
  });
}
