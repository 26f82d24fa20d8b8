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
  async ussdRequest(phoneKey: string): Promise<void> {
    await this.take(`ussd:${phoneKey}`, HOUR_S, PHONE_LIMITS.ussdRequestsPerHour, 'USSD requests this hour');
  }

  /** Counts one inbound SMS; throws past the hourly limit. */
  async sms(phoneKey: string): Promise<void> {
    await this.take(`sms:${phoneKey}`, HOUR_S, PHONE_LIMITS.smsPerHour, 'SMS this hour');
  }

  /**
   * Counts one referral while `submit` runs; throws past the day's limit for a registered or an unknown
   * phone. A referral that is not saved gives its count back.
   */
  async referral<T>(phoneKey: string, registered: boolean, submit: () => Promise<T>): Promise<T> {
    const limit = PHONE_LIMITS.referralsPerDay[registered ? 'registered' : 'unknown'];
    const key = await this.take(`referrals:${phoneKey}`, DAY_S, limit, 'referrals today');
    try {
      return await submit();
    } catch (error) {
      await this.redis.decr(key);
      throw error;
    }
  }

  /** A fixed window per counter: INCR, and the first INCR of a window sets its expiry. Returns the counter's key. */
  private async take(counter: string, windowS: number, limit: number, what: string): Promise<string> {
    const window = Math.floor(Date.now() / 1000 / windowS);
    const key = `phone-intake:limit:${counter}:${window}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, windowS, 'NX').exec()) as [[unknown, number]];
    if (count > limit) {
      await this.redis.decr(key); // a refused one does not count either
      throw new HakiError('REFERRER.RATE_LIMITED', `more than ${limit} ${what} from this phone`);
    }
    return key;
  }
}
