import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { hasRole, useSession } from '../session';
import { submitReferral } from '../referrals-api';
import { discard, sendWaiting, waiting } from './outbox';

interface OutboxState {
  waiting: { idempotencyKey: string; queuedAt: string; refusal?: string }[];
  refresh(): Promise<void>;
  sendNow(): Promise<void>;
  /** Drops one the services refused, once the worker has written it again. */
  discardOne(idempotencyKey: string): Promise<void>;
}

const OutboxContext = createContext<OutboxState | null>(null);

/** What waits on this device for the signed-in user, sent when the browser says it is online again, at start, and every 30 s. */
export function OutboxProvider({ children }: { children: ReactNode }) {
  const { session, offline, recheck } = useSession();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<OutboxState['waiting']>([]);
  const username = hasRole(session, 'intake', 'supervisor') ? session!.username : undefined;
  const refresh = useCallback(async () => setItems(username ? await waiting(username) : []), [username]);
  const sendNow = useCallback(async () => {
    // A session restored from the device while offline has no CSRF token: nothing can be sent until signed in again.
    if (!username || !session?.csrfToken) return;
    const { sent, stopped } = await sendWaiting(username, submitReferral);
    if (sent) await queryClient.invalidateQueries({ queryKey: ['cases'] });
    await refresh();
    // The session ended while the phone was away: check it, so the worker is asked to sign in again.
    if (stopped === 'signed-out') await recheck();
  }, [username, session?.csrfToken, queryClient, refresh, recheck]);
  const discardOne = useCallback(
    async (idempotencyKey: string) => {
      if (username) await discard(username, idempotencyKey);
      await refresh();
    },
    [username, refresh],
  );
  useEffect(() => {
    void refresh().then(sendNow);
    const online = () => void sendNow();
    window.addEventListener('online', online);
    const timer = setInterval(online, 30_000);
    return () => {
      window.removeEventListener('online', online);
      clearInterval(timer);
    };
  }, [refresh, sendNow, offline]);
  return <OutboxContext.Provider value={{ waiting: items, refresh, sendNow, discardOne }}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): OutboxState {
  const state = useContext(OutboxContext);
  if (!state) throw new Error('useOutbox outside OutboxProvider');
  return state;
}
