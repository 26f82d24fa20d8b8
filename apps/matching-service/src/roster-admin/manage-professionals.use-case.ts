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
import { opsReasonRequest } from '../ops-request';

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
