import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { EventFactory, HakiError, TOPICS } from '@haki/contracts';
import { correlationIdOrNew, type Logger } from '@haki/platform-logging';
import { insertOnce, isDuplicateKeyError, toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { LOGGER } from '@haki/platform-runtime';
import { Sealer } from '@haki/platform-config';
import type { Principal } from '@haki/platform-access';
import { AWAITING_CALL_BACK, INCIDENT_INDEX, REFERRAL_REFERENCES, REFERRALS, REFERRALS_OUTBOX } from '../../intake.tokens';
import type { ReferralReferenceDocument } from '../../phone-intake/referral-references';
import type { AwaitingCallBackDocument } from '../../phone-intake/call-back/awaiting-call-back';
import type { PhoneChannel } from '../../phone-intake/phone-draft';
import { claimIncident, type IncidentIndexDocument } from '../duplicates/incident-index';
import { openDuplicates } from '../duplicates/open-duplicates';
import type { ReferralDocument, ReferralStatus } from '../referral.model';
import { logUnlistedAgency } from '../referral-request/implicated-agency';
import { assessedFields, assessReferral, placeShown } from '../referral-request/referral-facts';
import { parseReferralRequest, type ReferralRequest } from '../referral-request/referral-request';
import { referralView, type ReferralView } from '../referral-view';
import { Organisations } from '../../organisations/organisations';

/** Client keys and generated ones live in separate namespaces, and each account has its own (see `execute`). */
const keyOf = (submitter: Principal, clientKey: string) => `client:${submitter.subject}:${clientKey}`;

export interface SubmittedReferral extends ReferralView {
  /** True when this was a retry of an earlier submission with the same Idempotency-Key. */
  duplicate: boolean;
}

/** A referral from a basic phone (phone-intake): how it came, its short reference, and whether it waits for a call-back. */
export interface PhoneSubmission {
  channel: PhoneChannel;
  reference: string;
  holdForCallBack: boolean;
}

/**
 * Validates a referral, works out its place, clocks and consent, checks whether its incident is
 * already a case, seals its PII, and stores it. A referral that may go to matching is stored with its
 * `referral.submitted` event in one atomic insert (the outbox), so it is never stored without its
 * event or vice versa. One that waits (for consent, for staff to say whether it duplicates an open
 * case, or for a call-back to a phone the network does not know) is stored without one and announced
 * by the step that releases it.
 */
@Injectable()
export class SubmitReferral {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    @Inject(INCIDENT_INDEX) private readonly incidents: Model<IncidentIndexDocument>,
    @Inject(REFERRALS_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(AWAITING_CALL_BACK) private readonly awaitingCallBack: Model<AwaitingCallBackDocument>,
    @Inject(REFERRAL_REFERENCES) private readonly references: Model<ReferralReferenceDocument>,
    private readonly sealer: Sealer,
    private readonly events: EventFactory,
    private readonly organisations: Organisations,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(body: unknown, submitter: Principal, clientKey?: string, phone?: PhoneSubmission): Promise<SubmittedReferral> {
    const request = parseReferralRequest(body);
    await this.organisations.requireActive(request.source.organisationId);
    const submittedAt = new Date();
    const assessment = assessReferral(request, submitter, submittedAt);
    // Client keys and generated ones live in separate namespaces, so nobody can claim another
    // referral's id as their key, and each account has its own, so nobody learns another's referral
    // by guessing its key; the fingerprint tells a true retry from a different referral.
    const idempotencyKey = clientKey ? keyOf(submitter, clientKey) : undefined;
    // A keyed fingerprint of the validated request: key order does not matter, and nobody can confirm a guessed referral from it.
    const requestHash = this.sealer.fingerprint(request);
    const referralId = randomUUID();
    const { facts } = assessment;
    const earlier = await claimIncident(this.incidents, this.sealer, referralId, request, facts.countyCode);
    // Another organisation's case is named to supervisors only: an intake account must not learn from
    // a probe which people another partner has reported.
    const duplicates = await openDuplicates(this.referrals, earlier);
    const ours = (kase: { organisationId?: string }) => kase.organisationId === submitter.organisationId;
    const probableDuplicates = duplicates.filter(ours).map((kase) => kase.caseId);
    const elsewhere = duplicates.filter((kase) => !ours(kase)).map((kase) => kase.caseId);
    const status: ReferralStatus = phone?.holdForCallBack
      ? 'awaiting-call-back'
      : duplicates.length
        ? 'possible-duplicate'
        : facts.rolesNeeded.length
          ? 'submitted'
          : 'awaiting-consent';
    const outbox =
      status === 'submitted'
        ? [
            toOutbox(
              TOPICS.referralSubmitted,
              this.events.create({
                topic: TOPICS.referralSubmitted,
                key: referralId,
                correlationId: correlationIdOrNew(),
                occurredAt: submittedAt,
                payload: { ...facts, referralId, submittedAt: submittedAt.toISOString() },
              }),
            ),
          ]
        : [];
    const stored: ReferralDocument = {
      _id: referralId,
      idempotencyKey: idempotencyKey ?? `auto:${referralId}`,
      requestHash,
      status,
      ...assessedFields(request, assessment, (value) => this.sealer.seal(value, referralId)),
      ...(probableDuplicates.length ? { probableDuplicates } : {}),
      ...(elsewhere.length ? { duplicatesElsewhere: elsewhere } : {}),
      version: 1,
      submittedAt,
      submittedBy: submitter.subject,
      ...(submitter.organisationId ? { organisationId: submitter.organisationId } : {}),
      ...(phone ? { channel: phone.channel, reference: phone.reference } : {}),
      outbox,
    };
    if (phone && !(await insertOnce(this.references, { _id: phone.reference, referralId }))) {
      throw new HakiError('REFERRAL.REFERENCE_TAKEN', `reference ${phone.reference} is taken; try again`);
    }
    if (status === 'awaiting-call-back') await this.listForCallBack(stored, phone!);
    try {
      await this.referrals.create(stored);
    } catch (error) {
      if (!idempotencyKey || !isDuplicateKeyError(error)) throw error;
      // A retry (its incident claim above names an id that is never stored: open-duplicates skips it).
      const first = await this.referrals.findOne({ idempotencyKey }).lean();
      if (!first) throw new HakiError('REFERRAL.IDEMPOTENCY_RECORD_MISSING', 'the referral with this Idempotency-Key is not readable yet');
      return this.previousSubmission(first, request, body, submitter);
    }
    if (outbox.length) await this.outbox.announce(this.referrals, referralId);
    const { serviceType, urgency, countyName, clockRule } = facts;
    const place = assessment.place.used;
    this.logger.info({ referralId, county: countyName, urgency, serviceType, status, rule: clockRule, place }, 'referral submitted');
    if (assessment.implicatedAgencyUnlisted) logUnlistedAgency(this.logger, referralId, countyName);
    return { ...referralView(stored, submitter), place: placeShown(assessment.place), duplicate: false };
  }

  /** Onto the desk's call-back list before the referral is stored, so the list never misses it. */
  private async listForCallBack(referral: ReferralDocument, phone: PhoneSubmission): Promise<void> {
    await insertOnce(this.awaitingCallBack, {
      _id: referral._id,
      reference: phone.reference,
      channel: phone.channel,
      serviceType: referral.serviceType,
      urgency: referral.urgency,
      countyName: referral.countyName,
      ...(referral.organisationId ? { organisationId: referral.organisationId } : {}),
      submittedAt: referral.submittedAt,
    });
  }

  /**
   * Whether a retry carries the referral stored under its key: compared by the keyed fingerprint, with
   * the key it names (keys rotate). Records from before fingerprints hold a bare SHA-256 of the raw body.
   */
  private sameRequest(stored: string, request: ReferralRequest, body: unknown): boolean {
    if (!stored.includes(':')) return stored === createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const keyId = stored.slice(0, stored.indexOf(':'));
    // Under a key since retired (or `retired:` after `npm run keys:reseal`) it cannot be compared: a conflict, not a 500.
    return this.sealer.hasKey(keyId) && stored === this.sealer.fingerprint(request, keyId);
  }

  /** The referral an earlier submission with this key stored, as the caller reads it; undefined when there is none. */
  async earlier(submitter: Principal, clientKey: string): Promise<SubmittedReferral | undefined> {
    const first = await this.referrals.findOne({ idempotencyKey: keyOf(submitter, clientKey) }).lean();
    return first ? { ...referralView(first, submitter), duplicate: true } : undefined;
  }

  private previousSubmission(existing: ReferralDocument, request: ReferralRequest, body: unknown, submitter: Principal): SubmittedReferral {
    if (!this.sameRequest(existing.requestHash, request, body)) {
      throw new HakiError('REFERRAL.IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was already used for a different referral', {
        fields: [{ field: 'Idempotency-Key', reason: 'already used for a different referral; use a new key for a new referral' }],
      });
    }
    return { ...referralView(existing, submitter), duplicate: true };
  }
}
