import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Schema, type Connection, type Model } from 'mongoose';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { createModel, LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import { toE164 } from '@haki/vocabulary';
import type { IntakeConfig } from '../../config';
import { REFERRER_PHONES } from '../../intake.tokens';
import { Organisations } from '../../organisations/organisations';

/**
 * A phone the network knows: a partner church's catechist, a paralegal, a prison visitor. Keyed by a
 * keyed fingerprint of the number (the number itself is never stored here), read by `_id` only.
 */
export interface ReferrerPhoneDocument {
  _id: string;
  organisationId: string;
  addedBy: string;
  addedAt: Date;
}

const schema = new Schema<ReferrerPhoneDocument>(
  { _id: String, organisationId: { type: String, required: true }, addedBy: String, addedAt: Date },
  { versionKey: false },
);
export const referrerPhoneModel = (connection: Connection): Promise<Model<ReferrerPhoneDocument>> =>
  createModel(connection, 'ReferrerPhone', schema, 'referrer_phones');

const phone = z
  .string()
  .trim()
  .max(30)
  .refine((value) => toE164(value) !== undefined, 'must be a phone number such as +254 712 345678');
export const referrerPhoneRequest = z
  .object({ phone, organisationId: z.string().regex(/^org-[a-z0-9]+(-[a-z0-9]+)*$/, 'must be an organisation id from the list') })
  .strict();
export const referrerPhoneRemoval = z.object({ phone }).strict();

/** The demo's registered phone (`npm start`): the Lodwar parish's catechist. `npm run demo:phone` dials from it. */
export const DEMO_REFERRER_PHONE = '+254700000101';

/** Shown back instead of the number: enough to tell two entries apart, not enough to call. */
const masked = (e164: string) => `${e164.slice(0, 4)}…${e164.slice(-3)}`;

/**
 * Registered referrers (issue #15): a phone known to the network is trusted, and its referrals carry
 * the organisation; any other phone's referral waits for an intake worker's call-back. Kept by
 * supervisors and admins, as the organisation list is.
 */
@Injectable()
export class ReferrerPhones implements OnApplicationBootstrap {
  constructor(
    @Inject(REFERRER_PHONES) private readonly phones: Model<ReferrerPhoneDocument>,
    private readonly organisations: Organisations,
    private readonly sealer: Sealer,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** After every module's init: the demo organisations are on the list by then. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_ORGANISATIONS) return;
    await this.register({ phone: DEMO_REFERRER_PHONE, organisationId: 'org-lodwar-parish' }, { subject: 'demo-seed', roles: ['admin'] });
    this.logger.info('demo referrer phone registered');
  }

  /**
   * The organisation a phone (E.164) refers for, or undefined for a phone the network does not know. A
   * phone of an organisation since retired is a stranger's again: its referrals wait for a call-back.
   */
  async organisationOf(e164: string): Promise<string | undefined> {
    // Under every key, newest first: a number registered before a key rotation is still known.
    for (const _id of this.sealer.fingerprints(e164)) {
      const entry = await this.phones.findById(_id).lean();
      if (!entry) continue;
      return (await this.organisations.isActive(entry.organisationId)) ? entry.organisationId : undefined;
    }
    return undefined;
  }

  async register(body: unknown, caller: Principal): Promise<{ phone: string; organisationId: string }> {
    const parsed = referrerPhoneRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('REFERRER.PHONE_INVALID', parsed.error);
    const e164 = toE164(parsed.data.phone)!;
    const { organisationId } = parsed.data;
    if (!(await this.organisations.isActive(organisationId))) {
      const reason = "is not an active organisation on the network's list (GET /organisations)";
      throw new HakiError('REFERRER.PHONE_INVALID', `organisationId: ${reason}`, { fields: [{ field: 'organisationId', reason }] });
    }
    await this.phones.replaceOne(
      { _id: this.sealer.fingerprint(e164) },
      { organisationId, addedBy: caller.subject, addedAt: new Date() },
      { upsert: true },
    );
    return { phone: masked(e164), organisationId };
  }

  async remove(body: unknown): Promise<{ phone: string; removed: boolean }> {
    const parsed = referrerPhoneRemoval.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('REFERRER.PHONE_INVALID', parsed.error);
    const e164 = toE164(parsed.data.phone)!;
    const { deletedCount } = await this.phones.deleteMany({ _id: { $in: this.sealer.fingerprints(e164) } });
    return { phone: masked(e164), removed: deletedCount > 0 };
  }
}
