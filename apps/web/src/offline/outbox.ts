import { createStore, del, entries, get, set } from 'idb-keyval';
import { ApiError, OfflineError } from '../api';

/**
 * Referrals written with no connection, kept on the device until they can be sent. Each is encrypted
 * (AES-GCM) under a key that belongs to the signed-in user and cannot be read out of the browser
 * (a non-extractable WebCrypto key, kept in IndexedDB), and carries the Idempotency-Key it was first
 * tried with: however many times it is sent, intake makes one referral of it.
 *
 * What this protects: the referral is never in plain text in the browser's storage, and another
 * account on the same phone cannot send or read it. What it does not: someone holding the unlocked
 * phone with the browser profile (the key is on the same device). Sign out when handing a phone over.
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

let sending: Promise<number> | undefined;

/**
 * Sends what waits for this user, oldest first; stops at the first sign of no connection. One pass at
 * a time (the "online" event and the worker's tap may come together). Answers how many were sent.
 */
export function sendWaiting(username: string, send: (referral: unknown, idempotencyKey: string) => Promise<unknown>): Promise<number> {
  sending ??= (async () => {
    let sent = 0;
    try {
      const key = await userKey(username);
      for (const { idempotencyKey, refusal } of await waiting(username)) {
        if (refusal) continue;
        const id = `${username}/${idempotencyKey}`;
        const entry = (await get<QueuedReferral>(id, queue))!;
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: entry.iv, additionalData: new TextEncoder().encode(id) },
          key,
          entry.data,
        );
        try {
          await send(JSON.parse(new TextDecoder().decode(plain)), idempotencyKey);
          await del(id, queue);
          sent += 1;
        } catch (error) {
          if (error instanceof OfflineError || (error instanceof ApiError && error.status >= 500)) break;
          if (error instanceof ApiError) await set(id, { ...entry, refusal: error.message }, queue);
          else throw error;
        }
      }
    } finally {
      sending = undefined;
    }
    return sent;
  })();
  return sending;
}

/** Removes one queued referral (the worker discards one the services refused). */
export const discard = (username: string, idempotencyKey: string) => del(`${username}/${idempotencyKey}`, queue);
