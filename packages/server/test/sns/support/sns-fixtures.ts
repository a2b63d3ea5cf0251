import type { WorkflowDefinition } from '@hookflow/engine';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { expect } from 'vitest';
import type { ExecutionSummary } from '../../admin/admin-fixtures';
import type { TestServer } from '../../support/test-server';
import { readResponse, type WebhookResponse } from '../../webhooks/support/webhook-fixtures';

/** Every plugin Hookflow ships, as an operator would list them. */
export const SNS_PLUGINS = ['@hookflow/triggers-generic', '@hookflow/triggers-sns', '@hookflow/engine/nodes'];

/** An amazon-sns workflow of one `transform` node that outputs `$trigger`, so a run shows what it was given. */
export function snsWorkflow(apiKeyName: string, config: Record<string, unknown> = {}): WorkflowDefinition {
  return {
    name: uniqueName('sns'),
    trigger: { type: 'amazon-sns', apiKeyName, config },
    nodes: [{ id: 'echo', type: 'transform', params: { value: '{{ $trigger }}' } }],
    edges: [],
  };
}

export interface CreatedSnsWorkflow {
  id: string;
  webhookUrl: string;
}

/** `POST /workflows`; the webhook URL is the one the API hands out, as an operator would copy it. */
export async function createSnsWorkflow(
  server: TestServer,
  definition: WorkflowDefinition,
): Promise<CreatedSnsWorkflow> {
  const response = await server.admin('/workflows', { method: 'POST', json: definition });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  const { id, webhookUrl } = JSON.parse(text) as CreatedSnsWorkflow;
  return { id, webhookUrl };
}

/** The subscription URL an operator gives SNS: `<webhookUrl>?x-api-key=<key>`. */
export function endpointUrl(workflow: CreatedSnsWorkflow, key: string | undefined): string {
  return key === undefined ? workflow.webhookUrl : `${workflow.webhookUrl}?x-api-key=${encodeURIComponent(key)}`;
}

/**
 * POSTs a message the way SNS delivers it over HTTP: `text/plain` JSON body, the `x-amz-sns-*` headers taken
 * from the message, the key in the URL's query. `headers` overrides (a header set to `undefined` is dropped).
 */
export async function postSns(
  url: string,
  message: Record<string, unknown> | string,
  headers: Record<string, string | undefined> = {},
): Promise<WebhookResponse> {
  const document = typeof message === 'string' ? undefined : message;
  const all: Record<string, string | undefined> = {
    'content-type': 'text/plain; charset=UTF-8',
    'user-agent': 'Amazon Simple Notification Service Agent',
    'x-amz-sns-message-type': typeof document?.Type === 'string' ? document.Type : undefined,
    'x-amz-sns-message-id': typeof document?.MessageId === 'string' ? document.MessageId : undefined,
    'x-amz-sns-topic-arn': typeof document?.TopicArn === 'string' ? document.TopicArn : undefined,
    ...headers,
  };
  const sent = Object.fromEntries(
    Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const response = await fetch(url, {
    method: 'POST',
    headers: sent,
    body: typeof message === 'string' ? message : JSON.stringify(message),
  });
  return readResponse(response);
}

/** `GET /workflows/:id` → `subscriptions` (what the SNS plugin describes). */
export async function subscriptionsOf(server: TestServer, workflowId: string): Promise<Record<string, unknown>[]> {
  const response = await server.admin(`/workflows/${workflowId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { subscriptions: Record<string, unknown>[] }).subscriptions;
}

/** `GET /executions?workflowId=…` (Temporal visibility), polled until it lists `atLeast` runs. */
export async function executionsOf(server: TestServer, workflowId: string, atLeast = 1): Promise<ExecutionSummary[]> {
  let items: ExecutionSummary[] = [];
  await expect
    .poll(
      async () => {
        const response = await server.admin(`/executions?workflowId=${workflowId}&limit=100`);
        expect(response.status).toBe(200);
        ({ items } = (await response.json()) as { items: ExecutionSummary[] });
        return items.length;
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBeGreaterThanOrEqual(atLeast);
  return items;
}

/** The expected `$trigger` of a notification (docs/webhooks.md), from the message SNS sent. */
export function expectedTrigger(notification: Record<string, unknown>, message: unknown): Record<string, unknown> {
  return {
    message,
    subject: notification.Subject ?? null,
    topicArn: notification.TopicArn,
    messageId: notification.MessageId,
    timestamp: notification.Timestamp,
    messageAttributes: notification.MessageAttributes ?? {},
  };
}
