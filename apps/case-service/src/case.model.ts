import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseStatusChangedV1 } from '@haki/contracts';
import type { SealedValue } from '@haki/platform-config';
import { createModel } from '@haki/platform-runtime';
import type { CaseOutcome, CaseStatus } from './case-list/case-summary';

export interface CaseFacts {
  serviceType?: string;
  urgency?: string;
  countyName?: string;
  rolesNeeded?: string[];
  /** The organisation whose intake staff submitted the referral (they may read the case). */
  organisationId?: string;
  /** ISO instants from the referral: when intake received it, its medico-legal deadline (the on-site clock stops there). */
  submittedAt?: string;
  deadline?: string | null;
}

export type OfferStatus =
  'offered' | 'accepted' | 'declined' | 'confirmed' | 'in-progress' | 'completed' | 'cancelled' | 'expired' | 'undelivered' | 'reminded';

/** What an event says about one offer: the case view folds these into each role's state. */
export interface OfferFact {
  offerId: string;
  role?: string;
  professionalId?: string;
  status: OfferStatus;
  reason?: string;
  /** The ranking's explanation of why this professional was offered the role (or who assigned them, and why). */
  explanation?: string;
}

/** What people working the case recorded on it (through the case service's own API, not an event from elsewhere). */
export type CaseWork =
  | { kind: 'status'; to: CaseStatus; outcome?: CaseOutcome; missingItemsReason?: SealedValue }
  | { kind: 'checklist'; item: string; state: 'done' | 'not-applicable'; value?: string; note?: SealedValue }
  | { kind: 'note'; note: SealedValue }
  | { kind: 'evidence-registered'; evidenceId: string; evidenceType: string; description?: SealedValue }
  | { kind: 'evidence-received'; evidenceId: string; sha256: string; size: number; mediaType: string; keyId: string }
  | { kind: 'custody'; evidenceId: string; action: CustodyAction; to?: SealedValue; intact?: boolean; problem?: string };

/** What happened to a piece of evidence after it was received: its chain of custody. */
export const CUSTODY_ACTIONS = ['viewed', 'copied', 'handed-over', 'verified'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** Who recorded a piece of case work: the account, and the role it acted in. */
export interface WorkAuthor {
  subject: string;
  role: string;
  professionalId?: string;
}

/** One event on a case's timeline, as the case view reads it. */
export interface CaseEntry {
  eventId: string;
  /** The event that caused this one (null for a referral's first): the view orders by it. */
  causationId: string | null;
  type: string;
  occurredAt: Date;
  summary: string;
  /** Non-identifying facts the event establishes about the case (from referral.submitted). */
  facts?: CaseFacts;
  offer?: OfferFact;
  /** The role a `referral.escalated` handed to ops. */
  escalatedRole?: string;
  /** The role ops asked to be offered again (`assignment.reoffer-requested`): no longer with them. */
  reofferedRole?: string;
  /** Case work recorded here (entries of type `case.*`), and by whom. */
  work?: CaseWork;
  by?: WorkAuthor;
  /** The event a status step published (kept so a retried step can publish it again under the same id). */
  announced?: CaseStatusChangedV1;
  /** `<account>:<Idempotency-Key>` of the request that recorded this work: its retry finds it instead of recording again. */
  requestId?: string;
}

/**
 * A case's timeline is a run of numbered slots, one document each: `_id` = `<case id>/<n>`, n = 0, 1,
 * 2, … in arrival order, with no gaps. Reading a case is a few lookups by `_id` (the only lookup
 * FerretDB serves from an index: docs/performance.md); recording an event is an insert into the next
 * free slot. Two events about one case arriving at once both try the same slot; the unique `_id`
 * lets one in and sends the other to the next slot, so nothing is lost without transactions (an
 * array pushed onto one case document would lose entries on FerretDB 1.24: its issue #3040).
 */
export interface TimelineSlotDocument extends CaseEntry {
  _id: string;
}

const schema = new Schema<TimelineSlotDocument>(
  // `type` is mongoose's keyword for a path's type, so a field named type needs the long form.
  {
    _id: String,
    eventId: String,
    causationId: { type: String, default: null },
    type: { type: String },
    occurredAt: Date,
    summary: String,
    facts: Object,
    offer: Object,
    escalatedRole: String,
    reofferedRole: String,
    work: Object,
    by: Object,
    announced: Object,
    requestId: String,
  },
  { versionKey: false },
);

export type CaseTimeline = Model<TimelineSlotDocument>;

export const caseTimelineModel = (connection: Connection): Promise<CaseTimeline> =>
  createModel(connection, 'TimelineSlot', schema, 'case_timeline_slots');
