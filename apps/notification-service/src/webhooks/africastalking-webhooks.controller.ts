import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { AllowAnyCaller } from '@haki/platform-access';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import { AcceptsBody, SERVICE_CONFIG } from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { DeliveryReports, type DeliveryReport } from '../delivery/delivery-reports';
import { ReceiveReply } from '../replies/receive-reply.use-case';
import { requireSecret } from '@haki/platform-runtime';
import { ZodBody } from '@haki/platform-runtime';

/** Africa's Talking's incoming-message callback (form fields, as its SMS docs list them). */
const inboundSms = z.object({
  id: z.string().min(1),
  from: z.string().min(1),
  text: z.string().max(2000).default(''),
  to: z.string().optional(),
  date: z.string().optional(),
  linkId: z.string().optional(),
});

/** Africa's Talking's delivery report callback. */
const deliveryReport = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  failureReason: z.string().optional(),
  phoneNumber: z.string().optional(),
  networkCode: z.string().optional(),
});

/** AT's report statuses: Success is final good news; Rejected and Failed final bad; Sent, Submitted, Buffered on the way. */
const AT_OUTCOME: Record<string, DeliveryReport['outcome']> = { Success: 'delivered', Rejected: 'failed', Failed: 'failed' };

/**
 * The callbacks Africa's Talking makes, at the URLs registered in its dashboard:
 * `POST /webhooks/africastalking/<AT_WEBHOOK_SECRET>/inbound` for incoming SMS and `…/delivery-reports`
 * for delivery reports. AT signs nothing, so
 * the secret path is the authentication (and 404 without it). Each answers 200 once the message is
 * stored, so AT stops resending; a resend of one already stored changes nothing.
 */
@Controller('webhooks/africastalking/:secret')
@AllowAnyCaller("the secret path is the credential (Africa's Talking signs nothing)")
@AcceptsBody('application/x-www-form-urlencoded')
export class AfricasTalkingWebhooks {
  constructor(
    private readonly receiveReply: ReceiveReply,
    private readonly deliveryReports: DeliveryReports,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  @ZodBody(inboundSms, "Africa's Talking's form POST; the path carries the webhook secret.")
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

  @ZodBody(deliveryReport, "Africa's Talking's form POST; the path carries the webhook secret.")
  @Post('delivery-reports')
  @HttpCode(200)
  async deliveryReport(@Param('secret') secret: string, @Body() body: unknown): Promise<{ received: true }> {
    requireSecret(this.config.AT_WEBHOOK_SECRET, secret);
    const parsed = deliveryReport.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('WEBHOOK.INVALID', parsed.error);
    const { id, status, failureReason } = parsed.data;
    await this.deliveryReports.record({
      provider: 'africastalking',
      providerMessageId: id,
      outcome: AT_OUTCOME[status] ?? 'pending',
      ...(failureReason ? { failureReason } : status === 'Success' ? {} : { failureReason: status }),
    });
    return { received: true };
  }
}
