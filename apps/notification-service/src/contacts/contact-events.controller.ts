import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { contactDetailsSchema, HakiError, TOPICS, type ContactDetails, type EventEnvelope } from '@haki/contracts';
import type { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { CONTACT_SEALER } from '../notification.tokens';
import { ContactBook } from './contact-book';

/**
 * professional.contact-changed → the contact record. Events are keyed by the professional, so this
 * consumer is the only writer of a contact and applies changes in the order ops made them.
 */
@Controller()
export class ContactEvents {
  constructor(
    private readonly contactBook: ContactBook,
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(TOPICS.professionalContactChanged)
  async onContactChanged(@Payload() event: EventEnvelope<typeof TOPICS.professionalContactChanged>): Promise<void> {
    const { professionalId, contact } = event.payload;
    const parsed = contactDetailsSchema.safeParse(this.sealer.open<ContactDetails>(contact, professionalId));
    if (!parsed.success) throw HakiError.fromZod('CONTACT.INVALID', parsed.error);
    const repliesRecognised = await this.contactBook.save(professionalId, parsed.data);
    if (!repliesRecognised) this.logger.warn({ professionalId }, 'phone number unreadable: SMS replies from it cannot be matched');
    this.logger.info({ professionalId }, 'contact details updated');
  }
}
