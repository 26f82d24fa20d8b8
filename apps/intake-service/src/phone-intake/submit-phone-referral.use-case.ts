import { Inject, Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { describeError, HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { SubmitReferral, type SubmittedReferral } from '../referrals/submit-referral/submit-referral.use-case';
import { toReferralRequest, type PhoneDraft } from './phone-draft';
import { PhoneLimits } from './phone-limits';
import { ReferrerPhones } from './referrer-phones/referrer-phones';

/** What a log line says of a phone referral that was not saved: the error's code and message, nothing the referrer said. */
export function notSavedBecause(error: unknown): { code: string; reason: string } {
  const problem = describeError(error);
  return { code: problem?.code ?? 'UNEXPECTED', reason: problem?.message ?? (error as Error).message };
}

/** Letters and digits nobody misreads on a small screen or over a bad line (no 0/O, 1/I/L, 5/S, 2/Z). */
const REFERENCE_ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';
const REFERENCE_LENGTH = 6;

/** A short reference a referrer can read out on the phone: `HK-` and six characters (387 million of them). */
export function newReference(): string {
  let code = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `HK-${code}`;
}

/**
 * A complete USSD or SMS draft becomes a referral through the very path the web form takes
 * (SubmitReferral: validation, sealing, clocks, the duplicate check, `referral.submitted`). A phone the
 * network registered submits for its organisation and goes straight on; any other phone's referral is
 * accepted but waits for an intake worker's call-back before matching. `retryKey` makes a repeated
 * final request (the provider retries, a session replays) the same referral, not a second one.
 */
@Injectable()
export class SubmitPhoneReferral {
  constructor(
    private readonly submitReferral: SubmitReferral,
    private readonly referrerPhones: ReferrerPhones,
    private readonly limits: PhoneLimits,
    private readonly sealer: Sealer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(draft: PhoneDraft, e164: string, sessionStartedAt: Date, retryKey: string): Promise<SubmittedReferral> {
    const built = toReferralRequest(draft, e164, sessionStartedAt);
    if (!built.ok) throw new HakiError('REFERRAL.INVALID', `the phone referral lacks ${built.missing}`);
    const organisationId = await this.referrerPhones.organisationOf(e164);
    const { request, channel } = built.referral;
    const body = organisationId ? { ...request, source: { ...request.source, organisationId } } : request;
    const submitter: Principal = { subject: `phone:${channel}`, roles: ['intake'], ...(organisationId ? { organisationId } : {}) };
    // A repeated last screen or redelivered SMS finds its referral again, and is not counted twice.
    const earlier = await this.submitReferral.earlier(submitter, retryKey);
    if (earlier) return earlier;
    const submitted = await this.limits.referral(this.sealer.fingerprint(e164), organisationId !== undefined, () =>
      this.submitReferral.execute(body, submitter, retryKey, {
        channel,
        reference: newReference(),
        holdForCallBack: organisationId === undefined,
      }),
    );
    const { referralId, status } = submitted;
    this.logger.info({ referralId, channel, registered: organisationId !== undefined, status }, 'phone referral submitted');
    return submitted;
  }
}
