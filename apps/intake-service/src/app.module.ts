import { Module } from '@nestjs/common';
import { SERVICE_CONFIG, modelProvider, outboxProvider, renamedServiceTypesProvider } from '@haki/platform-runtime';
import type { IntakeConfig } from './config';
import {
  BRIEF_ACCESS,
  BRIEF_OPENINGS,
  INCIDENT_INDEX,
  ORGANISATIONS,
  REFERRAL_CHANGES,
  REFERRALS,
  REFERRALS_OUTBOX,
} from './intake.tokens';
import { organisationModel } from './organisations/organisation.model';
import { Organisations } from './organisations/organisations';
import { OrganisationsController } from './organisations/organisations.controller';
import { incidentIndexModel } from './referrals/duplicates/incident-index';
import { AssignmentEvents } from './briefs/assignment-events.controller';
import { briefAccessModel, briefOpeningModel } from './briefs/brief-access.model';
import { BriefController } from './briefs/brief.controller';
import { OpenBrief } from './briefs/open-brief.use-case';
import { Sealer } from '@haki/platform-config';
import { referralModel } from './referrals/referral.model';
import { SubmitReferralController } from './referrals/submit-referral/submit-referral.controller';
import { SubmitReferral } from './referrals/submit-referral/submit-referral.use-case';
import { GetReferralController } from './referrals/get-referral/get-referral.controller';
import { DecideDuplicateController } from './referrals/duplicate-decision/decide-duplicate.controller';
import { DecideDuplicate } from './referrals/duplicate-decision/decide-duplicate.use-case';
import { AmendReferralController } from './referrals/amend-referral/amend-referral.controller';
import { AmendReferral } from './referrals/amend-referral/amend-referral.use-case';
import { WithdrawReferralAtIntake } from './referrals/withdraw-referral/withdraw-referral.use-case';
import { referralChangeModel, ReferralChanges } from './referrals/referral-changes';

/**
 * The intake service: referrals in over HTTP, validated and sealed, out as `referral.submitted`; and
 * the brief, those sealed details opened for the volunteer confirmed on the referral.
 */
@Module({
  controllers: [
    SubmitReferralController,
    GetReferralController,
    DecideDuplicateController,
    AmendReferralController,
    OrganisationsController,
    BriefController,
    AssignmentEvents,
  ],
  providers: [
    SubmitReferral,
    DecideDuplicate,
    AmendReferral,
    WithdrawReferralAtIntake,
    ReferralChanges,
    Organisations,
    OpenBrief,
    modelProvider(REFERRALS, referralModel),
    modelProvider(BRIEF_ACCESS, briefAccessModel),
    modelProvider(BRIEF_OPENINGS, briefOpeningModel),
    modelProvider(INCIDENT_INDEX, incidentIndexModel),
    modelProvider(ORGANISATIONS, organisationModel),
    modelProvider(REFERRAL_CHANGES, referralChangeModel),
    renamedServiceTypesProvider({ referrals: ['serviceType', 'facts.serviceType'] }),
    outboxProvider(REFERRALS_OUTBOX, [REFERRALS]),
    {
      provide: Sealer,
      inject: [SERVICE_CONFIG],
      useFactory: (config: IntakeConfig) => new Sealer(config.PII_KEYS, config.PII_ACTIVE_KEY_ID),
    },
  ],
})
export class IntakeModule {}
