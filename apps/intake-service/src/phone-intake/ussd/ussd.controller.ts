import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import { AllowAnyCaller } from '@haki/platform-access';
import { AcceptsBody, requireSecret, SERVICE_CONFIG, ZodBody, type PageResponse } from '@haki/platform-runtime';
import type { IntakeConfig } from '../../config';
import { AnswerUssd } from './answer-ussd.use-case';

/** Africa's Talking's USSD callback: a form POST per screen (its USSD docs list these fields). */
const ussdCallback = z.object({
  sessionId: z.string().min(1).max(200),
  serviceCode: z.string().min(1).max(50),
  phoneNumber: z.string().min(1).max(30),
  text: z.string().max(2000).default(''),
  networkCode: z.string().max(20).optional(),
});

/**
 * `POST /ussd/africastalking/<USSD_WEBHOOK_SECRET>`: the URL registered as the service code's callback.
 * Africa's Talking signs nothing, so the secret path is the credential (404 without it, and when no
 * secret is configured: deny by default). The answer is plain text, `CON <screen>` to go on or
 * `END <screen>` to close the session, always with status 200, as the provider expects.
 */
@Controller('ussd/africastalking/:secret')
@AllowAnyCaller("the secret path is the credential (Africa's Talking signs nothing)")
@AcceptsBody('application/x-www-form-urlencoded')
export class UssdController {
  constructor(
    private readonly answerUssd: AnswerUssd,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  @ZodBody(ussdCallback, "Africa's Talking's form POST; the path carries the USSD secret.")
  @Post()
  @HttpCode(200)
  async screen(@Param('secret') secret: string, @Body() body: unknown, @Res() response: PageResponse): Promise<void> {
    requireSecret(this.config.USSD_WEBHOOK_SECRET, secret);
    const parsed = ussdCallback.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('WEBHOOK.INVALID', parsed.error);
    const screen = await this.answerUssd.execute(parsed.data);
    response.status(200).type('text/plain; charset=utf-8').send(screen);
  }
}
