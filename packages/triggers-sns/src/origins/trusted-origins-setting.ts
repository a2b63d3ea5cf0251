import type { TriggerContext } from '@hookflow/sdk';
import { parseTrustedOrigins } from './trusted-origins';

/**
 * Reads `settings.snsTrustedOrigins` for each request and warns (once per distinct value) that
 * messages signed there will verify, so an operator who left it set in production sees it in the logs.
 */
export class TrustedOriginsSetting {
  private seen: { raw: string; origins: readonly string[] } | undefined;

  resolve(ctx: Pick<TriggerContext<unknown>, 'settings' | 'logger'>): readonly string[] {
    const entries = ctx.settings.snsTrustedOrigins;
    if (entries.length === 0) return [];
    const raw = entries.join(',');
    if (this.seen?.raw === raw) return this.seen.origins;

    const parsed = parseTrustedOrigins(entries);
    ctx.logger.warn(
      { trustedOrigins: parsed.origins, ignoredEntries: parsed.rejected },
      'HOOKFLOW_SNS_TRUSTED_ORIGINS is set: SNS messages and confirmations from these origins are trusted. Use it only with SNS emulators in tests.',
    );
    this.seen = { raw, origins: parsed.origins };
    return parsed.origins;
  }
}
