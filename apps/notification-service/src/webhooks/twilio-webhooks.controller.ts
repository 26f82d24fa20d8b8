import { Body, Controller, Header, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { AllowAnyCaller } from '@haki/platform-access';
import type { IncomingHttpHeaders } from 'node:http';
import twilio from 'twilio';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import { AcceptsBody, SERVICE_CONFIG } from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { DeliveryReports, type DeliveryReport } from '../delivery/delivery-reports';
import { ReceiveReply } from '../replies/receive-reply.use-case';
import { ZodBody } from '@haki/platform-runtime';

const inboundSms = z.object({ MessageSid: z.string().min(1), From: z.string().min(1), Body: z.string().max(2000).default('') });
const statusCallback = z.object({ MessageSid: z.string().min(1), MessageStatus: z.string().min(1), ErrorCode: z.string().optional() });

/** Twilio's final statuses; queued, sending, sent (and the rest) are on the way. */
const TWILIO_OUTCOME: Record<string, DeliveryReport['outcome']> = { delivered: 'delivered', undelivered: 'failed', failed: 'failed' };

/** TwiML that answers nothing: our answer to an SMS goes out through the queue, like every message. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Twilio's webhooks: `POST /webhooks/twilio/inbound` (a number's "A message comes in" URL) and
 * `POST /webhooks/twilio/status` (the status callback each message names). Each request's
 * X-Twilio-Signature is checked against the public URL Twilio called (PUBLIC_BASE_URL + path) and the
 * form it sent, with the account's auth token (the `twilio` package's `validateRequest`); without a
 * token and base URL configured, or with a bad signature, the answer is 404.
 */
@Controller('webhooks/twilio')
@AllowAnyCaller('Twilio signs each request (X-Twilio-Signature), checked below')
@AcceptsBody('application/x-www-form-urlencoded')
export class TwilioWebhooks {
  constructor(
    private readonly receiveReply: ReceiveReply,
    private readonly deliveryReports: DeliveryReports,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  @ZodBody(inboundSms, "Twilio's form POST; signed (X-Twilio-Signature).")
  @Post('inbound')
  @HttpCode(200)
  @Header('content-type', 'text/xml')
  async inbound(@Req() request: SignedRequest, @Body() body: Record<string, string>): Promise<string> {
    this.verify(request, body);
    const parsed = inboundSms.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('WEBHOOK.INVALID', parsed.error);
    const { MessageSid, From, Body: text } = parsed.data;
    await this.receiveReply.execute({ provider: 'twilio', providerMessageId: MessageSid, from: From, text, receivedAt: new Date() });
    return EMPTY_TWIML;
  }

  @ZodBody(statusCallback, "Twilio's form POST; signed (X-Twilio-Signature).")
  @Post('status')
  @HttpCode(200)
  async status(@Req() request: SignedRequest, @Body() body: Record<string, string>): Promise<{ received: true }> {
    this.verify(request, body);
    const parsed = statusCallback.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('WEBHOOK.INVALID', parsed.error);
    const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
    const outcome = TWILIO_OUTCOME[MessageStatus] ?? 'pending';
    await this.deliveryReports.record({
      provider: 'twilio',
      providerMessageId: MessageSid,
      outcome,
      ...(outcome === 'failed' ? { failureReason: `${MessageStatus}${ErrorCode ? ` (error ${ErrorCode})` : ''}` } : {}),
    });
    return { received: true };
  }

  private verify(request: SignedRequest, body: Record<string, string>): void {
    const { TWILIO_AUTH_TOKEN: token, PUBLIC_BASE_URL: base } = this.config;
    const signature = request.headers['x-twilio-signature'];
    const valid =
      token &&
      base &&
      typeof signature === 'string' &&
      twilio.validateRequest(token, signature, `${base}${request.originalUrl}`, body ?? {});
    if (!valid) throw new HakiError('WEBHOOK.UNAUTHENTICATED', 'no such endpoint');
  }
}

interface SignedRequest {
  originalUrl: string;
  headers: IncomingHttpHeaders;
}
