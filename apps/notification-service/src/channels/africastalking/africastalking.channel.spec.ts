import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { codedErrorOf } from '@haki/testing';
import { AfricasTalkingChannel } from './africastalking.channel';

/** A local server in the shape of Africa's Talking's `POST /version1/messaging`, as its public docs describe it. */
interface Received {
  path: string;
  apikey: string | undefined;
  contentType: string | undefined;
  form: URLSearchParams;
}

describe("the Africa's Talking SMS adapter, against a local server in the vendor's API shape", () => {
  let server: Server;
  let received: Received[];
  let answer: (response: ServerResponse) => void;
  let channel: AfricasTalkingChannel;
  const message = { idempotencyKey: 'sms:ref-1:1', to: '+254711000001', text: 'Haki: URGENT postmortem request, Turkana County.' };

  const recipient = (statusCode: number, status: string) => (response: ServerResponse) => {
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        SMSMessageData: {
          Message: 'Sent to 1/1 Total Cost: KES 0.8000',
          Recipients: [{ statusCode, number: message.to, status, cost: 'KES 0.8000', messageId: 'ATXid_0a1b2c' }],
        },
      }),
    );
  };

  beforeEach(async () => {
    received = [];
    answer = recipient(101, 'Success');
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({
          path: request.url ?? '',
          apikey: request.headers['apikey'] as string | undefined,
          contentType: request.headers['content-type'],
          form: new URLSearchParams(body),
        });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    channel = new AfricasTalkingChannel({
      baseUrl: `http://127.0.0.1:${port}`,
      username: 'haki-test',
      apiKey: 'test-key',
      senderId: 'HAKI',
      timeoutMs: 300,
    });
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const failure = () => codedErrorOf(channel.send(message));

  it('sends one form-encoded request with the API key and returns the message id', async () => {
    await expect(channel.send(message)).resolves.toEqual({
      provider: 'africastalking',
      providerMessageId: 'ATXid_0a1b2c',
      status: 'accepted',
    });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ path: '/version1/messaging', apikey: 'test-key', contentType: 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(request!.form)).toEqual({
      username: 'haki-test',
      to: '+254711000001',
      message: message.text,
      bulkSMSMode: '1',
      from: 'HAKI',
    });
  });

  it.each([
    [403, 'InvalidPhoneNumber', 'invalid phone number'],
    [406, 'UserInBlacklist', 'blacklisted'],
    [405, 'InsufficientBalance', 'insufficient balance'],
    [407, 'CouldNotRoute', 'could not route'],
  ])('names a final refusal (%i %s) and does not ask for a retry', async (statusCode, status, named) => {
    answer = recipient(statusCode, status);
    expect(await failure()).toMatchObject({ code: 'SMS.REJECTED', retryable: false, message: expect.stringContaining(named) });
  });

  it.each([
    ['a vendor-side status', recipient(500, 'InternalServerError')],
    ['HTTP 500', (response: ServerResponse) => response.writeHead(500).end('upstream error')],
    ['throttling (HTTP 429)', (response: ServerResponse) => response.writeHead(429).end('Too many requests')],
    [
      'a body without a recipient',
      (response: ServerResponse) => response.writeHead(201).end('{"SMSMessageData":{"Message":"InvalidSenderId"}}'),
    ],
  ])('asks for a retry on %s', async (_what, respond) => {
    answer = respond;
    expect(await failure()).toMatchObject({ code: 'SMS.PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('gives up on a provider that does not answer in time, as retryable', async () => {
    answer = () => undefined; // never answers
    expect(await failure()).toMatchObject({
      code: 'SMS.PROVIDER_UNAVAILABLE',
      retryable: true,
      message: expect.stringContaining('300 ms'),
    });
  });

  it('takes a refused request (a wrong API key) as final, with what the vendor said', async () => {
    answer = (response) => response.writeHead(401).end('The supplied authentication is invalid');
    expect(await failure()).toMatchObject({ code: 'SMS.REJECTED', message: expect.stringContaining('authentication is invalid') });
  });
});
