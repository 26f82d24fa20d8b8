import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * The local mail catcher `npm start` runs (compose runs Mailpit instead): a real SMTP server on
 * 127.0.0.1 that accepts every message and writes it, as sent, to MAIL_DIR/<time>-<n>.eml. Nothing is
 * relayed anywhere. Listens on 127.0.0.1 only; demo use, no TLS, no auth.
 */
const port = Number(process.env['MAIL_CATCHER_PORT'] ?? 1025);
const directory = process.env['MAIL_DIR'] ?? '.cache/run/mail';
mkdirSync(directory, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  banner: 'Haki local mail catcher',
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
      writeFileSync(file, Buffer.concat(chunks));
      console.log(JSON.stringify({ msg: 'mail caught', file, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) }));
      callback();
    });
  },
});

server.listen(port, '127.0.0.1', () => console.log(JSON.stringify({ msg: 'mail catcher listening', port, directory })));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.close(() => process.exit(0)));
