import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { areaClassOf } from '@haki/geography';
import type { OfferRecord, ReferralState } from '@haki/matching-core';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';
import type { ReferralFacts } from '../referral-decisions/referral-decision.model';

/** Offer statuses that come only after an acceptance. */
const WAS_ACCEPTED: ReadonlySet<string> = new Set(['accepted', 'active', 'completed', 'released']);

/** From minutes (a critical referral's first offer) to days (a normal one's acceptance after widening). */
const WAIT_SECONDS = [30, 60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 12 * 3600, 24 * 3600, 72 * 3600, 7 * 86_400];

/**
 * What ops watch during a surge, per write of a referral's decision: offers by what became of them (one
 * count per offer each time its status changes; `open` when it goes out), and how long after submission
 * a referral's first offer went out, each role was first accepted and work first started, by urgency and area class
 * (nairobi, town, rural, remote: the rural wait is what Haki exists to cut).
 */
@Injectable()
export class OfferMetrics {
  private readonly offers: Counter<'role' | 'urgency' | 'status'>;
  private readonly toFirstOffer: Histogram<'urgency' | 'area'>;
  private readonly toAcceptance: Histogram<'urgency' | 'area' | 'role'>;
  private readonly toOnSite: Histogram<'urgency' | 'area'>;

  constructor(@Inject(SERVICE_RUNTIME) runtime: Pick<ServiceRuntime, 'metrics'>) {
    const registers = [runtime.metrics.registry];
    this.offers = new Counter({
      name: 'haki_offers_total',
      help: 'Offer status changes by role, urgency and new status (open when sent; accepted, declined, expired, undelivered, …)',
      labelNames: ['role', 'urgency', 'status'],
      registers,
    });
    // Waits since submission: one bucket layout, one registry, labelled by urgency and area class.
    const wait = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Histogram<L>({ name, help, labelNames, buckets: WAIT_SECONDS, registers });
    this.toFirstOffer = wait(
      'haki_time_to_first_offer_seconds',
      "Time from a referral's submission to its first offer, by urgency and area class of its place",
      ['urgency', 'area'],
    );
    this.toAcceptance = wait(
      'haki_time_to_acceptance_seconds',
      "Time from a referral's submission to the first acceptance of a role, by urgency, area class and role",
      ['urgency', 'area', 'role'],
    );
    this.toOnSite = wait(
      'haki_time_to_on_site_seconds',
      "Time from a referral's submission to work first starting (a progress report, or the case in progress), by urgency and area",
      ['urgency', 'area'],
    );
  }

  /** One write of a referral's decision: the state before and after it, and the offers it created or changed. */
  decided(facts: ReferralFacts, before: ReferralState | undefined, after: ReferralState, changed: readonly OfferRecord[]): void {
    const { urgency } = after;
    for (const offer of changed) this.offers.inc({ role: offer.role, urgency, status: offer.status });
    const area = areaClassOf(facts.coarseLocation);
    const waited = (Date.now() - Date.parse(facts.submittedAt)) / 1000;
    if (!before?.offers.length && after.offers.length > 0) this.toFirstOffer.observe({ urgency, area }, waited);
    // A role someone had accepted before (whatever became of it since) does not count again.
    const acceptedBefore = new Set(before?.offers.filter((o) => WAS_ACCEPTED.has(o.status)).map((o) => o.role));
    // Once per referral: the state keeps when work first started, through any reassignment after it.
    if (before?.firstWorkAt === undefined && after.firstWorkAt !== undefined) this.toOnSite.observe({ urgency, area }, waited);
    for (const offer of changed) {
      if (offer.status !== 'accepted' || acceptedBefore.has(offer.role)) continue;
      acceptedBefore.add(offer.role);
      this.toAcceptance.observe({ urgency, area, role: offer.role }, waited);
    }
  }
}
