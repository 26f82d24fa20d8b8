import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { describeError } from '@haki/contracts';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { toE164 } from '@haki/vocabulary';
import { PhoneLimits } from '../phone-limits';
import { SubmitPhoneReferral } from '../submit-phone-referral.use-case';
import { ussdConfirmation, ussdNotSaved } from '../ussd-menu';
import { resumableUssdScreen } from '../ussd-resume';
import { UssdSessions } from './ussd-sessions';

/** One screen request of Africa's Talking's USSD callback. */
export interface UssdRequest {
  sessionId: string;
  serviceCode: string;
  phoneNumber: string;
  /** The answers so far, joined by `*`; empty on the session's first screen. */
  text: string;
}

const TOO_MANY = 'END Too many requests from this phone. Please try again later. / Maombi mengi mno kutoka simu hii. Jaribu tena baadaye.';
const UNKNOWN_NUMBER = 'END Haki could not read this phone number. / Haki haikuweza kusoma namba hii ya simu.';

/**
 * Answers one USSD screen: the menu (ussd-menu.ts) replayed over the session's answers, resumed from a
 * dropped session of the same phone when there is one; on the last screen the referral is submitted and
 * the screen gives its reference. Every outcome is a screen (`CON …` or `END …`), never an error page:
 * the phone shows nothing else.
 */
@Injectable()
export class AnswerUssd {
  constructor(
    private readonly sessions: UssdSessions,
    private readonly limits: PhoneLimits,
    private readonly submitPhoneReferral: SubmitPhoneReferral,
    private readonly sealer: Sealer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(request: UssdRequest): Promise<string> {
    const e164 = toE164(request.phoneNumber);
    if (!e164) return UNKNOWN_NUMBER;
    const phoneKey = this.sealer.fingerprint(e164);
    try {
      await this.limits.ussdRequest(phoneKey);
    } catch {
      return TOO_MANY;
    }
    const session = await this.sessions.session(request.sessionId, phoneKey, request.text === '');
    // Read as of the session's start: a repeated last screen builds the very same referral.
    const now = new Date(session.startedAt);
    const step = resumableUssdScreen(request.text, session.saved, { now });
    if (step.kind === 'CON') {
      await this.sessions.keepAnswers(phoneKey, step.answers);
      return step.screen;
    }
    try {
      // The provider's session id (hashed) keys the submission: its retried last screen finds the first.
      const retryKey = `ussd-${createHash('sha256').update(request.sessionId).digest('hex').slice(0, 40)}`;
      const referral = await this.submitPhoneReferral.execute(step.draft, e164, now, retryKey);
      await this.sessions.forget(request.sessionId, phoneKey);
      return ussdConfirmation(step.draft, referral.reference);
    } catch (error) {
      // The answers stay kept for the phone: dialling again offers to continue and send.
      const problem = describeError(error);
      this.logger.warn(
        { code: problem?.code ?? 'UNEXPECTED', reason: problem?.message ?? (error as Error).message },
        'USSD referral not saved',
      );
      return ussdNotSaved(step.draft.language);
    }
  }
}
