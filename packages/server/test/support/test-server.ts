import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import {
  CredentialResolver,
  initStore,
  loadConfig,
  loadEncryptionSettings,
  type HookflowConfig,
} from '@hookflow/engine';
import { createHookflowWorker } from '@hookflow/engine/worker-host';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { createApp } from '../../src/app';
import { closeWebhooks } from '../../src/webhooks';
import { createServerContext, type ServerContext } from '../../src/server-context';

export interface TestServerOptions {
  /** `HOOKFLOW_PLUGINS`; default: the generic trigger and the built-in nodes. */
  plugins?: string[];
  /** Extra environment (docs/configuration.md variables) on top of the test defaults. */
  env?: Record<string, string>;
  /** Point at another Temporal (e.g. one the test stops and restarts). */
  temporalAddress?: string;
  /** Run an in-process worker so runs complete (default true). */
  worker?: boolean;
  /** Leave the database in place on close, for a restarted server to use (pass its `MONGODB_URI` on). */
  keepDatabase?: boolean;
}

/** A fresh `HOOKFLOW_ENCRYPTION_KEY` (32 random bytes, base64), as `openssl rand -base64 32` makes one. */
export function newEncryptionKey(): string {
  return randomBytes(32).toString('base64');
}

export interface TestServer {
  baseUrl: string;
  adminToken: string;
  ctx: ServerContext;
  config: HookflowConfig;
  /** Every log line the server wrote, as text, for "no secret in any log" assertions. */
  logLines: string[];
  /** `fetch` on the admin API with the bearer token; `path` is relative to `/api/v1`. */
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** `fetch` on a server's admin API with the bearer token; a `json` body is sent as JSON. */
export function adminFetch(baseUrl: string, adminToken: string): TestServer['admin'] {
  return (path, init = {}) => {
    const { json, ...rest } = init;
    return fetch(`${baseUrl}/api/v1${path}`, {
      ...rest,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(rest.headers as Record<string, string> | undefined),
      },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
}

/**
 * A real server (the same `createApp` as production) on a free port, wired to the test stack's
 * database (its own database) and Temporal (its own task queue), with an in-process worker.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const stack = testStack();
  const adminToken = `test-admin-${uniqueName('token')}-${'x'.repeat(16)}`;
  const temporalAddress = options.temporalAddress ?? stack.temporalAddress;
  const env: Record<string, string> = {
    HOOKFLOW_ADMIN_TOKEN: adminToken,
    MONGODB_URI: `${stack.mongodbUri}/${uniqueName('server')}`,
    TEMPORAL_ADDRESS: temporalAddress,
    HOOKFLOW_TASK_QUEUE: uniqueName('server-test'),
    HOOKFLOW_PLUGINS: (options.plugins ?? ['@hookflow/triggers-generic', '@hookflow/engine/nodes']).join(','),
    LOG_LEVEL: 'debug',
    HOOKFLOW_ENCRYPTION_KEY: newEncryptionKey(),
    ...options.env,
  };
  const config = loadConfig(env, ['HOOKFLOW_ADMIN_TOKEN', 'MONGODB_URI']);
  const encryption = loadEncryptionSettings(env);

  const logLines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  const ctx = await createServerContext(config, logger, encryption);
  const connection = ctx.store.connection;
  await connection.asPromise();
  await initStore(connection);
  const { registry, temporal } = ctx;

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  if (options.worker !== false) {
    ({ worker } = await createHookflowWorker({
      settings: config,
      registry,
      logger,
      credentials: new CredentialResolver(ctx.store.credentials),
      payloadCodec: ctx.payloadCodec,
    }));
    workerRun = worker.run();
  }

  const server: Server = createApp(ctx).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The public URL is only known once the port is: webhook URLs in responses must point here.
  config.publicUrl = baseUrl;

  return {
    baseUrl,
    adminToken,
    ctx,
    config,
    logLines,
    admin: adminFetch(baseUrl, adminToken),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      // As production shutdown: buffered delivery-log entries are written before the connection closes.
      await closeWebhooks(ctx, 2_000);
      worker?.shutdown();
      await workerRun;
      if (!options.keepDatabase) await connection.dropDatabase().catch(() => undefined);
      await connection.close();
      await temporal.connection.close();
    },
  };
}
