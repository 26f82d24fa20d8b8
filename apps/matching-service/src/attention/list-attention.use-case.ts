import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError, serviceTypeSchema, urgencySchema } from '@haki/contracts';
import { SERVICE_CONFIG } from '@haki/platform-runtime';
import type { MatchingConfig } from '../config';
import { REFERRAL_DECISIONS, REFERRALS_IN_PLAY } from '../matching.tokens';
import type { ReferralDecisionDocument, ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { ATTENTION_REASONS, attentionOf } from './attention';
import { isFinished, type ReferralInPlayDocument, type ReferralsInPlay } from './referral-in-play.model';

export const attentionQuery = z
  .object({
    reason: z.enum(ATTENTION_REASONS).optional(),
    urgency: urgencySchema.optional(),
    serviceType: serviceTypeSchema.optional(),
    county: z.coerce.number().int().min(1).max(47).optional(),
    /** Offers lapsing within this many minutes count as about to expire. */
    expiringWithinMinutes: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(10),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    /** The `next` cursor of the previous page. */
    after: z
      .string()
      .regex(/^\d{13}:.+$/, 'must be the next cursor of the previous page')
      .optional(),
  })
  .strict();

/** Records read at once: one round of parallel lookups by `_id`. */
const READ_BATCH = 25;

/**
 * Referrals that need ops now (ATTENTION_REASONS), oldest submission first, so the longest wait is at
 * the top; filtered by reason, urgency, service type and county; paged by a cursor on (submitted, id).
 * Reads the referrals still in play (`referrals_in_play`, as many as the work in hand) and their records
 * by `_id`, never the finished history: on FerretDB a query on `referral_decisions` by status would
 * read every referral ever stored.
 */
@Injectable()
export class ListAttention {
  private readonly timeScale: number;

  constructor(
    @Inject(REFERRALS_IN_PLAY) private readonly inPlay: ReferralsInPlay,
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    @Inject(SERVICE_CONFIG) config: MatchingConfig,
  ) {
    this.timeScale = config.POLICY_TIME_SCALE;
  }

  async execute(query: unknown) {
    const parsed = attentionQuery.safeParse(query);
    if (!parsed.success) throw HakiError.fromZod('ATTENTION.INVALID_QUERY', parsed.error);
    const { reason, urgency, serviceType, county, expiringWithinMinutes, limit, after } = parsed.data;
    const now = Date.now();
    // The window shrinks with the policy's timescale, like the offers it watches.
    const within = expiringWithinMinutes * 60_000 * this.timeScale;
    const cursor = after ? decodeCursor(after) : undefined;
    const candidates = (await this.inPlay.find().lean())
      .filter((entry) => (!urgency || entry.urgency === urgency) && (!serviceType || entry.serviceType === serviceType))
      .filter((entry) => (!county || entry.countyCode === county) && (!cursor || compareCursor(toCursor(entry), cursor) > 0))
      .sort((a, b) => compareCursor(toCursor(a), toCursor(b)));
    const items = [];
    for (let first = 0; first < candidates.length; first += READ_BATCH) {
      const batch = candidates.slice(first, first + READ_BATCH);
      const records = await Promise.all(batch.map((entry) => this.decisions.findById(entry._id).lean<ReferralDecisionDocument>()));
      for (const [i, record] of records.entries()) {
        // No record yet (its submission is being handled) or finished since: nothing for ops here.
        if (!record || isFinished(record.status)) continue;
        const attention = attentionOf(record.policy, now, within);
        if (attention.reasons.length === 0 || (reason && !attention.reasons.includes(reason))) continue;
        items.push(toItem(record, attention));
        if (items.length === limit) return { items, next: encodeCursor(toCursor(batch[i]!)) };
      }
    }
    return { items, next: null };
  }
}

type Cursor = { submittedAt: number; id: string };
const toCursor = (entry: ReferralInPlayDocument): Cursor => ({ submittedAt: Date.parse(entry.submittedAt), id: entry._id });
const compareCursor = (a: Cursor, b: Cursor) => a.submittedAt - b.submittedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const encodeCursor = (cursor: Cursor) => `${cursor.submittedAt}:${cursor.id}`;
function decodeCursor(raw: string): Cursor {
  const split = raw.indexOf(':');
  return { submittedAt: Number(raw.slice(0, split)), id: raw.slice(split + 1) };
}

function toItem(record: ReferralDecisionDocument, attention: ReturnType<typeof attentionOf>) {
  const { referralId, serviceType, urgency, countyName, submittedAt } = record.facts;
  return {
    referralId,
    status: record.status,
    serviceType,
    urgency,
    countyName,
    submittedAt,
    ...attention,
    roles: record.policy.roles.map(({ role, required, phase }) => ({ role, required, phase })),
  };
}
