import { Module } from '@nestjs/common';
import { modelProvider, outboxProvider } from '@haki/platform-runtime';
import { MatchReferralEvents } from './match-referral/match-referral.events';
import { MatchReferral } from './match-referral/match-referral.use-case';
import { matchingReferralModel } from './match-referral/matching-referral.model';
import { CAPACITY_SLOTS, MATCHING_OUTBOX, MATCHING_REFERRALS, PROFESSIONALS } from './matching.tokens';
import { capacitySlotsModel } from './roster/capacity';
import { DemoRosterSeeder } from './roster/demo-roster.seeder';
import { professionalModel } from './roster/professional.model';

/** The matching service: ranks the roster for each submitted referral, reserves capacity, offers or escalates. */
@Module({
  controllers: [MatchReferralEvents],
  providers: [
    MatchReferral,
    DemoRosterSeeder,
    modelProvider(MATCHING_REFERRALS, matchingReferralModel),
    modelProvider(PROFESSIONALS, professionalModel),
    modelProvider(CAPACITY_SLOTS, capacitySlotsModel),
    outboxProvider(MATCHING_OUTBOX, [MATCHING_REFERRALS]),
  ],
})
export class MatchingModule {}
