import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AuditLog } from './audit/audit-log';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditLogController } from './audit/audit-log.controller';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { EventFactory } from '@haki/contracts';
import {
  acceptedCorrelationId,
  CORRELATION_HEADER,
  currentCorrelationId,
  currentTraceparent,
  httpLogSerializers,
} from '@haki/platform-logging';
import { DeadLettersController } from './dead-letters';
import { HealthController } from './health';
import { SystemHealthController } from './system-health';
import { ApiDocsController, ApiDocument } from './api-docs';
import type { ServiceRuntime } from './service-runtime';
import { HEALTH_CHECKS, KAFKA, LIVENESS_CHECKS, LOGGER, MONGO, SERVICE_CONFIG, SERVICE_RUNTIME } from './tokens';
import { EventPublisher, ProcessedEventStore } from '@haki/platform-messaging';
import { FaultInjector } from './fault-injector';
import { RequestBodyGuard } from './request-body.guard';
import { AccessGuard, ServiceTokenVerifier } from '@haki/platform-access';

/** The HTTP routes every service has besides its own (the authorization matrix walks them too). */
export const PLATFORM_CONTROLLERS = [
  HealthController,
  DeadLettersController,
  SystemHealthController,
  AuditLogController,
  ApiDocsController,
];

/**
 * Makes a ServiceRuntime's clients and event factory injectable everywhere in a service, plus health
 * endpoints, HTTP logs and the guards every route passes (access rules, then body checks).
 */
@Global()
@Module({})
export class PlatformModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        DiscoveryModule,
        LoggerModule.forRoot({
          pinoHttp: {
            logger: runtime.logger,
            genReqId: (req) => acceptedCorrelationId(req.headers[CORRELATION_HEADER]) ?? currentCorrelationId() ?? randomUUID(),
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
            serializers: httpLogSerializers,
          },
        }),
      ],
      controllers: PLATFORM_CONTROLLERS,
      providers: [
        { provide: LOGGER, useValue: runtime.logger },
        { provide: MONGO, useValue: runtime.mongo },
        { provide: KAFKA, useValue: runtime.kafka },
        { provide: SERVICE_CONFIG, useValue: runtime.config },
        { provide: HEALTH_CHECKS, useValue: runtime.healthChecks },
        { provide: LIVENESS_CHECKS, useValue: runtime.livenessChecks },
        { provide: EventPublisher, useValue: runtime.publisher },
        { provide: ProcessedEventStore, useValue: runtime.processed },
        { provide: FaultInjector, useValue: runtime.faults },
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: EventFactory, useValue: new EventFactory(runtime.service, currentTraceparent) },
        { provide: ServiceTokenVerifier, useValue: new ServiceTokenVerifier(runtime.config.SERVICE_TOKEN_VERIFY_KEYS, runtime.service) },
        // Who is calling first (401/403 before anything about the body), then what they sent.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: RequestBodyGuard },
        { provide: AuditLog, useValue: runtime.audit },
        ApiDocument,
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
      exports: [
        LOGGER,
        MONGO,
        KAFKA,
        SERVICE_CONFIG,
        HEALTH_CHECKS,
        EventPublisher,
        ProcessedEventStore,
        FaultInjector,
        SERVICE_RUNTIME,
        EventFactory,
        AuditLog,
      ],
    };
  }
}
