import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface RecentKeys {
  /** The secret of a key created in this page's lifetime, by key name; gone on reload. */
  keyFor(name: string): string | undefined;
  remember(name: string, key: string): void;
}

const Context = createContext<RecentKeys | undefined>(undefined);

/**
 * Keys created since the console was opened, held in memory only (never in storage), so that the SNS trigger
 * panel can fill in the endpoint to paste into AWS while the key is still on screen after creation.
 */
export function RecentKeysProvider({ children }: { children: ReactNode }) {
  const [keys, setKeys] = useState<Record<string, string>>({});
  const remember = useCallback((name: string, key: string) => setKeys((known) => ({ ...known, [name]: key })), []);
  const value = useMemo(() => ({ keyFor: (name: string) => keys[name], remember }), [keys, remember]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useRecentKeys(): RecentKeys {
  const context = useContext(Context);
  if (!context) throw new Error('useRecentKeys outside RecentKeysProvider');
  return context;
}
