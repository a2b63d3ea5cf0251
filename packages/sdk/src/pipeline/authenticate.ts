import { TriggerError } from '../errors/trigger-error';
import type { AuthOutcome, AuthStrategy, TriggerRequest } from '../plugin/trigger-plugin';

/** The host's verdict on a presented API key: it owns lookup, hashing, caching and revocation. */
export type ApiKeyCheck = { ok: true; keyId: string } | { ok: false; reason: string };

/** One answer for every key problem, so a sender cannot tell a wrong key from a revoked one. */
const UNAUTHORIZED_MESSAGE = 'Missing, invalid or revoked API key';

/**
 * Runs the plugin's auth strategy with the host's key check. Refuses with 401 `unauthorized` or 403
 * `signature_invalid`; the precise reason goes to the delivery log only. Resolves the id of the key that
 * matched, if the strategy checked one.
 */
export async function authenticate<Config>(
  strategy: AuthStrategy<Config>,
  request: TriggerRequest,
  config: Config,
  verify: (presented: string | undefined) => Promise<ApiKeyCheck>,
): Promise<{ apiKeyId?: string }> {
  let apiKeyId: string | undefined;
  let keyProblem: string | undefined;
  const outcome: AuthOutcome = await strategy.authenticate(request, {
    config,
    async verifyApiKey(presented) {
      const check = await verify(typeof presented === 'string' ? presented : undefined);
      if (!check.ok) {
        keyProblem = check.reason;
        return false;
      }
      apiKeyId = check.keyId;
      return true;
    },
  });
  if (outcome?.ok === true) return apiKeyId === undefined ? {} : { apiKeyId };
  if (outcome?.ok === false && outcome.code === 'signature_invalid') {
    throw new TriggerError(403, 'signature_invalid', 'The request signature is invalid', {
      reason: outcome.reason || 'signature invalid',
    });
  }
  throw new TriggerError(401, 'unauthorized', UNAUTHORIZED_MESSAGE, {
    reason: keyProblem ?? (outcome?.ok === false && outcome.reason ? outcome.reason : 'not authenticated'),
  });
}
