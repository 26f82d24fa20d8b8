import type { CaseSummary } from './case-summary';

/** One offer as its volunteer sees it in the web app: no more than the offer SMS told them. */
export interface OfferForVolunteer {
  offerId: string;
  caseId: string;
  role: string;
  serviceType?: string;
  urgency?: string;
  county?: string;
  receivedAt: string;
  /** Accepted: answered, waiting for matching's confirmation (the app shows no buttons then). */
  status: 'offered' | 'reminded' | 'accepted';
}

/** The offers waiting on one volunteer's answer, the newest referral first. */
export function offersFor(professionalId: string, rows: Iterable<CaseSummary>): OfferForVolunteer[] {
  const offers: OfferForVolunteer[] = [];
  for (const row of rows) {
    for (const offer of row.openOffers ?? []) {
      if (offer.professionalId !== professionalId) continue;
      const { serviceType, urgency, county } = row;
      offers.push({
        offerId: offer.offerId,
        caseId: row.caseId,
        role: offer.role,
        serviceType,
        urgency,
        county,
        receivedAt: row.receivedAt,
        status: offer.status ?? 'offered', // rows stored before the status was kept
      });
    }
  }
  return offers.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}
