import { ApiError } from '../api/client';

/** An error as the operator should read it: the API's message and code, in an alert region. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const message = error instanceof Error ? error.message : JSON.stringify(error);
  return (
    <p role="alert" className="error">
      {message}
      {error instanceof ApiError ? <code className="code"> {error.code}</code> : null}
    </p>
  );
}
