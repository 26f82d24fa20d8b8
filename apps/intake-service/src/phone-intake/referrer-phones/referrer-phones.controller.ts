import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { ZodBody } from '@haki/platform-runtime';
import { ReferrerPhones, referrerPhoneRemoval, referrerPhoneRequest } from './referrer-phones';

/** The phones the network trusts for USSD and SMS referrals. The number goes in the body, never the path (logs). */
@Controller('referrer-phones')
export class ReferrerPhonesController {
  constructor(private readonly phones: ReferrerPhones) {}

  /** `{ phone, organisationId }`: the phone's referrals carry the organisation and need no call-back. */
  @ZodBody(referrerPhoneRequest)
  @Post()
  @Allow(...ROLE_GROUPS.networkKeepers)
  @HttpCode(201)
  register(@Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.phones.register(body, caller);
  }

  /** `{ phone }`: it is a stranger's phone again (its next referral waits for a call-back). */
  @ZodBody(referrerPhoneRemoval)
  @Post('removal')
  @Allow(...ROLE_GROUPS.networkKeepers)
  @HttpCode(200)
  remove(@Body() body: unknown) {
    return this.phones.remove(body);
  }
}
