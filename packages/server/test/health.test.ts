import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkMongoHealth,
  checkTemporalHealth,
  createLogger,
  createMongoConnection,
  createStore,
  createTemporalClient,
  EncryptionPayloadCodec,
  loadConfig,
  loadEncryptionSettings,
  PluginRegistry,
  type WorkflowDefinition,
} from '@hookflow/engine';
import { findFreePort, resolveDatabaseBinary, startDatabase, type RunningDatabase } from '@hookflow/dev-stack';
import { testStack } from '@hookflow/dev-stack/testing';
import { createApp } from '../src/app';
import { AdminChanges } from '../src/changes/admin-changes';
import { ServerMetrics } from '../src/metrics/server-metrics';

/** A server wired to its own database process, so the test can stop and restart it. */
describe('health and readiness', () => {
  let database: RunningDatabase;
  let databaseOptions: Parameters<typeof startDatabase>[0];
  let server: Server;
  let baseUrl: string;
  let closeDependencies: () => Promise<void>;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(testStack().home, 'readyz-'));
    databaseOptions = {
      binary: await resolveDatabaseBinary(() => undefined),
      port: await findFreePort(),
      dataDir: path.join(dir, 'data'),
      logFile: path.join(dir, 'database.log'),
    };
    database = await startDatabase(databaseOptions);
    const mongo = createMongoConnection(database.uri, { dbName: 'readyz', serverSelectionTimeoutMS: 1000 });
    const temporal = createTemporalClient({
      temporalAddress: testStack().temporalAddress,
      temporalNamespace: 'default',
    });
    closeDependencies = async () => {
      await mongo.close();
      await temporal.connection.close();
    };
    const encryption = loadEncryptionSettings({});
    const app = createApp({
      config: loadConfig({ HOOKFLOW_ADMIN_TOKEN: 'health-test-admin-token-of-32-chars', MONGODB_URI: database.uri }),
      logger: createLogger('test', 'silent'),
      store: createStore<WorkflowDefinition>(mongo),
      temporal,
      registry: new PluginRegistry(),
      encryption,
      payloadCodec: new EncryptionPayloadCodec(encryption.keyRing, false),
      changes: new AdminChanges(),
      readiness: { mongodb: () => checkMongoHealth(mongo), temporal: () => checkTemporalHealth(temporal.connection) },
      metrics: new ServerMetrics(() => false),
    });
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.close();
    await closeDependencies();
    await database.stop();
  });

  it('answers /healthz with 200 and helmet headers', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBeTruthy();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers /readyz 503 naming the database while it is stopped, and 200 once it is back', async () => {
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);

    await database.stop();
    const down = await fetch(`${baseUrl}/readyz`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBeTruthy();
    const body = (await down.json()) as {
      error: { code: string; message: string; details: { path: string; message: string }[] };
    };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toContain('mongodb');
    expect(body.error.details.map((d) => d.path)).toEqual(['mongodb']);
    // Unauthenticated: the component only, never the driver's error (it names internal hosts and ports).
    const answer = JSON.stringify(body);
    expect(body.error.details).toEqual([{ path: 'mongodb', message: 'mongodb is not answering' }]);
    expect(answer).not.toContain('127.0.0.1');
    expect(answer).not.toContain(String(databaseOptions.port));

    database = await startDatabase(databaseOptions);
    await expect
      .poll(async () => (await fetch(`${baseUrl}/readyz`)).status, { timeout: 20_000, interval: 250 })
      .toBe(200);
  });

  it('answers unknown routes 404 and wrong methods 405 with Allow, in the error envelope', async () => {
    const missing = await fetch(`${baseUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });

    const wrongMethod = await fetch(`${baseUrl}/healthz`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
    expect(await wrongMethod.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});
