import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import { createKey, createWorkflow, orderAlert, postWebhook, type TestKey } from './support/webhook-fixtures';
import { startWebhookTestServer } from './support/webhook-test-server';

/** Sizes line up with Temporal's 2 MB payload limit: a start that cannot fit answers 413, never 500. */
describe('webhook sizes against Temporal limits', () => {
  let server: TestServer;
  let key: TestKey;

  beforeAll(async () => {
    server = await startWebhookTestServer({ worker: false });
    key = await createKey(server);
  });
  afterAll(() => server?.close());

  it('answers 413 payload_too_large for a body under the limit whose run input would not fit Temporal', async () => {
    const workflowId = await createWorkflow(server, orderAlert(key.name, { inputSchema: { type: 'object' } }));
    // 1e20 is 5 bytes on the wire and 21 as JSON: under 1 MiB sent, over 2 MB once parsed into the run input.
    const numbers = new Array(190_000).fill('1e20').join(',');
    const body = `{"orderId":"o-1","amounts":[${numbers}]}`;
    expect(Buffer.byteLength(body)).toBeLessThan(server.config.webhookMaxBytes);

    const answer = await postWebhook(server, workflowId, { key: key.key, body });
    expect(answer.status, answer.text).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
  });
});
