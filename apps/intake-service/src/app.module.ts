import { Module } from '@nestjs/common';
import { SERVICE_CONFIG, modelProvider, outboxProvider, redisProvider, renamedServiceTypesProvider } from '@haki/platform-runtime';
import type { IntakeConfig } from './config';
import {
  AWAITING_CALL_BACK,
  BRIEF_ACCESS,
  BRIEF_OPENINGS,
  INCIDENT_INDEX,
  ORGANISATIONS,
  PHONE_INTAKE_REDIS,
  REFERRAL_CHANGES,
  REFERRAL_REFERENCES,
  REFERRER_PHONES,
  CONTACT_SEALER,
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
import { awaitingCallBackModel } from './phone-intake/call-back/awaiting-call-back';
import { CallBackController } from './phone-intake/call-back/call-back.controller';
import { RecordCallBack } from './phone-intake/call-back/record-call-back.use-case';
import { ReferrerNumber } from './phone-intake/call-back/referrer-number.use-case';
import { PhoneLimits } from './phone-intake/phone-limits';
import { SealedRedis } from './phone-intake/sealed-redis';
import { referralReferenceModel } from './phone-intake/referral-references';
import { PhoneIntakeRedisHealth } from './phone-intake/phone-intake-redis.health';
import { ReferrerPhonesController } from './phone-intake/referrer-phones/referrer-phones.controller';
import { referrerPhoneModel, ReferrerPhones } from './phone-intake/referrer-phones/referrer-phones';
import { SubmitPhoneReferral } from './phone-intake/submit-phone-referral.use-case';
import { AnswerUssd } from './phone-intake/ussd/answer-ussd.use-case';
import { UssdController } from './phone-intake/ussd/ussd.controller';
import { UssdSessions } from './phone-intake/ussd/ussd-sessions';
import { ReferrerMessages } from './phone-intake/referrer-messages';
import { ReceiveReferrerSms } from './phone-intake/sms/receive-referrer-sms.use-case';
import { ReferrerSmsEvents } from './phone-intake/sms/referrer-sms-events.controller';
import { SmsConversations } from './phone-intake/sms/sms-conversations';
import { TellReferrerAccepted } from './phone-intake/tell-referrer-accepted.use-case';

/**
 * The intake service: referrals in over HTTP (the web API, and basic phones by USSD and SMS), validated and
 * sealed, out as `referral.submitted`; and the brief, those sealed details opened for the volunteer
 * confirmed on the referral.
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
    UssdController,
    ReferrerPhonesController,
    CallBackController,
    ReferrerSmsEvents,
  ],
  providers: [
    SubmitReferral,
    DecideDuplicate,
    AmendReferral,
    WithdrawReferralAtIntake,
    ReferralChanges,
    Organisations,
    OpenBrief,
    ReferrerPhones,
    PhoneLimits,
    SealedRedis,
    UssdSessions,
    SubmitPhoneReferral,
    AnswerUssd,
    RecordCallBack,
    ReferrerNumber,
    PhoneIntakeRedisHealth,
    ReferrerMessages,
    SmsConversations,
    ReceiveReferrerSms,
    TellReferrerAccepted,
    redisProvider(PHONE_INTAKE_REDIS),
    modelProvider(REFERRER_PHONES, referrerPhoneModel),
    modelProvider(AWAITING_CALL_BACK, awaitingCallBackModel),
    modelProvider(REFERRAL_REFERENCES, referralReferenceModel),
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
    {
      provide: CONTACT_SEALER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: IntakeConfig) => new Sealer(config.CONTACT_KEYS, config.CONTACT_ACTIVE_KEY_ID, 'CONTACT'),
    },
  ],
})
export class IntakeModule {}
