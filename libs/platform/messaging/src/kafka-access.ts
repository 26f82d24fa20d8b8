import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry, type Kafka } from 'kafkajs';
import { ALL_TOPICS, EVENT_SERVICES, HakiError, TOPIC_OWNERS, deadLetterTopic, replayTopic, type EventService } from '@haki/contracts';
import { ensureTopics, type TopicNamer } from './kafka';

/** Every topic of one namespace: the events, their dead-letter twins and each service's replay topic. */
export function namespaceTopics(names: TopicNamer): string[] {
  return [
    ...ALL_TOPICS.flatMap((topic) => [names.topic(topic), deadLetterTopic(names.topic(topic))]),
    ...EVENT_SERVICES.map((service) => names.topic(replayTopic(service))),
  ];
}

/**
 * What one service may do on the broker, in one namespace (docs/decisions/0010). Deny by default: the
 * broker allows nothing else. It publishes its own topics only (TOPIC_OWNERS), so another process holding
 * another service's password still cannot forge its events; it reads every event topic (the consumer
 * subscribes to some, the start-up check describes all); it writes dead letters, and reads and writes its
 * own replay topic; it commits offsets for its own consumer group. It creates nothing: the operator does.
 */
export function serviceAcls(service: EventService, names: TopicNamer): AclEntry[] {
  const allow = (resourceType: AclResourceTypes, resourceName: string, operation: AclOperationTypes): AclEntry => ({
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${service}`,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  });
  const topic = (name: string, operation: AclOperationTypes) => allow(AclResourceTypes.TOPIC, name, operation);
  const own = names.topic(replayTopic(service));
  return [
    ...ALL_TOPICS.map((name) => topic(names.topic(name), AclOperationTypes.READ)),
    ...ALL_TOPICS.filter((name) => TOPIC_OWNERS[name] === service).map((name) => topic(names.topic(name), AclOperationTypes.WRITE)),
    ...ALL_TOPICS.map((name) => topic(deadLetterTopic(names.topic(name)), AclOperationTypes.WRITE)),
    topic(own, AclOperationTypes.READ),
    topic(own, AclOperationTypes.WRITE),
    allow(AclResourceTypes.GROUP, names.group(service), AclOperationTypes.READ),
  ];
}

/**
 * The operator's step before the services start in a namespace (`npm run kafka:access`, the test
 * harness): creates its topics and grants each service its ACLs. `kafka` must sign in as the broker's
 * admin. Running it again changes nothing (the broker keeps one copy of an ACL binding).
 */
export async function grantKafkaAccess(
  kafka: Kafka,
  names: TopicNamer,
  services: readonly EventService[] = EVENT_SERVICES,
): Promise<number> {
  await ensureTopics(kafka, namespaceTopics(names));
  const acl = services.flatMap((service) => serviceAcls(service, names));
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl });
    // The broker's authorizer applies new ACLs a moment after the controller accepted them: wait until
    // it shows the last one of each service, so a service started next is not refused.
    const lastOfEach = services.map((service) => acl.findLast((entry) => entry.principal === `User:${service}`)!);
    for (let attempt = 1; ; attempt++) {
      const shown = await Promise.all(lastOfEach.map(async (entry) => (await admin.describeAcls(entry)).resources.length > 0));
      if (shown.every(Boolean)) break;
      if (attempt >= 100) throw new HakiError('EVENT.TOPICS_NOT_READY', 'the broker did not show the new ACLs within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
  return acl.length;
}
