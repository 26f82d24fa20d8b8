import { Module, type DynamicModule } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { LOGGER, MONGO, PlatformModule, SERVICE_CONFIG, type ServiceRuntime } from '@haki/platform-runtime';
import type { Logger } from '@haki/platform-logging';
import type { MatchingConfig } from './config';
import { CAPACITY_SLOTS, MATCHING_OUTBOX, MATCHING_REFERRALS, PROFESSIONALS } from './matching.tokens';
import { MatchReferralEvents } from './match-referral/match-referral.events';
import { MatchReferral } from './match-referral/match-referral.use-case';
import { matchingReferralModel, type MatchingReferralDocument } from './match-referral/matching-referral.model';
import { capacitySlotsModel } from './roster/capacity';
import { demoRosterDocuments } from './roster/demo-roster';
import { professionalModel } from './roster/professional.model';

@Module({})
export class MatchingModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    return {
      module: MatchingModule,
      imports: [PlatformModule.forRuntime(runtime)],
      controllers: [MatchReferralEvents],
      providers: [
        MatchReferral,
        { provide: CAPACITY_SLOTS, inject: [MONGO], useFactory: (connection: Connection) => capacitySlotsModel(connection) },
        { provide: MATCHING_REFERRALS, inject: [MONGO], useFactory: (connection: Connection) => matchingReferralModel(connection) },
        {
          provide: PROFESSIONALS,
          inject: [MONGO, SERVICE_CONFIG, LOGGER],
          useFactory: async (connection: Connection, config: MatchingConfig, logger: Logger) => {
            const professionals = professionalModel(connection);
            if (config.SEED_DEMO_ROSTER && (await professionals.countDocuments()) === 0) {
              await professionals.insertMany(demoRosterDocuments());
              logger.info({ count: demoRosterDocuments().length }, 'demo roster seeded');
            }
            return professionals;
          },
        },
        {
          provide: MATCHING_OUTBOX,
          inject: [MATCHING_REFERRALS],
          useFactory: (referrals: Model<MatchingReferralDocument>) => runtime.createOutboxRelay([referrals]),
        },
      ],
    };
  }
}
