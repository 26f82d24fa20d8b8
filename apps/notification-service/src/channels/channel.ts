/** Normalised delivery statuses every provider adapter maps its own vocabulary onto. */
export type DeliveryStatus = 'accepted' | 'delivered' | 'failed';

export interface OutboundMessage {
  /** Our notification id: providers that support idempotency keys dedupe on it (the recording one does). */
  idempotencyKey: string;
  /** A phone number (SMS) or an email address (email). */
  to: string;
  text: string;
  /** Email only. */
  subject?: string;
}

export interface SendResult {
  provider: string;
  providerMessageId: string;
  status: DeliveryStatus;
}

/** One channel (SMS or email) through one provider. One folder per vendor implements it. */
export interface MessageChannel {
  readonly provider: string;
  send(message: OutboundMessage): Promise<SendResult>;
}
