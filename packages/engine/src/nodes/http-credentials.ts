import { NodeError, type NodeCredential } from '@hookflow/sdk';

/** The credential types `http.request` applies (the built-in ones). */
export const HTTP_CREDENTIAL_TYPES = ['bearer', 'basic', 'header', 'query'] as const;

/**
 * Puts a credential on an outgoing request: `bearer` and `basic` as `Authorization`, `header` as the named
 * header, `query` as the named query parameter. It replaces a same-named header or parameter from params.
 */
export function applyCredential(credential: NodeCredential, headers: Record<string, string>, url: URL): void {
  const data = credential.data;
  switch (credential.type) {
    case 'bearer':
      setHeader(headers, 'authorization', `Bearer ${text(data.token)}`);
      return;
    case 'basic':
      setHeader(
        headers,
        'authorization',
        `Basic ${Buffer.from(`${text(data.username)}:${text(data.password)}`).toString('base64')}`,
      );
      return;
    case 'header':
      setHeader(headers, text(data.name), text(data.value));
      return;
    case 'query':
      url.searchParams.set(text(data.name), text(data.value));
      return;
    default:
      // Never reached through a saved workflow (the type is checked on save and in the activity).
      throw new NodeError(
        'credential_type_not_accepted',
        `http.request cannot apply a "${credential.type}" credential`,
        {
          retryable: false,
        },
      );
  }
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
