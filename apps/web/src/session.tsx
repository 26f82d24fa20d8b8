import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, OfflineError, useCsrfToken } from './api';

export type Role = 'intake' | 'ops' | 'supervisor' | 'admin' | 'auditor' | 'professional';

export interface Session {
  username: string;
  roles: Role[];
  organisationId?: string;
  professionalId?: string;
  csrfToken: string;
}

interface SessionState {
  session: Session | null | undefined; // undefined while the first check runs
  offline: boolean;
  signIn(username: string, password: string, totp?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Asks the gateway again (a call was refused as signed out, or the signal came back). */
  recheck(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [offline, setOffline] = useState(false);
  const keep = (next: Session | null) => {
    useCsrfToken(next?.csrfToken);
    setSession(next);
  };
  /**
   * Asks the gateway who is signed in. No answer (offline, with the cached shell): the last user this
   * device saw, without any token, so queued work can be written; nothing is sent until a real answer.
   */
  const recheck = useCallback(async () => {
    try {
      keep(await api<Session>('/auth/session'));
      setOffline(false);
    } catch (error) {
      if (error instanceof OfflineError) {
        setOffline(true);
        setSession((current) => {
          if (current) return current;
          const last = localStorage.getItem('haki.lastSession');
          return last ? (JSON.parse(last) as Session) : null;
        });
      } else {
        keep(null); // the session ended: sign in again; anything queued waits on the device
        setOffline(false);
      }
    }
  }, []);
  useEffect(() => void recheck(), [recheck]);
  useEffect(() => {
    // Offline: try again when the browser says it is back, when the app is looked at, and every 30 s.
    if (!offline) return;
    const again = () => void recheck();
    const visible = () => document.visibilityState === 'visible' && again();
    window.addEventListener('online', again);
    document.addEventListener('visibilitychange', visible);
    const timer = setInterval(again, 30_000);
    return () => {
      window.removeEventListener('online', again);
      document.removeEventListener('visibilitychange', visible);
      clearInterval(timer);
    };
  }, [offline, recheck]);
  useEffect(() => {
    // Only who was signed in, never a token: enough to reopen the outbox offline.
    if (session) localStorage.setItem('haki.lastSession', JSON.stringify({ ...session, csrfToken: '' }));
  }, [session]);
  const value: SessionState = {
    session,
    offline,
    recheck,
    async signIn(username, password, totp) {
      keep(await api<Session>('/auth/sign-in', { method: 'POST', body: { username, password, ...(totp ? { totp } : {}) } }));
      setOffline(false);
    },
    async signOut() {
      await api('/auth/sign-out', { method: 'POST' }).catch((error: unknown) => {
        if (!(error instanceof ApiError)) throw error;
      });
      localStorage.removeItem('haki.lastSession');
      keep(null);
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

export const hasRole = (session: Session | null | undefined, ...roles: Role[]): boolean =>
  !!session && session.roles.some((role) => roles.includes(role));
