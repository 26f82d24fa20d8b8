import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { ZodBody } from '@haki/platform-runtime';
import { callBackRequest, RecordCallBack } from './record-call-back.use-case';
import { ReferrerNumber } from './referrer-number.use-case';

/** The intake desk's call-backs to referrers on unknown phones (issue #15). */
@Controller()
export class CallBackController {
  constructor(
    private readonly callBacks: RecordCallBack,
    private readonly referrerNumber: ReferrerNumber,
  ) {}

  /** The number to call the referrer back on (`null`: they asked not to be called); each look is audited. */
  @Get('referrals/:referralId/referrer-phone')
  @Header('cache-control', 'no-store')
  @Allow(...ROLE_GROUPS.referralTakers)
  phone(@Param('referralId') referralId: string, @CurrentPrincipal() caller: Principal) {
    return this.referrerNumber.execute(referralId, caller);
  }

  /** Referrals waiting for the caller's call-back, oldest first: reference, kind, urgency, county, channel. */
  @Get('call-backs')
  @Allow(...ROLE_GROUPS.referralTakers)
  async list(@CurrentPrincipal() caller: Principal) {
    const waiting = await this.callBacks.list(caller);
    return {
      items: waiting.map(({ _id, reference, channel, serviceType, urgency, countyName, submittedAt }) => ({
        referralId: _id,
        reference,
        channel,
        serviceType,
        urgency,
        county: countyName,
        submittedAt: submittedAt.toISOString(),
      })),
    };
  }

  /** `{ outcome: 'genuine', note? }` releases it; `{ outcome: 'not-genuine', note }` withdraws it. */
  @ZodBody(callBackRequest)
  @Post('referrals/:referralId/call-back')
  @Allow(...ROLE_GROUPS.referralTakers)
  @HttpCode(200)
  record(@Param('referralId') referralId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.callBacks.execute(referralId, body, caller);
  }
}
