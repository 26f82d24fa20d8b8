import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/**
 * Gives partition p of every subscribed topic to the same group member. Producers key every event by
 * its aggregate (the referral id) and all topics have the same partition count, so one aggregate's
 * events on different topics (its submission, answers, due timers) land on the same partition number,
 * hence on one member: with per-aggregate serialisation inside the member, an aggregate has one writer
 * even with several instances (docs/decisions/0004). Kafka's default round-robin assignment would split
 * partition p of two topics between two members.
 */
export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'HakiCoPartitionedAssigner',
  version: 0,

  async assign({ members, topics }) {
    const memberIds = members.map(({ memberId }) => memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(memberIds.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const owned = assignment.get(memberIds[partitionId % memberIds.length]!)!;
        (owned[topic] ??= []).push(partitionId);
      }
    }
    return memberIds.map((memberId) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: this.version,
        assignment: assignment.get(memberId)!,
        userData: Buffer.alloc(0),
      }),
    }));
  },

  protocol({ topics }) {
    return {
      name: this.name,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: this.version, topics, userData: Buffer.alloc(0) }),
    };
  },
});
