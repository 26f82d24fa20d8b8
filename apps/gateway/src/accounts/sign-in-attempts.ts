import type { Redis } from 'ioredis';

/**
 * Counts each attempt, then allows it or not, in one atomic step (a Lua script): a burst of parallel
 * guesses cannot all read "no failures yet" before any is counted. Every attempt counts against the
 * account and the client address for the lock window, which starts at the first; a successful
 * sign-in (or a right password still waiting for its code) gives its attempt back. At `maxFailures`
 * for an account, or four times that from one address (a church office shares one), sign-in is
 * refused until the window passes, right password or not.
 */
const COUNT_ATTEMPT = `
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  counts[i] = count
end
return counts`;

export class SignInAttempts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly maxFailures: number,
    private readonly lockMs: number,
  ) {}

  /** Counts this attempt; the seconds until sign-in is allowed again when it is over the limit, else 0. */
  async count(username: string, address: string): Promise<number> {
    const keys = [this.accountKey(username), this.addressKey(address)];
    const [forAccount, fromAddress] = (await this.redis.eval(COUNT_ATTEMPT, keys.length, ...keys, this.lockMs)) as number[];
    const over = [...(forAccount! > this.maxFailures ? [keys[0]!] : []), ...(fromAddress! > this.maxFailures * 4 ? [keys[1]!] : [])];
    if (!over.length) return 0;
    const remaining = await Promise.all(over.map((key) => this.redis.pttl(key)));
    return Math.max(1, Math.ceil(Math.max(...remaining) / 1000));
  }

  /** The attempt was not a failure (signed in, or the right password still waiting for its code). */
  async forgive(username: string, address: string, signedIn: boolean): Promise<void> {
    if (signedIn) await this.redis.del(this.accountKey(username));
    else await this.redis.decr(this.accountKey(username));
    await this.redis.decr(this.addressKey(address));
  }

  private accountKey = (username: string) => `${this.prefix}:sign-in-attempts:account:${username}`;
  private addressKey = (address: string) => `${this.prefix}:sign-in-attempts:address:${address}`;
}
