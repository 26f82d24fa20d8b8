import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HakiError } from '@haki/contracts';
import { hasAnyRole, ROLE_GROUPS } from '@haki/platform-access';
import { ApiDocument, docsPage, sendDocsAsset, type PageResponse } from '@haki/platform-runtime';
import type { GatewayRequest } from './sessions/session-guard';

type AssetResponse = PageResponse & { setHeader(name: string, value: string): void };

/**
 * The gateway's own routes (sign-in, sessions, accounts) as OpenAPI, for signed-in staff; each service
 * serves its own under /api/<service>/docs.
 */
@ApiExcludeController()
@Controller('docs')
export class GatewayDocsController {
  constructor(private readonly api: ApiDocument) {}

  @Get()
  page(@Req() request: GatewayRequest, @Res() response: PageResponse): void {
    staffOnly(request);
    response.status(200).type('html').send(docsPage(this.api.document));
  }

  @Get('openapi.json')
  json(@Req() request: GatewayRequest) {
    staffOnly(request);
    return this.api.get();
  }

  @Get('assets/:file')
  asset(@Req() request: GatewayRequest, @Param('file') file: string, @Res() response: AssetResponse): void {
    staffOnly(request);
    sendDocsAsset(file, response);
  }
}

function staffOnly(request: GatewayRequest): void {
  if (!hasAnyRole(request.session!.principal, ROLE_GROUPS.staff))
    throw new HakiError('ACCESS.FORBIDDEN', 'the API documents are for staff');
}
