import { type INestApplication } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { type Request } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { API_KEY_SECURITY, PUBLIC_API_TAG } from './api-keys/api-key-scope.decorator';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './admin/queues/queue-dashboard';
import { extractAdminToken } from './admin/auth/admin-auth.guard';
import { AdminSessionService } from './admin/auth/admin-session.service';
import { extractToken } from './auth/jwt.strategy';
import { SessionService } from './auth/session.service';
import { APP_CONFIG, type AppConfig } from './common/config/app-config';
import { HttpMetrics } from './metrics/http-metrics';
import { apiDocsGate } from './common/http/api-docs-gate';
import { RedisIoAdapter } from './realtime/redis-io.adapter';
import { tenantScopeMiddleware } from './common/tenant-context/tenant-scope.middleware';

/** Longer than nginx's upstream keepalive_timeout (60 s), so nginx never reuses a connection Node is closing. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Room for a 100 MB upload over a slow link: nginx streams it through as it arrives (docs/adr/0176). */
export const REQUEST_TIMEOUT_MS = 15 * 60_000;

/** Everything main.ts does to the app besides listening, so the tests run the same stack. */
export function setupApp(app: NestExpressApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.set(
    'trust proxy',
    config.TRUST_PROXY.split(',').map((s) => s.trim()),
  );
  app.disable('x-powered-by');
  // First, so that every answer is timed, the ones refused before reaching a route included.
  app.use(app.get(HttpMetrics).handler);
  const https = config.API_URL.startsWith('https:');
  // Over plain http (local development) upgrading requests or pinning HTTPS would break /docs.
  const upgradeInsecureRequests = https ? [] : null;
  app.use(
    helmet({
      crossOriginResourcePolicy: { policy: 'same-site' },
      // JSON needs no sources at all; /docs (Swagger UI's own scripts and styles) sets its own policy below.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      strictTransportSecurity: https,
    }),
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: 'text/csv', limit: '5mb' });
  // After the body parsers, whose stream callbacks would run outside it (docs/adr/0204).
  app.use(tenantScopeMiddleware);
  // bull-board is an Express app of its own: it authenticates super admins and sets its own CSP (queue-dashboard.ts).
  app.use(QUEUE_DASHBOARD_PATH, app.get(QueueDashboard).handler);
  app.enableCors({
    origin: [new URL(config.APP_URL).origin, new URL(config.ADMIN_URL).origin],
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
  });
  app.enableShutdownHooks();
  // Set explicitly, not left to Node's defaults (5 s keep-alive), since nginx's timeouts are chosen against them.
  const server = app.getHttpServer();
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  app.useWebSocketAdapter(new RedisIoAdapter(app, config));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Aerostic API')
      .setDescription('Multi-tenant WhatsApp Business platform. Errors are { statusCode, error, message }.')
      .setVersion('1')
      .addBearerAuth()
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key, `aer_live_<prefix>_<secret>`, made by a workspace admin',
        },
        API_KEY_SECURITY,
      )
      .addTag(
        PUBLIC_API_TAG,
        'What API keys can call: send a message, list and read conversations and messages, manage contacts. Each ' +
          'route needs a scope (read, send or contacts); any other route answers 403 to a key, a revoked key 401, ' +
          'and over the per-key limit per minute 429 with Retry-After.',
      )
      .addCookieAuth('auth_token')
      .build(),
  );
  const sessions = app.get(SessionService);
  const adminSessions = app.get(AdminSessionService);
  const signedIn = async (req: Request): Promise<boolean> => {
    const results = await Promise.allSettled([
      sessions.authenticate(extractToken(req)),
      adminSessions.authenticate(extractAdminToken(req)),
    ]);
    return results.some((result) => result.status === 'fulfilled');
  };
  const docsCsp = helmet.contentSecurityPolicy({ directives: { upgradeInsecureRequests } });
  // '/docs' also covers Swagger UI's assets; '/docs-json' and '/docs-yaml' are the document itself.
  for (const path of ['/docs', '/docs-json', '/docs-yaml']) {
    app.use(path, apiDocsGate(config.NODE_ENV === 'production', signedIn), docsCsp);
  }
  SwaggerModule.setup('docs', app, cleanupOpenApiDoc(document));
  return app;
}
