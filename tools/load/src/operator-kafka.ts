import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurity } from '@haki/platform-messaging';

/**
 * A kafkajs client signed in as the broker's admin (the operator): the load tools read every topic of the
 * stack. KAFKA_BROKERS and KAFKA_CREDENTIALS_DIR come from deploy/local/infra.sh (the scripts set them).
 */
export function operatorKafka(clientId: string): Kafka {
  const dir = process.env['KAFKA_CREDENTIALS_DIR'];
  if (!dir) throw new Error('KAFKA_CREDENTIALS_DIR is not set: run through npm run load / bench:sms');
  const password = readFileSync(join(dir, 'admin.password'), 'utf8').trim();
  return new Kafka({
    clientId,
    brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
    ...kafkaSecurity({ username: 'admin', password }),
  });
}
