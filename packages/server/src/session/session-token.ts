import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a console session lasts; signing in again starts a new one. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

const TOKEN = /^([0-9]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * The value of the console's session cookie: `<expires>.<nonce>.<mac>`, signed with a key derived from the
 * admin token. Stateless, so every server instance accepts a session any of them issued, and changing the
 * admin token ends every session. The cookie never carries the admin token itself.
 */
export class SessionTokens {
  private readonly key: Buffer | undefined;

  constructor(adminToken: string | undefined) {
    this.key = adminToken
      ? createHash('sha256').update('hookflow console session\0').update(adminToken).digest()
      : undefined;
  }

  issue(now: Date = new Date()): { value: string; expiresAt: Date } {
    if (!this.key) throw new Error('no admin token is configured');
    const expires = Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS;
    const body = `${expires}.${randomBytes(16).toString('base64url')}`;
    return { value: `${body}.${this.mac(body).toString('base64url')}`, expiresAt: new Date(expires * 1000) };
  }

  /** True for a value this server family issued that has not expired. */
  verify(value: string, now: Date = new Date()): boolean {
    const match = TOKEN.exec(value);
    if (!this.key || !match) return false;
    const presented = Buffer.from(match[3]!, 'base64url');
    const expected = this.mac(`${match[1]}.${match[2]}`);
    return (
      presented.length === expected.length &&
      timingSafeEqual(presented, expected) &&
      Number(match[1]) * 1000 > now.getTime()
    );
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key!).update(body).digest();
  }
}
