import { SetMetadata } from '@nestjs/common';
import type { AccessRole } from './roles';

/**
 * Every HTTP route declares who may call it; a route without a rule is refused (and the authorization
 * matrix test fails on it), so a new endpoint starts closed.
 */
export type AccessRule =
  /** A signed-in principal with one of these roles (the handler may narrow further: their own organisation or offers). */
  | { kind: 'roles'; roles: readonly AccessRole[] }
  /**
   * Anyone the gateway forwards, signed in or not: the caller proves itself another way (a provider's
   * webhook secret or signature, a signed link's token). Still needs the gateway's token.
   */
  | { kind: 'any-caller'; because: string }
  /** No token at all: health probes only, which reveal nothing about cases or people. */
  | { kind: 'open'; because: string };

export const ACCESS_RULE = 'haki:access-rule';

export const Allow = (...roles: AccessRole[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);
export const AllowAnyCaller = (because: string) => SetMetadata(ACCESS_RULE, { kind: 'any-caller', because } satisfies AccessRule);
export const OpenWithoutToken = (because: string) => SetMetadata(ACCESS_RULE, { kind: 'open', because } satisfies AccessRule);
