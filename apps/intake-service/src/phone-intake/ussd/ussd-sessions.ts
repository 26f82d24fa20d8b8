import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Sealer, type SealedValue } from '@haki/platform-config';
import { PHONE_INTAKE_REDIS } from '../../intake.tokens';
import { RESUME_WINDOW_MINUTES } from '../ussd-resume';

/**
 * What a session remembers across its screens: when it began (its answers are read as of then), and
 * the unfinished answers of its phone it found then.
 */
export interface UssdSession {
  startedAt: number;
  saved?: string;
}

/** Longer than any USSD session lasts (networks end them after a few minutes). */
const SESSION_TTL_S = 15 * 60;

/**
 * USSD state in Redis, sealed (the answers hold what happened, in the referrer's words): per session,
 * its start and the unfinished answers its phone had; per phone, the answers of a session that dropped,
 * kept RESUME_WINDOW_MINUTES for the next session to continue. Everything expires on its own.
 */
@Injectable()
export class UssdSessions {
  constructor(
    @Inject(PHONE_INTAKE_REDIS) private readonly redis: Redis,
    private readonly sealer: Sealer,
  ) {}

  /** The session's state; on its first screen (or if it was lost), a new one holding the phone's unfinished answers. */
  async session(sessionId: string, phoneKey: string, firstScreen: boolean): Promise<UssdSession> {
    const key = this.sessionKey(sessionId);
    const stored = firstScreen ? undefined : await this.read<UssdSession>(key, phoneKey);
    if (stored) return stored;
    const saved = await this.read<string>(this.phoneKey(phoneKey), phoneKey);
    const session: UssdSession = { startedAt: Date.now(), ...(saved ? { saved } : {}) };
    await this.write(key, phoneKey, session, SESSION_TTL_S);
    return session;
  }

  /** The phone's answers so far, for a next session to continue if this one drops. */
  keepAnswers(phoneKey: string, answers: string): Promise<void> {
    return this.write(this.phoneKey(phoneKey), phoneKey, answers, RESUME_WINDOW_MINUTES * 60);
  }

  /** The session is over and its referral saved: nothing is left to continue. */
  async forget(sessionId: string, phoneKey: string): Promise<void> {
    await this.redis.del(this.phoneKey(phoneKey), this.sessionKey(sessionId));
  }

  // Session ids come from the provider: hashed like phones, so keys carry nothing it sent.
  private sessionKey = (sessionId: string) => `phone-intake:ussd:session:${this.sealer.fingerprint(`ussd-session:${sessionId}`)}`;
  private phoneKey = (phoneKey: string) => `phone-intake:ussd:phone:${phoneKey}`;

  private async read<T>(key: string, context: string): Promise<T | undefined> {
    const raw = await this.redis.get(key);
    if (!raw) return undefined;
    try {
      return this.sealer.open<T>(JSON.parse(raw) as SealedValue, context);
    } catch {
      return undefined; // sealed under a key since retired: as if it had expired
    }
  }

  private async write(key: string, context: string, value: unknown, ttlS: number): Promise<void> {
    await this.redis.set(key, JSON.stringify(this.sealer.seal(value, context)), 'EX', ttlS);
  }
}
