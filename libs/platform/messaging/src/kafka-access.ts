import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Admin,
  type Kafka,
} from 'kafkajs';
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
 * admin. It also removes any other grant these services hold on this namespace's topics and groups (an
 * ownership that moved, a hand-made exception), so the broker allows exactly what `serviceAcls` says.
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
    const stale = await staleAcls(admin, names, services, acl);
    if (stale.length) await admin.deleteAcls({ filters: stale });
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

const aclKey = (entry: AclEntry): string =>
  [
    entry.principal,
    entry.resourceType,
    entry.resourceName,
    entry.resourcePatternType,
    entry.operation,
    entry.permissionType,
    entry.host,
  ].join('|');

/** The services' grants on this namespace's topics and groups that `serviceAcls` does not give. */
async function staleAcls(admin: Admin, names: TopicNamer, services: readonly EventService[], wanted: AclEntry[]): Promise<AclEntry[]> {
  const keep = new Set(wanted.map(aclKey));
  const namespace = new Set([...namespaceTopics(names), ...EVENT_SERVICES.map((service) => names.group(service))]);
  const stale: AclEntry[] = [];
  for (const service of services) {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      principal: `User:${service}`,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    for (const { acls, ...resource } of resources) {
      if (!namespace.has(resource.resourceName)) continue;
      stale.push(...acls.map((granted) => ({ ...resource, ...granted })).filter((entry) => !keep.has(aclKey(entry))));
    }
  }
  return stale;
}
