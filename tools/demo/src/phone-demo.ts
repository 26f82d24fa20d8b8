// `npm run demo:phone`, on the stack `npm start` runs: referrals from a basic phone. Africa's Talking's
// USSD callback is played through the gateway (`/ussd/africastalking/<secret>`), screen by screen, from
// the demo's registered referrer phone (the Lodwar parish's), and the referral goes to matching; then the
// same from a phone the network does not know, which waits for the intake desk's call-back. Last, a
// referral by SMS from the parish's phone, through the provider's inbound callback, answered with its
// reference. Every screen and text is printed as the phone shows it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { GATEWAY, getCase, INTAKE, operator, runDemo, say, until, type CaseView } from './demo-support';

const ROOT = join(__dirname, '../../..');
/** The demo's registered referrer phone (intake seeds it with the demo organisations). */
const PARISH_PHONE = '+254700000101';
/** A death in a police cell last night in Kakuma, burial tomorrow; the family agrees to share and be called. */
const ANSWERS = ['1', '1', 'TUR', 'kakuma', 'Died in police cells', '2', '1', '2', '1', '1', '1'];

async function session(secret: string, phone: string, sessionId: string): Promise<string> {
  let last = '';
  for (let given = 0; given <= ANSWERS.length; given++) {
    const response = await fetch(`${GATEWAY}/ussd/africastalking/${secret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sessionId, serviceCode: '*384*4242#', phoneNumber: phone, text: ANSWERS.slice(0, given).join('*') }),
    });
    last = await response.text();
    if (given > 0) say(`   > ${ANSWERS[given - 1]}`);
    say(last.replace(/^/gm, '   | '));
  }
  return /ref (HK-[0-9A-Z]{6})/.exec(last)?.[1] ?? '';
}

/** The referral a reference names, as the desk finds it when the referrer calls. */
async function byReference(reference: string): Promise<{ referralId: string; status: string; urgency: string }> {
  return until(async () => {
    const response = await operator(`${INTAKE}/referrals/by-reference/${reference}`);
    return response.ok ? ((await response.json()) as { referralId: string; status: string; urgency: string }) : undefined;
  });
}

/** What matching made of the referral, role by role, a moment after it reached matching. */
async function team(referralId: string): Promise<string> {
  await until(() => getCase(referralId));
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // its offers go out within a second or so
  const kase = (await getCase(referralId))!;
  const offers = (role: CaseView['roles'][number]) => role.offers.map((offer) => `${offer.professionalId} (${offer.status})`).join(', ');
  return kase.roles
    .map((role) => `${role.role}: ${role.offers.length ? offers(role) : 'waiting: nobody free can reach it in time yet'}`)
    .join('; ');
}

async function main(): Promise<void> {
  const secret = readFileSync(join(ROOT, '.cache/run/ussd.secret'), 'utf8').trim();
  const stamp = Date.now();
  // A new stranger each run: the network takes three referrals a day from a phone it does not know.
  const strangerPhone = `+25471${String(stamp).slice(-7)}`;

  say(`1. The Lodwar parish's catechist dials *384*4242# from ${PARISH_PHONE}, a phone the network registered:`);
  const reference = await session(secret, PARISH_PHONE, `demo-${stamp}-parish`);
  const found = await byReference(reference);
  const offered = await team(found.referralId);
  say(`2. referral ${found.referralId} (${reference}): ${found.status}, ${found.urgency}`);
  say(`   matching: ${offered}`);

  say(`3. Someone the network does not know dials from ${strangerPhone}:`);
  const strangers = await session(secret, strangerPhone, `demo-${stamp}-stranger`);
  const held = await byReference(strangers);
  say(`4. referral ${held.referralId} (${strangers}): ${held.status}`);
  say(`   it waits on the intake desk's list (GET /call-backs); nothing goes to matching yet`);
  const recorded = await operator(`${INTAKE}/referrals/${held.referralId}/call-back`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome: 'genuine', note: 'called back: the brother, confirmed' }),
  });
  const after = (await recorded.json()) as { status: string };
  say(`5. the desk called back and recorded it genuine: ${after.status}`);
  say(`   matching: ${await team(held.referralId)}`);

  say(`6. The catechist texts instead, from ${PARISH_PHONE}:`);
  const texts = await smsConversation(stamp, ['HAKI TORTURE KISUMU AHERO beaten by police at the station yesterday', 'NDIYO']);
  const bySms = await byReference(/ref (HK-[0-9A-Z]{6})/.exec(texts.at(-1)!)![1]!);
  say(`7. referral ${bySms.referralId}: ${bySms.status}, ${bySms.urgency}`);
  say(`   matching: ${await team(bySms.referralId)}`);
}

/**
 * Texts from the parish phone, as Africa's Talking's inbound callback delivers them (through the gateway),
 * each followed by Haki's answer, read from the recording provider's store as the phone would show it.
 */
async function smsConversation(stamp: number, sent: string[]): Promise<string[]> {
  const secret = readFileSync(join(ROOT, '.cache/run/webhook.secret'), 'utf8').trim();
  const db = await mongoose
    .createConnection(process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017', { dbName: 'haki_notification' })
    .asPromise();
  const recorded = db.collection('recorded_messages');
  const answers: string[] = [];
  for (const [i, text] of sent.entries()) {
    const before = await recorded.countDocuments({ to: PARISH_PHONE });
    await fetch(`${GATEWAY}/webhooks/africastalking/${secret}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ from: PARISH_PHONE, to: '40404', text, id: `demo-${stamp}-${i}`, date: new Date().toISOString() }),
    });
    say(`   → ${text}`);
    const answer = await until(async () => {
      const all = await recorded.find({ to: PARISH_PHONE }).sort({ recordedAt: 1 }).toArray();
      return all.length > before ? String(all.at(-1)!['text']) : undefined;
    });
    say(`   ← ${answer}`);
    answers.push(answer);
  }
  await db.close();
  return answers;
}

runDemo(main);
