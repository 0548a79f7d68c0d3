import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_STORIES_PATH, publicStoryPath } from '../../../shared/domain/public-stories';
import { errorResponseSchema } from '../../../shared/schemas/common';
import { type PublicStoriesQuery, publicStoriesQuerySchema, publicStoryListSchema } from '../../../shared/schemas/public-stories';
import type { App } from '../../http/types';
import { PUBLIC_PAGE_CSP, renderListPage, renderNotFoundPage, renderStoryPage } from './public-stories.html';
import type { PublicStoriesService } from './public-stories.service';

const PAGE_CACHE = 'public, max-age=60';
const PHOTO_CACHE = 'public, max-age=604800';
const ID = /^[1-9]\d{0,14}$/u;

/** Absolute origin of this request, for og:url, canonical links and share addresses. */
function originOf(request: FastifyRequest): string {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = request.protocol === 'https' || forwarded === 'https' ? 'https' : 'http';
  const host = request.host;
  return /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/iu.test(host) ? `${proto}://${host}` : `${proto}://localhost`;
}

function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
}

function sendHtml(request: FastifyRequest, reply: FastifyReply, status: number, html: string): FastifyReply {
  void reply.header('content-type', 'text/html; charset=utf-8').header('content-security-policy', PUBLIC_PAGE_CSP);
  if (status !== 200) return reply.header('cache-control', 'no-cache').status(status).send(html);
  const etag = `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 32)}"`;
  void reply.header('cache-control', PAGE_CACHE).header('etag', etag);
  if (notModified(request, etag)) return reply.status(304).send();
  return reply.status(200).send(html);
}

/** ?nam=2012&don-vi=12; anything unreadable is ignored (a public page never answers 400). */
function listFilter(query: Record<string, unknown>): PublicStoriesQuery {
  const filter: PublicStoriesQuery = {};
  const year = typeof query.nam === 'string' ? query.nam.trim() : '';
  if (/^\d{4}$/u.test(year) && Number(year) >= 1945 && Number(year) <= 2100) filter.year = Number(year);
  const unit = typeof query['don-vi'] === 'string' ? query['don-vi'].trim() : '';
  if (ID.test(unit)) filter.unitId = Number(unit);
  return filter;
}

/** The public page of exemplary stories (no login) and its JSON twin. */
export function publicStoriesRoutes(app: App, stories: PublicStoriesService): void {
  const page = { config: { public: true }, schema: { hide: true } } as const;

  app.get<{ Querystring: Record<string, unknown> }>(PUBLIC_STORIES_PATH, page, async (request, reply) => {
    const filter = listFilter(request.query);
    const data = await stories.page(filter);
    return sendHtml(request, reply, 200, renderListPage({ origin: originOf(request), filter, ...data }));
  });

  app.get<{ Params: { fileId: string }; Querystring: Record<string, unknown> }>(`${PUBLIC_STORIES_PATH}/anh/:fileId`, page, async (request, reply) => {
    const image = ID.test(request.params.fileId) ? await stories.photo(Number(request.params.fileId), request.query.co === 'nho') : null;
    if (!image) return sendHtml(request, reply, 404, renderNotFoundPage());
    void reply.header('content-type', image.mediaType).header('cache-control', PHOTO_CACHE).header('etag', image.etag).header('content-disposition', 'inline');
    if (notModified(request, image.etag)) return reply.status(304).send();
    return reply.send(image.body);
  });

  app.get<{ Params: { idSlug: string } }>(`${PUBLIC_STORIES_PATH}/:idSlug`, page, async (request, reply) => {
    if (!request.params.idSlug) return reply.redirect(PUBLIC_STORIES_PATH, 301);
    const match = /^([1-9]\d{0,14})(?:-(.*))?$/u.exec(request.params.idSlug);
    const story = match ? await stories.story(Number(match[1])) : null;
    if (!story) return sendHtml(request, reply, 404, renderNotFoundPage());
    const canonical = publicStoryPath(story.id, story.title);
    if (request.url.split('?')[0] !== canonical) return reply.header('cache-control', PAGE_CACHE).redirect(canonical, 301);
    return sendHtml(request, reply, 200, renderStoryPage(originOf(request), story));
  });

  app.get('/api/public/stories', {
    config: { public: true },
    schema: {
      tags: ['Trang công khai'],
      summary: 'Những câu chuyện điển hình đã công khai (không cần đăng nhập)',
      security: [],
      querystring: publicStoriesQuerySchema,
      response: { 200: publicStoryListSchema, 400: errorResponseSchema },
    },
    handler: async (request, reply) => {
      const list = await stories.list(request.query);
      void reply.header('cache-control', PAGE_CACHE);
      return list;
    },
  });
}
