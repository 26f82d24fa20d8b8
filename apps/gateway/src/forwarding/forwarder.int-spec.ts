import { createServer, type IncomingMessage, type Server } from 'node:http';
import { generateServiceTokenKeyPair, parseSigningKey, ServiceTokenIssuer } from '@haki/platform-access';
import { freePort } from '@haki/testing';
import { Forwarder } from './forwarder';

describe('Forwarder against a local HTTP server', () => {
  let server: Server;
  let seen: { method: string; body: string; headers: IncomingMessage['headers'] }[];
  let url: string;
  const issuer = new ServiceTokenIssuer(parseSigningKey(generateServiceTokenKeyPair('gw1').signingKey));

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ method: request.method!, body: Buffer.concat(chunks).toString(), headers: request.headers });
        response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'evil=1' }).end('{"ok":true}');
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${port}`;
  });
  beforeEach(() => (seen = []));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const forwarder = () => new Forwarder({ intake: url, matching: url, notification: url, case: url }, issuer);
  const caller = { subject: 'ops.one', roles: ['ops' as const] };

  it('passes allowed headers and a token, drops cookies both ways and any body on a GET', async () => {
    const answer = await forwarder().forward(
      { method: 'GET', headers: { cookie: 'haki_session=secret', accept: 'application/json' }, body: Buffer.from('{"sneaky":1}') },
      { service: 'case', path: '/cases/x' },
      caller,
      'corr-1',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(seen).toEqual([expect.objectContaining({ method: 'GET', body: '' })]);
    expect(seen[0]!.headers.cookie).toBeUndefined();
    expect(seen[0]!.headers.authorization).toMatch(/^Bearer /);
    expect(seen[0]!.headers['x-correlation-id']).toBe('corr-1');
  });

  it('refuses methods it does not forward, and says a refused connection changed nothing', async () => {
    await expect(forwarder().forward({ method: 'TRACE', headers: {} }, { service: 'case', path: '/' }, caller, 'c')).rejects.toMatchObject({
      code: 'HTTP.METHOD_NOT_ALLOWED',
    });
    const nobody = new Forwarder({ intake: `http://127.0.0.1:${await freePort()}`, matching: url, notification: url, case: url }, issuer);
    await expect(
      nobody.forward({ method: 'POST', headers: {}, body: Buffer.from('{}') }, { service: 'intake', path: '/referrals' }, caller, 'c'),
    ).rejects.toMatchObject({ code: 'GATEWAY.SERVICE_UNAVAILABLE', message: expect.stringContaining('try again') });
    expect(seen).toEqual([]);
  });
});
