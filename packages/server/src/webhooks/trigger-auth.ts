import type { AuthOutcome, TriggerPlugin, TriggerRequest } from '@hookflow/engine';
import type { ApiKeyVerifier } from './api-key-verifier';
import type { WebhookWorkflow } from './workflow-cache';
import { WebhookRefusal } from './webhook-refusal';

export interface Authenticated {
  /** The API key the request presented and that matched, when the plugin's strategy checks one. */
  apiKeyId?: string;
}

/** One answer for every key problem (docs/webhooks.md), so a sender cannot tell a wrong key from a revoked one. */
const UNAUTHORIZED_MESSAGE = 'Missing, invalid or revoked API key';

/**
 * Runs the plugin's auth strategy with the server's key lookup (docs/plugins.md: the server owns key lookup,
 * hashing, caching and revocation). Refuses with 401 `unauthorized` or 403 `signature_invalid`; the precise
 * reason goes to the delivery log only. `onKeyMatched` runs as soon as a key matched, even if a later check
 * (a signature) fails, so a key holder's failed requests count against its rate limit too.
 */
export async function authenticate(
  plugin: TriggerPlugin,
  request: TriggerRequest,
  workflow: WebhookWorkflow,
  verifier: ApiKeyVerifier,
  onKeyMatched: (apiKeyId: string) => void,
): Promise<Authenticated> {
  let apiKeyId: string | undefined;
  let keyProblem: string | undefined;
  const outcome: AuthOutcome = await plugin.auth.authenticate(request, {
    config: workflow.definition.trigger.config,
    async verifyApiKey(presented) {
      const verification = await verifier.verify(
        typeof presented === 'string' ? presented : undefined,
        workflow.definition.trigger.apiKeyName,
      );
      if (!verification.ok) {
        keyProblem = verification.reason;
        return false;
      }
      if (apiKeyId === undefined) onKeyMatched(verification.key.id);
      apiKeyId = verification.key.id;
      return true;
    },
  });
  if (outcome?.ok === true) return apiKeyId === undefined ? {} : { apiKeyId };
  if (outcome?.ok === false && outcome.code === 'signature_invalid') {
    throw new WebhookRefusal(403, 'signature_invalid', 'The request signature is invalid', {
      reason: outcome.reason || 'signature invalid',
    });
  }
  throw new WebhookRefusal(401, 'unauthorized', UNAUTHORIZED_MESSAGE, {
    reason: keyProblem ?? (outcome?.ok === false && outcome.reason ? outcome.reason : 'not authenticated'),
  });
}
