import { healthSchema } from '../../../shared/schemas/auth';
import { errorResponseSchema } from '../../../shared/schemas/common';
import { type Db, ping } from '../../db/connect';
import { Unavailable } from '../../http/errors';
import type { App } from '../../http/types';

export function healthRoutes(app: App, db: Db, database: 'embedded' | 'external'): void {
  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['Hệ thống'], summary: 'Tình trạng máy chủ và cơ sở dữ liệu', response: { 200: healthSchema, 503: errorResponseSchema } },
    handler: async () => {
      try {
        await ping(db);
      } catch {
        throw Unavailable();
      }
      return { status: 'ok' as const, database };
    },
  });
}
