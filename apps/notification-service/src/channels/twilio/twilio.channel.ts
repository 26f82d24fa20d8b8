import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { HakiError } from '@haki/contracts';
import type { MessageChannel, OutboundMessage, SendResult } from '../channel';

/** Twilio's REST API host; TWILIO_BASE_URL points elsewhere only for tests against a local server. */
export const TWILIO_API = 'https://api.twilio.com';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A Messaging Service (preferred: it picks the sender and keeps opt-outs) or a sender number or alphanumeric id. */
  messagingServiceSid?: string;
  from?: string;
  /** Where Twilio posts delivery status (our /webhooks/twilio/status, as the public sees it); none when absent. */
  statusCallbackUrl?: string;
  /** A message Twilio could not hand on within this many seconds fails (error 30036) instead of arriving late. */
  validitySeconds: number;
  baseUrl: string;
  timeoutMs: number;
}

/**
 * Twilio error codes no retry fixes, named (Twilio's error dictionary). Anything else in 4xx is
 * refused as sent; 429 (and code 20429) and 5xx are retried.
 */
const FINAL_CODE: Record<number, string> = {
  20003: 'authentication failed (account SID or auth token)',
  20005: 'account not active (suspended or out of funds)',
  21211: 'invalid phone number',
  21408: 'sending to this region is not enabled on the account',
  21610: 'number is blacklisted (the recipient replied STOP)',
  21612: 'could not route to this number',
  21614: 'not a mobile number',
};

/**
 * Twilio SMS through its official `twilio` package (the issue asks for it; it also verifies webhook
 * signatures, twilio-webhooks.controller.ts). Its own retries are off: BullMQ retries with backoff and
 * then fails over, so a slow Twilio never holds a worker for several hidden attempts.
 */
export class TwilioChannel implements MessageChannel {
  readonly provider = 'twilio';
  private readonly client: twilio.Twilio;

  constructor(private readonly options: TwilioOptions) {
    const httpClient = new ApiHostClient(options.baseUrl, options.timeoutMs);
    this.client = twilio(options.accountSid, options.authToken, { httpClient, autoRetry: false });
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const { messagingServiceSid, from, statusCallbackUrl, validitySeconds } = this.options;
    try {
      const sent = await this.client.messages.create({
        to: message.to,
        body: message.text,
        ...(messagingServiceSid ? { messagingServiceSid } : { from: from! }),
        ...(statusCallbackUrl ? { statusCallback: statusCallbackUrl } : {}),
        validityPeriod: validitySeconds,
      });
      return { provider: this.provider, providerMessageId: sent.sid, status: 'accepted' };
    } catch (error) {
      throw classify(error as TwilioFailure);
    }
  }
}

interface TwilioFailure extends Error {
  /** HTTP status, on Twilio's RestException. */
  status?: number;
  /** Twilio's error code, or a network error's code (ECONNREFUSED, ECONNABORTED). */
  code?: number | string;
}

function classify(error: TwilioFailure): HakiError {
  const { status, code } = error;
  if (typeof status !== 'number') return new HakiError('SMS.PROVIDER_UNAVAILABLE', `twilio: ${code ?? error.message}`);
  if (status === 429 || status >= 500 || code === 20429) return new HakiError('SMS.PROVIDER_UNAVAILABLE', `twilio: HTTP ${status}`);
  const named = typeof code === 'number' ? FINAL_CODE[code] : undefined;
  return new HakiError('SMS.REJECTED', `twilio: ${named ?? error.message} (error ${code ?? status})`);
}

/** The package's HTTP client, sent to `baseUrl` instead of Twilio's host when told to (tests), with our timeout. */
class ApiHostClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace(TWILIO_API, this.baseUrl) });
  }
}
