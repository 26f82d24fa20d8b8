import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { EventFactory, HakiError, TOPICS } from '@haki/contracts';
import { agencyKey, teamRolesFor, type Urgency } from '@haki/vocabulary';
import { correlationIdOrNew, type Logger } from '@haki/platform-logging';
import { isDuplicateKeyError, toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { LOGGER } from '@haki/platform-runtime';
import { Sealer } from '@haki/platform-config';
import type { Principal } from '@haki/platform-access';
import { REFERRALS, REFERRALS_OUTBOX } from '../../intake.tokens';
import type { ReferralDocument } from '../referral.model';
import { coarsen, parseSubmitReferral, resolveCounty, type SubmitReferralRequest } from './submit-referral.request';

export interface SubmittedReferral {
  referralId: string;
  status: 'submitted';
  county: string;
  urgency: Urgency;
  /** True when this was a retry of an earlier submission with the same Idempotency-Key. */
  duplicate: boolean;
}

/**
 * Validates a referral, seals its PII, and stores it together with its `referral.submitted` event in
 * one atomic insert (the outbox), so a referral is never stored without its event or vice versa.
 */
@Injectable()
export class SubmitReferral {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    @Inject(REFERRALS_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly sealer: Sealer,
    private readonly events: EventFactory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(body: unknown, submitter: Principal, clientKey?: string): Promise<SubmittedReferral> {
    const request = parseSubmitReferral(body);
    // Client keys and generated ones live in separate namespaces, so nobody can claim another
    // referral's id as their key, and each account has its own, so nobody learns another's referral
    // by guessing its key; the fingerprint tells a true retry from a different referral.
    const idempotencyKey = clientKey ? `client:${submitter.subject}:${clientKey}` : undefined;
    // A keyed fingerprint of the validated request: key order does not matter, and nobody can confirm a guessed referral from it.
    const requestHash = this.sealer.fingerprint(request);
    const { county, point } = resolveCounty(request);
    const referralId = randomUUID();
    const submittedAt = new Date();
    const event = this.events.create({
      topic: TOPICS.referralSubmitted,
      key: referralId,
      correlationId: correlationIdOrNew(),
      occurredAt: submittedAt,
      payload: {
        referralId,
        serviceType: request.serviceType,
        urgency: request.urgency,
        // The team this service needs, lead role first (matching offers the lead role for now).
        rolesNeeded: teamRolesFor(request.serviceType),
        countyCode: county.code,
        countyName: county.name,
        coarseLocation: coarsen(point),
        ...(request.deadline ? { deadline: new Date(request.deadline).toISOString() } : {}),
        ...(request.language ? { language: request.language } : {}),
        // The normalised key only, for conflict checks: staff's own words stay sealed with the PII.
        ...(request.implicatedAgency ? { implicated: [agencyKey(request.implicatedAgency)!] } : {}),
        submittedAt: submittedAt.toISOString(),
        ...(submitter.organisationId ? { organisationId: submitter.organisationId } : {}),
      },
    });
    const sensitive = {
      subject: request.subject,
      referrer: request.referrer,
      narrative: request.narrative,
      town: request.town,
      location: request.location,
      implicatedAgency: request.implicatedAgency,
    };
    try {
      await this.referrals.create({
        _id: referralId,
        idempotencyKey: idempotencyKey ?? `auto:${referralId}`,
        requestHash,
        status: 'submitted',
        serviceType: request.serviceType,
        urgency: request.urgency,
        countyCode: county.code,
        countyName: county.name,
        coarseLocation: coarsen(point),
        ...(request.deadline ? { deadline: request.deadline } : {}),
        ...(request.language ? { language: request.language } : {}),
        sealed: this.sealer.seal(sensitive, referralId),
        submittedAt,
        submittedBy: submitter.subject,
        ...(submitter.organisationId ? { organisationId: submitter.organisationId } : {}),
        outbox: [toOutbox(TOPICS.referralSubmitted, event)],
      });
    } catch (error) {
      if (idempotencyKey && isDuplicateKeyError(error)) return this.previousSubmission(idempotencyKey, request, body);
      throw error;
    }
    await this.outbox.announce(this.referrals, referralId);
    this.logger.info({ referralId, county: county.name, urgency: request.urgency, serviceType: request.serviceType }, 'referral submitted');
    return { referralId, status: 'submitted', county: county.name, urgency: request.urgency, duplicate: false };
  }

  /**
   * Whether a retry carries the referral stored under its key: compared by the keyed fingerprint, with
   * the key it names (keys rotate). Records from before fingerprints hold a bare SHA-256 of the raw body.
   */
  private sameRequest(stored: string, request: SubmitReferralRequest, body: unknown): boolean {
    if (!stored.includes(':')) return stored === createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const keyId = stored.slice(0, stored.indexOf(':'));
    // Under a key since retired (or `retired:` after `npm run keys:reseal`) it cannot be compared: a conflict, not a 500.
    return this.sealer.hasKey(keyId) && stored === this.sealer.fingerprint(request, keyId);
  }

  private async previousSubmission(idempotencyKey: string, request: SubmitReferralRequest, body: unknown): Promise<SubmittedReferral> {
    const existing = await this.referrals.findOne({ idempotencyKey }).lean();
    if (!existing) throw new HakiError('REFERRAL.IDEMPOTENCY_RECORD_MISSING', 'the referral with this Idempotency-Key is not readable yet');
    if (!this.sameRequest(existing.requestHash, request, body)) {
      throw new HakiError('REFERRAL.IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was already used for a different referral', {
        fields: [{ field: 'Idempotency-Key', reason: 'already used for a different referral; use a new key for a new referral' }],
      });
    }
    return {
      referralId: existing._id,
      status: existing.status,
      county: existing.countyName,
      urgency: existing.urgency as Urgency,
      duplicate: true,
    };
  }
}
