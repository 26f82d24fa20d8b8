import twilio from 'twilio';
import { replyCode } from '@haki/contracts';
import { eventually, FakeAfricasTalking } from '@haki/testing';
import { HakiSystem, SERVICE_NAMES, turkanaPostmortem, type CaseView } from './haki-system';

const offersOf = (kase: CaseView, role: string) => kase.roles.find((candidate) => candidate.role === role)!.offers;
const TWILIO_TOKEN = 'e2e-twilio-auth-token-0001';
const PUBLIC_BASE = 'https://haki.example.org';

/**
 * Offers go out through the real Africa's Talking adapter to a local server in its API shape, with the
 * recording provider as the fallback: delivery reports, failover, and Twilio's signed webhooks.
 */
describe('SMS delivery through providers', () => {
  const system = new HakiSystem();
  const africasTalking = new FakeAfricasTalking();

  beforeAll(async () => {
    const atUrl = await africasTalking.start();
    const providers = {
      SMS_PROVIDER: 'africastalking',
      AT_USERNAME: 'haki-e2e',
      AT_API_KEY: 'e2e-key',
      AT_BASE_URL: atUrl,
      SMS_FALLBACK_PROVIDER: 'recording',
      // A short retry budget, so failover happens within the test.
      SMS_ATTEMPTS: '2',
      SMS_RETRY_DELAY_MS: '200',
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      PUBLIC_BASE_URL: PUBLIC_BASE,
    };
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service, service === 'notification-service' ? providers : {})));
  });

  afterAll(async () => {
    await system.stop();
    await africasTalking.stop();
  });

  it('moves on when a delivery report says an offer SMS never arrived, once however often it is reported', async () => {
    const { referralId } = await system.submitReferral(turkanaPostmortem());
    const offered = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'forensic-pathologist')).toHaveLength(3);
      return kase;
    });
    const [first] = offersOf(offered, 'forensic-pathologist');
    // The offer SMS names its reply code: that is how we tell which send was this offer's.
    const code = replyCode(first!.offerId);
    const sent = await eventually(async () => {
      const send = africasTalking.sends.find((candidate) => candidate.message.includes(`YES ${code}`) && candidate.messageId);
      expect(send).toBeDefined();
      return send!;
    });
    expect(sent.apikey).toBe('e2e-key');

    const report = { id: sent.messageId!, status: 'Failed', failureReason: 'DeliveryFailure', phoneNumber: sent.to, networkCode: '63902' };
    for (let resend = 0; resend < 2; resend++) {
      expect((await system.callback('/webhooks/africastalking/<secret>/delivery-reports', report)).status).toBe(200);
    }
    const movedOn = await eventually(async () => {
      const kase = await system.getCase(referralId);
      const pathologists = offersOf(kase, 'forensic-pathologist');
      expect(pathologists).toHaveLength(4); // the fourth pathologist is asked instead
      expect(pathologists.find((offer) => offer.offerId === first!.offerId)).toMatchObject({ status: 'undelivered' });
      return kase;
    });
    expect(movedOn.timeline.filter((entry) => entry.summary.includes('not delivered: DeliveryFailure'))).toHaveLength(1);
    // Without the secret, a report is refused as an unknown path.
    expect((await system.callback('/webhooks/africastalking/not-the-secret-at-all-000/delivery-reports', report)).status).toBe(404);
  });

  it('hands each offer to the fallback provider when Africa’s Talking is down, and sends it once', async () => {
    africasTalking.down = true;
    const { referralId } = await system.submitReferral({ ...turkanaPostmortem(), county: 'Mombasa', subject: { name: 'Another Person' } });
    const offers = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'forensic-pathologist').length).toBeGreaterThan(0);
      return kase.roles.flatMap((role) => role.offers);
    });
    const recorded = (await system.db('notification-service')).collection('recorded_messages');
    for (const offer of offers) {
      const message = await eventually(
        async () => {
          const found = await recorded.find({ _id: `sms:${offer.offerId}` as never }).toArray();
          expect(found).toHaveLength(1);
          return found[0]!;
        },
        { timeoutMs: 30_000 },
      );
      // Both of Africa's Talking's attempts failed before the fallback sent it.
      expect(africasTalking.sends.filter((send) => send.message === message['text'] && !send.messageId)).toHaveLength(2);
    }
    africasTalking.down = false;

    // Had Twilio sent the first of them, its signed status callback "undelivered" would move matching on too.
    const [first] = offers;
    const sid = 'SM0000000000000000000000000000e2e1';
    const providerMessages = (await system.db('notification-service')).collection('provider_messages');
    const tracked = { recordId: `sms:${first!.offerId}`, kind: 'offer-message', status: 'sent', updatedAt: new Date() };
    await providerMessages.insertOne({ _id: `twilio:${sid}` as never, ...tracked });
    const path = '/webhooks/twilio/status';
    const status = { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30005' };
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE}${path}`, status);
    expect((await system.callback(path, status, { 'x-twilio-signature': signature })).status).toBe(200);
    await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(kase.roles.flatMap((role) => role.offers).find((offer) => offer.offerId === first!.offerId)).toMatchObject({
        status: 'undelivered',
      });
    });
    expect(await providerMessages.findOne({ _id: `twilio:${sid}` as never })).toMatchObject({
      status: 'failed',
      failureReason: 'undelivered (error 30005)',
    });
  });

  it("takes Twilio's webhooks only with a valid signature over the public URL and the form", async () => {
    const path = '/webhooks/twilio/inbound';
    const form = { MessageSid: 'SM00000000000000000000000000000e2e', From: '+254700000002', To: '+15005550006', Body: 'BACK' };
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_BASE}${path}`, form);

    expect((await system.callback(path, form)).status).toBe(404);
    expect((await system.callback(path, form, { 'x-twilio-signature': signature.replace(/^./, 'x') })).status).toBe(404);
    expect((await system.callback(path, { ...form, Body: 'YES 1234' }, { 'x-twilio-signature': signature })).status).toBe(404);

    const accepted = await system.callback(path, form, { 'x-twilio-signature': signature });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('<Response></Response>');
    const inbound = (await system.db('notification-service')).collection('inbound_messages');
    expect(await inbound.findOne({ _id: `twilio:${form.MessageSid}` as never })).toMatchObject({
      readAs: 'back',
      professionalId: 'pro-eld-path-1',
    });
  });
});
