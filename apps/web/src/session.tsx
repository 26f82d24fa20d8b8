import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
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
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [offline, setOffline] = useState(false);
  const keep = (next: Session | null) => {
    useCsrfToken(next?.csrfToken);
    setSession(next);
  };
  useEffect(() => {
    api<Session>('/auth/session')
      .then(keep)
      .catch((error: unknown) => {
        // Offline with a cached shell: the last session this device saw, so queued work can be written.
        if (error instanceof OfflineError) {
          setOffline(true);
          const last = localStorage.getItem('haki.lastSession');
          keep(last ? (JSON.parse(last) as Session) : null);
        } else keep(null);
      });
  }, []);
  useEffect(() => {
    // Back online after starting offline: the real session (with its CSRF token), so queued work can go.
    if (!offline) return;
    const online = () =>
      void api<Session>('/auth/session')
        .then((current) => {
          keep(current);
          setOffline(false);
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError) {
            keep(null); // the session ended meanwhile: sign in again; the queue waits on the device
            setOffline(false);
          }
        });
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [offline]);
  useEffect(() => {
    // Only who was signed in, never a token: enough to reopen the outbox offline.
    if (session) localStorage.setItem('haki.lastSession', JSON.stringify({ ...session, csrfToken: '' }));
  }, [session]);
  const value: SessionState = {
    session,
    offline,
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
