import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import { findCounty } from '@haki/geography';
import type { Principal } from '@haki/platform-access';
import type { Logger } from '@haki/platform-logging';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import { LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import { REFERRAL_SOURCES } from '@haki/vocabulary';
import type { IntakeConfig } from '../config';
import { ORGANISATIONS } from '../intake.tokens';
import type { OrganisationDocument } from './organisation.model';

export const newOrganisationRequest = z
  .object({
    id: z.string().regex(/^org-[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug such as org-lodwar-parish'),
    name: z.string().trim().min(1, 'is required').max(200),
    kind: z.enum(REFERRAL_SOURCES, { error: `must be one of ${REFERRAL_SOURCES.join(', ')}` }),
    county: z
      .union([z.string().trim().min(1), z.number().int()])
      .refine((value) => findCounty(value) !== undefined, 'is not one of the 47 counties (name or code 1-47)')
      .optional(),
  })
  .strict();
export const organisationChangeRequest = z
  .object({ name: z.string().trim().min(1, 'is required').max(200).optional(), active: z.boolean().optional() })
  .strict()
  .refine((change) => change.name !== undefined || change.active !== undefined, 'give name or active');

/** The partners `npm start` puts on the list (the demo intake account belongs to the first). */
const DEMO_ORGANISATIONS = [
  { id: 'org-demo-parish', name: 'Demo parish', kind: 'church', county: 'Nairobi' },
  { id: 'org-lodwar-parish', name: 'Lodwar parish', kind: 'church', county: 'Turkana' },
  { id: 'org-kakuma-mission', name: 'Kakuma mission', kind: 'church', county: 'Turkana' },
  { id: 'org-kibera-legal-desk', name: 'Kibera legal aid desk', kind: 'ngo', county: 'Nairobi' },
] as const;

/**
 * The network's list of partner organisations: kept by supervisors and admins, read by staff, and
 * checked when a referral names its source's organisation (by `_id`).
 */
@Injectable()
export class Organisations implements OnModuleInit {
  constructor(
    @Inject(ORGANISATIONS) private readonly organisations: Model<OrganisationDocument>,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.SEED_DEMO_ORGANISATIONS) return;
    for (const organisation of DEMO_ORGANISATIONS) {
      await this.add(organisation, { subject: 'demo-seed', roles: ['admin'] }).catch((error: unknown) => {
        if ((error as HakiError).code !== 'ORGANISATION.EXISTS') throw error;
      });
    }
    this.logger.info({ count: DEMO_ORGANISATIONS.length }, 'demo organisations on the list');
  }

  /** The whole list, active first then by name: a network keeps tens of partners, not thousands. */
  async list(): Promise<OrganisationDocument[]> {
    const all = await this.organisations.find().lean();
    return all.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  }

  async add(body: unknown, caller: Principal): Promise<OrganisationDocument> {
    const parsed = newOrganisationRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('ORGANISATION.INVALID', parsed.error);
    const { id, name, kind, county } = parsed.data;
    const organisation: OrganisationDocument = {
      _id: id,
      name,
      kind,
      ...(county !== undefined ? { countyCode: findCounty(county)!.code } : {}),
      active: true,
      addedBy: caller.subject,
      addedAt: new Date(),
    };
    try {
      await this.organisations.create(organisation);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new HakiError('ORGANISATION.EXISTS', `${id} is on the list already`);
      throw error;
    }
    return organisation;
  }

  async change(id: string, body: unknown): Promise<OrganisationDocument> {
    const parsed = organisationChangeRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('ORGANISATION.INVALID', parsed.error);
    const changed = await this.organisations.findByIdAndUpdate(id, { $set: parsed.data }, { new: true }).lean();
    if (!changed) throw new HakiError('ORGANISATION.NOT_FOUND', `no organisation ${id} on the list`);
    return changed;
  }

  /** A referral may name only an active organisation of the list: 400 naming `source.organisationId` otherwise. */
  async isActive(id: string): Promise<boolean> {
    return Boolean((await this.organisations.findById(id, { active: 1 }).lean())?.active);
  }

  async requireActive(id: string | undefined): Promise<void> {
    if (id === undefined) return;
    const organisation = await this.organisations.findById(id, { active: 1 }).lean();
    if (organisation?.active) return;
    const reason = organisation
      ? "has been retired from the network's list"
      : "is not on the network's list of organisations (GET /organisations)";
    throw new HakiError('REFERRAL.INVALID', `source.organisationId: ${reason}`, { fields: [{ field: 'source.organisationId', reason }] });
  }
}
