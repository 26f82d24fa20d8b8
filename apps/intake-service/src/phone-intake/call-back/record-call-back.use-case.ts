import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { HakiError, TOPICS } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { AWAITING_CALL_BACK, REFERRALS } from '../../intake.tokens';
import { reassessHeld } from '../../referrals/reassess-held';
import { referralForCaller } from '../../referrals/referral-access';
import { ReferralChanges, type ReferralEvent } from '../../referrals/referral-changes';
import type { ReferralDocument, ReferralStatus } from '../../referrals/referral.model';
import { referralView, type ReferralView } from '../../referrals/referral-view';
import type { AwaitingCallBackDocument } from './awaiting-call-back';

/** Longer than any referral takes to be stored after its call-back entry. */
const STORE_GRACE_MS = 60_000;

export const callBackRequest = z.discriminatedUnion(
  'outcome',
  [
    /** The referrer was reached and the referral is real: it goes on as any referral would. */
    z.object({ outcome: z.literal('genuine'), note: z.string().trim().max(500).optional() }).strict(),
    /** Nobody real behind it (a prank, a probe, a hostile number): it is withdrawn, never announced. */
    z.object({ outcome: z.literal('not-genuine'), note: z.string().trim().min(1, 'is required').max(500) }).strict(),
  ],
  { error: 'must be genuine (note optional) or not-genuine (with note)' },
);

/**
 * An intake worker called back the referrer of a referral from an unknown phone. Genuine: it is released
 * as it stands now (its clocks ran while it waited): to a duplicate decision if it looks like an open
 * case, to matching (`referral.submitted`) if its consent covers a role, else to wait for consent.
 * Not genuine: withdrawn, and nobody was ever told of it. Either way it leaves the call-back list.
 */
@Injectable()
export class RecordCallBack {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    @Inject(AWAITING_CALL_BACK) private readonly awaiting: Model<AwaitingCallBackDocument>,
    private readonly changes: ReferralChanges,
    private readonly sealer: Sealer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown, caller: Principal): Promise<ReferralView> {
    const parsed = callBackRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('REFERRAL.INVALID', parsed.error);
    const referral = await referralForCaller(this.referrals, referralId, caller);
    if (referral.status !== 'awaiting-call-back') {
      throw new HakiError('REFERRAL.NOT_AWAITING_CALL_BACK', `referral ${referralId} is ${referral.status}: it waits for no call-back`);
    }
    const { outcome, note } = parsed.data;
    const now = new Date();
    // The note may name people: sealed with the referral's key, like its other details.
    const callBack = { outcome, ...(note ? { note: this.sealer.seal(note, referralId) } : {}), by: caller.subject, at: now };
    let status: ReferralStatus = 'withdrawn';
    let event: ReferralEvent | undefined;
    let set: Partial<ReferralDocument> = {
      status,
      callBack,
      withdrawal: { reason: 'not genuine on call-back', by: caller.subject, at: now },
    };
    if (outcome === 'genuine') {
      const reassessed = reassessHeld(referral, caller, now, this.sealer);
      const facts = reassessed.facts ?? referral.facts!;
      const duplicates = [...(referral.probableDuplicates ?? []), ...(referral.duplicatesElsewhere ?? [])];
      status = duplicates.length ? 'possible-duplicate' : facts.rolesNeeded.length ? 'submitted' : 'awaiting-consent';
      if (status === 'submitted') {
        const payload = { ...facts, referralId, submittedAt: referral.submittedAt.toISOString() };
        event = { topic: TOPICS.referralSubmitted, key: referralId, payload, idSeed: `submitted:${referralId}` };
      }
      set = { status, callBack, ...reassessed };
    }
    try {
      await this.changes.apply(referral, set, caller.subject, event);
    } catch (error) {
      // Of two workers recording at once, one wins; the other is told it is recorded already.
      if ((error as HakiError).code !== 'REFERRAL.AMENDED_MEANWHILE') throw error;
      throw new HakiError('REFERRAL.NOT_AWAITING_CALL_BACK', `referral ${referralId}'s call-back was recorded a moment ago`);
    }
    await this.awaiting.deleteOne({ _id: referralId });
    this.logger.info({ referralId, outcome, status }, 'call-back recorded');
    return referralView({ ...referral, ...set }, caller);
  }

  /**
   * The referrals waiting for the caller's call-back, oldest first: a supervisor sees all; an intake
   * worker those of their organisation's registered phones, or, at the network's own desk (an account
   * with no organisation), those from unknown phones. An entry whose referral was never stored (a crash
   * between the two writes) or no longer waits is dropped here.
   */
  async list(caller: Principal): Promise<AwaitingCallBackDocument[]> {
    const entries = (await this.awaiting.find().lean()).sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    const waiting: AwaitingCallBackDocument[] = [];
    for (const entry of entries) {
      const referral = await this.referrals.findById(entry._id, { status: 1 }).lean();
      if (referral?.status !== 'awaiting-call-back') {
        // A missing referral may be one being stored this moment: only an old entry without one is stale.
        const stale = referral !== null || Date.now() - entry.submittedAt.getTime() > STORE_GRACE_MS;
        if (stale) await this.awaiting.deleteOne({ _id: entry._id });
        continue;
      }
      if (caller.roles.includes('supervisor') || entry.organisationId === caller.organisationId) waiting.push(entry);
    }
    return waiting;
  }
}
