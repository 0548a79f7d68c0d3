import { PHOTO_MAX_BYTES } from '../../../shared/domain/exemplars';
import { idParamsSchema } from '../../../shared/schemas/common';
import {
  addEvidenceSchema,
  addPublicitySchema,
  commendExemplarSchema,
  createChannelSchema,
  createExemplarSchema,
  decidingUnitsQuerySchema,
  decidingUnitsSchema,
  exemplarActionSchema,
  exemplarDecisionSchema,
  exemplarDetailSchema,
  exemplarFileParamsSchema,
  exemplarListQuerySchema,
  exemplarListSchema,
  photoUploadQuerySchema,
  publicationSchema,
  publicityChannelListSchema,
  publicityChannelSchema,
  publicitySummaryQuerySchema,
  publicitySummarySchema,
  updateExemplarSchema,
} from '../../../shared/schemas/exemplars';
import { errorResponseSchema } from '../../../shared/schemas/common';
import { sendDownload } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, noContent, protectedErrors } from '../../http/types';
import type { ExemplarsService } from './exemplars.service';

export function exemplarsRoutes(app: App, exemplars: ExemplarsService): void {
  const tags = ['Điển hình tiên tiến, tuyên truyền'];
  const detail = { 200: exemplarDetailSchema, ...protectedErrors };

  // PNG and JPEG bodies are already read as bytes (files capability); WebP photos too. The type is sniffed anyway.
  app.addContentTypeParser('image/webp', { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.get('/api/exemplars', {
    schema: { tags, summary: 'Đề nghị điển hình của một đơn vị và cấp dưới (lọc theo năm, trạng thái, chờ tôi xác minh, tìm kiếm)', querystring: exemplarListQuerySchema, response: { 200: exemplarListSchema, ...protectedErrors } },
    handler: (request) => exemplars.list(contextOf(request).principal, request.query),
  });

  app.get('/api/exemplars/deciding-units', {
    schema: { tags, summary: 'Các cấp có thể xét công nhận đề nghị của một đơn vị', querystring: decidingUnitsQuerySchema, response: { 200: decidingUnitsSchema, ...protectedErrors } },
    handler: (request) => exemplars.decidingUnits(contextOf(request).principal, request.query.unitId),
  });

  app.post('/api/exemplars', {
    schema: { tags, summary: 'Đề cử điển hình (đảng viên, cá nhân ngoài Đảng, tập thể)', body: createExemplarSchema, response: { 201: exemplarDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await exemplars.create(contextOf(request), request.body)),
  });

  app.get('/api/exemplars/:id', {
    schema: { tags, summary: 'Một đề nghị: các cấp xác minh, lịch sử, ảnh, minh chứng, tuyên truyền, khen thưởng', params: idParamsSchema, response: detail },
    handler: (request) => exemplars.get(contextOf(request).principal, request.params.id),
  });

  app.patch('/api/exemplars/:id', {
    schema: { tags, summary: 'Sửa đề nghị (Nháp hoặc Bị trả lại)', params: idParamsSchema, body: updateExemplarSchema, response: detail },
    handler: (request) => exemplars.update(contextOf(request), request.params.id, request.body),
  });

  for (const action of ['submit', 'verify'] as const) {
    app.post(`/api/exemplars/:id/${action}`, {
      schema: { tags, summary: action === 'submit' ? 'Gửi đề nghị lên cấp trên xác minh' : 'Xác minh tại cấp đang giữ đề nghị', params: idParamsSchema, body: exemplarActionSchema, response: detail },
      handler: (request) => exemplars.act(contextOf(request), request.params.id, action, request.body.version, request.body.comment ?? null),
    });
  }
  for (const action of ['return', 'reject'] as const) {
    app.post(`/api/exemplars/:id/${action}`, {
      schema: { tags, summary: action === 'return' ? 'Trả lại đơn vị đề cử kèm ý kiến' : 'Không công nhận, kèm lý do', params: idParamsSchema, body: exemplarDecisionSchema, response: detail },
      handler: (request) => exemplars.act(contextOf(request), request.params.id, action, request.body.version, request.body.comment),
    });
  }

  app.post('/api/exemplars/:id/commend', {
    schema: { tags, summary: 'Ghi quyết định khen thưởng (cấp xét công nhận)', params: idParamsSchema, body: commendExemplarSchema, response: detail },
    handler: (request) => exemplars.commend(contextOf(request), request.params.id, request.body),
  });

  app.put('/api/exemplars/:id/publication', {
    schema: { tags, summary: 'Công khai hoặc thôi công khai trên trang công khai (cấp xét công nhận)', params: idParamsSchema, body: publicationSchema, response: detail },
    handler: (request) => exemplars.setPublication(contextOf(request), request.params.id, request.body.public, request.body.version),
  });

  app.post('/api/exemplars/:id/photos', {
    bodyLimit: PHOTO_MAX_BYTES,
    schema: {
      tags,
      summary: 'Tải ảnh lên (JPEG, PNG, WebP; tối đa 10 MB): thu về tối đa 1600 px, bỏ thông tin EXIF, vị trí GPS; tên tệp trong tiêu đề X-File-Name',
      consumes: ['application/octet-stream'],
      params: idParamsSchema,
      querystring: photoUploadQuerySchema,
      response: { 201: exemplarDetailSchema, ...protectedErrors, 413: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const name = request.headers['x-file-name'];
      const result = await exemplars.addPhoto(contextOf(request), request.params.id, Array.isArray(name) ? name[0] : name, request.query.caption, request.body);
      return reply.status(201).send(result);
    },
  });

  app.get('/api/exemplars/:id/photos/:fileId', {
    schema: { tags, summary: 'Xem ảnh', params: exemplarFileParamsSchema },
    handler: async (request, reply) => {
      const file = await exemplars.photo(contextOf(request).principal, request.params.id, request.params.fileId);
      return reply.header('content-type', file.media_type).header('content-disposition', 'inline').send(file.content);
    },
  });

  app.delete('/api/exemplars/:id/photos/:fileId', {
    schema: { tags, summary: 'Bỏ ảnh', params: exemplarFileParamsSchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await exemplars.removePhoto(contextOf(request), request.params.id, request.params.fileId);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/exemplars/:id/evidence', {
    schema: { tags, summary: 'Đính kèm minh chứng (tệp đã tải lên cho đơn vị đề cử qua /api/files)', params: idParamsSchema, body: addEvidenceSchema, response: { 201: exemplarDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await exemplars.addEvidence(contextOf(request), request.params.id, request.body.fileId)),
  });

  app.get('/api/exemplars/:id/evidence/:fileId', {
    schema: { tags, summary: 'Tải tệp minh chứng', params: exemplarFileParamsSchema },
    handler: async (request, reply) => {
      const file = await exemplars.evidence(contextOf(request).principal, request.params.id, request.params.fileId);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.delete('/api/exemplars/:id/evidence/:fileId', {
    schema: { tags, summary: 'Gỡ minh chứng', params: exemplarFileParamsSchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await exemplars.removeEvidence(contextOf(request), request.params.id, request.params.fileId);
      return reply.status(204).send(null);
    },
  });

  app.post('/api/exemplars/:id/publicity', {
    schema: { tags, summary: 'Ghi kết quả tuyên truyền (báo, đài, bản tin, thông tin sinh hoạt chi bộ…)', params: idParamsSchema, body: addPublicitySchema, response: { 201: exemplarDetailSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await exemplars.addPublicity(contextOf(request), request.params.id, request.body)),
  });

  app.get('/api/publicity/summary', {
    schema: { tags, summary: 'Thống kê điển hình và tuyên truyền so với năm trước: theo kênh, theo tháng, theo đơn vị', querystring: publicitySummaryQuerySchema, response: { 200: publicitySummarySchema, ...protectedErrors } },
    handler: (request) => exemplars.summary(contextOf(request).principal, request.query.unitId, request.query.year),
  });

  app.get('/api/publicity/:id/file', {
    schema: { tags, summary: 'Tải tệp của kết quả tuyên truyền', params: idParamsSchema },
    handler: async (request, reply) => {
      const file = await exemplars.publicityFile(contextOf(request).principal, request.params.id);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.delete('/api/publicity/:id', {
    schema: { tags, summary: 'Xóa kết quả tuyên truyền ghi nhầm', params: idParamsSchema, response: { 204: noContent, ...protectedErrors } },
    handler: async (request, reply) => {
      await exemplars.removePublicity(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/publicity-channels', {
    schema: { tags, summary: 'Kênh tuyên truyền: kênh chung và kênh riêng của tỉnh', response: { 200: publicityChannelListSchema, ...protectedErrors } },
    handler: (request) => exemplars.channels(contextOf(request).principal),
  });

  app.post('/api/publicity-channels', {
    schema: { tags, summary: 'Thêm kênh tuyên truyền của tỉnh (Báo Bắc Ninh, Đài PT-TH tỉnh…)', body: createChannelSchema, response: { 201: publicityChannelSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await exemplars.createChannel(contextOf(request), request.body)),
  });
}
