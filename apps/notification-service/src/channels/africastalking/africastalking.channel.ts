import { HakiError } from '@haki/contracts';
import type { MessageChannel, OutboundMessage, SendResult } from '../channel';

export interface AfricasTalkingOptions {
  /** `https://api.africastalking.com` live, `https://api.sandbox.africastalking.com` for the sandbox. */
  baseUrl: string;
  username: string;
  apiKey: string;
  /** A registered short code or alphanumeric sender id; the account's default when absent. */
  senderId?: string;
  timeoutMs: number;
}

/**
 * Per-recipient status codes of a send (vendor docs; the Community Health Toolkit's mapping). 100–102
 * mean accepted; these are final for this message and are named as such, so ops see why: a retry
 * cannot help until a person acts. Any other code is taken as the vendor's trouble and retried.
 */
const FINAL_STATUS: Record<number, string> = {
  401: 'risk hold on the account',
  402: 'sender id not valid for this account',
  403: 'invalid phone number',
  404: 'number type not supported',
  405: 'insufficient balance',
  406: 'number is blacklisted (the recipient opted out)',
  407: 'could not route to this number',
};
const ACCEPTED_STATUS = new Set([100, 101, 102]);

/**
 * Africa's Talking bulk SMS over its HTTP API: `POST /version1/messaging`, form-encoded, the API key in
 * an `apikey` header, 201 on success with a status per recipient. Its official package wraps this one
 * request with axios, lodash and a gRPC server; Node's own fetch does it with a timeout we control.
 * Retryable failures (timeouts, network, HTTP 429 and 5xx, statuses 500–502) are `SMS.PROVIDER_UNAVAILABLE`;
 * final ones are `SMS.REJECTED` with the reason named.
 */
export class AfricasTalkingChannel implements MessageChannel {
  readonly provider = 'africastalking';

  constructor(private readonly options: AfricasTalkingOptions) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    const { baseUrl, username, apiKey, senderId, timeoutMs } = this.options;
    const form = new URLSearchParams({ username, to: message.to, message: message.text, bulkSMSMode: '1' });
    if (senderId) form.set('from', senderId);
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/version1/messaging`, {
        method: 'POST',
        headers: { apikey: apiKey, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
      throw unavailable(reason);
    }
    if (response.status === 429 || response.status >= 500) throw unavailable(`HTTP ${response.status}`);
    if (response.status !== 201 && response.status !== 200) throw rejected(`HTTP ${response.status}: ${await briefBody(response)}`);
    const body = (await response.json().catch(() => undefined)) as SendResponse | undefined;
    const recipient = body?.SMSMessageData?.Recipients?.[0];
    if (!recipient) throw unavailable(`no recipient status (${body?.SMSMessageData?.Message ?? 'unreadable body'})`);
    if (ACCEPTED_STATUS.has(recipient.statusCode)) {
      return { provider: this.provider, providerMessageId: recipient.messageId, status: 'accepted' };
    }
    const final = FINAL_STATUS[recipient.statusCode];
    if (final) throw rejected(`${final} (status ${recipient.statusCode} ${recipient.status})`);
    throw unavailable(`status ${recipient.statusCode} ${recipient.status}`);
  }
}

interface SendResponse {
  SMSMessageData?: { Message?: string; Recipients?: { statusCode: number; status: string; messageId: string }[] };
}

const unavailable = (reason: string) => new HakiError('SMS.PROVIDER_UNAVAILABLE', `africastalking: ${reason}`);
const rejected = (reason: string) => new HakiError('SMS.REJECTED', `africastalking: ${reason}`);

/** The start of an error body, for the log and the failure reason: vendors put the why there. */
async function briefBody(response: Response): Promise<string> {
  return (await response.text().catch(() => '')).slice(0, 120);
}
