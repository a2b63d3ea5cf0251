import { createLogger, type PluginStateStore, type TriggerContext, type TriggerRequest } from '@hookflow/engine';
import { vi } from 'vitest';
import type { SnsTriggerConfig } from '../../src/config';
import type { TestHttpClient, StaticHttpClient } from './outbound-http';

/** The per-workflow store, in memory, with the interface's semantics (JSON values, prefix listing). */
export class MemoryStateStore implements PluginStateStore {
  private readonly values = new Map<string, string>();

  get<T = unknown>(key: string): Promise<T | undefined> {
    const value = this.values.get(key);
    return Promise.resolve(value === undefined ? undefined : (JSON.parse(value) as T));
  }

  set(key: string, value: unknown): Promise<void> {
    this.values.delete(key);
    this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }

  list<T = unknown>(prefix = ''): Promise<{ key: string; value: T }[]> {
    return Promise.resolve(
      [...this.values.entries()]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, value]) => ({ key, value: JSON.parse(value) as T })),
    );
  }
}

export interface TestContextOptions {
  config?: SnsTriggerConfig;
  now: Date;
  http: TestHttpClient | StaticHttpClient;
  trustedOrigins?: readonly string[];
  maxAgeSeconds?: number;
  state?: MemoryStateStore;
}

export function createTestContext(options: TestContextOptions) {
  const logger = createLogger('triggers-sns-test', 'silent');
  const warn = vi.spyOn(logger, 'warn');
  const state = options.state ?? new MemoryStateStore();
  const ctx: TriggerContext<SnsTriggerConfig> = {
    workflow: { id: 'wf-sns', name: 'sns-test', version: 1 },
    config: options.config ?? {},
    logger,
    now: () => options.now,
    http: options.http,
    state,
    settings: {
      publicUrl: 'http://hookflow.test',
      snsMaxAgeSeconds: options.maxAgeSeconds ?? 3600,
      snsTrustedOrigins: options.trustedOrigins ?? [],
    },
  };
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
