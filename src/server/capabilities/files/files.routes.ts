import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../../shared/domain/files';
import { storedFileSchema, uploadFileQuerySchema } from '../../../shared/schemas/files';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { FilesService } from './files.service';

export function filesRoutes(app: App, files: FilesService): void {
  // The declared type is not trusted (the content is sniffed), so any of these is read as bytes.
  app.addContentTypeParser(['application/octet-stream', ...Object.keys(ATTACHMENT_TYPES)], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.post('/api/files', {
    bodyLimit: ATTACHMENT_MAX_BYTES,
    schema: {
      tags: ['Tệp đính kèm'],
      summary: 'Tải lên một tệp (PDF, DOCX, PNG, JPEG; tối đa 20 MB) cho đơn vị; tên tệp trong tiêu đề X-File-Name',
      consumes: ['application/octet-stream'],
      querystring: uploadFileQuerySchema,
      response: { 201: storedFileSchema, ...protectedErrors },
    },
    handler: async (request, reply) => {
      const name = request.headers['x-file-name'];
      const stored = await files.upload(contextOf(request), request.query.unitId, Array.isArray(name) ? name[0] : name, request.body);
      return reply.status(201).send(stored);
    },
  });
}
