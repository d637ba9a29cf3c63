import { createContext, useContext } from 'react';
import type { Session } from '../../../shared/types/records.js';

export interface SessionCtx {
  session: Session;
  isAdmin: boolean;
  /** Locks the ledger and returns to the login page with `notice`. */
  lock: (notice?: string) => void;
  /** After the 设置 page changes settings.idleLockMinutes: the page's own idle lock follows. */
  setIdleMinutes: (minutes: number) => void;
}

export const SessionContext = createContext<SessionCtx | null>(null);

export function useSession(): SessionCtx {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the ledger frame');
  return s;
}
