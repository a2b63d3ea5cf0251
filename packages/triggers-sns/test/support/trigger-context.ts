import type { PluginStateStore, TriggerRequest } from '@hookflow/sdk';
import { createInMemoryStateStore, createTestTriggerContext, silentLogger } from '@hookflow/sdk/testing';
import { vi } from 'vitest';
import type { SnsTriggerConfig } from '../../src/config';
import type { TestHttpClient, StaticHttpClient } from './outbound-http';

export interface TestContextOptions {
  config?: SnsTriggerConfig;
  now: Date;
  http: TestHttpClient | StaticHttpClient;
  trustedOrigins?: readonly string[];
  maxAgeSeconds?: number;
  state?: PluginStateStore;
}

/** The kit's trigger context with SNS settings; `warn` spies on the logger's warnings. */
export function createTestContext(options: TestContextOptions) {
  const logger = silentLogger();
  const warn = vi.spyOn(logger, 'warn');
  const state = options.state ?? createInMemoryStateStore();
  const ctx = createTestTriggerContext<SnsTriggerConfig>({
    workflow: { id: 'wf-sns', name: 'sns-test', version: 1 },
    config: options.config ?? {},
    logger,
    now: options.now,
    http: options.http,
    state,
    settings: {
      publicUrl: 'http://hookflow.test',
      snsMaxAgeSeconds: options.maxAgeSeconds ?? 3600,
      snsTrustedOrigins: options.trustedOrigins ?? [],
    },
  });
  return { ctx, warn, state };
}

/** A webhook request as SNS sends it: text/plain JSON body, the message type header, the key in the query. */
export function snsRequest(message: unknown, headers: Record<string, string> = {}): TriggerRequest {
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  const type =
    typeof message === 'object' && message !== null && typeof (message as { Type?: unknown }).Type === 'string'
      ? (message as { Type: string }).Type
      : undefined;
  return {
    method: 'POST',
    headers: {
      'content-type': 'text/plain; charset=UTF-8',
      'user-agent': 'Amazon Simple Notification Service Agent',
      ...(type === undefined ? {} : { 'x-amz-sns-message-type': type }),
      ...headers,
    },
    query: { 'x-api-key': 'hf_test_key' },
    rawBody: Buffer.from(body, 'utf8'),
    sourceIp: '127.0.0.1',
    receivedAt: new Date(),
  };
}
