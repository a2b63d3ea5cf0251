/**
 * Origins (`scheme://host:port`) an operator trusts in addition to Amazon's SNS endpoints, for SNS emulators
 * in tests (`HOOKFLOW_SNS_TRUSTED_ORIGINS`). Anything reachable there can sign messages that verify, so the
 * list must stay empty in production; the plugin logs a warning whenever it is not.
 */
export interface TrustedOrigins {
  /** WHATWG-serialized origins, e.g. `http://127.0.0.1:4566`. */
  readonly origins: readonly string[];
  /** Entries that are not a bare `http(s)://host[:port]` origin; they are ignored. */
  readonly rejected: readonly string[];
}

export function parseTrustedOrigins(entries: readonly string[]): TrustedOrigins {
  const origins: string[] = [];
  const rejected: string[] = [];
  for (const entry of entries) {
    const origin = bareOrigin(entry.trim());
    if (origin === undefined) rejected.push(entry);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, rejected };
}

function bareOrigin(entry: string): string | undefined {
  if (!URL.canParse(entry)) return undefined;
  const url = new URL(entry);
  const bare =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '';
  return bare ? url.origin : undefined;
}
