import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Principal } from '@haki/platform-access';

export interface Session {
  principal: Principal;
  /** Sent back in X-CSRF-Token on every state-changing request: a cross-site page cannot read it. */
  csrfToken: string;
  /** Epoch ms: the session ends SESSION_ABSOLUTE_HOURS after this, however active. */
  createdAt: number;
}

/**
 * Sessions in Redis: the cookie holds 32 random bytes; Redis holds the session under their SHA-256, so
 * a copy of Redis holds no cookie anyone could present. Idle timeout is the key's TTL, renewed on use
 * (never past the absolute end).
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
  ) {}

  async create(principal: Principal): Promise<{ id: string; session: Session }> {
    const id = randomBytes(32).toString('base64url');
    const session: Session = { principal, csrfToken: randomBytes(24).toString('base64url'), createdAt: Date.now() };
    await this.redis.set(this.key(id), JSON.stringify(session), 'PX', this.idleMs);
    return { id, session };
  }

  /** The live session for a cookie value, its idle clock restarted; undefined when unknown, idle too long or past its absolute end. */
  async touch(id: string): Promise<Session | undefined> {
    if (!/^[\w-]{43}$/.test(id)) return undefined;
    const stored = await this.redis.get(this.key(id));
    if (!stored) return undefined;
    const session = JSON.parse(stored) as Session;
    const remaining = session.createdAt + this.absoluteMs - Date.now();
    if (remaining <= 0) {
      await this.end(id);
      return undefined;
    }
    await this.redis.pexpire(this.key(id), Math.min(this.idleMs, remaining));
    return session;
  }

  async end(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    return `${this.prefix}:session:${createHash('sha256').update(id).digest('base64url')}`;
  }
}
