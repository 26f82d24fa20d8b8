import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatNairobiTime } from '@haki/vocabulary';
import mongoose, { type Connection } from 'mongoose';
import {
  authorizationFor,
  eventually,
  freePort,
  kafkaPasswordFile,
  runTool,
  startService,
  TEST_AUDIT_ENV,
  TEST_SERVICE_TOKEN_KEYS,
  testInfraUrls,
  uniqueName,
  type Principal,
  type RunningService,
} from '@haki/testing';

export interface CaseView {
  /** The lifecycle (submitted … closed) and, in more detail, where matching stands. */
  status: string;
  matchingStatus: string;
  roles: {
    role: string;
    required: boolean;
    status: string;
    offers: { offerId: string; professionalId?: string; status: string; reason?: string; explanation?: string }[];
  }[];
  timeline: { type: string; summary: string }[];
}

export const SERVICE_NAMES = ['intake-service', 'matching-service', 'notification-service', 'case-service'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * One isolated Haki deployment for a test: its own topic prefix, databases and queue prefix on the
 * shared servers, so tests never see each other's events.
 */
export class HakiSystem {
  readonly running = new Map<ServiceName, RunningService>();
  private readonly others: RunningService[] = [];
  private readonly connections: Connection[] = [];
  private readonly namespace = uniqueName('e2e');
  private readonly piiKey = randomBytes(32).toString('base64');
  private readonly contactKey = randomBytes(32).toString('base64');
  /** The secret path of Africa's Talking's callbacks in this deployment. */
  readonly webhookSecret = randomBytes(18).toString('base64url');
  /** The secret path of the USSD callback (intake). */
  readonly ussdSecret = randomBytes(18).toString('base64url');
  private readonly linkKey = randomBytes(32).toString('base64');
  private readonly caseKey = randomBytes(32).toString('base64');
  /** Where the case service keeps this deployment's evidence files. */
  readonly evidenceDir = mkdtempSync(join(tmpdir(), 'haki-evidence-'));

  envFor(service: ServiceName, extra: Record<string, string> = {}): Record<string, string> {
    const { kafkaBrokers, mongoUrl, redisUrl } = testInfraUrls();
    return {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      // Each service signs in as its own broker user, with only the ACLs `kafka:access` grants it.
      KAFKA_USERNAME: service,
      KAFKA_PASSWORD_FILE: kafkaPasswordFile(service),
      MONGO_URL: mongoUrl,
      REDIS_URL: redisUrl,
      KAFKA_TOPIC_PREFIX: this.namespace,
      MONGO_DB: this.database(service),
      QUEUE_PREFIX: this.namespace,
      PII_KEYS: `e2e:${this.piiKey}`,
      PII_ACTIVE_KEY_ID: 'e2e',
      CONTACT_KEYS: `e2e:${this.contactKey}`,
      CONTACT_ACTIVE_KEY_ID: 'e2e',
      SEED_DEMO_ROSTER: 'true',
      SEED_DEMO_CONTACTS: 'true',
      AT_WEBHOOK_SECRET: this.webhookSecret,
      USSD_WEBHOOK_SECRET: this.ussdSecret,
      // Signed links: notification signs them, intake (the brief) and notification (answers) verify them.
      LINK_KEYS: `e2e:${this.linkKey}`,
      LINK_ACTIVE_KEY_ID: 'e2e',
      // The case service's notes and evidence: its own key, files in a directory of this deployment's.
      CASE_KEYS: `e2e:${this.caseKey}`,
      CASE_ACTIVE_KEY_ID: 'e2e',
      EVIDENCE_DIR: this.evidenceDir,
      // A restarted consumer waits this long for its killed predecessor to leave the group.
      KAFKA_SESSION_TIMEOUT_MS: '10000',
      SERVICE_TOKEN_VERIFY_KEYS: TEST_SERVICE_TOKEN_KEYS.verifyKey,
      ...TEST_AUDIT_ENV,
      ...extra,
    };
  }

  private granted: Promise<void> | undefined;

  /** The operator's step, once per deployment: its topics and each service's ACLs, by the tool `npm start` runs. */
  kafkaAccess(): Promise<void> {
    this.granted ??= runTool('tools/kafka-access/src/main.ts', {
      KAFKA_BROKERS: testInfraUrls().kafkaBrokers.join(','),
      KAFKA_USERNAME: 'admin',
      KAFKA_PASSWORD_FILE: kafkaPasswordFile('admin'),
      KAFKA_TOPIC_PREFIX: this.namespace,
    });
    return this.granted;
  }

  database(service: ServiceName): string {
    return `${this.namespace}_${service.split('-')[0]}`;
  }

  async start(service: ServiceName, extraEnv: Record<string, string> = {}, options: { waitReady?: boolean } = {}): Promise<RunningService> {
    await this.kafkaAccess();
    const running = await startService(service, this.envFor(service, extraEnv), options);
    this.running.set(service, running);
    return running;
  }

  /** The account databases of the gateways started, oldest first. */
  readonly gatewayDatabases: string[] = [];

  /**
   * A gateway in front of this deployment, with these accounts (the demo profile: accounts from a file,
   * cookies over plain HTTP). `waitReady: false` for one expected to refuse to start.
   */
  async startGateway(accounts: object[], extra: Record<string, string> = {}, waitReady = true): Promise<RunningService> {
    const file = join(mkdtempSync(join(tmpdir(), 'haki-gateway-')), 'accounts.json');
    writeFileSync(file, JSON.stringify(accounts));
    const { mongoUrl, redisUrl } = testInfraUrls();
    const namespace = uniqueName('gw');
    this.gatewayDatabases.push(namespace);
    const gateway = await startService(
      'gateway',
      {
        MONGO_URL: mongoUrl,
        MONGO_DB: namespace,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: namespace,
        INTAKE_URL: this.url('intake-service'),
        MATCHING_URL: this.url('matching-service'),
        NOTIFICATION_URL: this.url('notification-service'),
        CASE_URL: this.url('case-service'),
        SERVICE_TOKEN_SIGNING_KEY: TEST_SERVICE_TOKEN_KEYS.signingKey,
        ACCOUNT_KEYS: `a1:${randomBytes(32).toString('base64')}`,
        ACCOUNT_ACTIVE_KEY_ID: 'a1',
        HAKI_PROFILE: 'demo',
        COOKIE_SECURE: 'false',
        DEMO_ACCOUNTS_FILE: file,
        SIGN_IN_MAX_FAILURES: '3',
        MAX_BODY_BYTES: '65536',
        ...extra,
      },
      { waitReady },
    );
    this.others.push(gateway);
    return gateway;
  }

  /** A second instance of a service in the same deployment (same consumer group, databases and queues). */
  async startAnother(service: ServiceName, extraEnv: Record<string, string> = {}): Promise<RunningService> {
    const running = await startService(service, this.envFor(service, extraEnv));
    this.others.push(running);
    return running;
  }

  /** This deployment's name for a topic (its prefix isolates it from other tests on the same broker). */
  topic(name: string): string {
    return `${this.namespace}.${name}`;
  }

  url(service: ServiceName): string {
    return this.running.get(service)!.url;
  }

  /** Direct read access to a service's database, for asserting what it stored. */
  async db(service: ServiceName): Promise<Connection> {
    const connection = await mongoose.createConnection(testInfraUrls().mongoUrl, { dbName: this.database(service) }).asPromise();
    this.connections.push(connection);
    return connection;
  }

  /**
   * A request to a service as the gateway forwards it: with a service token for `caller` (a supervisor
   * unless said). The gateway's own checks (sessions, CSRF, limits) have their own test.
   */
  async fetch(url: string, init: RequestInit = {}, caller?: Principal): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', (await authorizationFor(caller)).authorization);
    return fetch(url, { ...init, headers });
  }

  async submitReferral(body: Record<string, unknown>): Promise<{ referralId: string }> {
    const response = await this.fetch(`${this.url('intake-service')}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST /referrals answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { referralId: string };
  }

  async getCase(referralId: string): Promise<CaseView> {
    const response = await this.fetch(`${this.url('case-service')}/cases/${referralId}`);
    if (!response.ok) throw new Error(`GET /cases answered ${response.status}`);
    return (await response.json()) as CaseView;
  }

  /** Ops record a volunteer's answer given by phone. */
  async respond(offerId: string, response: 'accept' | 'decline', reason?: string): Promise<Response> {
    return this.fetch(`${this.url('matching-service')}/offers/${offerId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response, ...(reason ? { reason } : {}) }),
    });
  }

  /** A callback to one of notification's provider webhooks (form fields), as the provider would make it. */
  async callback(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(`${this.url('notification-service')}${path.replace('<secret>', this.webhookSecret)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields),
    });
  }

  /**
   * A USSD session from `phone`, as Africa's Talking's callback plays it: one POST per screen with every
   * answer so far joined by `*`. Returns each screen the phone showed, the first for the dial itself.
   */
  async dialUssd(phone: string, sessionId: string, answers: readonly string[], secret = this.ussdSecret): Promise<string[]> {
    const screens: string[] = [];
    for (let given = 0; given <= answers.length; given++) {
      screens.push(await this.ussdScreen(phone, sessionId, answers.slice(0, given).join('*'), secret));
    }
    return screens;
  }

  /** One USSD screen request (`text`: the answers so far), as the gateway forwards it: under the anonymous principal. */
  async ussdScreen(phone: string, sessionId: string, text: string, secret = this.ussdSecret): Promise<string> {
    const response = await this.fetch(
      `${this.url('intake-service')}/ussd/africastalking/${secret}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ sessionId, serviceCode: '*384*4242#', phoneNumber: phone, text }),
      },
      { subject: 'anonymous', roles: [] },
    );
    if (response.status !== 200) throw new Error(`USSD callback answered ${response.status}: ${await response.text()}`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    return response.text();
  }

  /** An SMS from `from` reaching us, as Africa's Talking's inbound callback delivers it (form fields). */
  async textFrom(from: string, text: string, messageId: string, secret = this.webhookSecret): Promise<Response> {
    return this.fetch(`${this.url('notification-service')}/webhooks/africastalking/${secret}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ from, to: '40404', text, id: messageId, date: new Date().toISOString() }),
    });
  }

  /** The phone an offer's SMS went to (the recording provider keeps it; contacts are sealed at rest). */
  async phoneOfferedTo(offerId: string): Promise<string> {
    const recorded = (await this.db('notification-service')).collection('recorded_messages');
    return eventually(async () => {
      const message = await recorded.findOne({ _id: `sms:${offerId}` as never });
      expect(message).not.toBeNull();
      return String(message!['to']);
    });
  }

  /** The SMS the recording provider stored for a phone number, oldest first. */
  async messagesTo(phone: string): Promise<string[]> {
    const recorded = (await this.db('notification-service')).collection('recorded_messages');
    return (await recorded.find({ to: phone }).sort({ recordedAt: 1 }).toArray()).map((message) => String(message['text']));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.values(), ...this.others].map((service) => service.stop()));
    for (const connection of this.connections) {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  }
}

const inHours = (hours: number) => formatNairobiTime(Date.now() + hours * 3_600_000);

/** What every referral carries besides its kind: a church brought it, the family consented to all. */
const referralBasics = () => ({
  source: { kind: 'church' },
  consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor', 'share-with-lawyer', 'contact-by-sms', 'anonymised-statistics'] },
  referrer: { name: 'Lodwar parish office', phone: '+254700123456' },
});

/** Died in custody in Turkana last night, burial planned in 20 hours: a critical postmortem (the clocks make it so). */
export const turkanaPostmortem = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceType: 'postmortem',
  death: { at: inHours(-8), circumstance: 'custody', plannedBurialAt: inHours(20) },
  county: 'Turkana',
  ...referralBasics(),
  // A name of its own for every referral: the same person, day and county twice is one incident, and
  // intake would hold the second as a probable duplicate of the first.
  subject: { name: uniqueName('Ekai Lokwang') },
  narrative: 'Died in custody at the station on Tuesday night.',
  ...overrides,
});

/** Torture documentation in Mandera, the injuries still visible two days on: urgent (photograph them before they fade). */
export const manderaTortureDocumentation = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceType: 'torture-documentation',
  incident: { at: inHours(-48), injuriesVisible: true },
  county: 'Mandera',
  ...referralBasics(),
  subject: { name: uniqueName('Abdi Hassan') },
  narrative: 'Beaten in a police cell after a protest; bruising on the back and wrists.',
  ...overrides,
});

/** Legal aid in Kisumu with no clock running: normal urgency. */
export const legalAid = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceType: 'legal-aid',
  county: 'Kisumu',
  ...referralBasics(),
  subject: { name: uniqueName('Otieno Ouma') },
  ...overrides,
});

/** Medical care for a prisoner in Nakuru, no clock running: normal urgency; only clinicians are asked. */
export const medicalCare = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceType: 'medical-care',
  patient: 'prisoner',
  county: 'Nakuru',
  ...referralBasics(),
  subject: { name: uniqueName('Wanjiru Kamau') },
  ...overrides,
});

/**
 * Env for a deployment whose messages carry links and go by email too: intake's and notification's
 * ports are picked beforehand (links carry their public URLs), and email goes to the SMTP server on
 * `smtpPort` (a LocalMailbox).
 */
export async function linksAndMailEnv(smtpPort: number): Promise<Partial<Record<ServiceName, Record<string, string>>>> {
  const [intakePort, notificationPort] = [await freePort(), await freePort()];
  return {
    'intake-service': { PORT: String(intakePort) },
    'notification-service': {
      PORT: String(notificationPort),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      PUBLIC_BASE_URL: `http://127.0.0.1:${notificationPort}`,
      BRIEF_BASE_URL: `http://127.0.0.1:${intakePort}`,
    },
  };
}
