import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { codedErrorOf } from '@haki/testing';
import { TwilioChannel } from './twilio.channel';

const ACCOUNT = 'AC00000000000000000000000000000001';

interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  form: URLSearchParams;
}

/** A local server in the shape of Twilio's `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, as its API reference describes it. */
describe('the Twilio SMS adapter, against a local server in the vendor’s API shape', () => {
  let server: Server;
  let received: Received[];
  let answer: (response: ServerResponse) => void;
  let channel: TwilioChannel;
  const message = { idempotencyKey: 'sms:ref-1:1', to: '+254711000001', text: 'Haki: URGENT postmortem request, Turkana County.' };

  const json = (status: number, body: object) => (response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  /** Twilio's error body: its code, message, a link and the HTTP status. */
  const twilioError = (status: number, code: number, text: string) =>
    json(status, { code, message: text, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  beforeEach(async () => {
    received = [];
    answer = json(201, {
      sid: 'SM0123456789abcdef0123456789abcdef',
      account_sid: ACCOUNT,
      status: 'queued',
      to: message.to,
      body: message.text,
    });
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({
          method: request.method!,
          path: request.url!,
          authorization: request.headers.authorization,
          form: new URLSearchParams(body),
        });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    channel = new TwilioChannel({
      accountSid: ACCOUNT,
      authToken: 'test-token',
      messagingServiceSid: 'MG00000000000000000000000000000001',
      statusCallbackUrl: 'https://haki.example.org/webhooks/twilio/status',
      validitySeconds: 3600,
      baseUrl: `http://127.0.0.1:${port}`,
      timeoutMs: 300,
    });
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const failure = () => codedErrorOf(channel.send(message));

  it('posts one form with basic auth, a validity period and the status callback, and returns the message SID', async () => {
    await expect(channel.send(message)).resolves.toEqual({
      provider: 'twilio',
      providerMessageId: 'SM0123456789abcdef0123456789abcdef',
      status: 'accepted',
    });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json` });
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:test-token`).toString('base64')}`);
    expect(Object.fromEntries(request!.form)).toEqual({
      To: message.to,
      Body: message.text,
      MessagingServiceSid: 'MG00000000000000000000000000000001',
      StatusCallback: 'https://haki.example.org/webhooks/twilio/status',
      ValidityPeriod: '3600',
    });
  });

  it.each([
    [400, 21211, 'invalid phone number'],
    [400, 21610, 'number is blacklisted (the recipient replied STOP)'],
    [401, 20003, 'authentication failed (account SID or auth token)'],
    [403, 20005, 'account not active (suspended or out of funds)'],
  ])('names a refusal no retry fixes (HTTP %i, error %i) as final', async (status, code, reason) => {
    answer = twilioError(status, code, 'as the vendor words it');
    expect(await failure()).toMatchObject({ code: 'SMS.REJECTED', retryable: false, message: `twilio: ${reason} (error ${code})` });
  });

  it('refuses any other 4xx as sent, with the vendor’s words', async () => {
    answer = twilioError(400, 21602, 'Message body is required.');
    expect(await failure()).toMatchObject({ code: 'SMS.REJECTED', message: 'twilio: Message body is required. (error 21602)' });
  });

  it.each([
    ['throttling', twilioError(429, 20429, 'Too Many Requests')],
    ['a server error', twilioError(503, 20500, 'Service unavailable')],
  ])('retries %s', async (_name, reply) => {
    answer = reply;
    expect(await failure()).toMatchObject({ code: 'SMS.PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('retries when Twilio does not answer in time, and makes no retries of its own', async () => {
    answer = () => undefined; // never answers
    expect(await failure()).toMatchObject({ code: 'SMS.PROVIDER_UNAVAILABLE', retryable: true });
    expect(received).toHaveLength(1);
  });

  it('retries when nothing listens', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    expect(await failure()).toMatchObject({ code: 'SMS.PROVIDER_UNAVAILABLE', retryable: true });
    server.listen(0, '127.0.0.1'); // for afterEach
  });
});
