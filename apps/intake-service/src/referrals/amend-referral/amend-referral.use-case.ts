import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { HakiError, TOPICS, type AMENDED_PARTS } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { REFERRALS } from '../../intake.tokens';
import { referralForCaller } from '../referral-access';
import { ReferralChanges, type ReferralEvent } from '../referral-changes';
import { logUnlistedAgency } from '../referral-request/implicated-agency';
import { assessedFields, assessReferral, placeShown, sensitivePartOf, type ReferralAssessment } from '../referral-request/referral-facts';
import { parseReferralRequest, type ReferralRequest } from '../referral-request/referral-request';
import { withStandingUrgency } from '../referral-request/timing';
import type { ReferralDocument, ReferralStatus } from '../referral.model';
import { referralView, type ReferralView } from '../referral-view';
import { Organisations } from '../../organisations/organisations';

type AmendedPart = (typeof AMENDED_PARTS)[number];

/** Which parts of the referral an amendment changed, in the terms matching re-ranks on. */
function changedParts(before: ReferralAssessment['facts'], after: ReferralAssessment['facts'], detailsChanged: boolean): AmendedPart[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const parts: [AmendedPart, boolean][] = [
    ['service', before.serviceType !== after.serviceType],
    [
      'place',
      !same(
        [before.countyCode, before.coarseLocation, before.placePrecision],
        [after.countyCode, after.coarseLocation, after.placePrecision],
      ),
    ],
    ['deadline', before.deadline !== after.deadline],
    ['urgency', before.urgency !== after.urgency],
    ['roles', !same(before.rolesNeeded, after.rolesNeeded)],
    ['language', before.language !== after.language],
    ['implicated', !same(before.implicated, after.implicated)],
    ['consent', !same(before.consentScopes, after.consentScopes)],
    ['source', !same(before.source, after.source)],
    ['details', detailsChanged],
  ];
  return parts.filter(([, changed]) => changed).map(([part]) => part);
}

/**
 * Intake staff correct a referral they submitted: the fields sent replace the stored ones (`null`
 * removes one), and the whole is validated again and assessed afresh (place, clocks, consent), so an
 * amended referral is held to every rule a new one is. Announced referrals publish `referral.amended`
 * with every fact as it is now (matching re-ranks when place, deadline, urgency or roles changed); one
 * waiting for consent is announced once the consent covers its team; a possible duplicate just keeps
 * the corrected facts until staff decide.
 */
@Injectable()
export class AmendReferral {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    private readonly changes: ReferralChanges,
    private readonly sealer: Sealer,
    private readonly organisations: Organisations,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown, caller: Principal): Promise<ReferralView & { changed: AmendedPart[] }> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new HakiError('REFERRAL.INVALID', '(root): must be an object of the fields to change', {
        fields: [{ field: '(root)', reason: 'must be an object of the fields to change' }],
      });
    }
    const referral = await referralForCaller(this.referrals, referralId, caller);
    if (referral.status === 'linked' || referral.status === 'withdrawn' || !referral.sealedRequest || !referral.facts) {
      const why =
        referral.status === 'linked'
          ? `it joined case ${referral.linkedTo}: amend that one`
          : referral.status === 'withdrawn'
            ? 'it was withdrawn'
            : 'it was stored before amendments were kept';
      throw new HakiError('REFERRAL.NOT_AMENDABLE', `referral ${referralId} cannot be amended: ${why}`);
    }
    const now = new Date();
    const kept = this.sealer.open<ReferralRequest>(referral.sealedRequest, referralId);
    // Staff's urgency is judged again only when this amendment sends it; otherwise an earlier raise stands while it still raises.
    const stored = 'urgency' in body ? kept : withStandingUrgency(kept, now);
    const merged: Record<string, unknown> = { ...stored, ...body };
    for (const [field, value] of Object.entries(merged)) if (value === null) delete merged[field];
    const request = parseReferralRequest(merged);
    if (request.source.organisationId !== stored.source.organisationId)
      await this.organisations.requireActive(request.source.organisationId);
    const assessment = assessReferral(request, caller, now, {
      ...(referral.consent ? { consent: referral.consent } : {}),
      organisationId: referral.organisationId,
    });
    const { facts } = assessment;
    const changed = changedParts(
      referral.facts,
      facts,
      JSON.stringify(sensitivePartOf(stored)) !== JSON.stringify(sensitivePartOf(request)),
    );
    if (!changed.length) return { ...referralView(referral, caller), changed };

    let status: ReferralStatus = referral.status;
    let event: ReferralEvent | undefined;
    const version = (referral.version ?? 1) + 1;
    if (referral.status === 'submitted') {
      if (!facts.rolesNeeded.length) {
        throw new HakiError(
          'REFERRAL.CONSENT_WITHDRAWN',
          `the consent now covers no role this ${facts.serviceType} needs: withdraw the referral instead`,
        );
      }
      const payload = { ...facts, referralId, version, changed, amendedAt: now.toISOString() };
      event = { topic: TOPICS.referralAmended, key: referralId, payload, idSeed: `amended:${referralId}:${version}` };
    } else if (referral.status === 'awaiting-consent' && facts.rolesNeeded.length) {
      status = 'submitted';
      const payload = { ...facts, referralId, submittedAt: referral.submittedAt.toISOString() };
      event = { topic: TOPICS.referralSubmitted, key: referralId, payload, idSeed: `submitted:${referralId}` };
    }
    const set = { status, ...assessedFields(request, assessment, (value) => this.sealer.seal(value, referralId)) };
    await this.changes.apply(referral, set, caller.subject, event);
    this.logger.info({ referralId, changed, status, version }, 'referral amended');
    if (assessment.implicatedAgencyUnlisted && changed.includes('implicated')) logUnlistedAgency(this.logger, referralId, facts.countyName);
    return { ...referralView({ ...referral, ...set, version }, caller), place: placeShown(assessment.place), changed };
  }
}
