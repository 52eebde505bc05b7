import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api, ApiError, setCsrfToken } from './api.js';

export interface SessionUser {
  id: number;
  name: string;
  email: string;
  role: 'contributor' | 'author' | 'editor' | 'administrator';
  /** The admin's language as the person chose it; null follows their browser. */
  interfaceLanguage: string | null;
}

/** Who is signed in, what they may do (the server's permission table), the site's languages and clock. */
export interface Session {
  user: SessionUser;
  csrfToken: string;
  permissions: string[];
  site: { name: string; languages: string[]; defaultLanguage: string; baseUrl: string; timeZone: string; federation: boolean };
}

/** The current session, or null when nobody is signed in. */
export async function loadSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const SessionContext = createContext<{ session: Session; refresh(): Promise<void> } | null>(null);

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in screen');
  return value.session;
}

export function can(session: Session, action: string): boolean {
  return session.permissions.includes(action);
}
