import { Schema, type Connection, type Model } from 'mongoose';
import type { OfferRecord, OfferStatus } from '@haki/matching-core';
import { bulkWriteInChunks, createModel } from '@haki/platform-runtime';
import type { ServiceType } from '@haki/vocabulary';

/**
 * One offer and what became of it, kept for ranking: acceptance rate, response time, recent
 * assignments (fairness, postmortem cooldown, monthly cap). Written only by the consumer that owns the
 * offer's referral (docs/decisions/0004), so a plain upsert by `_id` (the offer id) is safe on FerretDB.
 */
export interface OfferOutcomeDocument {
  _id: string;
  professionalId: string;
  referralId: string;
  serviceType: ServiceType;
  status: OfferStatus;
  offeredAt: Date;
  answeredAt?: Date;
  manual?: boolean;
}

const schema = new Schema<OfferOutcomeDocument>(
  {
    _id: String,
    professionalId: String,
    referralId: String,
    serviceType: String,
    status: String,
    offeredAt: Date,
    answeredAt: Date,
    manual: Boolean,
  },
  { versionKey: false },
);
// The roster snapshot reads, and the pruner deletes, by offer date (a window of HISTORY_DAYS).
schema.index({ offeredAt: 1 });

export type OfferOutcomes = Model<OfferOutcomeDocument>;
export const offerOutcomeModel = (connection: Connection): Promise<OfferOutcomes> =>
  createModel(connection, 'OfferOutcome', schema, 'offer_outcomes');

/** Records every offer of a referral as it stands now; repeating it (a redelivery) writes the same. */
export async function recordOutcomes(
  outcomes: OfferOutcomes,
  referral: { referralId: string; serviceType: ServiceType },
  offers: readonly OfferRecord[],
): Promise<void> {
  if (offers.length === 0) return;
  await bulkWriteInChunks(
    outcomes,
    offers.map((offer) => ({
      updateOne: {
        filter: { _id: offer.offerId },
        update: {
          $set: {
            professionalId: offer.professionalId,
            referralId: referral.referralId,
            serviceType: referral.serviceType,
            status: offer.status,
            offeredAt: new Date(offer.sentAt),
            ...(offer.answeredAt === undefined ? {} : { answeredAt: new Date(offer.answeredAt) }),
            ...(offer.manual ? { manual: true } : {}),
          },
        },
        upsert: true,
      },
    })),
  );
}
