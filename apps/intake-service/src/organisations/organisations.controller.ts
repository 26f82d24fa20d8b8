import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { newOrganisationRequest, organisationChangeRequest, Organisations } from './organisations';
import { ZodBody } from '@haki/platform-runtime';

@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: Organisations) {}

  /** The partners a referral's source may name; retired ones last, marked `active: false`. */
  @Get()
  @Allow(...ROLE_GROUPS.staff)
  list() {
    return this.organisations.list();
  }

  /** `{ id, name, kind, county? }`: 201, or 409 when the id is taken. */
  @ZodBody(newOrganisationRequest)
  @Post()
  @Allow(...ROLE_GROUPS.networkKeepers)
  add(@Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.organisations.add(body, caller);
  }

  /** `{ name?, active? }`: rename, or retire (`active: false`) a partner no longer working with the network. */
  @ZodBody(organisationChangeRequest)
  @Patch(':id')
  @Allow(...ROLE_GROUPS.networkKeepers)
  change(@Param('id') id: string, @Body() body: unknown) {
    return this.organisations.change(id, body);
  }
}
