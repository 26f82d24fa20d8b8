import { Module } from '@nestjs/common';
import { Sealer } from '@haki/platform-config';
import { modelProvider, outboxProvider, redisProvider, renamedServiceTypesProvider, SERVICE_CONFIG } from '@haki/platform-runtime';
import { AssignProfessionalController } from './assign-professional/assign-professional.controller';
import { AssignProfessional } from './assign-professional/assign-professional.use-case';
import { ReofferRole } from './assign-professional/reoffer-role.use-case';
import { AttentionController } from './attention/attention.controller';
import { ListAttention } from './attention/list-attention.use-case';
import { referralsInPlayModel } from './attention/referral-in-play.model';
import type { MatchingConfig } from './config';
import {
  CAPACITY_HOLDINGS,
  CAPACITY_SLOTS,
  CONTACT_SEALER,
  OFFER_OUTCOMES,
  PROFESSIONALS,
  REFERRAL_DECISIONS,
  REFERRALS_IN_PLAY,
  ROSTER_IMPORTS,
  ROSTER_OUTBOX,
  TIMER_QUEUE_REDIS,
  TIMER_WORKER_REDIS,
  WAITING_REFERRALS,
} from './matching.tokens';
import { SurgeTriage } from './surge-triage/surge-triage';
import { waitingReferralsModel } from './surge-triage/waiting-referral.model';
import { HistoryPruner } from './offer-history/history-pruner';
import { OfferMetrics } from './offer-history/offer-metrics';
import { offerOutcomeModel } from './offer-history/offer-outcome.model';
import { CompleteAssignment } from './offer-updates/complete-assignment.use-case';
import { ImportRoster } from './roster-admin/import-roster.use-case';
import { ManageProfessionals } from './roster-admin/manage-professionals.use-case';
import { RosterChanges } from './roster-admin/roster-changes';
import { CoverageController } from './county-coverage/coverage.controller';
import { RosterController } from './roster-admin/roster.controller';
import { rosterImportModel } from './roster-admin/roster-import.model';
import { ApplyReferralInput } from './referral-decisions/apply-referral-input.use-case';
import { PolicyCommands } from './referral-decisions/policy-commands';
import { referralDecisionModel } from './referral-decisions/referral-decision.model';
import { ReferralInputs } from './referral-decisions/referral-inputs.controller';
import { OfferUpdatesController } from './offer-updates/offer-updates.controller';
import { OpsInputPublisher } from './offer-updates/ops-input-publisher';
import { ReportProgress } from './offer-updates/report-progress.use-case';
import { RespondToOffer } from './offer-updates/respond-to-offer.use-case';
import { CapacityLedger, capacityHoldingsModel, capacitySlotsModel, type CapacityHoldings, type CapacitySlots } from './roster/capacity';
import { CandidateRanking } from './roster/candidate-ranking';
import { DemoRosterSeeder } from './roster/demo-roster.seeder';
import { RosterSnapshot } from './roster/roster-snapshot';
import { EscalateDeadLettered } from './dead-letters/escalate-dead-lettered';
import { HandleReply } from './sms-replies/handle-reply.use-case';
import { ReplyEvents } from './sms-replies/reply-events.controller';
import { WithdrawReferralController } from './withdraw-referral/withdraw-referral.controller';
import { WithdrawReferral } from './withdraw-referral/withdraw-referral.use-case';
import { professionalModel } from './roster/professional.model';
import { SetTimer } from './timers/set-timer.use-case';
import { timerQueueProvider } from './timers/timer-queue';
import { TimerEvents } from './timers/timer.controller';
import { TimerWorker } from './timers/timer.worker';

/**
 * The matching service: runs matching-core's offer policy for every referral (ranking, parallel and
 * sequential offers per role, capacity, timers, widening, escalation), takes answers and assignments
 * from ops and from volunteers' SMS replies, lists what needs their attention, and keeps the roster.
 */
@Module({
  controllers: [
    ReferralInputs,
    TimerEvents,
    ReplyEvents,
    OfferUpdatesController,
    WithdrawReferralController,
    AssignProfessionalController,
    AttentionController,
    RosterController,
    CoverageController,
  ],
  providers: [
    renamedServiceTypesProvider({
      referral_decisions: ['facts.serviceType'],
      referrals_in_play: ['serviceType'],
      offer_outcomes: ['serviceType'],
    }),
    ApplyReferralInput,
    PolicyCommands,
    SurgeTriage,
    CandidateRanking,
    RosterSnapshot,
    OpsInputPublisher,
    RespondToOffer,
    HandleReply,
    EscalateDeadLettered,
    ReportProgress,
    CompleteAssignment,
    WithdrawReferral,
    AssignProfessional,
    ReofferRole,
    ListAttention,
    ManageProfessionals,
    ImportRoster,
    RosterChanges,
    HistoryPruner,
    OfferMetrics,
    SetTimer,
    TimerWorker,
    DemoRosterSeeder,
    modelProvider(REFERRAL_DECISIONS, referralDecisionModel),
    modelProvider(REFERRALS_IN_PLAY, referralsInPlayModel),
    modelProvider(WAITING_REFERRALS, waitingReferralsModel),
    modelProvider(PROFESSIONALS, professionalModel),
    modelProvider(CAPACITY_SLOTS, capacitySlotsModel),
    modelProvider(CAPACITY_HOLDINGS, capacityHoldingsModel),
    {
      provide: CapacityLedger,
      inject: [CAPACITY_SLOTS, CAPACITY_HOLDINGS],
      useFactory: (slots: CapacitySlots, holdings: CapacityHoldings) => new CapacityLedger(slots, holdings),
    },
    modelProvider(OFFER_OUTCOMES, offerOutcomeModel),
    modelProvider(ROSTER_IMPORTS, rosterImportModel),
    outboxProvider(ROSTER_OUTBOX, [ROSTER_IMPORTS]),
    {
      provide: CONTACT_SEALER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: MatchingConfig) => new Sealer(config.CONTACT_KEYS, config.CONTACT_ACTIVE_KEY_ID, 'CONTACT'),
    },
    redisProvider(TIMER_QUEUE_REDIS),
    redisProvider(TIMER_WORKER_REDIS),
    timerQueueProvider,
  ],
})
export class MatchingModule {}
