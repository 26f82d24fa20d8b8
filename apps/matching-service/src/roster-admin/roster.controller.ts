import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { HakiError } from '@haki/contracts';
import { AcceptsBody } from '@haki/platform-runtime';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { recordedByCaller } from '../ops-request';
import { ImportRoster } from './import-roster.use-case';
import { RosterSnapshot } from '../roster/roster-snapshot';
import { availabilityRequest, ManageProfessionals } from './manage-professionals.use-case';
import { rosterRows, type RosterRow } from './roster-list';
import { ZodBody } from '@haki/platform-runtime';
import { professionalIdSchema, professionalProfileSchema } from './professional-profile';
import { opsReasonRequest } from '../ops-request';

/** A roster spreadsheet of a few thousand volunteers fits easily; anything larger is a mistake. */
const MAX_CSV_BYTES = 2 * 1024 * 1024;

@Controller('professionals')
export class RosterController {
  constructor(
    private readonly manage: ManageProfessionals,
    private readonly importRoster: ImportRoster,
    private readonly roster: RosterSnapshot,
  ) {}

  @ZodBody(professionalProfileSchema.extend({ id: professionalIdSchema }))
  @Post()
  @Allow(...ROLE_GROUPS.rosterKeepers)
  create(@Body() body: unknown) {
    return this.manage.create(body);
  }

  /**
   * `Content-Type: text/csv`, the spreadsheet as exported (columns in roster-csv.ts); recorded as
   * imported by the signed-in account. 201 with counts; 400 naming every bad row and field, with nothing imported.
   */
  @Post('imports')
  @Allow(...ROLE_GROUPS.rosterKeepers)
  @AcceptsBody('text/csv')
  async import(@Req() request: IncomingMessage, @CurrentPrincipal() caller: Principal) {
    return this.importRoster.execute(await readText(request, MAX_CSV_BYTES), caller.subject);
  }

  /** The active roster with each volunteer's load, leave and credentials expiring soon (roster-list.ts). */
  @Get()
  @Allow(...ROLE_GROUPS.rosterReaders)
  async list(): Promise<{ professionals: RosterRow[] }> {
    return { professionals: rosterRows(await this.roster.all(), Date.now()) };
  }

  /** A volunteer's own availability (their account's professional only): away until when, or back. */
  @Get('me/availability')
  @Allow('professional')
  myAvailability(@CurrentPrincipal() caller: Principal) {
    return this.manage.availability(ownProfessional(caller));
  }

  @ZodBody(availabilityRequest)
  @Put('me/availability')
  @Allow('professional')
  setMyAvailability(@Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.manage.setAvailability(ownProfessional(caller), body);
  }

  @Get(':id')
  @Allow(...ROLE_GROUPS.rosterReaders)
  get(@Param('id') id: string) {
    return this.manage.get(id);
  }

  /** The whole profile; `contact` only when it changes. */
  @ZodBody(professionalProfileSchema)
  @Put(':id')
  @Allow(...ROLE_GROUPS.rosterKeepers)
  update(@Param('id') id: string, @Body() body: unknown) {
    return this.manage.update(id, body);
  }

  @ZodBody(opsReasonRequest)
  @Post(':id/deactivation')
  @Allow(...ROLE_GROUPS.rosterKeepers)
  @HttpCode(200)
  deactivate(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.manage.deactivate(id, recordedByCaller(body, caller));
  }
}

function ownProfessional(caller: Principal): string {
  if (!caller.professionalId) throw new HakiError('ACCESS.FORBIDDEN', 'this account stands for no volunteer');
  return caller.professionalId;
}

/** The request body as UTF-8 text (the JSON parser leaves other content types unread). */
async function readText(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HakiError('HTTP.PAYLOAD_TOO_LARGE', `the CSV is larger than ${limit / 1024 / 1024} MB`);
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  if (!isUtf8(bytes)) throw new HakiError('HTTP.BAD_REQUEST', 'the CSV is not valid UTF-8: save it as "CSV UTF-8"');
  return bytes.toString('utf8');
}
