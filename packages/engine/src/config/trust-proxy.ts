import { isIP } from 'node:net';

/** Express `trust proxy`: how many hops to trust, or which proxy addresses (names, IPs, CIDRs). */
export type TrustProxySetting = number | string[];

/** The names Express (proxy-addr) accepts besides addresses. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Parses `HOOKFLOW_TRUST_PROXY`; `undefined` when the value is neither a hop count nor a list of addresses. */
export function parseTrustProxy(value: string): TrustProxySetting | undefined {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 100 ? hops : undefined;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0 || !entries.every(isTrustedAddress)) return undefined;
  return entries;
}

function isTrustedAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
