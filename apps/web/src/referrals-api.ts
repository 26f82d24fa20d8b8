import { api } from './api';

/** intake's answer to a submitted referral (the parts the form shows). */
export interface SubmittedReferral {
  referralId: string;
  status: string;
  deadline?: string;
  rule?: string;
  place?: { label?: string };
  probableDuplicates?: string[];
}

/** POST /api/intake/referrals with the key that makes a repeat return the first answer instead of a second referral. */
export const submitReferral = (referral: unknown, idempotencyKey: string) =>
  api<SubmittedReferral>('/api/intake/referrals', { method: 'POST', body: referral, headers: { 'idempotency-key': idempotencyKey } });
