import type { FastifyInstance } from 'fastify';
import { Forbidden } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Ant Design writes its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Security headers on every answer, the request id for support, and a same-origin check on writes (CSRF). */
export function registerSecurity(app: FastifyInstance): void {
  // Only JSON bodies: a cross-site HTML form can send text/plain without a preflight.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin ?? request.headers.referer;
    if (!origin) return;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw Forbidden('Yêu cầu không hợp lệ (nguồn gửi không rõ).');
    }
    const host = request.headers['x-forwarded-host'] ?? request.headers.host;
    if (originHost !== host) throw Forbidden('Yêu cầu từ trang web khác bị từ chối.');
  });

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    // A route may send a stricter policy of its own (the public story pages allow their inline style and script by hash).
    if (!request.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    // Only a public API route may choose its own caching (the public stories JSON); everything else is never stored.
    if (request.url.startsWith('/api/') && !(request.routeOptions.config.public === true && reply.hasHeader('cache-control'))) void reply.header('cache-control', 'no-store');
  });
}
