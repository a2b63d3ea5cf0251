import { Command, CommanderError } from 'commander';
import { CommandContext } from './command-context';
import { applyCommand } from './commands/apply';
import { credentialsCommand } from './commands/credentials';
import { deliveriesCommand } from './commands/deliveries';
import { exportCommand } from './commands/export';
import { keysCommand } from './commands/keys';
import { loginCommand } from './commands/login';
import { reencryptCommand } from './commands/reencrypt';
import { runsCommand } from './commands/runs';
import { sendCommand } from './commands/send';
import { validateCommand } from './commands/validate';
import { workflowsCommand } from './commands/workflows';
import { CliError } from './errors';
import type { CliIo } from './io';
import { CLI_VERSION } from './version';

/** Runs one command line; resolves with the exit status (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has printed its own message (and help) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.stderr.write(`error: ${error.message}\n${error.lines.map((line) => `${line}\n`).join('')}`);
      return error.exitCode;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

export function buildProgram(io: CliIo): Command {
  const program = new Command('hookflow');
  // Set before any subcommand is added: subcommands inherit these.
  program
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true);
  program
    .description(
      'Manage a Hookflow server from the command line: workflows as files in git, API keys, credentials, runs ' +
        'and deliveries.',
    )
    .version(CLI_VERSION, '-V, --version', 'print the CLI version')
    .option('--json', 'print JSON for scripts instead of tables')
    .option('--profile <name>', 'use this saved login (default: $HOOKFLOW_PROFILE or "default")')
    .addHelpText(
      'after',
      `
The server: HOOKFLOW_URL and HOOKFLOW_ADMIN_TOKEN (or HOOKFLOW_ADMIN_TOKEN_FILE), else the profile saved by
\`hookflow login\`. Exit status: 0 done, 1 failed (the API's error code and message are printed), 2 usage error.

Examples:
  hookflow login --url http://localhost:3000 < token.txt
  hookflow apply -f workflows/ --dry-run
  hookflow send order-alert --data @order.json --wait
  hookflow runs show <executionId>`,
    );

  const ctx = new CommandContext(io);
  for (const register of [
    loginCommand,
    applyCommand,
    exportCommand,
    validateCommand,
    workflowsCommand,
    keysCommand,
    credentialsCommand,
    runsCommand,
    sendCommand,
    deliveriesCommand,
    reencryptCommand,
  ]) {
    register(program, ctx);
  }
  return program;
}
