import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useSession } from '../session/session';

export function Layout({ children }: { children: ReactNode }) {
  const { signOut } = useSession();
  return (
    <div className="layout">
      <header className="top">
        <span className="brand">Hookflow</span>
        <nav aria-label="Main">
          <NavLink to="/workflows">Workflows</NavLink>
          <NavLink to="/executions">Executions</NavLink>
          <NavLink to="/api-keys">API keys</NavLink>
          <NavLink to="/credentials">Credentials</NavLink>
        </nav>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      {children}
    </div>
  );
}
