import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  /** The message as sent: headers and body (quoted-printable lines joined back). */
  raw: string;
}

/** A real SMTP server in the test process that keeps every message it is sent (nothing is relayed). */
export class LocalMailbox {
  readonly mails: CaughtMail[] = [];
  private server: SMTPServer | undefined;

  async start(): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData: (stream, session, callback) => {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          // Undo quoted-printable soft line breaks, so a long link reads whole.
          this.mails.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
