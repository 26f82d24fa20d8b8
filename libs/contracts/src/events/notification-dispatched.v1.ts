import { z } from 'zod';

export const notificationDispatchedV1 = z.object({
  notificationId: z.string().min(1),
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  channel: z.enum(['sms', 'email']),
  /** What the message was about; absent on messages sent before it was added (they were all offers). */
  purpose: z.enum(['offer', 'confirmed', 'cancelled', 'expired', 'reminder', 'completed']).optional(),
  provider: z.string().min(1),
  status: z.enum(['sent', 'failed']),
  providerMessageId: z.string().optional(),
  failureReason: z.string().optional(),
});
/** The last attempt to deliver a message about an offer failed; for an offer, matching moves on. */
export const notificationDeliveryFailedV1 = z.object({
  notificationId: z.string().min(1),
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  channel: z.enum(['sms', 'email']),
  purpose: z.enum(['offer', 'confirmed', 'cancelled', 'expired', 'reminder', 'completed']),
  reason: z.string().min(1),
});

export type NotificationDispatchedV1 = z.infer<typeof notificationDispatchedV1>;
