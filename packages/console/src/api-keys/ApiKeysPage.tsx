import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, encodeId } from '../api/client';
import { fetchers, keys } from '../api/queries';
import type { CreatedApiKey } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CopyField } from '../ui/CopyField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatTime } from '../ui/format';
import { useRecentKeys } from './recent-keys';

export function ApiKeysPage() {
  usePageTitle('API keys');
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: keys.apiKeys, queryFn: fetchers.apiKeys });
  const recent = useRecentKeys();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey>();

  const create = useMutation({
    mutationFn: (keyName: string) => api<CreatedApiKey>('/api-keys', { method: 'POST', body: { name: keyName } }),
    onSuccess: (key) => {
      setCreated(key);
      recent.remember(key.name, key.key);
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api-keys/${encodeId(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name);
  }

  return (
    <main>
      <h1>API keys</h1>
      <p>Webhook senders present a key; each workflow is bound to one key name.</p>
      <form onSubmit={submit} className="card row wrap" aria-label="Create an API key">
        <label htmlFor="key-name">Key name</label>
        <input id="key-name" required value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" disabled={create.isPending || name === ''}>
          Create key
        </button>
        <ErrorMessage error={create.error} />
      </form>
      {created ? (
        <section className="card notice" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">Key “{created.name}” created</h2>
          <p>
            <strong>Copy it now: it cannot be shown again.</strong> Only its hash is stored.
          </p>
          <CopyField label="New API key" value={created.key} secret />
          <button type="button" onClick={() => setCreated(undefined)}>
            Done, hide the key
          </button>
        </section>
      ) : null}
      <ErrorMessage error={list.error ?? revoke.error} />
      <table>
        <caption>Keys, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Revoked</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((key) => (
            <tr key={key.id}>
              <th scope="row">{key.name}</th>
              <td className="mono">{key.prefix}…</td>
              <td>{formatTime(key.createdAt)}</td>
              <td>{formatTime(key.lastUsedAt)}</td>
              <td>{key.revokedAt ? formatTime(key.revokedAt) : 'active'}</td>
              <td>
                {key.revokedAt ? null : (
                  <ConfirmButton
                    label={`Revoke ${key.name}`}
                    title={`Revoke key “${key.name}”?`}
                    confirmLabel="Revoke key"
                    onConfirm={() => revoke.mutateAsync(key.id)}
                  >
                    Webhooks presenting it are refused within 5 seconds. Its name can then be given to a new key.
                  </ConfirmButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.items.length === 0 ? <p>No keys yet.</p> : null}
    </main>
  );
}
