import type { Command } from 'commander';
import type { CommandContext } from '../command-context';
import { CliError } from '../errors';

interface ReencryptionReport {
  total: number;
  reencrypted: number;
  alreadyCurrent: number;
  failed: { id: string; name: string; code: string }[];
}

export function reencryptCommand(program: Command, ctx: CommandContext): void {
  program
    .command('reencrypt')
    .description("re-encrypt every stored credential under the server's current encryption key")
    .addHelpText(
      'after',
      `
After a key rotation: restart the servers and workers with the new key in HOOKFLOW_ENCRYPTION_KEY and the
old one in HOOKFLOW_ENCRYPTION_KEY_PREVIOUS, run this, then remove the old key. Exits 1 if a value could
not be opened with any configured key (those are named).

Example:
  hookflow reencrypt`,
    )
    .action(async (_options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const report = await api.post<ReencryptionReport>('/credentials/reencrypt');
      out.result(report, () => {
        out.line(
          `Re-encrypted ${report.reencrypted} of ${report.total} credentials; ` +
            `${report.alreadyCurrent} were already under the current key.`,
        );
      });
      if (report.failed.length > 0) {
        throw new CliError(
          `reencrypt_failed: ${report.failed.length} credentials could not be opened with any configured key`,
          report.failed.map((failure) => `  ${failure.name} (${failure.id}): ${failure.code}`),
        );
      }
    });
}
