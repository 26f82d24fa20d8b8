import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
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

/** The rule, and the same rule in the route's OpenAPI description (`x-haki-access`), so the docs say who may call. */
const rule = (access: AccessRule) => applyDecorators(SetMetadata(ACCESS_RULE, access), ApiExtension('x-haki-access', access));

export const Allow = (...roles: AccessRole[]) => rule({ kind: 'roles', roles });
export const AllowAnyCaller = (because: string) => rule({ kind: 'any-caller', because });
export const OpenWithoutToken = (because: string) => rule({ kind: 'open', because });
