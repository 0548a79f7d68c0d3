import { DOCX_MIME, reportAppendixQuerySchema, reportDocxBodySchema, reportDraftBodySchema, reportDraftSchema } from '../../../shared/schemas/reports';
import { sendDownload, sendXlsx } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { ReportsService } from './reports.service';

export function reportsRoutes(app: App, reports: ReportsService): void {
  const tags = ['Báo cáo'];

  app.post('/api/reports/draft', {
    schema: {
      tags,
      summary: 'Dự thảo báo cáo của đơn vị trong kỳ, viết từ các chỉ tiêu (kết quả, ưu điểm, hạn chế nêu tên đơn vị, nhiệm vụ)',
      body: reportDraftBodySchema,
      response: { 200: reportDraftSchema, ...protectedErrors },
    },
    handler: (request) => reports.draft(contextOf(request).principal, request.body),
  });

  app.post('/api/reports/docx', {
    schema: { tags, summary: 'Tải báo cáo đã sửa dưới dạng Word (thể thức văn bản của Đảng)', body: reportDocxBodySchema },
    handler: async (request, reply) => {
      const file = await reports.docx(contextOf(request), request.body);
      return sendDownload(reply, file.fileName, DOCX_MIME, file.body);
    },
  });

  app.get('/api/reports/appendix.xlsx', {
    schema: { tags, summary: 'Phụ lục số liệu của báo cáo (Excel): các chỉ tiêu và các đơn vị trực thuộc', querystring: reportAppendixQuerySchema },
    handler: async (request, reply) => {
      const file = await reports.appendix(contextOf(request).principal, request.query);
      return sendXlsx(reply, file.fileName, file.body);
    },
  });
}
