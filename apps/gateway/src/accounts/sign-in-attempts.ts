import type { Redis } from 'ioredis';

/**
 * Failed sign-ins counted per account and per client address in Redis, each for the lock window: at
 * `maxFailures` for an account (or four times that from one address: a church office shares one) the
 * next attempts are refused until the window passes, right password or not. So a guesser gets a few
 * tries per quarter hour, and the owner of a locked account learns why.
 */
export class SignInAttempts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly maxFailures: number,
    private readonly lockMs: number,
  ) {}

  /** Seconds until sign-in is allowed again for this account and address; 0 when it is now. */
  async lockedForSeconds(username: string, address: string): Promise<number> {
    const [account, fromAddress] = [this.accountKey(username), this.addressKey(address)];
    const [accountFailures, addressFailures] = await this.redis.mget(account, fromAddress);
    const locked = [
      ...(Number(accountFailures ?? 0) >= this.maxFailures ? [account] : []),
      ...(Number(addressFailures ?? 0) >= this.maxFailures * 4 ? [fromAddress] : []),
    ];
    if (!locked.length) return 0;
    const remaining = await Promise.all(locked.map((key) => this.redis.pttl(key)));
    return Math.max(1, Math.ceil(Math.max(...remaining) / 1000));
  }

  async recordFailure(username: string, address: string): Promise<void> {
    for (const key of [this.accountKey(username), this.addressKey(address)]) {
      // The window starts at the first failure: five wrong passwords in a day never add up to a lock.
      if ((await this.redis.incr(key)) === 1) await this.redis.pexpire(key, this.lockMs);
    }
  }

  async clear(username: string): Promise<void> {
    await this.redis.del(this.accountKey(username));
  }

  private accountKey = (username: string) => `${this.prefix}:sign-in-failures:account:${username}`;
  private addressKey = (address: string) => `${this.prefix}:sign-in-failures:address:${address}`;
}
