import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { loadConfig } from '../../src/config/config';
import { UnavailableError } from '../../src/errors/engine-errors';
import { createLogger } from '../../src/logging/logger';
import builtInNodes from '../../src/nodes';
import { PluginRegistry } from '../../src/plugins/plugin-registry';
import { startExecution } from '../../src/executions/start-execution';
import { nodesQuery } from '../../src/interpreter/definitions';
import { checkTemporalHealth, createTemporalClient } from '../../src/temporal/connection';
import { createHookflowWorker } from '../../src/worker/create-worker';
import { startGrpcTlsProxy, type GrpcTlsProxy } from '../support/grpc-tls-proxy';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';

const SERVER_NAME = 'temporal.hookflow.test';
const API_KEY = 'hookflow-test-api-key';

/**
 * Temporal behind TLS with a required client certificate and an API key (as a self-hosted mTLS cluster or
 * Temporal Cloud), configured only through Temporal's client variables, for both the client and the worker.
 */
describe('Temporal over TLS, mTLS and API key', () => {
  let certs: TestCertificates;
  let proxy: GrpcTlsProxy;
  const registry = new PluginRegistry();
  for (const node of builtInNodes) registry.addNodeType(node, 'built-in');

  const env = (overrides: Record<string, string | undefined> = {}) =>
    loadConfig({
      TEMPORAL_ADDRESS: proxy.address,
      HOOKFLOW_TASK_QUEUE: uniqueName('tls'),
      TEMPORAL_API_KEY: API_KEY,
      TEMPORAL_TLS_SERVER_NAME: SERVER_NAME,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCertPath,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCertPath,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKeyPath,
      ...overrides,
    });

  beforeAll(async () => {
    certs = makeTestCertificates(SERVER_NAME);
    proxy = await startGrpcTlsProxy({
      upstream: testStack().temporalAddress,
      key: certs.read(certs.serverKeyPath),
      cert: certs.read(certs.serverCertPath),
      clientCa: certs.read(certs.caCertPath),
      apiKey: API_KEY,
    });
  });
  afterAll(() => proxy?.close());

  it('runs a workflow end to end with the client certificate and the API key (client and worker)', async () => {
    const config = env();
    const { worker, connection: workerConnection } = await createHookflowWorker({
      settings: config,
      registry,
      logger: createLogger('tls-test', 'silent'),
    });
    const running = worker.run();
    const { client, connection } = createTemporalClient(config);
    try {
      await checkTemporalHealth(connection, 5000);
      const { executionId } = await startExecution(client, config.taskQueue, {
        workflow: { id: uniqueName('wf'), name: 'tls', version: 1 },
        graph: { nodes: [{ id: 'shape', type: 'transform', params: { value: { over: 'mtls' } } }], edges: [] },
        trigger: { type: 'test', deliveryKey: uniqueName('delivery'), payload: {} },
      });
      // The result is a summary; the node outputs are read through the `nodes` query, over the same TLS.
      const handle = client.workflow.getHandle(executionId);
      await handle.result();
      const nodes: unknown = await handle.query(nodesQuery);
      expect(nodes).toMatchObject({ shape: { status: 'succeeded', output: { over: 'mtls' } } });
      expect(proxy.forwarded).toBeGreaterThan(0);
    } finally {
      worker.shutdown();
      await running;
      await Promise.all([connection.close(), workerConnection.close()]);
    }
  });

  it('fails clearly without the client certificate: the error names the cause and the variables to set', async () => {
    const config = env({ TEMPORAL_TLS_CLIENT_CERT_PATH: undefined, TEMPORAL_TLS_CLIENT_KEY_PATH: undefined });
    const failure = await createHookflowWorker({
      settings: config,
      registry,
      logger: createLogger('t', 'silent'),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as Error).message).toContain(`cannot connect to Temporal at ${proxy.address} (TLS + API key)`);
    expect((failure as Error).message).toContain('the server requires a client certificate');
    expect((failure as Error).message).toContain('TEMPORAL_TLS_CLIENT_CERT_PATH');

    const { connection } = createTemporalClient(config);
    try {
      const health = await checkTemporalHealth(connection, 5000).catch((error: unknown) => error);
      expect(health).toBeInstanceOf(UnavailableError);
      expect((health as Error).message).toContain('TEMPORAL_TLS_CLIENT_CERT_PATH');
    } finally {
      await connection.close();
    }
  });

  it('fails clearly with a wrong API key, naming TEMPORAL_API_KEY', async () => {
    const config = env({ TEMPORAL_API_KEY: 'not-the-key' });
    const failure = await createHookflowWorker({
      settings: config,
      registry,
      logger: createLogger('t', 'silent'),
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((failure as Error).message).toContain('check TEMPORAL_API_KEY');
    const { connection } = createTemporalClient(config);
    try {
      const health = await checkTemporalHealth(connection, 5000).catch((error: unknown) => error);
      expect((health as Error).message).toContain('check TEMPORAL_API_KEY');
    } finally {
      await connection.close();
    }
    expect(proxy.refused).toBeGreaterThan(0);
  });

  it("fails clearly when the server's CA is not trusted, naming TEMPORAL_TLS_SERVER_CA_CERT_PATH", async () => {
    const config = env({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: undefined });
    const { connection } = createTemporalClient(config);
    try {
      const health = await checkTemporalHealth(connection, 5000).catch((error: unknown) => error);
      expect((health as Error).message).toContain('TEMPORAL_TLS_SERVER_CA_CERT_PATH');
    } finally {
      await connection.close();
    }
  });
});
