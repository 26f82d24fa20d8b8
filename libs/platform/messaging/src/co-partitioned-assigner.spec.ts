import { AssignerProtocol, type Cluster } from 'kafkajs';
import { CoPartitionedAssigner } from './co-partitioned-assigner';

const cluster = {
  findTopicPartitionMetadata: () => [{ partitionId: 0 }, { partitionId: 1 }, { partitionId: 2 }],
} as unknown as Cluster;

describe('CoPartitionedAssigner', () => {
  it('gives partition p of every topic to the same member, and every partition to someone', async () => {
    const assigner = CoPartitionedAssigner({ cluster, groupId: 'g', logger: console as never });
    const topics = ['referral.submitted.v1', 'assignment.responded.v1', 'referral.timer-due.v1'];
    const members = [{ memberId: 'b' }, { memberId: 'a' }].map((m) => ({ ...m, memberMetadata: Buffer.alloc(0) }));
    const result = await assigner.assign({ members, topics });
    const owners = new Map<string, string>();
    for (const { memberId, memberAssignment } of result) {
      const decoded = AssignerProtocol.MemberAssignment.decode(memberAssignment)!;
      for (const [topic, partitions] of Object.entries(decoded.assignment)) {
        for (const partition of partitions) owners.set(`${topic}/${partition}`, memberId);
      }
    }
    expect(owners.size).toBe(9);
    for (const partition of [0, 1, 2]) {
      expect(new Set(topics.map((topic) => owners.get(`${topic}/${partition}`))).size).toBe(1);
    }
    expect(new Set(owners.values())).toEqual(new Set(['a', 'b']));
  });
});
