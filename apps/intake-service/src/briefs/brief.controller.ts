import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { AllowAnyCaller } from '@haki/platform-access';
import { sendPage, type PageResponse } from '@haki/platform-runtime';
import { briefPage, briefProblemPage } from './brief-page';
import { OpenBrief } from './open-brief.use-case';

/** `GET /briefs/<token>`: the brief page for the confirmed volunteer; problems as pages with their status (404, 410, 403). */
@Controller('briefs')
@AllowAnyCaller('the signed link is the credential, and the brief opens only for the confirmed volunteer')
export class BriefController {
  constructor(private readonly openBrief: OpenBrief) {}

  @Get(':token')
  @Header('cache-control', 'no-store')
  show(@Param('token') token: string, @Res() response: PageResponse): Promise<void> {
    return sendPage(response, async () => briefPage(await this.openBrief.execute(token)), briefProblemPage);
  }
}
