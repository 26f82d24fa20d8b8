import { Injectable } from '@nestjs/common';
import { SealedRedis } from '../sealed-redis';
import { RESUME_WINDOW_MINUTES } from '../ussd-resume';

/**
 * What a session remembers across its screens: when it began (its answers are read as of then), and
 * the unfinished answers of its phone it found then.
 */
export interface UssdSession {
  startedAt: number;
  saved?: string;
  /** The last screen once its referral is saved: a repeat of that screen gets it again. */
  confirmation?: string;
}

/** Longer than any USSD session lasts (networks end them after a few minutes). */
const SESSION_TTL_S = 15 * 60;

/**
 * USSD state: per session, its start and the unfinished answers its phone had; per phone, the answers
 * of a session that dropped, kept RESUME_WINDOW_MINUTES for the next session to continue.
 */
@Injectable()
export class UssdSessions {
  constructor(private readonly store: SealedRedis) {}

  /**
   * The session's state. On its first screen, a new one holding the phone's unfinished answers (the
   * session offers to continue them). One lost mid-way (expired, or forgotten after its referral was
   * saved and the provider sends the last screen again) starts afresh without them: its answers so far
   * were not typed after a "continue" screen.
   */
  async session(sessionId: string, phoneKey: string, firstScreen: boolean): Promise<UssdSession> {
    const key = this.sessionKey(sessionId);
    const stored = firstScreen ? undefined : await this.store.get<UssdSession>(key, phoneKey);
    if (stored) return stored;
    const saved = firstScreen ? await this.store.get<string>(this.phoneKey(phoneKey), phoneKey) : undefined;
    const session: UssdSession = { startedAt: Date.now(), ...(saved ? { saved } : {}) };
    await this.store.set(key, phoneKey, session, SESSION_TTL_S);
    return session;
  }

  /** The phone's answers so far, for a next session to continue if this one drops. */
  keepAnswers(phoneKey: string, answers: string): Promise<void> {
    return this.store.set(this.phoneKey(phoneKey), phoneKey, answers, RESUME_WINDOW_MINUTES * 60);
  }

  /**
   * The session's referral is saved: the phone has nothing left to continue, and the session keeps its
   * confirmation until it expires, for the provider's repeat of the last screen.
   */
  async saved(sessionId: string, phoneKey: string, session: UssdSession, confirmation: string): Promise<void> {
    await this.store.delete(this.phoneKey(phoneKey));
    await this.store.set(this.sessionKey(sessionId), phoneKey, { ...session, confirmation }, SESSION_TTL_S);
  }

  private sessionKey = (sessionId: string) => `phone-intake:ussd:session:${this.store.fingerprint(`ussd-session:${sessionId}`)}`;
  private phoneKey = (phoneKey: string) => `phone-intake:ussd:phone:${phoneKey}`;
}
