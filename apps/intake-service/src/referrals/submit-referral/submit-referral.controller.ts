import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { HakiError } from '@haki/contracts';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { SubmitReferral, type SubmittedReferral } from './submit-referral.use-case';
import { ZodBody } from '@haki/platform-runtime';
import { referralRequest } from '../referral-request/referral-request';

@Controller('referrals')
export class SubmitReferralController {
  constructor(private readonly submitReferral: SubmitReferral) {}

  /** 201 for a new referral, 200 when an Idempotency-Key repeats an earlier submission, 409 on a reused key. */
  @ZodBody(referralRequest, 'One kind of help (serviceType) with its own fields; times in Nairobi time. See docs/intake.md.')
  @Post()
  @Allow(...ROLE_GROUPS.referralTakers)
  @HttpCode(201)
  async submit(
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
    @CurrentPrincipal() caller: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<SubmittedReferral> {
    if (idempotencyKey !== undefined && !/^[\w-]{8,100}$/.test(idempotencyKey)) {
      throw new HakiError('REFERRAL.INVALID', 'Idempotency-Key must be 8-100 letters, digits, "_" or "-"', {
        fields: [{ field: 'Idempotency-Key', reason: 'must be 8-100 letters, digits, "_" or "-"' }],
      });
    }
    const result = await this.submitReferral.execute(body, caller, idempotencyKey);
    if (result.duplicate) response.status(200);
    return result;
  }
}
