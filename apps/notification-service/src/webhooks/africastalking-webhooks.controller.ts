import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import { SERVICE_CONFIG } from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { ReceiveReply } from '../replies/receive-reply.use-case';
import { requireSecret } from './webhook-secret';

/** Africa's Talking's incoming-message callback (form fields, as its SMS docs list them). */
const inboundSms = z.object({
  id: z.string().min(1),
  from: z.string().min(1),
  text: z.string().max(2000).default(''),
  to: z.string().optional(),
  date: z.string().optional(),
  linkId: z.string().optional(),
});

/**
 * The callbacks Africa's Talking makes, at the URLs registered in its dashboard:
 * `POST /webhooks/africastalking/<AT_WEBHOOK_SECRET>/inbound` for incoming SMS. AT signs nothing, so
 * the secret path is the authentication (and 404 without it). Each answers 200 once the message is
 * stored, so AT stops resending; a resend of one already stored changes nothing.
 */
@Controller('webhooks/africastalking/:secret')
export class AfricasTalkingWebhooks {
  constructor(
    private readonly receiveReply: ReceiveReply,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  @Post('inbound')
  @HttpCode(200)
  async inbound(@Param('secret') secret: string, @Body() body: unknown): Promise<{ received: true }> {
    requireSecret(this.config.AT_WEBHOOK_SECRET, secret);
    const parsed = inboundSms.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('WEBHOOK.INVALID', parsed.error);
    const { id, from, text, date } = parsed.data;
    const sentAt = date ? new Date(date) : undefined;
    await this.receiveReply.execute({
      provider: 'africastalking',
      providerMessageId: id,
      from,
      text,
      receivedAt: sentAt && !Number.isNaN(sentAt.getTime()) ? sentAt : new Date(),
    });
    return { received: true };
  }
}
