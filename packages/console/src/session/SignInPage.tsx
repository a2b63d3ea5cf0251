import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useSession } from './session';

/** The admin token, entered once and exchanged for the session cookie. */
export function SignInPage() {
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401 ? new Error('That is not the admin token.') : caught,
      );
    } finally {
      setBusy(false);
      setToken('');
    }
  }

  return (
    <main className="sign-in">
      <h1>Hookflow console</h1>
      <form onSubmit={(event) => void submit(event)} className="card">
        <p>
          Sign in with the server&apos;s admin token (<code>HOOKFLOW_ADMIN_TOKEN</code>; <code>npm run dev</code> prints
          it). It is exchanged for a session cookie and not stored in the browser.
        </p>
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="current-password"
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
        <button type="submit" disabled={busy || token === ''}>
          Sign in
        </button>
        <ErrorMessage error={error} />
      </form>
    </main>
  );
}
