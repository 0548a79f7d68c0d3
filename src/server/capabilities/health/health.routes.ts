import { healthSchema } from '../../../shared/schemas/auth';
import { errorResponseSchema } from '../../../shared/schemas/common';
import { type Db, ping } from '../../db/connect';
import { Unavailable } from '../../http/errors';
import type { App } from '../../http/types';

/** A load balancer or monitor must get an answer quickly even when the database hangs instead of refusing. */
const PING_TIMEOUT_MS = 3_000;

export function healthRoutes(app: App, db: Db, database: 'embedded' | 'external'): void {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['Hệ thống'],
      summary: 'Tình trạng máy chủ và cơ sở dữ liệu',
      description: '200 khi cơ sở dữ liệu trả lời; 503 (`unavailable`) khi không kết nối được cơ sở dữ liệu.',
      response: { 200: healthSchema, 503: errorResponseSchema },
    },
    handler: async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          ping(db),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
          }),
        ]);
      } catch {
        throw Unavailable('Cơ sở dữ liệu không phản hồi: máy chủ ứng dụng đang chạy nhưng chưa kết nối được cơ sở dữ liệu.');
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const, database };
    },
  });
}
