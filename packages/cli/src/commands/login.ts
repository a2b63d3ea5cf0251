import type { Command } from 'commander';
import { ApiClient } from '../api/client';
import type { CommandContext } from '../command-context';
import { DEFAULT_PROFILE, DEFAULT_URL, normalizeUrl } from '../config/connection';
import { profileFilePath, saveProfile } from '../config/profile-store';
import { UsageError } from '../errors';
import { readSecretText } from '../input';

export function loginCommand(program: Command, ctx: CommandContext): void {
  program
    .command('login')
    .description('check a server URL and admin token, and save them as a profile (a file only you can read)')
    .option('--url <url>', `the server's base URL (default: $HOOKFLOW_URL or ${DEFAULT_URL})`)
    .option('--token-file <path>', 'read the admin token from this file (default: stdin, or a prompt)')
    .addHelpText(
      'after',
      `
The token is never an argument: pipe it, type it at the prompt, or name a file.

Examples:
  hookflow login --url https://hookflow.example.com < token.txt
  hookflow login --profile staging --url https://staging.example.com --token-file ~/.staging-token`,
    )
    .action(async (options: { url?: string; tokenFile?: string }, command: Command) => {
      const { io } = ctx;
      const url = normalizeUrl(options.url ?? io.env.HOOKFLOW_URL ?? DEFAULT_URL);
      const token = (await readSecretText(io, options.tokenFile, 'Admin token')).trim();
      if (!token) throw new UsageError('no admin token given (pipe it to stdin or use --token-file)');
      // A cheap authenticated call: a wrong token or URL fails here, not on the next command.
      await new ApiClient({ url, token }).get('/trigger-types');
      const profile = ctx.profileName(command) ?? io.env.HOOKFLOW_PROFILE ?? DEFAULT_PROFILE;
      const file = profileFilePath(io.env);
      await saveProfile(file, profile, { url, token });
      const out = ctx.output(command);
      out.result({ profile, url, file }, () => {
        out.line(`Logged in to ${url}. Profile "${profile}" saved in ${file} (mode 0600).`);
      });
    });
}
