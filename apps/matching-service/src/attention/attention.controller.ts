import { Controller, Get, Query } from '@nestjs/common';
import { Allow, ROLE_GROUPS } from '@haki/platform-access';
import { ListAttention } from './list-attention.use-case';
import { ZodQuery } from '@haki/platform-runtime';
import { attentionQuery } from './list-attention.use-case';

@Controller('referrals')
@Allow(...ROLE_GROUPS.coordinators)
export class AttentionController {
  constructor(private readonly listAttention: ListAttention) {}

  /** `?reason=escalated|unfilled-role|offer-expiring|waiting-for-capacity&urgency=&serviceType=&county=&limit=&after=` */
  @Get('attention')
  @ZodQuery(attentionQuery)
  list(@Query() query: Record<string, unknown>) {
    return this.listAttention.execute(query);
  }
}
