import { Module } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { MONGO, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';
import { PiiSealer } from '../pii/pii-sealer';
import type { IntakeConfig } from '../config';
import { referralModel } from './referral.model';
import { REFERRALS, REFERRALS_OUTBOX } from './referrals.tokens';
import { SubmitReferralController } from './submit-referral/submit-referral.controller';
import { SubmitReferral } from './submit-referral/submit-referral.use-case';

@Module({
  controllers: [SubmitReferralController],
  providers: [
    SubmitReferral,
    {
      provide: REFERRALS,
      inject: [MONGO],
      useFactory: async (connection: Connection) => {
        const model = referralModel(connection);
        await model.createIndexes();
        return model;
      },
    },
    {
      provide: REFERRALS_OUTBOX,
      inject: [SERVICE_RUNTIME, REFERRALS],
      useFactory: (runtime: ServiceRuntime, referrals: ReturnType<typeof referralModel>) => runtime.createOutboxRelay([referrals]),
    },
    {
      provide: PiiSealer,
      inject: [SERVICE_CONFIG],
      useFactory: (config: IntakeConfig) => new PiiSealer(config.PII_KEYS, config.PII_ACTIVE_KEY_ID),
    },
  ],
})
export class ReferralsModule {}
