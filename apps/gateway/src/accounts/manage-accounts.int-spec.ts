import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { generateSync } from 'otplib';
import { Sealer } from '@haki/platform-config';
import { createLogger } from '@haki/platform-logging';
import { testInfraUrls, uniqueName, useTestDatabase } from '@haki/testing';
import type { AccountDocument } from './account';
import { AccountAdmin } from './manage-accounts';
import { signIn } from './sign-in';
import { SignInAttempts } from './sign-in-attempts';

describe('account administration on the real database', () => {
  const database = useTestDatabase('accounts');
  const redis = new Redis(testInfraUrls().redisUrl);
  const sealer = new Sealer(new Map([['a1', randomBytes(32)]]), 'a1', 'ACCOUNT');
  afterAll(() => redis.quit());

  function setup() {
    const accounts = database().collection<AccountDocument>('accounts');
    const prefix = uniqueName('accounts');
    const deps = {
      accounts,
      redis,
      redisPrefix: prefix,
      sealer,
      attempts: new SignInAttempts(redis, prefix, 5, 60_000),
      logger: createLogger({ service: 'test', level: 'silent' }),
    };
    return { admin: new AccountAdmin(accounts, sealer), accounts, signInWith: (body: unknown) => signIn(deps, body, '10.0.0.1') };
  }

  it('makes an ops account whose printed password and authenticator sign in, and stores neither in clear', async () => {
    const { admin, accounts, signInWith } = setup();
    const issued = await admin.add({ username: 'Achieng.Ops', roles: ['ops'] });
    expect(issued.username).toBe('achieng.ops');
    const secret = new URL(issued.totpUri!).searchParams.get('secret')!;
    const stored = JSON.stringify(await accounts.findOne({ _id: 'achieng.ops' }));
    expect(stored).not.toContain(issued.password);
    expect(stored).not.toContain(secret);
    await expect(signInWith({ username: 'achieng.ops', password: issued.password, totp: generateSync({ secret }) })).resolves.toMatchObject(
      {
        subject: 'achieng.ops',
        roles: ['ops'],
      },
    );
  });

  it('refuses a duplicate, an intake account without its organisation, and reset and disable of nobody', async () => {
    const { admin } = setup();
    await admin.add({ username: 'wanjiru', roles: ['intake'], organisationId: 'org-kisumu-church' });
    await expect(admin.add({ username: 'wanjiru', roles: ['intake'], organisationId: 'org-x' })).rejects.toMatchObject({
      code: 'AUTH.INVALID',
    });
    await expect(admin.add({ username: 'otieno', roles: ['intake'] })).rejects.toMatchObject({ code: 'AUTH.INVALID' });
    await expect(admin.reset('nobody', false)).rejects.toMatchObject({ code: 'AUTH.INVALID' });
    await expect(admin.disable('nobody')).rejects.toMatchObject({ code: 'AUTH.INVALID' });
  });

  it('counts parallel guesses before checking them: no more than the limit get an answer about the password', async () => {
    const { admin, signInWith } = setup();
    await admin.add({ username: 'target.user', roles: ['auditor'] });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        signInWith({ username: 'target.user', password: `guess-${i}` }).catch((error: { code: string }) => error.code),
      ),
    );
    expect(outcomes.filter((code) => code === 'AUTH.SIGN_IN_FAILED')).toHaveLength(5);
    expect(outcomes.filter((code) => code === 'AUTH.LOCKED')).toHaveLength(7);
  });

  it('marks the sessions begun before a reset or a disabling as over', async () => {
    const { admin, accounts } = setup();
    await admin.add({ username: 'kamau.ops', roles: ['ops'] });
    const before = Date.now();
    await admin.reset('kamau.ops', false);
    expect((await accounts.findOne({ _id: 'kamau.ops' }))!.sessionsValidAfter!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('signs a disabled account out of sign-in, and a reset gives it a new password that works', async () => {
    const { admin, signInWith } = setup();
    const first = await admin.add({ username: 'auditor.kenya', roles: ['auditor'] });
    await admin.disable('auditor.kenya');
    await expect(signInWith({ username: 'auditor.kenya', password: first.password })).rejects.toMatchObject({
      code: 'AUTH.SIGN_IN_FAILED',
    });
    const reset = await admin.reset('auditor.kenya', false);
    await expect(signInWith({ username: 'auditor.kenya', password: first.password })).rejects.toMatchObject({
      code: 'AUTH.SIGN_IN_FAILED',
    });
    await expect(signInWith({ username: 'auditor.kenya', password: reset.password })).resolves.toMatchObject({ roles: ['auditor'] });
    expect(await admin.list()).toEqual([{ username: 'auditor.kenya', roles: ['auditor'], disabled: false, secondFactor: false }]);
  });
});
