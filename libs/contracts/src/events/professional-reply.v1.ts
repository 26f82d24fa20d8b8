import { z } from 'zod';

/** What a volunteer's SMS said, once parsed (replies/reply-grammar.ts): never the raw text or the phone number. */
export const parsedReplySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('answer'),
    response: z.enum(['accept', 'decline']),
    /** The offer's reply code; absent when the volunteer left it out. */
    code: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    reason: z.string().max(200).optional(),
  }),
  z.object({ kind: z.literal('away'), days: z.number().int().min(1).max(60) }),
  z.object({ kind: z.literal('back') }),
]);
export type ParsedReplyV1 = z.infer<typeof parsedReplySchema>;

/**
 * A registered volunteer answered by SMS or through a signed link (notification → matching, keyed by
 * the professional). The notification service vouches that it came from the phone on their contact
 * record, or from the link made for their offer; matching decides which open offer it answers.
 */
export const professionalRepliedV1 = z.object({
  professionalId: z.string().min(1),
  /** The stored inbound message, `<provider>:<provider's message id>`. */
  inboundId: z.string().min(1),
  provider: z.string().min(1),
  /** How they answered: an SMS, or a signed link's page (then `inboundId` is `link:<link id>`). */
  channel: z.enum(['sms', 'link']).default('sms'),
  reply: parsedReplySchema,
});

/** What matching made of a reply (matching → notification, keyed by the professional), so the volunteer hears back. */
export const professionalReplyHandledV1 = z.object({
  professionalId: z.string().min(1),
  inboundId: z.string().min(1),
  outcome: z.enum([
    /** The answer went to the offer's referral (`assignment.responded`); an acceptance is confirmed by its own message. */
    'answer-recorded',
    /** No open offer of theirs has this code (closed, given to someone else, or mistyped), or none is open. */
    'no-open-offer',
    /** No code and more than one offer open: they must say which. */
    'several-open-offers',
    'away-set',
    'back-set',
  ]),
  response: z.enum(['accept', 'decline']).optional(),
  /** The code the reply named, or the codes of the open offers to choose from. */
  codes: z
    .array(z.string().regex(/^\d{4}$/))
    .max(20)
    .default([]),
  /** For away-set: the day they are expected back (Africa/Nairobi date). */
  backOn: z.string().optional(),
});
export type ProfessionalReplyHandledV1 = z.infer<typeof professionalReplyHandledV1>;
