/** Never copied into `$trigger`: they authenticate the sender, and run payloads are visible in the Temporal UI. */
const ALWAYS_SECRET = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Names that suggest a credential: `x-hub-signature`, `x-auth-token`, `x-client-secret`, `api_key`, ... */
const SECRET_LOOKING = /(secret|token|signature|passw(or)?d|api[-_]?key|auth|credential|session|private[-_]?key)/i;

export function looksSecret(name: string): boolean {
  return ALWAYS_SECRET.has(name.toLowerCase()) || SECRET_LOOKING.test(name);
}

/** A copy of `values` without the entries whose name looks secret; repeated values stay lists. */
export function withoutSecrets(
  values: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || looksSecret(name)) continue;
    kept[name] = Array.isArray(value) ? [...value] : value;
  }
  return kept;
}
