// `npm run demo:sms`, on the stack `npm start` runs: a referral comes in, the nearest pathologist's
// phone gets the offer SMS (the recording provider keeps it; we read it as the phone would show it),
// the volunteer texts back "NDIYO <code>" through Africa's Talking's inbound webhook, and the case
// shows the assignment confirmed. Each step is printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { getCase, INTAKE, NOTIFICATION, operator, runDemo, say, until } from './demo-support';

const ROOT = join(__dirname, '../../..');

async function main(): Promise<void> {
  const secret = readFileSync(join(ROOT, '.cache/run/webhook.secret'), 'utf8').trim();
  const db = await mongoose
    .createConnection(process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017', { dbName: 'haki_notification' })
    .asPromise();

  const submitted = await operator(`${INTAKE}/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      // Died in a police cell last night, burial planned in 20 hours: the clocks make it critical.
      serviceType: 'postmortem',
      death: {
        at: new Date(Date.now() - 8 * 3_600_000).toISOString(),
        circumstance: 'custody',
        plannedBurialAt: new Date(Date.now() + 20 * 3_600_000).toISOString(),
      },
      county: 'Turkana',
      town: 'Kakuma',
      source: { kind: 'church' },
      consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor', 'share-with-lawyer'] },
      subject: { name: `Example Person ${Date.now()}` },
      referrer: { name: 'Lodwar parish office', phone: '+254700123456' },
    }),
  });
  const { referralId } = (await submitted.json()) as { referralId: string };
  say(`1. referral ${referralId}: postmortem, critical, Turkana`);

  const offered = await until(async () => {
    const kase = await getCase(referralId);
    return kase?.roles.find((role) => role.role === 'forensic-pathologist')?.offers[0];
  });
  const sms = await until(
    async () => (await db.collection('recorded_messages').findOne({ _id: `sms:${offered.offerId}` as never })) ?? undefined,
  );
  const phone = String(sms['to']); // contacts are sealed at rest; the recording provider keeps where each SMS went
  say(`2. ${offered.professionalId}'s phone (${phone}) shows:\n     "${String(sms['text'])}"`);

  const code = /(?:YES|NDIYO) (\d{4})/.exec(String(sms['text']))![1]!;
  const reply = `Ndiyo ${code}`;
  const answered = await operator(`${NOTIFICATION}/webhooks/africastalking/${secret}/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      from: phone,
      to: '40404',
      text: reply,
      id: `demo-${Date.now()}`,
      date: new Date().toISOString(),
    }),
  });
  say(`3. they text back "${reply}"; Africa's Talking's callback is answered ${answered.status}`);

  const confirmed = await until(async () => {
    const kase = await getCase(referralId);
    const offer = kase?.roles.flatMap((role) => role.offers).find((candidate) => candidate.offerId === offered.offerId);
    return offer?.status === 'confirmed' ? kase : undefined;
  });
  const roles = confirmed.roles.map((role) => `${role.role} ${role.offers.map((o) => `${o.professionalId}=${o.status}`).join(', ')}`);
  say(`4. the case: ${roles.join('; ')}`);
  for (const entry of confirmed.timeline.filter((e) => /accepted offer|Confirmed:/.test(e.summary))) say(`     ${entry.summary}`);
  const confirmation = await until(
    async () => (await db.collection('recorded_messages').findOne({ _id: `sms:confirmed:${offered.offerId}` as never })) ?? undefined,
  );
  say(`5. and their phone shows:\n     "${String(confirmation['text'])}"`);
  await db.close();
}

runDemo(main);
