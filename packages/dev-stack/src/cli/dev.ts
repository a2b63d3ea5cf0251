import path from 'node:path';
import { ConfigError, loadConfig } from '@hookflow/engine';
import { isPortOpen } from '../network/free-port';
import { startProcess, type ManagedProcess } from '../services/managed-process';
import { startStack, type Stack } from '../stack';
import { devAdminToken } from './admin-token';
import { devEncryptionKeyFile } from './encryption-key';

/**
 * `npm run dev`: the whole stack on this machine. Temporal and the database log to `.hookflow/logs/`;
 * the server and the worker log to this terminal. Ctrl-C stops everything this process started.
 */
const children: ManagedProcess[] = [];
let stack: Stack | undefined;
let stopping = false;

async function stopAll(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Hookflow...');
  await Promise.all(children.map((child) => child.stop()));
  await stack?.stop();
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const home = path.resolve(process.env.HOOKFLOW_HOME ?? '.hookflow');
  const env = { ...process.env };
  const adminToken = await devAdminToken(home, env);
  const encryptionKeyFile = await devEncryptionKeyFile(home, env);
  const uiPort = 8233;
  const databasePort = 27017;
  env.HOOKFLOW_ADMIN_TOKEN = adminToken;
  env.HOOKFLOW_TEMPORAL_UI_URL ??= `http://localhost:${uiPort}`;
  // Readable lines for a person at a terminal; the children write to a pipe, so colours are asked for.
  env.LOG_FORMAT ??= 'pretty';
  if (process.stdout.isTTY) env.FORCE_COLOR ??= '1';
  const config = loadConfig(env, ['HOOKFLOW_ADMIN_TOKEN']);

  if (!env.TEMPORAL_ADDRESS) await requireFreePort(7233, 'Temporal (set TEMPORAL_ADDRESS to use a running one)');
  if (!env.TEMPORAL_ADDRESS) await requireFreePort(uiPort, 'the Temporal Web UI');
  if (!env.MONGODB_URI) await requireFreePort(databasePort, 'the database (set MONGODB_URI to use a running one)');
  await requireFreePort(config.port, 'the Hookflow server (set HOOKFLOW_PORT)');

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  console.log('Starting Temporal and the database...');
  stack = await startStack({
    home,
    persistent: true,
    temporalPort: 7233,
    temporalUiPort: uiPort,
    databasePort,
    namespace: config.temporalNamespace,
    env,
    log: (line) => console.log(line),
  });
  env.TEMPORAL_ADDRESS = stack.temporalAddress;
  env.MONGODB_URI ??= `${stack.mongodbUri}/hookflow`;

  // The server and worker are resolved at run time, not declared as dependencies: the server's tests
  // depend on this package, and turbo refuses cycles.
  for (const [name, entry] of [
    ['server', require.resolve('@hookflow/server/main')],
    ['worker', require.resolve('@hookflow/engine/worker')],
  ] as const) {
    const child = startProcess({
      name,
      command: process.execPath,
      args: [entry],
      env,
      onLine: (line) => process.stdout.write(`[${name}] ${line}\n`),
    });
    children.push(child);
    void child.exited.then((code) => {
      if (!stopping) {
        console.error(`[${name}] exited unexpectedly (${String(code)})`);
        void stopAll(1);
      }
    });
  }

  await waitForReady(`http://127.0.0.1:${config.port}/readyz`);
  const database =
    stack.databaseKind === 'external' ? 'external' : stack.databaseKind === 'ferretdb' ? 'FerretDB (SQLite)' : 'mongod';
  console.log(
    [
      '',
      `Hookflow console: ${config.publicUrl}/  (sign in with the admin token below)`,
      '',
      'Hookflow is running.',
      `  API:          ${config.publicUrl}/api/v1`,
      `  Webhooks:     ${config.publicUrl}/webhooks/<workflowId>`,
      `  Temporal UI:  ${stack.temporalUiUrl ?? config.temporalUiUrl}`,
      `  Admin token:  ${adminToken}`,
      `  Database:     ${env.MONGODB_URI.replace(/\/\/[^@/]*@/, '//')} (${database})`,
      `  Data:         ${path.relative('.', home) || home}/ (stop, then delete it to reset)`,
      ...(encryptionKeyFile
        ? [`  Secrets key:  ${path.relative('.', encryptionKeyFile)} (credentials are unreadable without it)`]
        : []),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

async function requireFreePort(port: number, what: string): Promise<void> {
  if (await isPortOpen(port)) throw new Error(`Port ${port} is already in use; it is needed for ${what}.`);
}

async function waitForReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not become ready at ${url} within 60 s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  void stopAll(1);
});
