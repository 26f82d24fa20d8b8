import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { loadConfigOrExit, type ServiceConfig } from '@haki/platform-config';
import { CORRELATION_HEADER, withCorrelationId } from '@haki/platform-logging';
import { KafkaEventTransport } from '@haki/platform-messaging';
import { HakiErrorFilter } from './http-errors';
import { ApiDocument } from './api-docs';
import { PlatformModule } from './platform.module';
import { serveMetrics } from './metrics';
import { httpTracing } from './http-tracing';
import { ServiceRuntime } from './service-runtime';
import { queueBoard } from './queue-board';
import { ServiceTokenVerifier } from '@haki/platform-access';

export interface ServiceDefinition {
  name: string;
  /** The service's config schema (serviceConfigSchema extended); validated once, here. */
  configSchema: z.ZodObject;
  /** The service's root module: a plain @Module; the platform's clients are injectable in it. */
  module: Type<unknown>;
  /** Whether the service has @EventPattern handlers to consume. */
  consumesEvents: boolean;
}

@Module({})
class ServiceRootModule {}

/** A service's module with the platform (clients, health endpoints, HTTP logs) around it; tests build the same. */
export function serviceRootModule(runtime: ServiceRuntime, module: Type<unknown>): DynamicModule {
  return { module: ServiceRootModule, imports: [PlatformModule.forRuntime(runtime), module] };
}

/**
 * Starts one Haki service: config, shared clients, HTTP (with correlation ids), the Kafka consumer,
 * and a shutdown sequence that loses nothing on SIGTERM: stop taking HTTP requests and fetching
 * messages, let in-flight handlers finish and commit, drain the outbox, then close the clients.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<INestApplication> {
  const config = loadConfigOrExit(definition.configSchema) as ServiceConfig;
  const runtime = await ServiceRuntime.start(definition.name, config);
  // rawBody: the bytes behind a parsed body, so RequestBodyGuard can refuse invalid UTF-8.
  const app = await NestFactory.create<NestExpressApplication>(serviceRootModule(runtime, definition.module), {
    bufferLogs: true,
    rawBody: true,
  });
  app.disable('x-powered-by');
  app.use(runtime.metrics.httpMiddleware());
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new HakiErrorFilter(runtime.logger));
  app.use((req: IncomingMessage, _res: unknown, next: () => void) =>
    withCorrelationId(req.headers[CORRELATION_HEADER] as string | undefined, next),
  );
  app.use(httpTracing('trusted'));

  const apiPath = `/api/${definition.name.replace('-service', '')}`;
  // bull-board for admins, on the services that run job queues (matching's timers, notification's sends).
  app.use(
    '/queues',
    queueBoard(() => runtime.metrics.watchedQueues, apiPath, app.get(ServiceTokenVerifier)),
  );
  app.get(ApiDocument).build(app, definition.name, `Through the gateway: ${apiPath}/… with the signed-in session.`);

  if (definition.consumesEvents) {
    const transport = new KafkaEventTransport((handlers, dedupedByHandler) => runtime.createConsumer(handlers, dedupedByHandler));
    app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  }
  // HTTP and job workers first: after a crash, joining the consumer group can wait out the dead
  // member's session, and reads and SMS sending should not wait with it (readiness does, until joined).
  await app.listen(config.PORT, config.HOST);
  const metricsServer = config.METRICS_PORT
    ? await serveMetrics(runtime.metrics, config.METRICS_PORT, config.HOST, runtime.logger)
    : undefined;
  if (definition.consumesEvents) await app.startAllMicroservices();
  runtime.logger.info({ port: config.PORT }, `${definition.name} started`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, `${definition.name} shutting down`);
    try {
      await app.close();
      metricsServer?.close();
      await runtime.stop();
      runtime.logger.info(`${definition.name} stopped cleanly`);
      process.exit(0);
    } catch (error) {
      runtime.logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}
