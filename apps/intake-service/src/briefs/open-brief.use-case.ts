import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { EventFactory, HakiError, TOPICS } from '@haki/contracts';
import { linkSignerFrom, Sealer, type LinkSigner } from '@haki/platform-config';
import { correlationIdOrNew, type Logger } from '@haki/platform-logging';
import { EventPublisher } from '@haki/platform-messaging';
import { AuditLog, LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import { consentCovers, type Role } from '@haki/vocabulary';
import type { IntakeConfig } from '../config';
import { BRIEF_ACCESS, BRIEF_OPENINGS, REFERRALS } from '../intake.tokens';
import type { ReferralDocument } from '../referrals/referral.model';
import type { BriefAccessDocument, BriefOpeningDocument } from './brief-access.model';

/** What the confirmed volunteer needs to act: the case facts and the sealed details, opened for them. */
export interface Brief {
  serviceType: string;
  urgency: string;
  countyName: string;
  deadline?: string;
  details: SealedDetails;
}

/** The sealed part of a referral as intake stored it (submit-referral.use-case.ts `sensitive`). */
export interface SealedDetails {
  subject?: { name?: string; phone?: string; age?: number };
  referrer?: { name?: string; phone?: string; organisation?: string };
  narrative?: string;
  town?: string;
  landmark?: string;
  location?: { lat: number; lon: number };
  implicatedAgency?: string;
}

/**
 * Opens a referral's sealed details for the one volunteer confirmed on it, through the signed brief
 * link their confirmation carried: the link must be ours, unexpired, and name an offer whose assignment
 * is confirmed now (not cancelled since). Every opening is stored here and published as
 * `referral.brief-opened` for the case timeline, before the details are returned.
 */
@Injectable()
export class OpenBrief {
  private readonly signer: LinkSigner | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) config: IntakeConfig,
    @Inject(BRIEF_ACCESS) private readonly access: Model<BriefAccessDocument>,
    @Inject(BRIEF_OPENINGS) private readonly openings: Model<BriefOpeningDocument>,
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    private readonly sealer: Sealer,
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
    private readonly audit: AuditLog,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.signer = linkSignerFrom(config);
  }

  async execute(token: string): Promise<Brief> {
    if (!this.signer) throw new HakiError('LINK.INVALID', 'this link is not valid');
    const { offerId } = await this.signer.verify(token, 'brief');
    const access = await this.access.findById(offerId).lean();
    if (access?.status !== 'confirmed') throw new HakiError('LINK.NOT_CONFIRMED', 'this assignment is not (or no longer) confirmed');
    const referral = await this.referrals.findById(access.referralId).lean();
    if (!referral) throw new HakiError('LINK.INVALID', 'this link is not valid');
    // Withdrawn at intake: closed at once, without waiting for matching's cancellation to arrive.
    if (referral.status === 'withdrawn') throw new HakiError('LINK.NOT_CONFIRMED', 'this referral was withdrawn');
    // Consent is checked again at the moment of opening: only a role the survivor or family agreed to share with reads it.
    if (referral.consent && !consentCovers(referral.consent.scopes, access.role as Role)) {
      throw new HakiError('LINK.OUTSIDE_CONSENT', 'the consent recorded for this case does not cover sharing it with your role');
    }

    const openedAt = new Date();
    const { referralId, professionalId, role } = access;
    await this.openings.create({ _id: randomUUID(), offerId, referralId, professionalId, openedAt });
    const payload = { referralId, offerId, professionalId, role, openedAt: openedAt.toISOString() };
    const event = this.events.create({ topic: TOPICS.referralBriefOpened, key: referralId, correlationId: correlationIdOrNew(), payload });
    await this.publisher.publish([{ topic: TOPICS.referralBriefOpened, envelope: event }]);
    this.logger.info({ referralId, offerId, professionalId }, 'brief opened');

    // The survivor's details are opened for this volunteer: on record before the page is sent.
    await this.audit.append({
      actor: professionalId,
      roles: ['professional'],
      action: 'pii.opened',
      target: { referralId, offerId },
      outcome: 'ok',
    });
    const { serviceType, urgency, countyName, deadline } = referral;
    return {
      serviceType,
      urgency,
      countyName,
      ...(deadline ? { deadline } : {}),
      details: this.sealer.open<SealedDetails>(referral.sealed, referralId),
    };
  }
}
