import type { Admin } from 'kafkajs';
import type { Topic } from '@haki/contracts';
import type { TopicNamer } from './kafka';

/**
 * Messages on each topic that a consumer group has not committed yet, summed over partitions: what a
 * surge piles up before matching gets to it. A partition the group never committed counts from its
 * oldest kept message. Two admin requests per topic: read when Prometheus scrapes, not on a timer.
 */
export async function consumerLag(admin: Admin, names: TopicNamer, groupId: string, topics: readonly Topic[]): Promise<Map<Topic, number>> {
  const byName = new Map(topics.map((topic) => [names.topic(topic), topic]));
  const committed = await admin.fetchOffsets({ groupId: names.group(groupId), topics: [...byName.keys()] });
  const lag = new Map<Topic, number>();
  for (const { topic, partitions } of committed) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, { low: Number(p.low), high: Number(p.high) }]));
    let behind = 0;
    for (const { partition, offset } of partitions) {
      const end = ends.get(partition);
      if (!end) continue;
      const next = Number(offset) < 0 ? end.low : Number(offset);
      behind += Math.max(0, end.high - next);
    }
    lag.set(byName.get(topic)!, behind);
  }
  return lag;
}
