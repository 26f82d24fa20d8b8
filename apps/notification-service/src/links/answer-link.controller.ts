import { Body, Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { AllowAnyCaller } from '@haki/platform-access';
import { AcceptsBody, sendPage, type PageResponse } from '@haki/platform-runtime';
import { AnswerByLink } from './answer-by-link.use-case';
import { answerPage, problemPage, thanksPage, usedPage } from './link-pages';
import { ZodBody } from '@haki/platform-runtime';
import { answerForm } from './answer-by-link.use-case';

/**
 * The page a signed answer link opens (`/links/<token>`): GET shows the offer with Accept and Decline,
 * POST (a plain form) records the answer. Problems are pages too (in English when the link says
 * nothing we can trust), with the status of the error: 404 invalid, 410 expired, 409 used.
 */
@Controller('links')
@AllowAnyCaller('the signed link is the credential: the volunteer it was sent to holds it')
@AcceptsBody('application/x-www-form-urlencoded')
export class AnswerLinkController {
  constructor(private readonly answerByLink: AnswerByLink) {}

  @Get(':token')
  @Header('cache-control', 'no-store')
  show(@Param('token') token: string, @Res() response: PageResponse): Promise<void> {
    return sendPage(
      response,
      async () => {
        const offer = await this.answerByLink.show(token);
        return offer.usedFor ? usedPage(offer.language) : answerPage(offer.language, offer.offerText);
      },
      (code) => problemPage('en', code),
    );
  }

  @ZodBody(answerForm, 'The form on the answer page (application/x-www-form-urlencoded).')
  @Post(':token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  answer(@Param('token') token: string, @Body() body: unknown, @Res() response: PageResponse): Promise<void> {
    return sendPage(
      response,
      async () => {
        const { language, response: given } = await this.answerByLink.answer(token, body);
        return thanksPage(language, given);
      },
      (code) => problemPage('en', code),
    );
  }
}
