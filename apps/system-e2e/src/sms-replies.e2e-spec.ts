import { eventually } from '@haki/testing';
import { HakiSystem, SERVICE_NAMES, turkanaPostmortem, type CaseView, medicalCare } from './haki-system';

const offersOf = (kase: CaseView, role: string) => kase.roles.find((candidate) => candidate.role === role)!.offers;

/** Volunteers answer from their phones: the SMS reply travels provider → notification → matching → confirmed. */
describe('answering an offer by SMS', () => {
  const system = new HakiSystem();

  beforeAll(async () => {
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service)));
  });

  afterAll(() => system.stop());

  /** The reply code printed in the offer SMS this phone received. */
  const codeSentTo = async (phone: string): Promise<string> =>
    eventually(async () => {
      const offer = (await system.messagesTo(phone)).find((text) => /Reply YES \d{4}/.test(text));
      expect(offer).toBeDefined();
      return /YES (\d{4})/.exec(offer!)![1]!;
    });

  it('confirms "ndiyo <code>" from the phone the offer went to, and refuses the same code from anyone else', async () => {
    const { referralId } = await system.submitReferral(turkanaPostmortem());
    const offered = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'forensic-pathologist')).toHaveLength(3);
      return kase;
    });
    const [first, ...others] = offersOf(offered, 'forensic-pathologist');
    const firstPhone = await system.phoneOfferedTo(first!.offerId);
    const code = await codeSentTo(firstPhone);
    // Codes are four digits and need not differ between offers (decision 0007): the other volunteer
    // must be one whose own offer has another code, or "YES <code>" is rightly their own acceptance.
    let secondPhone = '';
    for (const other of others) {
      const phone = await system.phoneOfferedTo(other.offerId);
      if ((await codeSentTo(phone)) !== code) {
        secondPhone = phone;
        break;
      }
    }
    expect(secondPhone).not.toBe('');

    // Another volunteer texts the first one's code: it is not theirs, so nothing changes and they are told.
    expect((await system.textFrom(secondPhone, `YES ${code}`, 'at-msg-1')).status).toBe(200);
    // A number on no contact record is kept but goes no further, and gets no answer.
    expect((await system.textFrom('+254799999999', `YES ${code}`, 'at-msg-2')).status).toBe(200);
    await eventually(async () =>
      expect((await system.messagesTo(secondPhone)).join('\n')).toContain(`no open request of yours has ref ${code}`),
    );
    expect(await system.messagesTo('+254799999999')).toEqual([]);
    expect(offersOf(await system.getCase(referralId), 'forensic-pathologist').map((offer) => offer.status)).toEqual([
      'offered',
      'offered',
      'offered',
    ]);

    // The volunteer answers in Swahili, lower case, extra spaces, the number written locally; the
    // provider sends the callback twice.
    const local = `0${firstPhone.slice(4)}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await system.textFrom(local, `  ndiyo   ${code} `, 'at-msg-3')).status).toBe(200);
    }
    const confirmed = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'forensic-pathologist').map((offer) => offer.status)).toEqual(['confirmed', 'cancelled', 'cancelled']);
      return kase;
    });
    expect(confirmed.timeline.filter((entry) => entry.type === 'assignment.responded')).toHaveLength(1);
    await eventually(async () => expect((await system.messagesTo(firstPhone)).join('\n')).toContain('Haki: confirmed'));

    const inbound = (await system.db('notification-service')).collection('inbound_messages');
    const stored = await inbound.find().sort({ _id: 1 }).toArray();
    expect(stored.map((message) => [message['_id'], message['readAs']])).toEqual([
      ['africastalking:at-msg-1', 'answer'],
      ['africastalking:at-msg-2', 'unknown-sender'],
      ['africastalking:at-msg-3', 'answer'],
    ]);
  });

  it('answers an unclear text with how to reply, takes a missing code when one offer is open, and sets time off', async () => {
    // Only clinicians are asked for detention medical care: this one has this offer open and no other.
    const detention = medicalCare();
    const { referralId } = await system.submitReferral(detention);
    const offered = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'clinician').length).toBeGreaterThanOrEqual(1);
      return kase;
    });
    const [clinician] = offersOf(offered, 'clinician');
    const phone = await system.phoneOfferedTo(clinician!.offerId);
    const code = await codeSentTo(phone);

    await system.textFrom(phone, 'what is this?', 'at-msg-10');
    await eventually(async () => expect((await system.messagesTo(phone)).join('\n')).toContain('Reply YES or NO with the 4-digit code'));

    await system.textFrom(phone, 'Hapana, niko mahakamani wiki yote', 'at-msg-11');
    await eventually(async () => expect(offersOf(await system.getCase(referralId), 'clinician')[0]).toMatchObject({ status: 'declined' }));
    await eventually(async () => expect((await system.messagesTo(phone)).join('\n')).toContain(`your NO to ref ${code} is recorded`));

    await system.textFrom(phone, 'yes', 'at-msg-12');
    await eventually(async () => expect((await system.messagesTo(phone)).join('\n')).toContain('you have no open request to answer'));

    const professionals = (await system.db('matching-service')).collection('professionals');
    await system.textFrom(phone, 'AWAY 3', 'at-msg-13');
    await eventually(async () => expect((await system.messagesTo(phone)).join('\n')).toContain('you are away until'));
    const away = await professionals.findOne({ _id: clinician!.professionalId as never });
    const [off] = away!['timeOff'] as { from: string; to: string }[];
    expect(Date.parse(off!.to) - Date.parse(off!.from)).toBe(3 * 86_400_000);

    await system.textFrom(phone, 'nipo', 'at-msg-14');
    await eventually(async () => expect((await system.messagesTo(phone)).join('\n')).toContain('welcome back'));
    const back = await professionals.findOne({ _id: clinician!.professionalId as never });
    expect(Date.parse((back!['timeOff'] as { to: string }[])[0]!.to)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a callback without the webhook secret as if the path did not exist', async () => {
    const response = await system.textFrom('+254700000002', 'YES 1234', 'at-msg-20', 'wrong-secret-wrong-secret');
    expect(response.status).toBe(404);
    const inbound = (await system.db('notification-service')).collection('inbound_messages');
    expect(await inbound.countDocuments({ _id: 'africastalking:at-msg-20' as never })).toBe(0);
  });
});
