import type { IncomingMessage } from 'node:http';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HakiError } from '@haki/contracts';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { AcceptsBody, SERVICE_CONFIG, ZodBody } from '@haki/platform-runtime';
import type { CaseConfig } from '../config';
import { caseDetail } from '../get-case/case-detail';
import { idempotencyKey } from '../case-work/idempotency-key';
import { CaseEvidence, custodyRequest, EVIDENCE_MEDIA_TYPES, evidenceRequest } from './case-evidence';

/**
 * Evidence files on a case, for ops, supervisors and the volunteer assigned to it. Nobody else gets a
 * file, intake staff included: a photograph of injuries is the survivor's most sensitive record.
 */
@Controller('cases/:id/evidence')
@Allow(...ROLE_GROUPS.coordinators, 'professional')
export class EvidenceController {
  constructor(
    private readonly evidence: CaseEvidence,
    private readonly sealer: Sealer,
    @Inject(SERVICE_CONFIG) private readonly config: CaseConfig,
  ) {}

  @ZodBody(evidenceRequest)
  @Post()
  @HttpCode(201)
  register(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.evidence.register(id, body, caller, idempotencyKey(key));
  }

  /** The file's bytes as the body, with its media type (image/jpeg, application/pdf…); the same file again is a harmless retry. */
  @Put(':evidenceId/content')
  @AcceptsBody(...EVIDENCE_MEDIA_TYPES)
  @HttpCode(200)
  async upload(
    @Param('id') id: string,
    @Param('evidenceId') evidenceId: string,
    @Req() request: IncomingMessage,
    @CurrentPrincipal() caller: Principal,
  ) {
    const content = await readBody(request, this.config.EVIDENCE_MAX_MB * 1024 * 1024);
    return this.evidence.upload(id, evidenceId, content, request.headers['content-type'], caller);
  }

  @Get(':evidenceId/content')
  async download(
    @Param('id') id: string,
    @Param('evidenceId') evidenceId: string,
    @CurrentPrincipal() caller: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const { content, mediaType } = await this.evidence.download(id, evidenceId, caller);
    response
      .status(200)
      .set({ 'content-type': mediaType, 'content-disposition': `attachment; filename="${evidenceId}"`, 'cache-control': 'no-store' })
      .end(content);
  }

  @Post(':evidenceId/verification')
  @HttpCode(200)
  verify(@Param('id') id: string, @Param('evidenceId') evidenceId: string, @CurrentPrincipal() caller: Principal) {
    return this.evidence.verify(id, evidenceId, caller);
  }

  /** A copy made or the file handed over, and to whom: the chain of custody a court asks for. */
  @ZodBody(custodyRequest)
  @Post(':evidenceId/custody')
  @HttpCode(201)
  async custody(
    @Param('id') id: string,
    @Param('evidenceId') evidenceId: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return caseDetail(await this.evidence.handOver(id, evidenceId, body, caller, idempotencyKey(key)), caller, this.sealer, new Date());
  }
}

/** The request body as bytes, refused past `limit` without reading the rest into memory. */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  const tooLarge = () => new HakiError('EVIDENCE.TOO_LARGE', `evidence files are at most ${limit / 1024 / 1024} MB`);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
