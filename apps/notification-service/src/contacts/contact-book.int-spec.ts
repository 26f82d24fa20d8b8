import { useTestDatabase } from '@haki/testing';
import { ContactBook } from './contact-book';
import { contactPhoneModel } from './contact-phone.model';
import { contactModel } from './contact.model';

describe('the contact book on the real database', () => {
  const database = useTestDatabase('contacts');

  async function book() {
    const db = database();
    return { contactBook: new ContactBook(await contactModel(db), await contactPhoneModel(db)), phones: await contactPhoneModel(db), db };
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

  it("does not take a number from the professional who has it now when another one's old number is removed", async () => {
    const { contactBook } = await book();
    await contactBook.save('pro-1', { phone: '+254712345678', language: 'en' });
    await contactBook.save('pro-2', { phone: '+254712345678', language: 'en' });
    await contactBook.save('pro-1', { phone: '+254700000999', language: 'en' });
    expect(await contactBook.ownerOf('+254712345678')).toBe('pro-2');
  });

  it('indexes contacts stored before the index existed, once, at start', async () => {
    const { contactBook, db } = await book();
    await (await contactModel(db)).create({ _id: 'pro-old', phone: '0711 000 222', language: 'en' });
    await contactBook.onModuleInit();
    expect(await contactBook.ownerOf('+254711000222')).toBe('pro-old');
  });

  it('says when a number cannot be read, so replies from it cannot be matched', async () => {
    const { contactBook } = await book();
    expect(await contactBook.save('pro-3', { phone: '12', language: 'en' })).toBe(false);
  });
});
