import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HakiError } from '@haki/contracts';
import { PHONE_INTAKE_REDIS } from '../intake.tokens';

/**
 * Per-phone limits on what basic phones may send, so one number cannot fill the queue or the desk's
 * call-back list: counted in Redis per phone (a keyed fingerprint, never the number) and per window,
 * each counter expiring with its window, so nothing accumulates.
 */
export const PHONE_LIMITS = {
  /** USSD screens per phone per hour: a whole session is 10–20, so this allows several, not a flood. */
  ussdRequestsPerHour: 120,
  /** SMS per phone per hour (referrals and answers to our questions). */
  smsPerHour: 20,
  /** Referrals per phone per day: a registered referrer (a parish, a paralegal) sends more than a stranger. */
  referralsPerDay: { registered: 20, unknown: 3 },
} as const;

const HOUR_S = 3600;
const DAY_S = 86_400;

@Injectable()
export class PhoneLimits {
  constructor(@Inject(PHONE_INTAKE_REDIS) private readonly redis: Redis) {}

  /** Counts one USSD screen; throws REFERRER.RATE_LIMITED past the hourly limit. */
  ussdRequest(phoneKey: string): Promise<void> {
    return this.take(`ussd:${phoneKey}`, HOUR_S, PHONE_LIMITS.ussdRequestsPerHour, 'USSD requests this hour');
  }

  /** Counts one inbound SMS; throws past the hourly limit. */
  sms(phoneKey: string): Promise<void> {
    return this.take(`sms:${phoneKey}`, HOUR_S, PHONE_LIMITS.smsPerHour, 'SMS this hour');
  }

  /** Counts one referral; throws past the day's limit for a registered or an unknown phone. */
  referral(phoneKey: string, registered: boolean): Promise<void> {
    const limit = PHONE_LIMITS.referralsPerDay[registered ? 'registered' : 'unknown'];
    return this.take(`referrals:${phoneKey}`, DAY_S, limit, 'referrals today');
  }

  /** A fixed window per counter: INCR, and the first INCR of a window sets its expiry. */
  private async take(counter: string, windowS: number, limit: number, what: string): Promise<void> {
    const window = Math.floor(Date.now() / 1000 / windowS);
    const key = `phone-intake:limit:${counter}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, windowS, 'NX').exec()) as [[unknown, number]];
    if (count > limit) throw new HakiError('REFERRER.RATE_LIMITED', `more than ${limit} ${what} from this phone`);
  }
}
