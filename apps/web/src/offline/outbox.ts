import { createStore, del, entries, get, set } from 'idb-keyval';
import { ApiError } from '../api';

/**
 * Referrals written with no connection, kept on the device until they can be sent. Each is encrypted
 * (AES-GCM) under a key that belongs to the signed-in user and cannot be read out of the browser
 * (a non-extractable WebCrypto key, kept in IndexedDB), and carries the Idempotency-Key it was first
 * tried with: however many times it is sent, intake makes one referral of it.
 *
 * What this protects: the referral is never in plain text in the browser's storage, and the app opens
 * a queued referral only for the account that wrote it. What it does not: someone holding the unlocked
 * phone with the browser profile, who could run script with the same keys (they are on the same
 * device). Sign out when handing a phone over.
 */
const keys = createStore('haki-keys', 'keys');
const queue = createStore('haki-outbox', 'referrals');

interface QueuedReferral {
  username: string;
  idempotencyKey: string;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  queuedAt: string;
  /** The services' refusal, when a queued referral turned out invalid: shown, kept for the worker to redo. */
  refusal?: string;
}

async function userKey(username: string): Promise<CryptoKey> {
  const existing = await get<CryptoKey>(username, keys);
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await set(username, key, keys);
  return key;
}

export async function keepForLater(username: string, idempotencyKey: string, referral: unknown): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(referral));
  // The user and the key are bound to the ciphertext: a record moved to another user does not open.
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`${username}/${idempotencyKey}`) },
    await userKey(username),
    plain,
  );
  const entry: QueuedReferral = { username, idempotencyKey, iv, data, queuedAt: new Date().toISOString() };
  await set(`${username}/${idempotencyKey}`, entry, queue);
}

export async function waiting(username: string): Promise<{ idempotencyKey: string; queuedAt: string; refusal?: string }[]> {
  const all = (await entries<string, QueuedReferral>(queue)).map(([, entry]) => entry);
  return all
    .filter((entry) => entry.username === username)
    .map(({ idempotencyKey, queuedAt, refusal }) => ({ idempotencyKey, queuedAt, ...(refusal ? { refusal } : {}) }))
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/** Why a pass stopped before the end: no connection (or the server failing), or the session is gone. */
export type PassStop = 'offline' | 'signed-out' | undefined;

/** A refusal that sending again cannot change: the referral itself is wrong (400, 409 a reused key, 422). */
const isRefusal = (error: ApiError) => error.status === 400 || error.status === 409 || error.status === 422;

let sending: Promise<{ sent: number; stopped: PassStop }> | undefined;

/**
 * Sends what waits for this user, oldest first; stops at the first sign of no connection. One pass at
 * a time (the "online" event and the worker's tap may come together). Answers how many were sent.
 */
export function sendWaiting(
  username: string,
  send: (referral: unknown, idempotencyKey: string) => Promise<unknown>,
): Promise<{ sent: number; stopped: PassStop }> {
  sending ??= (async () => {
    let sent = 0;
    try {
      const key = await userKey(username);
      for (const { idempotencyKey, refusal } of await waiting(username)) {
        if (refusal) continue;
        const id = `${username}/${idempotencyKey}`;
        const entry = await get<QueuedReferral>(id, queue);
        if (!entry) continue; // discarded meanwhile
        let referral: unknown;
        try {
          const plain = await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: entry.iv, additionalData: new TextEncoder().encode(id) },
            key,
            entry.data,
          );
          referral = JSON.parse(new TextDecoder().decode(plain));
        } catch {
          // One entry that no longer opens (its key lost with the browser's data) must not hold up the rest.
          await set(id, { ...entry, refusal: 'cannot be opened on this device: write it again' }, queue);
          continue;
        }
        try {
          await send(referral, idempotencyKey);
          await del(id, queue);
          sent += 1;
        } catch (error) {
          if (error instanceof ApiError && isRefusal(error)) {
            const fields = error.fields.map(({ field, reason }) => `${field} ${reason}`).join('; ');
            await set(id, { ...entry, refusal: fields || error.message }, queue);
            continue;
          }
          // Kept for the next pass: no connection, the server failing or busy, or the session ended.
          const signedOut = error instanceof ApiError && (error.status === 401 || error.status === 403);
          return { sent, stopped: signedOut ? ('signed-out' as const) : ('offline' as const) };
        }
      }
      return { sent, stopped: undefined };
    } finally {
      sending = undefined;
    }
  })();
  return sending;
}

/** Removes one queued referral (the worker discards one the services refused). */
export const discard = (username: string, idempotencyKey: string) => del(`${username}/${idempotencyKey}`, queue);
