import type { Consumer } from 'kafkajs';
import { testKafka } from './env';
import { uniqueName } from './unique-names';

export interface TopicRecorder<T> {
  /** Every message value read so far (parsed JSON), in partition order. */
  readonly messages: T[];
  stop(): Promise<void>;
}

/** Reads a topic from its beginning in a group of its own, so a test can assert what a service published. */
export async function recordTopic<T = unknown>(topic: string): Promise<TopicRecorder<T>> {
  const kafka = testKafka(uniqueName('recorder'));
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('recorder') });
  const messages: T[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(JSON.parse(message.value?.toString() ?? 'null') as T) });
  return { messages, stop: () => consumer.disconnect() };
}
