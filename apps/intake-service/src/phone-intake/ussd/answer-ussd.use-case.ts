import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { toE164 } from '@haki/vocabulary';
import { PhoneLimits } from '../phone-limits';
import { notSavedBecause, SubmitPhoneReferral } from '../submit-phone-referral.use-case';
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
const UNAVAILABLE = 'END Haki cannot take referrals this minute. Please try again soon. / Haki haipatikani sasa hivi. Jaribu tena baadaye.';

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
    try {
      return await this.screen(request, e164);
    } catch (error) {
      // Redis or the database failing: the phone still gets a screen, never an error page.
      this.warn(error, 'USSD screen failed');
      return UNAVAILABLE;
    }
  }

  private async screen(request: UssdRequest, e164: string): Promise<string> {
    const phoneKey = this.sealer.fingerprint(e164);
    try {
      await this.limits.ussdRequest(phoneKey);
    } catch {
      return TOO_MANY;
    }
    const session = await this.sessions.session(request.sessionId, phoneKey, request.text === '');
    // Saved already: the provider sent the last screen again. It gets the same confirmation.
    if (session.confirmation) return session.confirmation;
    // Read as of the session's start: a repeated last screen builds the very same referral.
    const now = new Date(session.startedAt);
    const step = resumableUssdScreen(request.text, session.saved, { now });
    if (step.kind === 'CON') {
      await this.sessions.keepAnswers(phoneKey, step.answers);
      return step.screen;
    }
    let confirmation: string;
    try {
      // The provider's session id (hashed) keys the submission: a retry finds the first, even without the session.
      const retryKey = `ussd-${createHash('sha256').update(request.sessionId).digest('hex').slice(0, 40)}`;
      const referral = await this.submitPhoneReferral.execute(step.draft, e164, now, retryKey);
      confirmation = ussdConfirmation(step.draft, referral.reference);
    } catch (error) {
      // The answers stay kept for the phone: dialling again offers to continue and send.
      this.warn(error, 'USSD referral not saved');
      return ussdNotSaved(step.draft.language);
    }
    // Saved: whatever happens to the bookkeeping now, the caller is told so.
    await this.sessions
      .saved(request.sessionId, phoneKey, session, confirmation)
      .catch((error: unknown) => this.warn(error, 'USSD session not closed'));
    return confirmation;
  }

  private warn(error: unknown, message: string): void {
    this.logger.warn(notSavedBecause(error), message);
  }
}
