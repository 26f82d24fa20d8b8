import { Module } from '@nestjs/common';
import { modelProvider, redisProvider } from '@haki/platform-runtime';
import { CAPACITY_SLOTS, PROFESSIONALS, REFERRAL_DECISIONS, TIMER_QUEUE_REDIS, TIMER_WORKER_REDIS } from './matching.tokens';
import { ApplyReferralInput } from './referral-decisions/apply-referral-input.use-case';
import { PolicyCommands } from './referral-decisions/policy-commands';
import { referralDecisionModel } from './referral-decisions/referral-decision.model';
import { ReferralInputs } from './referral-decisions/referral-inputs.controller';
import { OfferUpdatesController } from './offer-updates/offer-updates.controller';
import { OpsInputPublisher } from './offer-updates/ops-input-publisher';
import { ReportProgress } from './offer-updates/report-progress.use-case';
import { RespondToOffer } from './offer-updates/respond-to-offer.use-case';
import { capacitySlotsModel } from './roster/capacity';
import { CandidateRanking } from './roster/candidate-ranking';
import { DemoRosterSeeder } from './roster/demo-roster.seeder';
import { WithdrawReferralController } from './withdraw-referral/withdraw-referral.controller';
import { WithdrawReferral } from './withdraw-referral/withdraw-referral.use-case';
import { professionalModel } from './roster/professional.model';
import { SetTimer } from './timers/set-timer.use-case';
import { timerQueueProvider } from './timers/timer-queue';
import { TimerEvents } from './timers/timer.controller';
import { TimerWorker } from './timers/timer.worker';

/**
 * The matching service: runs matching-core's offer policy for every referral (ranking, parallel and
 * sequential offers per role, capacity, timers, widening, escalation) and takes answers from ops.
 */
@Module({
  controllers: [ReferralInputs, TimerEvents, OfferUpdatesController, WithdrawReferralController],
  providers: [
    ApplyReferralInput,
    PolicyCommands,
    CandidateRanking,
    OpsInputPublisher,
    RespondToOffer,
    ReportProgress,
    WithdrawReferral,
    SetTimer,
    TimerWorker,
    DemoRosterSeeder,
    modelProvider(REFERRAL_DECISIONS, referralDecisionModel),
    modelProvider(PROFESSIONALS, professionalModel),
    modelProvider(CAPACITY_SLOTS, capacitySlotsModel),
    redisProvider(TIMER_QUEUE_REDIS),
    redisProvider(TIMER_WORKER_REDIS),
    timerQueueProvider,
  ],
})
export class MatchingModule {}
