import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountsRoutes } from './capabilities/accounts/accounts.routes';
import { accountsService } from './capabilities/accounts/accounts.service';
import { auditRoutes } from './capabilities/audit/audit.routes';
import { auditService } from './capabilities/audit/audit.service';
import { authRoutes } from './capabilities/auth/auth.routes';
import { authService } from './capabilities/auth/auth.service';
import { cascadeRoutes } from './capabilities/cascade/cascade.routes';
import { cascadeService } from './capabilities/cascade/cascade.service';
import { commitmentReportsService } from './capabilities/commitments/commitment-reports.service';
import { commitmentsRoutes } from './capabilities/commitments/commitments.routes';
import { commitmentsService } from './capabilities/commitments/commitments.service';
import { dashboardRoutes } from './capabilities/dashboard/dashboard.routes';
import { dashboardService } from './capabilities/dashboard/dashboard.service';
import { dashboardFigures } from './capabilities/reports/report-figures';
import { reportsRoutes } from './capabilities/reports/reports.routes';
import { reportsService } from './capabilities/reports/reports.service';
import { meetingsRoutes } from './capabilities/meetings/meetings.routes';
import { exemplarsRoutes } from './capabilities/exemplars/exemplars.routes';
import { exemplarsService } from './capabilities/exemplars/exemplars.service';
import { oversightRoutes } from './capabilities/oversight/oversight.routes';
import { oversightService } from './capabilities/oversight/oversight.service';
import { pilotsRoutes } from './capabilities/pilots/pilots.routes';
import { publicStoriesRoutes } from './capabilities/public-stories/public-stories.routes';
import { publicStoriesService } from './capabilities/public-stories/public-stories.service';
import { pilotsService } from './capabilities/pilots/pilots.service';
import { standardsRoutes } from './capabilities/standards/standards.routes';
import { standardsService } from './capabilities/standards/standards.service';
import { meetingsService } from './capabilities/meetings/meetings.service';
import { studyTopicsRoutes } from './capabilities/study-topics/study-topics.routes';
import { studyTopicsService } from './capabilities/study-topics/study-topics.service';
import { campaignsRoutes } from './capabilities/campaigns/campaigns.routes';
import { campaignsService } from './capabilities/campaigns/campaigns.service';
import { conferencesRoutes } from './capabilities/conferences/conferences.routes';
import { conferencesService } from './capabilities/conferences/conferences.service';
import { documentsRoutes } from './capabilities/documents/documents.routes';
import { documentsService } from './capabilities/documents/documents.service';
import { filesRoutes } from './capabilities/files/files.routes';
import { filesService } from './capabilities/files/files.service';
import { helperUnitsRoutes } from './capabilities/helper-units/helper-units.routes';
import { helperUnitsService } from './capabilities/helper-units/helper-units.service';
import { healthRoutes } from './capabilities/health/health.routes';
import { membersRoutes } from './capabilities/members/members.routes';
import { membersService } from './capabilities/members/members.service';
import { memberImportsService } from './capabilities/members/member-imports.service';
import { unitsRoutes } from './capabilities/units/units.routes';
import { unitsService } from './capabilities/units/units.service';
import { urgingRoutes } from './capabilities/urging/urging.routes';
import { urgingService } from './capabilities/urging/urging.service';
import type { JobQueue } from './jobs/queue';
import type { Db } from './db/connect';
import { type DbScope, newDbScope, runInDbScope } from './db/pool-guard';
import { type Clock, systemClock } from './http/clock';
import { frameworkErrorHandler, registerErrorHandler } from './http/error-handler';
import { Unavailable } from './http/errors';
import { registerSecurity } from './http/security';
import { registerSessions } from './http/sessions';
import type { App } from './http/types';

export interface AppDeps {
  db: Db;
  database: 'embedded' | 'external';
  sessionHours?: number;
  cookieSecure?: boolean;
  /** Built web client to serve; omitted in API tests. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Defaults to the system clock; tests inject one they can move. */
  clock?: Clock;
  /** Urging (issue #11): whether SMTP is configured, and the job queue that sends e-mail (none in API tests). */
  urging?: { emailEnabled: boolean; jobs: JobQueue | null };
}

export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route, for the scope test that must visit all of them. */
    apiRoutes: RouteInfo[];
  }
}

/** The one composition root: wires every capability by hand. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: () => randomUUID(),
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorHandler,
    // While draining for shutdown, our own hook answers 503 in the usual shape (Fastify's default is English).
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Each request runs in its own pool-guard scope (a transaction must not ask for a second connection,
  // issue #10; src/server/db/pool-guard.ts). Entered again at preValidation, as @fastify/request-context
  // does: body parsing may resume the request from the socket's context instead of the hook's.
  const dbScopes = new WeakMap<object, DbScope>();
  app.addHook('onRequest', (request, _reply, done) => {
    const scope = newDbScope(request.log);
    dbScopes.set(request, scope);
    runInDbScope(scope, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const scope = dbScopes.get(request);
    if (scope) runInDbScope(scope, done);
    else done();
  });
  app.addHook('onRequest', async () => {
    if (closing) throw Unavailable('Máy chủ đang tạm dừng để khởi động lại. Vui lòng thử lại sau ít phút.');
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const apiRoutes: RouteInfo[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      apiRoutes.push({ method, url: route.url, public: route.config?.public === true });
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Lamtheo API', description: 'Học tập và làm theo tấm gương đạo đức Hồ Chí Minh', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lamtheo_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerSecurity(app);
  registerErrorHandler(app);
  const sessionOptions = { sessionHours: deps.sessionHours ?? 12, cookieSecure: deps.cookieSecure ?? false };
  registerSessions(app, deps.db, sessionOptions);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());

  const clock = deps.clock ?? systemClock;
  healthRoutes(app, deps.db, deps.database);
  authRoutes(app, authService(deps.db, sessionOptions));
  unitsRoutes(app, unitsService(deps.db));
  accountsRoutes(app, accountsService(deps.db));
  auditRoutes(app, auditService(deps.db));
  const memberImports = memberImportsService(deps.db);
  app.addHook('onClose', () => memberImports.settle());
  membersRoutes(app, membersService(deps.db), memberImports);
  const files = filesService(deps.db);
  filesRoutes(app, files);
  conferencesRoutes(app, conferencesService(deps.db, files));
  helperUnitsRoutes(app, helperUnitsService(deps.db));
  campaignsRoutes(app, campaignsService(deps.db));
  const documents = documentsService(deps.db, files);
  documentsRoutes(app, documents);
  cascadeRoutes(app, cascadeService(deps.db, documents));
  const studyTopics = studyTopicsService(deps.db, files, documents);
  studyTopicsRoutes(app, studyTopics);
  meetingsRoutes(app, meetingsService(deps.db, files, studyTopics));
  commitmentsRoutes(app, commitmentsService(deps.db, files), commitmentReportsService(deps.db));
  standardsRoutes(app, standardsService(deps.db));
  pilotsRoutes(app, pilotsService(deps.db, files));
  exemplarsRoutes(app, exemplarsService(deps.db, files, clock));
  oversightRoutes(app, oversightService(deps.db, files, documents, clock));
  dashboardRoutes(app, dashboardService(deps.db, clock));
  reportsRoutes(app, reportsService(deps.db, dashboardFigures(deps.db, clock), clock));

  urgingRoutes(app, urgingService(deps.db, clock, { emailEnabled: deps.urging?.emailEnabled ?? false, jobs: deps.urging?.jobs ?? null, log: app.log }));

  // The public page of exemplary stories (no login); registered before the web client's catch-all.
  publicStoriesRoutes(app, publicStoriesService(deps.db));

  if (deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) {
    const webDir = deps.webDir;
    // Each built file gets its own route (wildcard: false); every other path is a client-side route.
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h' });
    app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: 'Không tìm thấy địa chỉ yêu cầu.', requestId: request.id });
      // Client-side routes: the single page app decides.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  await app.ready();
  return app;
}
