import { randomBytes } from 'node:crypto';
import { findFreePort, startProcess, type ManagedProcess } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';

export interface HookflowProcessesOptions {
  /** Server address of the database, without a database name. */
  mongodbUri: string;
  database: string;
  temporalAddress: string;
  taskQueue?: string;
  /** Start a worker too, so runs complete (default true). */
  worker?: boolean;
  /** `HOOKFLOW_PUBLIC_URL`; default: where the server listens. */
  publicUrl?: string;
  /** Wait for `/readyz` (MongoDB and Temporal answer; the default) or only for `/healthz`. */
  waitFor?: 'ready' | 'live';
  /** Extra environment on top of these settings. */
  env?: NodeJS.ProcessEnv;
  /** The directory both start from, which `HOOKFLOW_PLUGINS` resolves against; default: this process's. */
  cwd?: string;
}

export interface HookflowProcesses {
  /** Where the server listens: `http://127.0.0.1:<port>` (also its `HOOKFLOW_PUBLIC_URL` unless one is given). */
  baseUrl: string;
  adminToken: string;
  /** The last lines both processes printed, for failure messages. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/**
 * A server and a worker as operators run them: the production entry points as child processes, configured
 * only through the environment, on a free port.
 */
export async function startHookflowProcesses(options: HookflowProcessesOptions): Promise<HookflowProcesses> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HOOKFLOW_PORT: String(port),
    HOOKFLOW_PUBLIC_URL: options.publicUrl ?? baseUrl,
    HOOKFLOW_ADMIN_TOKEN: adminToken,
    MONGODB_URI: `${options.mongodbUri}/${options.database}`,
    TEMPORAL_ADDRESS: options.temporalAddress,
    ...(options.taskQueue ? { HOOKFLOW_TASK_QUEUE: options.taskQueue } : {}),
    LOG_LEVEL: 'warn',
    // As `npm run dev` generates one: credentials can be saved and used.
    HOOKFLOW_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ...options.env,
  };
  const output: string[] = [];
  const children: ManagedProcess[] = [];
  const start = (name: string, entry: string) =>
    children.push(
      startProcess({
        name,
        command: process.execPath,
        args: [entry],
        env,
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        onLine: (line) => {
          output.push(`[${name}] ${line}`);
          if (output.length > 200) output.shift();
        },
      }),
    );
  start('server', require.resolve('@hookflow/server/main'));
  if (options.worker !== false) start('worker', require.resolve('@hookflow/engine/worker'));

  const processes: HookflowProcesses = {
    baseUrl,
    adminToken,
    recentOutput: () => output.join('\n'),
    async stop() {
      await Promise.all(children.map((child) => child.stop()));
    },
  };
  try {
    await waitUntilReady(`${baseUrl}${options.waitFor === 'live' ? '/healthz' : '/readyz'}`, children);
  } catch (error) {
    await processes.stop();
    throw new Error(`${(error as Error).message}\n${processes.recentOutput()}`, { cause: error });
  }
  return processes;
}

/**
 * Server and worker on the test run's stack (Vitest's global setup), with a database and a task queue of their
 * own, both named after `name`.
 */
export function startTestHookflowProcesses(
  name: string,
  options: Omit<HookflowProcessesOptions, 'mongodbUri' | 'temporalAddress' | 'database'> & { database?: string } = {},
): Promise<HookflowProcesses> {
  const stack = testStack();
  return startHookflowProcesses({
    mongodbUri: stack.mongodbUri,
    temporalAddress: stack.temporalAddress,
    database: uniqueName(name),
    taskQueue: uniqueName(name),
    ...options,
  });
}

async function waitUntilReady(url: string, children: ManagedProcess[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const exited = children.find((child) => child.hasExited());
    if (exited) throw new Error(`the ${exited.name} exited during start-up`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer 200 at ${url} within 60 s`);
}
