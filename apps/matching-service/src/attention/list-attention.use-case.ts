import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError, serviceTypeSchema, urgencySchema } from '@haki/contracts';
import type { ReferralStatus } from '@haki/matching-core';
import { SERVICE_CONFIG } from '@haki/platform-runtime';
import type { MatchingConfig } from '../config';
import { REFERRAL_DECISIONS } from '../matching.tokens';
import type { ReferralDecisionDocument, ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { ATTENTION_REASONS, attentionOf } from './attention';

const attentionQuery = z
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

const BATCH = 200;
const IN_PLAY: ReferralStatus[] = ['searching', 'escalated', 'assigned'];

/**
 * Referrals that need ops now (ATTENTION_REASONS), oldest submission first, so the longest wait is at
 * the top; filtered by reason, urgency, service type and county; paged by a cursor on (submitted, id).
 * Reads only referrals still in play (an index on status), never the finished history.
 */
@Injectable()
export class ListAttention {
  private readonly timeScale: number;

  constructor(
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
    const filter = {
      status: { $in: IN_PLAY },
      ...(urgency ? { 'facts.urgency': urgency } : {}),
      ...(serviceType ? { 'facts.serviceType': serviceType } : {}),
      ...(county ? { 'facts.countyCode': county } : {}),
    };
    const items = [];
    let cursor = after ? decodeCursor(after) : undefined;
    for (;;) {
      const page: ReferralDecisionDocument[] = await this.decisions
        .find({ ...filter, ...(cursor ? afterCursor(cursor) : {}) })
        .sort({ 'facts.submittedAt': 1, _id: 1 })
        .limit(BATCH)
        .lean();
      for (const record of page) {
        cursor = { submittedAt: record.facts.submittedAt, id: record._id };
        const attention = attentionOf(record.policy, now, within);
        if (attention.reasons.length === 0 || (reason && !attention.reasons.includes(reason))) continue;
        items.push(toItem(record, attention));
        if (items.length === limit) return { items, next: encodeCursor(cursor) };
      }
      if (page.length < BATCH) return { items, next: null };
    }
  }
}

type Cursor = { submittedAt: string; id: string };
const encodeCursor = (cursor: Cursor) => `${Date.parse(cursor.submittedAt)}:${cursor.id}`;
function decodeCursor(raw: string): Cursor {
  const split = raw.indexOf(':');
  return { submittedAt: new Date(Number(raw.slice(0, split))).toISOString(), id: raw.slice(split + 1) };
}
const afterCursor = ({ submittedAt, id }: Cursor) => ({
  $or: [{ 'facts.submittedAt': { $gt: submittedAt } }, { 'facts.submittedAt': submittedAt, _id: { $gt: id } }],
});

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
