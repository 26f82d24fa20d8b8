import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { TestInfrastructure } from './infrastructure';

/** A topic of a test namespace: `<name>_<base-36 ms>_<6 hex>.` (uniqueName), then the topic's own name. */
const TEST_TOPIC = /^[a-z0-9-]+_([0-9a-z]{8,9})_[0-9a-f]{6}\./;

/** Another test run may still be using topics younger than this (two runs side by side). */
const IN_USE_FOR_MS = 15 * 60_000;

/**
 * Deletes the topics earlier test runs left on the local broker. Every test works in a namespace of its
 * own, and every topic has three partitions and a dead-letter twin, so a few runs leave tens of thousands
 * of partition files: past the open-files limit (20,000 here, and not raisable without privileges the
 * broker lacks) the broker stops accepting connections. Returns how many were deleted.
 */
export async function deleteStaleTestTopics(infra: TestInfrastructure, now = Date.now()): Promise<number> {
  // Signed in as the operator, built here: the global setup runs before the path aliases env.ts needs resolve.
  const password = readFileSync(join(infra.kafkaCredentialsDir, 'admin.password'), 'utf8').trim();
  const sasl = { mechanism: 'scram-sha-512' as const, username: 'admin', password };
  const kafka = new Kafka({ clientId: 'stale-topics', brokers: infra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING, sasl });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const stale = (await admin.listTopics()).filter((topic) => {
      const created = TEST_TOPIC.exec(topic)?.[1];
      return created !== undefined && now - parseInt(created, 36) > IN_USE_FOR_MS;
    });
    for (let first = 0; first < stale.length; first += 200) {
      await admin.deleteTopics({ topics: stale.slice(first, first + 200), timeout: 60_000 });
    }
    return stale.length;
  } finally {
    await admin.disconnect();
  }
}
