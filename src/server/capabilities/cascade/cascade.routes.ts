import { cascadeExportQuerySchema, cascadeQuerySchema, cascadeViewSchema, upcomingListSchema, upcomingQuerySchema } from '../../../shared/schemas/cascade';
import { sendXlsx } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { CascadeService } from './cascade.service';

export function cascadeRoutes(app: App, cascade: CascadeService): void {
  const tags = ['Tiến độ triển khai'];

  app.get('/api/cascade', {
    schema: {
      tags,
      summary: 'Tình trạng từng đơn vị phải triển khai một văn bản (và các văn bản thực hiện nó), cộng dồn theo cây',
      querystring: cascadeQuerySchema,
      response: { 200: cascadeViewSchema, ...protectedErrors },
    },
    handler: (request) => cascade.view(contextOf(request).principal, request.query),
  });

  app.get('/api/cascade/export', {
    schema: { tags, summary: 'Xuất tiến độ triển khai ra Excel', querystring: cascadeExportQuerySchema },
    handler: async (request, reply) => {
      const file = await cascade.export(contextOf(request).principal, request.query);
      return sendXlsx(reply, file.fileName, file.body);
    },
  });

  app.get('/api/cascade/upcoming', {
    schema: { tags, summary: 'Đơn vị phải ban hành văn bản hoặc tổ chức hội nghị trong N ngày tới', querystring: upcomingQuerySchema, response: { 200: upcomingListSchema, ...protectedErrors } },
    handler: (request) => cascade.upcoming(contextOf(request).principal, request.query),
  });
}
