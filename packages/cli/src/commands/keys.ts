import type { Command } from 'commander';
import type { ApiClient } from '../api/client';
import type { ApiKey, CreatedApiKey } from '../api/types';
import type { CommandContext } from '../command-context';
import { CliError } from '../errors';
import { formatTime } from '../output/format';

export function keysCommand(program: Command, ctx: CommandContext): void {
  const keys = program
    .command('keys')
    .description('create, list and revoke the API keys senders put in x-api-key')
    .addHelpText(
      'after',
      `
Examples:
  hookflow keys create shop
  hookflow keys list
  hookflow keys revoke shop`,
    );

  keys
    .command('create')
    .description('create an API key; the key is printed once and never again')
    .argument('<name>', 'the name workflows bind to (trigger.apiKeyName)')
    .action(async (name: string, _options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const created = await api.post<CreatedApiKey>('/api-keys', { name });
      out.result(created, () => {
        out.line(`Created API key "${created.name}" (${created.id}). The key is shown only now:`);
        out.line(created.key);
      });
    });

  keys
    .command('list')
    .description('list API keys (never the keys themselves), revoked ones included')
    .action(async (_options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const items = await api.all<ApiKey>('/api-keys');
      out.result({ items }, () => {
        out.table(
          [
            { header: 'NAME', value: (key: ApiKey) => key.name },
            { header: 'ID', value: (key) => key.id },
            { header: 'PREFIX', value: (key) => key.prefix },
            { header: 'CREATED', value: (key) => formatTime(key.createdAt) },
            { header: 'LAST USED', value: (key) => formatTime(key.lastUsedAt) },
            { header: 'REVOKED', value: (key) => formatTime(key.revokedAt) },
          ],
          items,
          'No API keys.',
        );
      });
    });

  keys
    .command('revoke')
    .description('revoke an API key: every server refuses it within 5 s')
    .argument('<name-or-id>', 'the active key of this name, or a key id (ak_…)')
    .action(async (nameOrId: string, _options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const key = await findActiveKey(api, nameOrId);
      await api.delete(`/api-keys/${encodeURIComponent(key.id)}`);
      out.result({ id: key.id, name: key.name, revoked: true }, () => {
        out.line(`Revoked API key "${key.name}" (${key.id}).`);
      });
    });
}

async function findActiveKey(api: ApiClient, nameOrId: string): Promise<ApiKey> {
  const keys = await api.all<ApiKey>('/api-keys');
  const found =
    keys.find((key) => key.id === nameOrId) ?? keys.find((key) => key.name === nameOrId && key.revokedAt === null);
  if (!found) throw new CliError(`api_key_not_found: no active API key named "${nameOrId}"`);
  return found;
}
