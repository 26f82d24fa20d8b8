import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { OfferRecord } from '@haki/matching-core';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';

/**
 * Offers by what became of them, for ops during a surge (declines and expiries climbing, acceptances
 * falling): one count per offer each time its status changes (`open` when it goes out), by role and urgency.
 */
@Injectable()
export class OfferMetrics {
  private readonly offers: Counter<'role' | 'urgency' | 'status'>;

  constructor(@Inject(SERVICE_RUNTIME) runtime: Pick<ServiceRuntime, 'metrics'>) {
    this.offers = new Counter({
      name: 'haki_offers_total',
      help: 'Offer status changes by role, urgency and new status (open when sent; accepted, declined, expired, undelivered, …)',
      labelNames: ['role', 'urgency', 'status'],
      registers: [runtime.metrics.registry],
    });
  }

  /** The offers an input created or changed (ApplyReferralInput's changedOffers). */
  changed(urgency: string, offers: readonly OfferRecord[]): void {
    for (const offer of offers) this.offers.inc({ role: offer.role, urgency, status: offer.status });
  }
}
