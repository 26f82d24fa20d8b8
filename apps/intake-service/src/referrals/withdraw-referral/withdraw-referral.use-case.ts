import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { HakiError, TOPICS } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { REFERRALS } from '../../intake.tokens';
import { referralForCaller } from '../referral-access';
import { ReferralChanges } from '../referral-changes';
import type { ReferralDocument } from '../referral.model';
import { referralView, type ReferralView } from '../referral-view';

export const withdrawalRequest = z.object({ reason: z.string().trim().min(1, 'is required').max(500) }).strict();

/**
 * Intake staff withdraw a referral they submitted. An announced one publishes
 * `referral.withdrawal-requested`: matching cancels its offers and assignments and frees their slots,
 * as for ops' withdrawal. One still held (waiting for consent or a duplicate decision) reserved nobody
 * and was announced to nobody: it is only marked.
 */
@Injectable()
export class WithdrawReferralAtIntake {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    private readonly changes: ReferralChanges,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown, caller: Principal): Promise<ReferralView> {
    const parsed = withdrawalRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('REFERRAL.INVALID_WITHDRAWAL', parsed.error);
    const referral = await referralForCaller(this.referrals, referralId, caller);
    if (referral.status === 'withdrawn') throw new HakiError('REFERRAL.ALREADY_WITHDRAWN', `referral ${referralId} was withdrawn already`);
    if (referral.status === 'linked')
      throw new HakiError('REFERRAL.NOT_AMENDABLE', `referral ${referralId} joined case ${referral.linkedTo}: withdraw that one`);
    const withdrawal = { reason: parsed.data.reason, by: caller.subject, at: new Date() };
    const payload = { referralId, reason: withdrawal.reason, recordedBy: caller.subject };
    const event =
      referral.status === 'submitted'
        ? { topic: TOPICS.referralWithdrawalRequested, key: referralId, payload, idSeed: `withdrawal:${referralId}` }
        : undefined;
    await this.changes.apply(referral, { status: 'withdrawn', withdrawal }, caller.subject, event);
    this.logger.info({ referralId, announced: Boolean(event) }, 'referral withdrawn at intake');
    return referralView({ ...referral, status: 'withdrawn' }, caller);
  }
}
