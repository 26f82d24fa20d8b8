import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Connection, Model } from 'mongoose';
import type { RedisConfig } from '@haki/platform-config';
import type { OutboxModel } from '@haki/platform-messaging';
import { createRedis } from './redis';
import type { ServiceRuntime } from './service-runtime';
import { MONGO, SERVICE_CONFIG, SERVICE_RUNTIME } from './tokens';

/**
 * The providers every service declares the same way (docs/service-recipe.md). Each returns a Nest
 * provider for a token from the service's `<service>.tokens.ts`.
 */

/** A model on the service's own database; `factory` is the model file's, which builds its indexes. */
export function modelProvider<T>(token: symbol, factory: (connection: Connection) => Promise<Model<T>>): Provider {
  return { provide: token, inject: [MONGO], useFactory: factory };
}

/** The outbox relay that publishes the pending events of the models behind these tokens. */
export function outboxProvider(token: symbol, modelTokens: symbol[]): Provider {
  return {
    provide: token,
    inject: [SERVICE_RUNTIME, ...modelTokens],
    useFactory: (runtime: ServiceRuntime, ...models: OutboxModel[]) => runtime.createOutboxRelay(models),
  };
}

/** A Redis connection (REDIS_URL) that closes after the workers and queues using it have stopped. */
export function redisProvider(token: symbol): Provider {
  return {
    provide: token,
    inject: [SERVICE_CONFIG, SERVICE_RUNTIME],
    useFactory: (config: RedisConfig, runtime: ServiceRuntime): Redis => {
      const connection = createRedis(config.REDIS_URL);
      // Registered before its users' stoppers, so it runs after them (stoppers run newest first).
      runtime.onStop(() => connection.quit());
      return connection;
    },
  };
}
