import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import { Redis } from 'ioredis';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { loadConfigOrExit } from '@haki/platform-config';
import { createLogger, startTracing } from '@haki/platform-logging';
import { ApiDocument, connectMongo, HakiErrorFilter, httpTracing, serveMetrics, ServiceMetrics } from '@haki/platform-runtime';
import { seedDemoAccounts } from './accounts/demo-accounts';
import type { AccountDocument } from './accounts/account';
import { Sealer } from '@haki/platform-config';
import { gatewayConfigSchema, type GatewayConfig } from './config';
import { SESSION_COOKIE } from './sessions/session-guard';
import { GatewayModule } from './gateway.module';

/**
 * The only public entry: people sign in here, SMS providers and signed links come in here, and every
 * request goes on to its service with a short-lived signed token. Services listen on loopback (or a
 * private network) and refuse anything without that token.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(gatewayConfigSchema);
  const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const tracing = startTracing('gateway', config);
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  const redis = new Redis(config.REDIS_URL);
  if (config.DEMO_ACCOUNTS_FILE) {
    const sealer = new Sealer(config.ACCOUNT_KEYS, config.ACCOUNT_ACTIVE_KEY_ID, 'ACCOUNT');
    await seedDemoAccounts(config.DEMO_ACCOUNTS_FILE, mongo.collection<AccountDocument>('accounts'), sealer, logger);
  }

  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forClients({ config, mongo, redis, logger }), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  app.disable('x-powered-by');
  // Requests by route pattern (forwarded ones under the forwarding route), on METRICS_PORT, never on the public port.
  const metrics = new ServiceMetrics('gateway');
  app.use(metrics.httpMiddleware());
  app.use(httpTracing('public'));
  if (config.TRUST_PROXY) app.set('trust proxy', config.TRUST_PROXY);
  app.use(helmet());
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS, credentials: true });
  // The gateway's own routes (sign-in, accounts) take small JSON; everything forwarded is read as bytes,
  // up to the limit, and passed on as it came.
  // Answers carry survivors' details and sealed notes opened for the reader: never kept in a browser's
  // or a proxy's cache (a shared phone's disk). The web app's own files set their caching below.
  app.use(
    ['/api', '/auth', '/accounts', '/briefs', '/links'],
    (_request: express.Request, response: express.Response, next: express.NextFunction) => {
      response.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  if (config.WEB_APP_DIR) serveWebApp(app, config.WEB_APP_DIR);
  app.use(['/auth', '/accounts'], express.json({ limit: '16kb' }));
  app.use(forwardedBodies(config));
  app.useGlobalFilters(new HakiErrorFilter(logger));
  app
    .get(ApiDocument)
    .build(app, 'gateway', 'Sign-in, sessions and accounts; every other path is forwarded to a service (see /api/<service>/docs).');
  await app.listen(config.PORT, config.HOST);
  const metricsServer = config.METRICS_PORT ? await serveMetrics(metrics, config.METRICS_PORT, config.HOST, logger) : undefined;
  logger.info({ port: config.PORT }, 'gateway started');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'gateway shutting down');
    await app.close();
    metricsServer?.close();
    await Promise.allSettled([mongo.close(), redis.quit(), tracing.shutdown()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * The staff web app's static files at /app/ (same origin as the API, so the session cookie stays
 * SameSite=Strict and no CORS is needed). File names with a content hash are cached for a year; the
 * page and the service worker are checked on every load, so a new release reaches phones at once.
 */
function serveWebApp(app: NestExpressApplication, dir: string): void {
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) =>
    request.method === 'GET' && request.path === '/' ? response.redirect(302, '/app/') : next(),
  );
  // Compressed on the way out: the script is a third of its size gzipped, which is seconds on 3G.
  app.use(
    '/app',
    compression(),
    express.static(dir, {
      index: 'index.html',
      redirect: true,
      setHeaders: (response, path) => {
        const hashed = /[/\\]assets[/\\]/.test(path);
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
}

/** An evidence file upload: the one forwarded body allowed to be large. */
const EVIDENCE_UPLOAD = /^\/api\/case\/cases\/[^/]+\/evidence\/[^/]+\/content$/;

/**
 * Reads forwarded bodies as bytes, up to MAX_BODY_BYTES; an evidence file up to MAX_UPLOAD_BYTES, and
 * only from a caller holding a session cookie, so nobody unsigned-in can make the gateway hold 16 MB
 * (the session itself is checked before anything is forwarded).
 */
function forwardedBodies(config: GatewayConfig): express.RequestHandler {
  const small = express.raw({ type: () => true, limit: config.MAX_BODY_BYTES });
  const large = express.raw({ type: () => true, limit: config.MAX_UPLOAD_BYTES });
  return (request, response, next) => {
    if (request.method !== 'PUT' || !EVIDENCE_UPLOAD.test(request.path)) return small(request, response, next);
    if (!request.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return small(request, response, next);
    return large(request, response, next);
  };
}

void main();
