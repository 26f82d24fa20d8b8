import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, Type } from '@nestjs/common';
import type { ServiceConfig } from '@haki/platform-config';
import { serviceRootModule } from './bootstrap';
import { ServiceRuntime } from './service-runtime';

export interface ServiceContext {
  app: INestApplicationContext;
  runtime: ServiceRuntime;
  /** Closes the module (workers first), then drains the outbox and closes the clients, as a shutdown does. */
  close(): Promise<void>;
}

/**
 * A service wired exactly as `bootstrapService` wires it (same root module, real clients, outbox
 * relays, seeders), but without HTTP or Kafka consumption: for integration tests that drive a use
 * case directly, and for scripts.
 */
export async function createServiceContext(name: string, config: ServiceConfig, module: Type<unknown>): Promise<ServiceContext> {
  const runtime = await ServiceRuntime.start(name, config);
  const app = await NestFactory.createApplicationContext(serviceRootModule(runtime, module), { logger: false });
  return {
    app,
    runtime,
    close: async () => {
      await app.close();
      await runtime.stop();
    },
  };
}
