import { parseArgs } from 'node:util';
import { ScaffoldError, scaffoldPlugin, type PluginKind } from './plugin-scaffold';

const USAGE = `Usage: npx @hookflow/sdk init <name> --kind trigger|node [--type <type>] [--dir <path>] [--sdk <spec>]

Creates a Hookflow plugin package <name> in ./<name> (or --dir): the plugin in src/index.ts and its test
with @hookflow/sdk/testing in test/. Then: cd <dir> && npm install && npm test && npm pack.

  --kind   trigger (a webhook trigger type) or node (an action node type)
  --type   the plugin's type (default: <name> without scope and hookflow-trigger-/hookflow-node- prefix)
  --dir    the directory to create (default: ./<name without scope>)
  --sdk    the @hookflow/sdk devDependency (default: this SDK's version; a path or tarball works too)
`;

/** `hookflow-sdk init …`: exit code 0 done, 2 a usage problem. */
function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        kind: { type: 'string' },
        type: { type: 'string' },
        dir: { type: 'string' },
        sdk: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [command, name, ...rest] = positionals;
  if (command !== 'init') return usageError(command === undefined ? 'no command' : `unknown command "${command}"`);
  if (name === undefined || rest.length > 0) return usageError('init takes exactly one package name');
  if (values.kind !== 'trigger' && values.kind !== 'node') return usageError('--kind must be "trigger" or "node"');
  try {
    const result = scaffoldPlugin({
      name,
      kind: values.kind satisfies PluginKind,
      cwd: process.cwd(),
      ...(values.type !== undefined ? { type: values.type } : {}),
      ...(values.dir !== undefined ? { directory: values.dir } : {}),
      ...(values.sdk !== undefined ? { sdk: values.sdk } : {}),
    });
    process.stdout.write(
      `Created ${values.kind} plugin "${result.type}" in ${result.directory}:\n` +
        result.files.map((file) => `  ${file}\n`).join('') +
        `Next: cd ${result.directory} && npm install && npm test\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldError) return usageError(error.message);
    throw error;
  }
}

function usageError(message: string): number {
  process.stderr.write(`hookflow-sdk: ${message}\n\n${USAGE}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
