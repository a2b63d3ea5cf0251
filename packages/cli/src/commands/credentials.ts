import type { Command } from 'commander';
import { parse } from 'yaml';
import type { ApiClient } from '../api/client';
import type { Credential } from '../api/types';
import type { CommandContext } from '../command-context';
import { CliError, UsageError } from '../errors';
import { readPipedSecret } from '../input';
import { formatTime } from '../output/format';

export function credentialsCommand(program: Command, ctx: CommandContext): void {
  const credentials = program
    .command('credentials')
    .description('store third-party secrets that nodes use by name; values can never be read back')
    .addHelpText(
      'after',
      `
Values are read from stdin or a file, never from an argument (shell history, ps): a JSON or YAML object
with the fields of the type — bearer {token}, basic {username,password}, header {name,value},
query {name,value}.

Examples:
  echo '{"token":"sk_live_…"}' | hookflow credentials set shop-api --type bearer
  hookflow credentials set shop-api --from-file rotated.json
  hookflow credentials list
  hookflow credentials delete shop-api`,
    );

  credentials
    .command('set')
    .description('create a credential, or replace the values of an existing one (rotation)')
    .argument('<name>', 'the name nodes reference (a node\'s "credential")')
    .option('--type <type>', 'the credential type (needed to create; an existing one keeps its type)')
    .option('--from-file <path>', 'read the values from this file (default: stdin)')
    .action(async (name: string, options: { type?: string; fromFile?: string }, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const data = parseValues(await readPipedSecret(ctx.io, options.fromFile), options.fromFile ?? 'stdin');
      const existing = await findCredential(api, name);
      if (existing && options.type && options.type !== existing.type) {
        throw new UsageError(
          `credential "${name}" is of type ${existing.type}; to change the type, delete it and create it again`,
        );
      }
      if (!existing && !options.type) throw new UsageError(`--type is needed to create credential "${name}"`);
      const saved = existing
        ? await api.put<Credential>(`/credentials/${encodeURIComponent(existing.id)}`, { data })
        : await api.post<Credential>('/credentials', { name, type: options.type, data });
      out.result(saved, () => {
        out.line(
          `${existing ? 'Rotated' : 'Created'} credential "${saved.name}" (${saved.type}: ${saved.fields.join(', ')}).`,
        );
      });
    });

  credentials
    .command('list')
    .description('list credentials: type, field names and the workflows that use each (never values)')
    .action(async (_options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const items = await api.all<Credential>('/credentials');
      out.result({ items }, () => {
        out.table(
          [
            { header: 'NAME', value: (credential: Credential) => credential.name },
            { header: 'TYPE', value: (credential) => credential.type },
            { header: 'FIELDS', value: (credential) => credential.fields.join(', ') },
            { header: 'UPDATED', value: (credential) => formatTime(credential.updatedAt) },
            { header: 'USED BY', value: (credential) => credential.usedBy.map((user) => user.name).join(', ') },
          ],
          items,
          'No credentials.',
        );
      });
    });

  credentials
    .command('delete')
    .description('delete a credential that no workflow uses')
    .argument('<name>', 'the credential')
    .action(async (name: string, _options: unknown, command: Command) => {
      const api = await ctx.api(command);
      const out = ctx.output(command);
      const credential = await findCredential(api, name);
      if (!credential) throw new CliError(`credential_not_found: no credential named "${name}"`);
      await api.delete(`/credentials/${encodeURIComponent(credential.id)}`);
      out.result({ id: credential.id, name, deleted: true }, () => out.line(`Deleted credential "${name}".`));
    });
}

async function findCredential(api: ApiClient, name: string): Promise<Credential | undefined> {
  return (await api.all<Credential>('/credentials')).find((credential) => credential.name === name);
}

/** A JSON or YAML object of field values. */
function parseValues(text: string, source: string): Record<string, unknown> {
  let values: unknown;
  try {
    values = parse(text);
  } catch (error) {
    throw new UsageError(`${source}: not JSON or YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new UsageError(`${source}: expected an object of values, e.g. {"token": "…"}`);
  }
  return values as Record<string, unknown>;
}
