import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { describeError, httpStatusOf } from '@haki/contracts';
import { briefPage, briefProblemPage } from './brief-page';
import { OpenBrief } from './open-brief.use-case';

interface PageResponse {
  status(code: number): PageResponse;
  type(type: string): PageResponse;
  send(body: string): void;
}

/** `GET /briefs/<token>`: the brief page for the confirmed volunteer; problems as pages with their status (404, 410, 403). */
@Controller('briefs')
export class BriefController {
  constructor(private readonly openBrief: OpenBrief) {}

  @Get(':token')
  @Header('cache-control', 'no-store')
  async show(@Param('token') token: string, @Res() response: PageResponse): Promise<void> {
    try {
      const brief = await this.openBrief.execute(token);
      response.status(200).type('html').send(briefPage(brief));
    } catch (error) {
      const coded = describeError(error);
      if (!coded) throw error;
      response.status(httpStatusOf(coded.code)).type('html').send(briefProblemPage(coded.code));
    }
  }
}
