import type { X509Certificate } from 'node:crypto';
import type { OutboundHttpClient } from '@hookflow/sdk';
import { toSigningCertificate } from '../verification/certificate';
import { SnsVerificationError } from '../verification/sns-verification-error';
import { LruMap } from './lru-map';

export const DEFAULT_CERTIFICATE_CACHE_SIZE = 100;
const FETCH_TIMEOUT_MS = 5_000;
// A signing certificate is about 2 KiB; anything much larger is not one.
const MAX_CERTIFICATE_BYTES = 64 * 1024;

/**
 * Signing certificates by URL. Amazon publishes each certificate under a URL of its own, so a URL's
 * content never changes and entries need no expiry; the bound keeps memory flat whatever URLs arrive.
 * Concurrent misses for one URL share a single fetch; failures are not remembered, so the next message
 * tries again.
 */
export class SigningCertificateCache {
  private readonly certificates: LruMap<string, Promise<X509Certificate>>;

  constructor(capacity = DEFAULT_CERTIFICATE_CACHE_SIZE) {
    this.certificates = new LruMap(capacity);
  }

  /** The certificate at `url`, which the caller has already checked (see `checkSigningCertUrl`). */
  get(url: string, http: OutboundHttpClient): Promise<X509Certificate> {
    const cached = this.certificates.get(url);
    if (cached !== undefined) return cached;
    const pending = download(url, http).then(toSigningCertificate);
    this.certificates.set(url, pending);
    void pending.catch(() => {
      if (this.certificates.peek(url) === pending) this.certificates.delete(url);
    });
    return pending;
  }
}

async function download(url: string, http: OutboundHttpClient): Promise<Buffer> {
  // The client refuses redirects and any origin but this one: the URL rules were checked on `url` itself.
  const response = await http.request(url, {
    method: 'GET',
    allowedOrigins: [new URL(url).origin],
    timeoutMs: FETCH_TIMEOUT_MS,
    maxResponseBytes: MAX_CERTIFICATE_BYTES,
  });
  if (response.status !== 200) {
    throw new SnsVerificationError('certificate_unavailable', `${url} answered HTTP ${response.status}`);
  }
  return response.body;
}
