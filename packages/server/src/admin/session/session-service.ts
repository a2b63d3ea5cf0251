import { HookflowError } from '@hookflow/sdk';
import { invalidRequest } from '../../http/invalid-request';
import { digest, isAdminToken } from '../../http/admin-auth';
import { objectBody, onlyFields } from '../../http/request-input';
import type { SessionTokens } from '../../session/session-token';

/** Console sign-in: the admin token, presented once, buys a session cookie. */
export class SessionService {
  private readonly expected: Buffer | undefined;

  constructor(
    adminToken: string | undefined,
    private readonly sessions: SessionTokens,
  ) {
    this.expected = adminToken ? digest(adminToken) : undefined;
  }

  /** Body `{token}`; 401 `unauthorized` unless it is the admin token. */
  signIn(body: unknown): { value: string; expiresAt: Date } {
    const input = objectBody(body);
    onlyFields(input, ['token']);
    if (typeof input.token !== 'string' || input.token.length === 0) {
      throw invalidRequest('/token', 'is required: the admin token');
    }
    if (!isAdminToken(input.token, this.expected)) {
      throw new HookflowError('unauthorized', 'This is not the admin token', { status: 401 });
    }
    return this.sessions.issue();
  }
}
