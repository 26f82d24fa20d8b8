import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One send request as the fake received it. */
export interface FakeSend {
  apikey: string | undefined;
  to: string;
  message: string;
  /** The message id the fake answered with (absent when it refused). */
  messageId?: string;
}

/**
 * A local server in the shape of Africa's Talking's `POST /version1/messaging` (form fields, `apikey`
 * header, 201 with a status per recipient), for end-to-end tests of the real adapter. `down` makes it
 * answer 500 as the vendor does when in trouble.
 */
export class FakeAfricasTalking {
  readonly sends: FakeSend[] = [];
  down = false;
  private server: Server | undefined;
  private count = 0;

  async start(): Promise<string> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const send: FakeSend = {
        apikey: request.headers['apikey'] as string | undefined,
        to: form.get('to') ?? '',
        message: form.get('message') ?? '',
      };
      this.sends.push(send);
      if (this.down) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('Internal Server Error');
        return;
      }
      send.messageId = `ATXid_${++this.count}`;
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          SMSMessageData: {
            Message: 'Sent to 1/1 Total Cost: KES 0.8000',
            Recipients: [{ statusCode: 101, number: send.to, status: 'Success', cost: 'KES 0.8000', messageId: send.messageId }],
          },
        }),
      );
    });
  }
}
