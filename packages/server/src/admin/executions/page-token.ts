import { HookflowError } from '@hookflow/sdk';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `<token>.<mac>`, both base64url; Temporal's tokens are small, so the length is bounded. */
const PAGE_TOKEN = /^([A-Za-z0-9_-]{1,8192})\.([A-Za-z0-9_-]{22})$/;
const MAC_BYTES = 16;

/**
 * `?pageToken` of `GET /executions`: Temporal's token, signed and bound to the listing's visibility query.
 * Temporal cannot refuse a forged token cleanly (it fails with a retryable error until the deadline, or serves
 * some page), so the server passes back only tokens it issued, for the same filter. The key derives from the
 * admin token, which every server instance shares: a token from one instance works on any other.
 */
export class PageTokenCodec {
  private readonly key: Buffer;

  constructor(secret: string | undefined) {
    this.key = secret
      ? createHash('sha256').update('hookflow execution page token\0').update(secret).digest()
      : randomBytes(32);
  }

  encode(token: Uint8Array | undefined, query: string): string | null {
    if (!token || token.length === 0) return null;
    return `${Buffer.from(token).toString('base64url')}.${this.mac(token, query).toString('base64url')}`;
  }

  /** Temporal's token, or 400 `invalid_page_token` unless this server family issued it for `query`. */
  decode(text: string, query: string): Uint8Array {
    const match = PAGE_TOKEN.exec(text);
    const token = match ? Buffer.from(match[1]!, 'base64url') : undefined;
    const mac = match ? Buffer.from(match[2]!, 'base64url') : undefined;
    if (!token || !mac || mac.length !== MAC_BYTES || !timingSafeEqual(mac, this.mac(token, query))) {
      throw new HookflowError('invalid_page_token', 'pageToken is not a nextPageToken of this listing', {
        status: 400,
        details: [{ path: '?pageToken', message: 'pass back the nextPageToken of the previous page, same filters' }],
      });
    }
    return token;
  }

  private mac(token: Uint8Array, query: string): Buffer {
    return createHmac('sha256', this.key).update(query).update('\0').update(token).digest().subarray(0, MAC_BYTES);
  }
}
