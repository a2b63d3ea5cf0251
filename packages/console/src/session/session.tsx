import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSignedOut } from '../api/client';

export type SessionState = 'checking' | 'signed-in' | 'signed-out';

interface SessionContext {
  state: SessionState;
  signIn: (token: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const Context = createContext<SessionContext | undefined>(undefined);

/**
 * Whether the browser holds a live session cookie. The cookie is HttpOnly, so the console learns it by asking
 * the API; the admin token typed at sign-in is sent once and kept nowhere.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>('checking');
  const queryClient = useQueryClient();

  useEffect(() => {
    const controller = new AbortController();
    api('/workflows?limit=1', { signal: controller.signal }).then(
      () => setState('signed-in'),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState(error instanceof ApiError && error.status === 401 ? 'signed-out' : 'signed-in');
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(
    () =>
      onSignedOut(() => {
        setState('signed-out');
        queryClient.clear();
      }),
    [queryClient],
  );

  const signIn = useCallback(async (token: string) => {
    await api('/session', { method: 'POST', body: { token } });
    setState('signed-in');
  }, []);

  const signOut = useCallback(async () => {
    await api('/session', { method: 'DELETE' });
    queryClient.clear();
    setState('signed-out');
  }, [queryClient]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const context = useContext(Context);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
