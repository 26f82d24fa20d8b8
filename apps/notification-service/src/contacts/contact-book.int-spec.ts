import { randomBytes } from 'node:crypto';
import { Sealer } from '@haki/platform-config';
import { useTestDatabase } from '@haki/testing';
import { ContactBook } from './contact-book';
import { contactPhoneModel } from './contact-phone.model';
import { contactModel } from './contact.model';
import { AuditLog } from '@haki/platform-runtime';
import { createLogger } from '@haki/platform-logging';

describe('the contact book on the real database', () => {
  const database = useTestDatabase('contacts');
  const key = randomBytes(32);

  async function book(sealer = new Sealer(new Map([['k1', key]]), 'k1', 'CONTACT')) {
    const db = database();
    const [contacts, phones] = [await contactModel(db), await contactPhoneModel(db)];
    return {
      contactBook: new ContactBook(
        contacts,
        phones,
        sealer,
        new AuditLog(db, 'test', { keyId: 't', key: randomBytes(32) }, createLogger({ service: 'test', level: 'silent' })),
      ),
      contacts,
      phones,
    };
  }

  it('finds a professional by their number however it is spelled, and forgets the old number when it changes', async () => {
    const { contactBook, phones } = await book();
    expect(await contactBook.save('pro-1', { phone: '0712 345 678', language: 'sw' })).toBe(true);
    expect(await contactBook.ownerOf('+254712345678')).toBe('pro-1');
    expect(await contactBook.ownerOf('254 712 345678')).toBe('pro-1');

    await contactBook.save('pro-1', { phone: '+254 733 000111', language: 'sw' });
    expect(await contactBook.ownerOf('0712345678')).toBeUndefined();
    expect(await contactBook.ownerOf('0733000111')).toBe('pro-1');
    expect(await phones.countDocuments()).toBe(1);
  });

  it('keeps phone numbers and addresses sealed at rest, and the index holds no number', async () => {
    const { contactBook, contacts, phones } = await book();
    await contactBook.save('pro-2', { phone: '+254712000999', email: 'pathologist@example.org', language: 'en', prefers: 'email' });
    const stored = JSON.stringify([await contacts.find().lean(), await phones.find().lean()]);
    for (const clear of ['712000999', 'pathologist@example.org']) expect(stored).not.toContain(clear);
    expect(await contactBook.find('pro-2')).toEqual({
      _id: 'pro-2',
      phone: '+254712000999',
      email: 'pathologist@example.org',
      language: 'en',
      prefers: 'email',
    });
  });

  it("does not take a number from the professional who has it now when another one's old number is removed", async () => {
    const { contactBook } = await book();
    await contactBook.save('pro-1', { phone: '+254712345678', language: 'en' });
    await contactBook.save('pro-2', { phone: '+254712345678', language: 'en' });
    await contactBook.save('pro-1', { phone: '+254700000999', language: 'en' });
    expect(await contactBook.ownerOf('+254712345678')).toBe('pro-2');
  });

  it('seals and indexes contacts stored in clear before, once, at start; and finds numbers after a key rotation', async () => {
    const { contactBook, contacts, phones } = await book();
    await contacts.collection.insertOne({ _id: 'pro-old', phone: '0711 000 222', language: 'en' } as never);
    await phones.collection.insertOne({ _id: '+254711000222', professionalId: 'pro-old' } as never);
    await contactBook.onModuleInit();
    expect(await contactBook.ownerOf('+254711000222')).toBe('pro-old');
    expect(JSON.stringify(await contacts.find().lean())).not.toContain('711 000 222');
    expect(await phones.exists({ _id: '+254711000222' })).toBeNull();
    // Done once: a later start does not scan the contacts again (a clear record slipped in now stays as it is).
    await contacts.collection.insertOne({ _id: 'pro-late', phone: '0711 000 333', language: 'en' } as never);
    await contactBook.onModuleInit();
    expect(await contacts.exists({ _id: 'pro-late', phone: { $exists: true } })).not.toBeNull();
    await contacts.collection.deleteOne({ _id: 'pro-late' } as never);

    const rotated = new Sealer(
      new Map([
        ['k1', key],
        ['k2', randomBytes(32)],
      ]),
      'k2',
      'CONTACT',
    );
    const { contactBook: afterRotation } = await book(rotated);
    expect(await afterRotation.ownerOf('0711000222')).toBe('pro-old');
    expect((await afterRotation.find('pro-old'))!.phone).toBe('0711 000 222');
  });

  it('says when a number cannot be read, so replies from it cannot be matched', async () => {
    const { contactBook } = await book();
    expect(await contactBook.save('pro-3', { phone: '12', language: 'en' })).toBe(false);
  });
});
