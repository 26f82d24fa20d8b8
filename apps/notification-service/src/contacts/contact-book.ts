import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { ContactDetails } from '@haki/contracts';
import type { Sealer } from '@haki/platform-config';
import { AuditLog } from '@haki/platform-runtime';
import { CONTACT_PHONES, CONTACT_SEALER, CONTACTS } from '../notification.tokens';
import type { ContactPhoneDocument } from './contact-phone.model';
import type { Contact, ContactDocument } from './contact.model';
import { toE164 } from '@haki/vocabulary';

type Details = Omit<ContactDetails, 'language' | 'prefers'> & Partial<ContactDetails>;

/**
 * A professional's contact details, sealed at rest, and the reverse entry from their phone number
 * (a keyed fingerprint, not the number), written together. Lookups by `_id` only. The number's entry
 * is written before the contact and the old number's removed after it, so a crash in between leaves an
 * extra entry, never a contact whose replies go unrecognised.
 */
@Injectable()
export class ContactBook implements OnModuleInit {
  constructor(
    @Inject(CONTACTS) private readonly contacts: Model<ContactDocument>,
    @Inject(CONTACT_PHONES) private readonly phones: Model<ContactPhoneDocument>,
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Contacts stored before they were sealed are sealed and indexed now, and index entries keyed by a
   * number in clear are dropped: once per database (a marker in `migrations` by `_id`), so a start does
   * not scan the contacts again.
   */
  async onModuleInit(): Promise<void> {
    const migrations = this.contacts.db.collection<{ _id: string; at: Date }>('migrations');
    if (await migrations.findOne({ _id: 'contacts-sealed' })) return;
    for await (const legacy of this.contacts
      .find({ phone: { $exists: true } })
      .lean()
      .cursor()) {
      await this.save(legacy._id, {
        phone: legacy.phone!,
        language: legacy.language,
        ...(legacy.email ? { email: legacy.email } : {}),
        ...(legacy.prefers ? { prefers: legacy.prefers } : {}),
      });
    }
    await this.phones.deleteMany({ _id: /^\+/ });
    await migrations.updateOne({ _id: 'contacts-sealed' }, { $setOnInsert: { at: new Date() } }, { upsert: true });
  }

  /** Returns false when the phone number cannot be read as one: messages may still go out, but no reply can be matched. */
  async save(professionalId: string, details: Details): Promise<boolean> {
    const { phone, email, language = 'en', prefers = 'sms' } = details;
    const previous = await this.find(professionalId);
    const number = toE164(phone);
    if (number) await this.phones.replaceOne({ _id: this.sealer.fingerprint(number) }, { professionalId }, { upsert: true });
    const sealed = this.sealer.seal({ phone, ...(email ? { email } : {}) }, professionalId);
    await this.contacts.replaceOne({ _id: professionalId }, { sealed, language, prefers }, { upsert: true });
    const previousNumber = previous ? toE164(previous.phone) : undefined;
    if (previousNumber && previousNumber !== number) {
      for (const key of this.sealer.fingerprints(previousNumber)) {
        const owner = await this.phones.findById(key).lean();
        if (owner?.professionalId === professionalId) await this.phones.deleteOne({ _id: key });
      }
    }
    return number !== undefined;
  }

  /** The professional whose contact record has this number, however the provider spells it. */
  async ownerOf(phone: string): Promise<string | undefined> {
    const number = toE164(phone);
    if (!number) return undefined;
    for (const key of this.sealer.fingerprints(number)) {
      const entry = await this.phones.findById(key).lean();
      if (entry) return entry.professionalId;
    }
    return undefined;
  }

  /** The contact, opened (and the opening put on the audit log). */
  async find(professionalId: string): Promise<Contact | null> {
    const stored = await this.contacts.findById(professionalId).lean();
    if (!stored) return null;
    const { sealed, phone, email, language, prefers } = stored;
    await this.audit.append({ actor: 'system', roles: [], action: 'contact.opened', target: { professionalId }, outcome: 'ok' });
    const opened = sealed
      ? this.sealer.open<{ phone: string; email?: string }>(sealed, professionalId)
      : { phone: phone!, ...(email ? { email } : {}) };
    return { _id: professionalId, ...opened, language, ...(prefers ? { prefers } : {}) };
  }
}
