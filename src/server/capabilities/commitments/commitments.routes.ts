import { z } from 'zod';
import { idParamsSchema, idSchema } from '../../../shared/schemas/common';
import {
  assessmentSchemeListSchema,
  cellReviewSchema,
  commitmentRoundListSchema,
  commitmentRoundSchema,
  commitmentSchema,
  coverageSchema,
  createCheckinSchema,
  createCommitmentSchema,
  createRoundSchema,
  decisionsSchema,
  formQuerySchema,
  myCommitmentQuerySchema,
  myCommitmentSchema,
  rankingSchema,
  registerQuerySchema,
  registerSchema,
  returnCommitmentSchema,
  roundQuerySchema,
  selfReviewSchema,
  unitRoundQuerySchema,
  unregisteredQuerySchema,
  unregisteredSchema,
  updateCommitmentSchema,
  updateRoundSchema,
  versionBodySchema,
} from '../../../shared/schemas/commitments';
import { sendDownload, sendXlsx } from '../../http/download';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { CommitmentReportsService } from './commitment-reports.service';
import type { CommitmentsService } from './commitments.service';

const checkinParamsSchema = z.strictObject({ id: idSchema, checkinId: idSchema });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function commitmentsRoutes(app: App, commitments: CommitmentsService, reports: CommitmentReportsService): void {
  const tags = ['Đăng ký làm theo'];

  app.get('/api/assessment-schemes', {
    schema: { tags, summary: 'Các hướng dẫn đánh giá, xếp loại theo năm áp dụng', response: { 200: assessmentSchemeListSchema, ...protectedErrors } },
    handler: () => commitments.schemes(),
  });

  app.get('/api/commitment-rounds', {
    schema: { tags, summary: 'Các đợt đăng ký việc làm theo', querystring: roundQuerySchema, response: { 200: commitmentRoundListSchema, ...protectedErrors } },
    handler: (request) => commitments.rounds(contextOf(request).principal, request.query.year),
  });

  app.post('/api/commitment-rounds', {
    schema: { tags, summary: 'Mở đợt đăng ký của năm (cấp tỉnh)', body: createRoundSchema, response: { 201: commitmentRoundSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await commitments.createRound(contextOf(request), request.body)),
  });

  app.patch('/api/commitment-rounds/:id', {
    schema: { tags, summary: 'Sửa hạn, chuyên đề, hướng dẫn đánh giá của đợt', params: idParamsSchema, body: updateRoundSchema, response: { 200: commitmentRoundSchema, ...protectedErrors } },
    handler: (request) => commitments.updateRound(contextOf(request), request.params.id, request.body),
  });

  app.get('/api/me/commitment', {
    schema: { tags, summary: 'Bản đăng ký của tôi trong đợt', querystring: myCommitmentQuerySchema, response: { 200: myCommitmentSchema, ...protectedErrors } },
    handler: (request) => commitments.mine(contextOf(request).principal, request.query.year),
  });

  app.get('/api/commitments/register', {
    schema: { tags, summary: 'Sổ đăng ký của chi bộ hoặc tổ chức cơ sở: từng đảng viên', querystring: registerQuerySchema, response: { 200: registerSchema, ...protectedErrors } },
    handler: (request) => reports.register(contextOf(request).principal, request.query.unitId, request.query.roundId),
  });

  app.get('/api/commitments/coverage', {
    schema: { tags, summary: 'Tỷ lệ đăng ký đúng hạn, kiểm điểm, xếp loại theo đơn vị con', querystring: unitRoundQuerySchema, response: { 200: coverageSchema, ...protectedErrors } },
    handler: (request) => reports.coverage(contextOf(request).principal, request.query.unitId, request.query.roundId),
  });

  app.get('/api/commitments/coverage/export', {
    schema: { tags, summary: 'Xuất tỷ lệ đăng ký ra Excel', querystring: unitRoundQuerySchema },
    handler: async (request, reply) => {
      const file = await reports.exportCoverage(contextOf(request).principal, request.query.unitId, request.query.roundId);
      return sendXlsx(reply, file.fileName, file.body);
    },
  });

  app.get('/api/commitments/unregistered', {
    schema: { tags, summary: 'Những người chưa đăng ký', querystring: unregisteredQuerySchema, response: { 200: unregisteredSchema, ...protectedErrors } },
    handler: (request) => reports.unregistered(contextOf(request).principal, request.query),
  });

  app.get('/api/commitments/ranking', {
    schema: { tags, summary: 'Bình xét thi đua: đảng viên và đơn vị con theo kết quả', querystring: unitRoundQuerySchema, response: { 200: rankingSchema, ...protectedErrors } },
    handler: (request) => reports.ranking(contextOf(request).principal, request.query.unitId, request.query.roundId),
  });

  app.get('/api/commitments/ranking/export', {
    schema: { tags, summary: 'Xuất bình xét thi đua ra Excel', querystring: unitRoundQuerySchema },
    handler: async (request, reply) => {
      const file = await reports.exportRanking(contextOf(request).principal, request.query.unitId, request.query.roundId);
      return sendXlsx(reply, file.fileName, file.body);
    },
  });

  app.post('/api/commitments/decisions', {
    schema: { tags, summary: 'Cấp ủy cơ sở quyết định xếp loại (kiểm tra giới hạn tỷ lệ xuất sắc)', body: decisionsSchema, response: { 200: registerSchema, ...protectedErrors } },
    handler: async (request) => {
      const context = contextOf(request);
      await commitments.decide(context, request.body);
      return reports.register(context.principal, request.body.unitId, request.body.roundId);
    },
  });

  app.post('/api/commitments', {
    schema: { tags, summary: 'Viết bản đăng ký (cá nhân hoặc tập thể), lưu nháp', body: createCommitmentSchema, response: { 201: commitmentSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await commitments.create(contextOf(request), request.body)),
  });

  app.get('/api/commitments/:id', {
    schema: { tags, summary: 'Một bản đăng ký: các việc, tiến độ, kiểm điểm', params: idParamsSchema, response: { 200: commitmentSchema, ...protectedErrors } },
    handler: (request) => commitments.get(contextOf(request).principal, request.params.id),
  });

  app.patch('/api/commitments/:id', {
    schema: { tags, summary: 'Sửa các việc của bản nháp hoặc bản bị trả lại', params: idParamsSchema, body: updateCommitmentSchema, response: { 200: commitmentSchema, ...protectedErrors } },
    handler: (request) => commitments.update(contextOf(request), request.params.id, request.body.version, request.body.items),
  });

  for (const action of ['submit', 'accept'] as const) {
    app.post(`/api/commitments/:id/${action}`, {
      schema: { tags, summary: action === 'submit' ? 'Nộp bản đăng ký (khóa nội dung)' : 'Chi bộ chấp nhận bản đăng ký', params: idParamsSchema, body: versionBodySchema, response: { 200: commitmentSchema, ...protectedErrors } },
      handler: (request) => commitments[action](contextOf(request), request.params.id, request.body.version),
    });
  }

  app.post('/api/commitments/:id/return', {
    schema: { tags, summary: 'Chi bộ trả lại bản đăng ký kèm ý kiến', params: idParamsSchema, body: returnCommitmentSchema, response: { 200: commitmentSchema, ...protectedErrors } },
    handler: (request) => commitments.return(contextOf(request), request.params.id, request.body.version, request.body.comment),
  });

  app.post('/api/commitments/:id/checkins', {
    schema: { tags, summary: 'Báo cáo tiến độ một việc (phần trăm, ghi chú, minh chứng)', params: idParamsSchema, body: createCheckinSchema, response: { 201: commitmentSchema, ...protectedErrors } },
    handler: async (request, reply) => reply.status(201).send(await commitments.checkin(contextOf(request), request.params.id, request.body)),
  });

  app.post('/api/commitments/:id/self-review', {
    schema: { tags, summary: 'Tự kiểm điểm cuối năm và tự xếp loại', params: idParamsSchema, body: selfReviewSchema, response: { 200: commitmentSchema, ...protectedErrors } },
    handler: (request) => commitments.selfReview(contextOf(request), request.params.id, request.body),
  });

  app.post('/api/commitments/:id/cell-review', {
    schema: { tags, summary: 'Chi bộ nhận xét và đề nghị mức xếp loại', params: idParamsSchema, body: cellReviewSchema, response: { 200: commitmentSchema, ...protectedErrors } },
    handler: (request) => commitments.cellReview(contextOf(request), request.params.id, request.body),
  });

  app.get('/api/commitments/:id/checkins/:checkinId/evidence', {
    schema: { tags, summary: 'Tải minh chứng của một lần báo cáo tiến độ', params: checkinParamsSchema },
    handler: async (request, reply) => {
      const file = await commitments.evidence(contextOf(request).principal, request.params.id, request.params.checkinId);
      return sendDownload(reply, file.name, file.media_type, file.content);
    },
  });

  app.get('/api/commitments/:id/form', {
    schema: { tags, summary: 'Phiếu đăng ký hoặc bản tự kiểm điểm (Word)', params: idParamsSchema, querystring: formQuerySchema },
    handler: async (request, reply) => {
      const file = await commitments.form(contextOf(request).principal, request.params.id, request.query.form);
      return sendDownload(reply, file.fileName, DOCX, file.body);
    },
  });
}
