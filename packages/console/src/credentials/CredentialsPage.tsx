import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, encodeId } from '../api/client';
import { fetchers, keys } from '../api/queries';
import type { Credential } from '../api/types';
import { usePageTitle } from '../app/usePageTitle';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatTime } from '../ui/format';
import { SecretFields } from './SecretFields';

/** Third-party secrets nodes use: created and replaced here, never shown again once saved. */
export function CredentialsPage() {
  usePageTitle('Credentials');
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: keys.credentials, queryFn: fetchers.credentials });
  const types = useQuery({ queryKey: keys.credentialTypes, queryFn: fetchers.credentialTypes });
  const [name, setName] = useState('');
  const [type, setType] = useState('');
  const [data, setData] = useState<Record<string, string>>({});
  const chosen = type || types.data?.items[0]?.type || '';
  const schema = types.data?.items.find((candidate) => candidate.type === chosen)?.schema;
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.credentials });

  const create = useMutation({
    mutationFn: () => api<Credential>('/credentials', { method: 'POST', body: { name, type: chosen, data } }),
    onSuccess: () => {
      setName('');
      setData({});
      void refresh();
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <main>
      <h1>Credentials</h1>
      <p>
        Secrets for nodes (e.g. an HTTP request&apos;s bearer token), stored encrypted. Their values are write-only:
        nobody can read them back, here or through the API.
      </p>
      <form className="card" onSubmit={submit} aria-label="Create a credential">
        <h2>New credential</h2>
        <div className="grid">
          <label htmlFor="credential-name">Credential name</label>
          <input id="credential-name" required value={name} onChange={(event) => setName(event.target.value)} />
          <span />
          <label htmlFor="credential-type">Credential type</label>
          <select
            id="credential-type"
            value={chosen}
            onChange={(event) => {
              setType(event.target.value);
              setData({});
            }}
          >
            {types.data?.items.map((candidate) => (
              <option key={candidate.type} value={candidate.type}>
                {candidate.displayName} ({candidate.type})
              </option>
            ))}
          </select>
          <span className="hint">{types.data?.items.find((candidate) => candidate.type === chosen)?.description}</span>
          {schema ? <SecretFields idPrefix="new-credential" schema={schema} values={data} onChange={setData} /> : null}
        </div>
        <button type="submit" disabled={create.isPending || !name || !chosen}>
          Create credential
        </button>
        <ErrorMessage error={create.error ?? types.error} />
      </form>
      <ErrorMessage error={list.error} />
      <table>
        <caption>Credentials</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Fields</th>
            <th scope="col">Used by</th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((credential) => (
            <CredentialRow key={credential.id} credential={credential} onChanged={refresh} />
          ))}
        </tbody>
      </table>
      {list.data?.items.length === 0 ? <p>No credentials yet.</p> : null}
    </main>
  );
}

function CredentialRow({ credential, onChanged }: { credential: Credential; onChanged: () => Promise<unknown> }) {
  const types = useQuery({ queryKey: keys.credentialTypes, queryFn: fetchers.credentialTypes });
  const schema = types.data?.items.find((candidate) => candidate.type === credential.type)?.schema;
  const [replacing, setReplacing] = useState(false);
  const [data, setData] = useState<Record<string, string>>({});
  const path = `/credentials/${encodeId(credential.id)}`;
  const rotate = useMutation({
    mutationFn: () => api<Credential>(path, { method: 'PUT', body: { data } }),
    onSuccess: () => {
      setReplacing(false);
      setData({});
      void onChanged();
    },
  });
  const remove = useMutation({ mutationFn: () => api(path, { method: 'DELETE' }), onSuccess: onChanged });
  return (
    <tr>
      <th scope="row">{credential.name}</th>
      <td>{credential.type}</td>
      <td className="mono">{credential.fields.join(', ')}</td>
      <td>
        {credential.usedBy.length === 0
          ? 'no workflow'
          : credential.usedBy.map((workflow, index) => (
              <span key={workflow.id}>
                {index > 0 ? ', ' : ''}
                <Link to={`/workflows/${workflow.id}`}>{workflow.name}</Link>
              </span>
            ))}
      </td>
      <td>{formatTime(credential.updatedAt)}</td>
      <td>
        {replacing && schema ? (
          <form
            aria-label={`Replace the values of ${credential.name}`}
            onSubmit={(event) => {
              event.preventDefault();
              rotate.mutate();
            }}
          >
            <SecretFields idPrefix={`rotate-${credential.id}`} schema={schema} values={data} onChange={setData} />
            <div className="row">
              <button type="submit" disabled={rotate.isPending}>
                Save new values
              </button>
              <button type="button" onClick={() => setReplacing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <div className="row">
            <button type="button" onClick={() => setReplacing(true)}>
              Replace values of {credential.name}
            </button>
            <ConfirmButton
              label={`Delete ${credential.name}`}
              title={`Delete credential “${credential.name}”?`}
              confirmLabel="Delete credential"
              onConfirm={() => remove.mutateAsync()}
            >
              Nodes referencing it could no longer run; a credential in use cannot be deleted.
            </ConfirmButton>
          </div>
        )}
        <ErrorMessage error={rotate.error ?? remove.error} />
      </td>
    </tr>
  );
}
