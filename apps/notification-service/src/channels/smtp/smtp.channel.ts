import { createTransport, type Transporter } from 'nodemailer';
import { HakiError } from '@haki/contracts';
import type { MessageChannel, OutboundMessage, SendResult } from '../channel';

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  timeoutMs: number;
}

/** Network trouble and timeouts are worth retrying; nodemailer names them with these codes. */
const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

/**
 * Email over SMTP with nodemailer (the standard Node mailer: pooled connections, STARTTLS, auth).
 * SMTP's own reply classes decide retries: a 4xx reply is transient and retried, a 5xx reply is a
 * refusal (no such mailbox, relay denied) reported at once.
 */
export class SmtpChannel implements MessageChannel {
  readonly provider = 'smtp';
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    const { host, port, secure, user, password, timeoutMs } = options;
    this.transport = createTransport({
      host,
      port,
      secure,
      ...(user ? { auth: { user, pass: password ?? '' } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject ?? message.text.slice(0, 60),
        text: message.text,
        // Our record id: a receiving system (or a person) can tell a resend from a new message.
        headers: { 'X-Haki-Message': message.idempotencyKey },
      });
      return { provider: this.provider, providerMessageId: String(info.messageId), status: 'accepted' };
    } catch (error) {
      throw classify(error as SmtpFailure);
    }
  }

  close(): void {
    this.transport.close();
  }
}

interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

function classify(error: SmtpFailure): HakiError {
  const { responseCode, code } = error;
  if (responseCode !== undefined && responseCode >= 500) {
    return new HakiError('EMAIL.REJECTED', `smtp: refused (${responseCode} ${(error.response ?? error.message).slice(0, 100)})`);
  }
  if ((responseCode !== undefined && responseCode >= 400) || (code && RETRYABLE_CODES.has(code))) {
    return new HakiError('EMAIL.SERVER_UNAVAILABLE', `smtp: ${responseCode ?? code} ${error.message.slice(0, 100)}`);
  }
  return new HakiError('EMAIL.SERVER_UNAVAILABLE', `smtp: ${error.message.slice(0, 100)}`);
}
