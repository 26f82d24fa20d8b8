import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { codedErrorOf } from '@haki/testing';
import { SmtpChannel } from './smtp.channel';

interface Delivered {
  from: string;
  to: string[];
  data: string;
}

/** Against a real SMTP server on this machine (the smtp-server package), speaking the protocol as any relay does. */
describe('the SMTP email adapter', () => {
  let server: SMTPServer;
  let delivered: Delivered[];
  let refuse: { code: number; text: string } | undefined;
  let channel: SmtpChannel;
  const message = {
    idempotencyKey: 'email:confirmed:ref-1:1',
    to: 'pathologist@example.org',
    subject: 'Haki: confirmed',
    text: 'Haki: confirmed.',
  };

  beforeEach(async () => {
    delivered = [];
    refuse = undefined;
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo: (address, _session, callback) => {
        if (!refuse) return callback();
        const error = Object.assign(new Error(refuse.text), { responseCode: refuse.code });
        callback(error);
      },
      onData: (stream, session, callback) => {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          delivered.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    channel = new SmtpChannel({ host: '127.0.0.1', port, secure: false, from: 'Haki <haki@example.org>', timeoutMs: 1_000 });
  });

  afterEach(async () => {
    channel.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const failure = () => codedErrorOf(channel.send(message));

  it('delivers the message from our address with its subject and our record id', async () => {
    const result = await channel.send(message);
    expect(result).toMatchObject({ provider: 'smtp', status: 'accepted', providerMessageId: expect.stringMatching(/^<.+@.+>$/) });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ from: 'haki@example.org', to: ['pathologist@example.org'] });
    expect(delivered[0]!.data).toContain('Subject: Haki: confirmed');
    expect(delivered[0]!.data).toContain('X-Haki-Message: email:confirmed:ref-1:1');
    expect(delivered[0]!.data).toContain('Haki: confirmed.');
  });

  it('reports a permanent refusal (5xx) at once', async () => {
    refuse = { code: 550, text: 'No such user here' };
    expect(await failure()).toMatchObject({ code: 'EMAIL.REJECTED', retryable: false, message: expect.stringContaining('550') });
  });

  it('retries a transient refusal (4xx)', async () => {
    refuse = { code: 451, text: 'Try again later' };
    expect(await failure()).toMatchObject({ code: 'EMAIL.SERVER_UNAVAILABLE', retryable: true });
  });

  it('retries when the server is not there', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await failure()).toMatchObject({ code: 'EMAIL.SERVER_UNAVAILABLE', retryable: true });
    server = new SMTPServer({ disabledCommands: ['STARTTLS'] });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)); // for afterEach
  });
});
