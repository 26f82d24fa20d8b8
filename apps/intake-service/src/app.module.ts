import { Module } from '@nestjs/common';
import { SERVICE_CONFIG, modelProvider, outboxProvider } from '@haki/platform-runtime';
import type { IntakeConfig } from './config';
import { REFERRALS, REFERRALS_OUTBOX } from './intake.tokens';
import { Sealer } from '@haki/platform-config';
import { referralModel } from './referrals/referral.model';
import { SubmitReferralController } from './referrals/submit-referral/submit-referral.controller';
import { SubmitReferral } from './referrals/submit-referral/submit-referral.use-case';

/** The intake service: referrals in over HTTP, validated and sealed, out as `referral.submitted`. */
@Module({
  controllers: [SubmitReferralController],
  providers: [
    SubmitReferral,
    modelProvider(REFERRALS, referralModel),
    outboxProvider(REFERRALS_OUTBOX, [REFERRALS]),
    {
      provide: Sealer,
      inject: [SERVICE_CONFIG],
      useFactory: (config: IntakeConfig) => new Sealer(config.PII_KEYS, config.PII_ACTIVE_KEY_ID),
    },
  ],
})
export class IntakeModule {}
