import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { Logger } from '@haki/platform-logging';
import { LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { CONTACTS } from '../notification.tokens';
import { ContactBook } from './contact-book';
import { DEMO_CONTACTS, type ContactDocument } from './contact.model';

/** With SEED_DEMO_CONTACTS, fills an empty contact list with the demo roster's at boot. */
@Injectable()
export class DemoContactsSeeder implements OnModuleInit {
  constructor(
    @Inject(CONTACTS) private readonly contacts: Model<ContactDocument>,
    private readonly contactBook: ContactBook,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.SEED_DEMO_CONTACTS || (await this.contacts.countDocuments()) > 0) return;
    for (const { _id, ...details } of DEMO_CONTACTS) await this.contactBook.save(_id, details);
    this.logger.info({ count: DEMO_CONTACTS.length }, 'demo contacts seeded');
  }
}
