import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { Logger } from '@haki/platform-logging';
import { LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import type { MatchingConfig } from '../config';
import { PROFESSIONALS } from '../matching.tokens';
import { demoRosterDocuments } from './demo-roster';
import type { ProfessionalDocument } from './professional.model';

/** With SEED_DEMO_ROSTER, fills an empty roster with the demo one at boot, before any event is consumed. */
@Injectable()
export class DemoRosterSeeder implements OnModuleInit {
  constructor(
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.SEED_DEMO_ROSTER || (await this.professionals.countDocuments()) > 0) return;
    const roster = demoRosterDocuments();
    await this.professionals.insertMany(roster);
    this.logger.info({ count: roster.length }, 'demo roster seeded');
  }
}
