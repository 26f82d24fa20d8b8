import type { EventEnvelope, Topic } from '@haki/contracts';
import { loadConfig } from '@haki/platform-config';
import { createServiceContext, type ServiceContext } from '@haki/platform-runtime';
import { recordTopic, testServiceEnv, type TopicRecorder } from '@haki/testing';
import { MatchingModule } from '../app.module';
import { matchingConfigSchema } from '../config';

/**
 * A matching service (demo roster, no HTTP or Kafka consumption) for each test of the describe block it is
 * called in, on the real servers; after each test its topic recorders stop and its database is dropped.
 * Call it before the block's own beforeEach, which then finds `service()` ready.
 */
export function useMatchingService(env: Record<string, string> = {}) {
  let service: ServiceContext | undefined;
  const recorders: TopicRecorder<unknown>[] = [];

  beforeEach(async () => {
    const config = loadConfig(matchingConfigSchema, testServiceEnv('matching', { SEED_DEMO_ROSTER: 'true', ...env }));
    service = await createServiceContext('matching-service', config, MatchingModule);
  });

  afterEach(async () => {
    await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
    await service?.runtime.mongo.dropDatabase();
    await service?.close();
  });

  return {
    service: (): ServiceContext => service!,
    /** Everything published on `topic` from now until the test ends. */
    record: async <T extends Topic>(topic: T): Promise<TopicRecorder<EventEnvelope<T>>> => {
      const recorder = await recordTopic<EventEnvelope<T>>(service!.runtime.names.topic(topic));
      recorders.push(recorder);
      return recorder;
    },
  };
}
