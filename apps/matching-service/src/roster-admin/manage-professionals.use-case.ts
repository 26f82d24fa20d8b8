import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { PROFESSIONALS } from '../matching.tokens';
import type { ProfessionalDocument } from '../roster/professional.model';
import { professionalIdSchema, professionalProfileSchema, toProfessionalDocument } from './professional-profile';
import { RosterChanges } from './roster-changes';
import { withAvailability } from './roster-list';
import { opsReasonRequest } from '../ops-request';

export const availabilityRequest = z
  .object({
    awayUntil: z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2026-12-20T08:00:00+03:00, or null' }).nullable(),
  })
  .strict();

/**
 * Ops keep the roster: add a professional (contact details required, so nobody is unreachable), update
 * one (the whole profile; contact details only when they change), deactivate one. Every change takes
 * effect on the next ranking; one that makes someone unavailable now also reaches the referrals they
 * hold (RosterChanges).
 */
@Injectable()
export class ManageProfessionals {
  constructor(
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    private readonly changes: RosterChanges,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async create(body: unknown) {
    const { id: rawId, ...rest } = (body ?? {}) as Record<string, unknown>;
    const id = z.object({ id: professionalIdSchema }).safeParse({ id: rawId });
    const parsed = professionalProfileSchema.safeParse(rest);
    const issues = [...(id.error?.issues ?? []), ...(parsed.error?.issues ?? [])];
    if (!parsed.data?.contact && parsed.success)
      issues.push({ code: 'custom', path: ['contact'], message: 'is required for a new professional', input: undefined });
    if (issues.length || !id.success || !parsed.success) throw HakiError.fromZod('ROSTER.INVALID', new z.ZodError(issues));
    const professionalId = id.data.id;
    if (await this.professionals.exists({ _id: professionalId })) {
      throw new HakiError('ROSTER.PROFESSIONAL_EXISTS', `${professionalId} is on the roster already`);
    }
    await this.changes.save(toProfessionalDocument(professionalId, parsed.data), parsed.data.contact, { create: true });
    this.logger.info({ professionalId }, 'professional added');
    return this.get(professionalId);
  }

  async update(id: string, body: unknown) {
    const existing = await this.find(id);
    const parsed = professionalProfileSchema.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('ROSTER.INVALID', parsed.error);
    await this.changes.save({ ...toProfessionalDocument(id, parsed.data), active: existing.active }, parsed.data.contact, {
      create: false,
    });
    this.logger.info({ professionalId: id }, 'professional updated');
    return this.get(id);
  }

  async deactivate(id: string, body: unknown) {
    const parsed = opsReasonRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('ROSTER.INVALID', parsed.error);
    const { outbox: _, ...existing } = await this.find(id);
    await this.changes.save({ ...existing, active: false }, undefined, { create: false });
    this.logger.info({ professionalId: id }, 'professional deactivated');
    return this.get(id);
  }

  /**
   * A volunteer's own availability: `{ awayUntil: "<ISO date-time>" }` for a leave from now until
   * then (at most a year), `{ awayUntil: null }` to be back now. Like any leave, it reaches the
   * referrals they hold (RosterChanges): an offer waiting on them goes to someone else.
   */
  async setAvailability(id: string, body: unknown, now = Date.now()) {
    const parsed = availabilityRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('ROSTER.INVALID', parsed.error);
    const until = parsed.data.awayUntil === null ? null : Date.parse(parsed.data.awayUntil);
    if (until !== null && (until <= now || until > now + 366 * 86_400_000)) {
      throw new HakiError('ROSTER.INVALID', 'awayUntil must be in the future and within a year', {
        fields: [{ field: 'awayUntil', reason: 'must be in the future and within a year' }],
      });
    }
    const { outbox: _, ...existing } = await this.find(id);
    const timeOff = withAvailability(
      (existing.timeOff ?? []).map((off) => ({ from: String(off.from), to: String(off.to) })),
      now,
      until,
    );
    await this.changes.save({ ...existing, timeOff } as typeof existing, undefined, { create: false });
    this.logger.info({ professionalId: id, away: until !== null }, 'availability changed by the volunteer');
    return this.availability(id, now);
  }

  async availability(id: string, now = Date.now()): Promise<{ awayUntil: string | null }> {
    const current = ((await this.find(id)).timeOff ?? [])
      .filter((off) => Date.parse(String(off.from)) <= now && now < Date.parse(String(off.to)))
      .map((off) => Date.parse(String(off.to)));
    return { awayUntil: current.length ? new Date(Math.max(...current)).toISOString() : null };
  }

  /** The stored profile (contact details live in the notification service only). */
  async get(id: string) {
    const { outbox: _, _id, ...profile } = await this.find(id);
    return { id: _id, ...profile };
  }

  private async find(id: string): Promise<ProfessionalDocument> {
    const found = await this.professionals.findById(id).lean();
    if (!found) throw new HakiError('ROSTER.PROFESSIONAL_NOT_FOUND', `no professional ${id}`);
    return found;
  }
}
