// The operator's step before the services start (npm start, the compose file): makes a namespace's topics
// and grants each service its broker ACLs (docs/decisions/0010). Signs in as the broker's admin:
//   KAFKA_BROKERS=… KAFKA_USERNAME=admin KAFKA_PASSWORD_FILE=… [KAFKA_TOPIC_PREFIX=…] npm run kafka:access
// Running it again changes nothing.
import { z } from 'zod';
import { env, loadConfigOrExit, serviceConfigSchema } from '@haki/platform-config';
import { createLogger } from '@haki/platform-logging';
import { TopicNamer, createKafka, grantKafkaAccess } from '@haki/platform-messaging';
import { kafkaCredentials } from '@haki/platform-runtime';

const schema = serviceConfigSchema
  .pick({
    KAFKA_TOPIC_PREFIX: true,
    KAFKA_USERNAME: true,
    KAFKA_PASSWORD: true,
    KAFKA_SASL_MECHANISM: true,
    KAFKA_TLS: true,
    KAFKA_TLS_CA: true,
  })
  .extend({ KAFKA_BROKERS: env.list(), LOG_LEVEL: z.enum(['info', 'warn', 'error']).default('info') });

async function main(): Promise<void> {
  const config = loadConfigOrExit(schema);
  const logger = createLogger({ service: 'kafka-access', level: config.LOG_LEVEL });
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: 'kafka-access',
    logger,
    credentials: kafkaCredentials(config),
  });
  const names = new TopicNamer(config.KAFKA_TOPIC_PREFIX);
  const acls = await grantKafkaAccess(kafka, names);
  logger.info({ prefix: config.KAFKA_TOPIC_PREFIX, acls }, 'topics made and service ACLs granted');
}

main().catch((error: unknown) => {
  process.stderr.write(`kafka:access failed: ${(error as Error).message}\n`);
  process.exit(1);
});
