import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Model } from 'mongoose';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { HakiError } from '@haki/contracts';
import { REFERRAL_REFERENCES, REFERRALS } from '../../intake.tokens';
import type { ReferralReferenceDocument } from '../../phone-intake/referral-references';
import { referralForCaller } from '../referral-access';
import type { ReferralDocument } from '../referral.model';
import { referralView, type ReferralView } from '../referral-view';

@Controller('referrals')
export class GetReferralController {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    @Inject(REFERRAL_REFERENCES) private readonly references: Model<ReferralReferenceDocument>,
  ) {}

  /** The referral as intake decided it: status, place used, clocks and rule, consent, possible duplicates. No sealed field. */
  @Get(':referralId')
  @Allow(...ROLE_GROUPS.referralTakers)
  async get(@Param('referralId') referralId: string, @CurrentPrincipal() caller: Principal): Promise<ReferralView> {
    return referralView(await referralForCaller(this.referrals, referralId, caller), caller);
  }

  /** A phone referral by the reference its referrer was given (`HK-7QK3WD`), as they read it out: case and spaces do not matter. */
  @Get('by-reference/:reference')
  @Allow(...ROLE_GROUPS.referralTakers)
  async byReference(@Param('reference') reference: string, @CurrentPrincipal() caller: Principal): Promise<ReferralView> {
    const normalised = reference
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, '')
      .replace(/^HK/, 'HK-');
    const entry = await this.references.findById(normalised).lean();
    if (!entry) throw new HakiError('REFERRAL.NOT_FOUND_AT_INTAKE', `no referral with reference ${normalised} that you may work on`);
    return referralView(await referralForCaller(this.referrals, entry.referralId, caller), caller);
  }
}
