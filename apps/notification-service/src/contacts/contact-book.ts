import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { ContactDetails } from '@haki/contracts';
import { CONTACT_PHONES, CONTACTS } from '../notification.tokens';
import type { ContactPhoneDocument } from './contact-phone.model';
import type { ContactDocument } from './contact.model';
import { toE164 } from './phone-number';

/**
 * A professional's contact details and the reverse entry from their phone number, written together.
 * Lookups by `_id` only. The number's entry is written before the contact and the old number's removed
 * after it, so a crash in between leaves an extra entry, never a contact whose replies go unrecognised.
 */
@Injectable()
export class ContactBook implements OnModuleInit {
  constructor(
    @Inject(CONTACTS) private readonly contacts: Model<ContactDocument>,
    @Inject(CONTACT_PHONES) private readonly phones: Model<ContactPhoneDocument>,
  ) {}

  /** Contacts stored before replies existed get their numbers' entries, once: an empty index with contacts present. */
  async onModuleInit(): Promise<void> {
    if ((await this.phones.exists({})) || !(await this.contacts.exists({}))) return;
    for await (const contact of this.contacts.find().lean().cursor()) {
      const number = toE164(contact.phone);
      if (number) await this.phones.replaceOne({ _id: number }, { professionalId: contact._id }, { upsert: true });
    }
  }

  /** Returns false when the phone number cannot be read as one: messages may still go out, but no reply can be matched. */
  async save(professionalId: string, details: Omit<ContactDetails, 'language' | 'prefers'> & Partial<ContactDetails>): Promise<boolean> {
    const { phone, email, language = 'en', prefers = 'sms' } = details;
    const previous = await this.contacts.findById(professionalId, { phone: 1 }).lean();
    const number = toE164(phone);
    if (number) await this.phones.replaceOne({ _id: number }, { professionalId }, { upsert: true });
    await this.contacts.replaceOne({ _id: professionalId }, { phone, language, prefers, ...(email ? { email } : {}) }, { upsert: true });
    const previousNumber = previous ? toE164(previous.phone) : undefined;
    if (previousNumber && previousNumber !== number) {
      const owner = await this.phones.findById(previousNumber).lean();
      if (owner?.professionalId === professionalId) await this.phones.deleteOne({ _id: previousNumber });
    }
    return number !== undefined;
  }

  /** The professional whose contact record has this number, however the provider spells it. */
  async ownerOf(phone: string): Promise<string | undefined> {
    const number = toE164(phone);
    return number ? (await this.phones.findById(number).lean())?.professionalId : undefined;
  }

  find(professionalId: string): Promise<ContactDocument | null> {
    return this.contacts.findById(professionalId).lean();
  }
}
