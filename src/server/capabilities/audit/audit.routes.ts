import { auditListSchema, auditQuerySchema } from '../../../shared/schemas/audit';
import { contextOf } from '../../http/sessions';
import { type App, protectedErrors } from '../../http/types';
import type { AuditService } from './audit.service';

export function auditRoutes(app: App, audit: AuditService): void {
  app.get('/api/audit', {
    schema: { tags: ['Nhật ký'], summary: 'Nhật ký thay đổi trong phạm vi (cán bộ cấp tỉnh)', querystring: auditQuerySchema, response: { 200: auditListSchema, ...protectedErrors } },
    handler: (request) => audit.list(contextOf(request).principal, request.query),
  });
}
