import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { findFreePort, resolveDatabaseBinary, startDatabase, type RunningDatabase } from '@hookflow/dev-stack';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import type { TriggerPlugin } from '@hookflow/sdk';
import { runTrigger, type TriggerTestOptions } from '@hookflow/sdk/testing';
import {
  SnsEndpointDouble,
  signedConfirmation,
  signedNotification,
  TEST_TOPIC_ARN,
} from '@hookflow/triggers-sns/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushWebhookDeliveries } from '../../src/webhooks';
import { createSnsWorkflow, SNS_PLUGINS, snsWorkflow } from '../sns/support/sns-fixtures';
import type { TestServer } from '../support/test-server';
import { stalledUpload } from './support/raw-http';
import {
  createKey,
  createWorkflow,
  deliveriesOf,
  orderAlert,
  postWebhook,
  readResponse,
  revokeKey,
  signBody,
  type TestKey,
} from './support/webhook-fixtures';
import { PLUGINS_WITH_HMAC_ECHO, startWebhookTestServer } from './support/webhook-test-server';

const MAX_BYTES = 4096;
const SECRET = 'status-table-shared-secret';
const GENERIC_SCHEMA = orderAlert('unused').inputSchema;
const SIGNED_SCHEMA = { type: 'object' };
/** The limited server's bounds: small, so that a few requests reach them. */
const AUTH_FAILURES_PER_MINUTE = 3;
const REQUEST_TIMEOUT_SECONDS = 2;
const NO_WORKFLOW = 'wf_000000000000000000000000';
const SNS_CONFIG = { topicArns: [TEST_TOPIC_ARN] };

/** A request of a row; `key` is the workflow's bound key unless it says otherwise. */
interface TableRequest {
  method?: string;
  body?: string | Buffer | object;
  headers?: Record<string, string>;
  key?: 'bound' | 'other' | 'none' | 'wrong';
}

type Trigger = 'generic-webhook' | 'hmac-echo' | 'amazon-sns';

/** The server state a row needs; the kit is told the same state through its options. */
type HostState =
  | { workflow: 'missing' | 'disabled' }
  | { unreachable: 'mongodb' | 'temporal' }
  | { limit: 'key' | 'failed-auth' | 'body-slots' | 'request-timeout' };

interface Row {
  /** The case of the docs/webhooks.md table, word for word. */
  row: string;
  /** When one docs row has more than one table line: which part this line shows. */
  variant?: string;
  trigger: Trigger;
  requests: TableRequest[];
  status: number;
  /** `error.code`, for refusals. */
  code?: string;
  /** Sent once before each request (the same delivery key again). */
  first?: boolean;
  /** More of the body every request of the row is answered with. */
  answer?: object;
  /** Body fields a remote party chooses anew for every call (SNS's subscription ARN): compared by presence. */
  chosenPerCall?: string[];
  state?: HostState;
}

const signed = (body: object): TableRequest => {
  const text = JSON.stringify(body);
  return { body: text, headers: { 'x-signature': signBody(SECRET, text) } };
};
const sized = (bytes: number) => {
  const prefix = '{"orderId":"big","pad":"';
  return prefix + 'x'.repeat(bytes - prefix.length - 2) + '"}';
};
/** A message as SNS delivers it: signed, `text/plain` JSON, the key in the URL's query. */
const snsMessage = (
  origin: string,
  type: 'Notification' | 'SubscriptionConfirmation' = 'Notification',
): TableRequest => {
  const message =
    type === 'Notification'
      ? signedNotification({ origin, timestamp: new Date() })
      : signedConfirmation(type, { origin, timestamp: new Date() });
  return {
    body: JSON.stringify(message),
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': type },
  };
};

/**
 * The docs/webhooks.md table, one entry per row (two for the 503 of an outage: MongoDB, Temporal), each
 * request sent both through the plugin test kit (@hookflow/sdk/testing), told the server's state through its
 * options, and through a real server in that state: the same status, body, Retry-After, Allow and
 * Idempotency-Key. Both run the SDK's `answerWebhook`; the test proves the kit's options describe the server.
 */
function table(sns: { origin: string }): Row[] {
  return [
    {
      row: 'accepted: the run is durably started',
      trigger: 'generic-webhook',
      requests: [
        { body: { orderId: 'A-1', amount: 150 }, headers: { 'idempotency-key': 'table-202' } },
        { body: sized(MAX_BYTES), headers: { 'idempotency-key': 'table-202-at-the-limit' } },
        {
          headers: {
            'content-type': 'application/vnd.shop+json; charset=UTF-8',
            'idempotency-key': 'table-202-suffix',
          },
        },
      ],
      status: 202,
      answer: { executionId: expect.stringMatching(/^wf_\w+:table-202/) as string, status: 'accepted' },
    },
    {
      row: 'the same delivery key again',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-dup' } }],
      first: true,
      status: 200,
      answer: { executionId: expect.stringMatching(/:table-dup$/) as string, status: 'duplicate' },
    },
    {
      row: "a handshake answered (SNS subscription confirmation, a plugin's challenge)",
      variant: "a plugin's challenge",
      trigger: 'hmac-echo',
      requests: [signed({ type: 'challenge', challenge: 'table-challenge' })],
      status: 200,
      answer: { challenge: 'table-challenge' },
    },
    {
      row: "a handshake answered (SNS subscription confirmation, a plugin's challenge)",
      variant: 'SNS subscription confirmation',
      trigger: 'amazon-sns',
      requests: [snsMessage(sns.origin, 'SubscriptionConfirmation')],
      status: 200,
      answer: { status: 'confirmed', topicArn: TEST_TOPIC_ARN },
      chosenPerCall: ['subscriptionArn'],
    },
    {
      row: 'no workflow with this id',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-404' } }, { key: 'none' }],
      state: { workflow: 'missing' },
      status: 404,
      code: 'workflow_not_found',
    },
    {
      row: 'the workflow is disabled',
      trigger: 'generic-webhook',
      requests: [{}, { key: 'wrong' }],
      state: { workflow: 'disabled' },
      status: 409,
      code: 'workflow_disabled',
    },
    {
      row: 'missing, wrong or revoked key, or not the key the workflow names',
      trigger: 'generic-webhook',
      requests: [{ key: 'none' }, { key: 'wrong' }, { key: 'other' }, { headers: { 'x-api-key': '' } }],
      status: 401,
      code: 'unauthorized',
    },
    {
      row: 'a message signature does not verify',
      trigger: 'hmac-echo',
      requests: ['another-secret-entirely', 'sha256=00', 'garbage', undefined].map((signature): TableRequest => {
        const body = JSON.stringify({ type: 'event', id: 'e-403', data: {} });
        const forged = signature === 'another-secret-entirely' ? signBody(signature, body) : signature;
        return { body, headers: forged === undefined ? {} : { 'x-signature': forged } };
      }),
      status: 403,
      code: 'signature_invalid',
    },
    {
      row: 'the body cannot be parsed (not JSON, empty, not UTF-8, nested absurdly deep)',
      trigger: 'generic-webhook',
      requests: [
        { body: '{"orderId":' },
        { body: '' },
        { body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) },
        { body: '['.repeat(200) + ']'.repeat(200) },
      ],
      status: 400,
      code: 'invalid_payload',
    },
    {
      row: 'an `Idempotency-Key` outside the rules above',
      trigger: 'generic-webhook',
      requests: ['has space', 'k'.repeat(201), 'slash/es'].map((key) => ({ headers: { 'idempotency-key': key } })),
      status: 400,
      code: 'invalid_idempotency_key',
    },
    {
      row: 'wrong content type, charset or encoding',
      trigger: 'generic-webhook',
      requests: [
        { headers: { 'content-type': 'text/plain' } },
        { headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        { headers: { 'content-type': 'application/json; charset=latin1' } },
        { headers: { 'content-encoding': 'gzip' } },
      ],
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      row: 'body over `HOOKFLOW_WEBHOOK_MAX_BYTES` (1 MiB by default)',
      trigger: 'generic-webhook',
      requests: [{ body: sized(MAX_BYTES + 1) }],
      status: 413,
      code: 'payload_too_large',
    },
    {
      row: "the payload fails the workflow's `inputSchema`",
      trigger: 'generic-webhook',
      requests: [{ body: { amount: 3 } }],
      status: 422,
      code: 'payload_invalid',
      answer: {
        error: {
          details: [
            {
              path: '',
              message: "must have required property 'orderId'",
              keyword: 'required',
              params: { missingProperty: 'orderId' },
            },
          ],
        },
      },
    },
    {
      row: 'more requests with one key than `HOOKFLOW_WEBHOOK_RATE_LIMIT` allows',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-429' } }],
      state: { limit: 'key' },
      status: 429,
      code: 'rate_limited',
    },
    {
      row: 'the same, for Amazon SNS (it counts every 4xx as delivered)',
      trigger: 'amazon-sns',
      requests: [snsMessage(sns.origin)],
      state: { limit: 'key' },
      status: 503,
      code: 'unavailable',
    },
    {
      row: 'too many failed auth attempts from the source address',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-auth-limit' } }],
      state: { limit: 'failed-auth' },
      status: 429,
      code: 'rate_limited',
    },
    {
      row: 'too many failed auth attempts from the source address',
      variant: 'Amazon SNS',
      trigger: 'amazon-sns',
      requests: [snsMessage(sns.origin)],
      state: { limit: 'failed-auth' },
      status: 503,
      code: 'unavailable',
    },
    {
      row: 'the body did not arrive within `HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS`',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-408' } }],
      state: { limit: 'request-timeout' },
      status: 408,
      code: 'request_timeout',
    },
    {
      row: 'more bodies in flight than `HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES`',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-body-slots' } }],
      state: { limit: 'body-slots' },
      status: 503,
      code: 'unavailable',
    },
    {
      row: 'MongoDB or Temporal cannot be reached',
      variant: 'Temporal: the start fails after the plugin accepted',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-temporal-down' } }],
      state: { unreachable: 'temporal' },
      status: 503,
      code: 'unavailable',
      answer: { error: { deliveryKey: 'table-temporal-down' } },
    },
    {
      row: 'MongoDB or Temporal cannot be reached',
      variant: 'MongoDB: the workflow lookup fails',
      trigger: 'generic-webhook',
      requests: [{ headers: { 'idempotency-key': 'table-mongodb-down' } }],
      state: { unreachable: 'mongodb' },
      status: 503,
      code: 'unavailable',
      answer: { error: { deliveryKey: 'table-mongodb-down' } },
    },
    {
      row: 'a method other than `POST`',
      trigger: 'generic-webhook',
      requests: ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].map((method) => ({ method })),
      status: 405,
      code: 'method_not_allowed',
    },
  ];
}

/** The cases of the docs/webhooks.md "Answers" table, as written there. */
function documentedCases(): string[] {
  const docs = readFileSync(path.resolve(__dirname, '../../../../docs/webhooks.md'), 'utf8');
  const section = docs.slice(docs.indexOf('## Answers'));
  const lines = section.split('\n').slice(1);
  const tableLines = lines.slice(lines.findIndex((line) => line.startsWith('|')));
  const rows = tableLines
    .slice(
      0,
      tableLines.findIndex((line) => !line.startsWith('|')),
    )
    .slice(2);
  return rows.map((line) => line.split('|')[1]!.trim());
}

/** What a sender sees of an answer. */
interface SenderView {
  status: number;
  body: unknown;
  retryAfter?: string;
  allow?: string;
  idempotencyKey?: string;
}

function senderView(status: number, body: unknown, header: (name: string) => string | undefined): SenderView {
  const view: SenderView = { status, body };
  const retryAfter = header('retry-after');
  const allow = header('allow');
  const idempotencyKey = header('idempotency-key');
  if (retryAfter !== undefined) view.retryAfter = retryAfter;
  if (allow !== undefined) view.allow = allow;
  if (idempotencyKey !== undefined) view.idempotencyKey = idempotencyKey;
  return view;
}

/** The answer to a stalled upload, read off the wire: status line, headers and a JSON body. */
function rawAnswer(text: string): { status: number; headers: Map<string, string>; body: unknown } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as unknown };
}

/**
 * A 503 to a request that chose no delivery key names one the host generated (a UUID): the kit and the
 * server each generate their own, so only its presence and shape are compared.
 */
function withGeneratedKeyNamed(view: SenderView, request: TableRequest): SenderView {
  if (view.idempotencyKey === undefined || request.headers?.['idempotency-key'] !== undefined) return view;
  expect(view.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  const body = view.body as { error?: Record<string, unknown> };
  expect(body.error?.deliveryKey).toBe(view.idempotencyKey);
  return { ...view, idempotencyKey: '<generated>', body: { error: { ...body.error, deliveryKey: '<generated>' } } };
}

function withPerCallFieldsNamed(view: SenderView, row: Row): SenderView {
  if (!row.chosenPerCall) return view;
  const body = { ...(view.body as Record<string, unknown>) };
  for (const field of row.chosenPerCall) {
    expect(body[field], field).toEqual(expect.any(String));
    body[field] = `<${field}>`;
  }
  return { ...view, body };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('POST /webhooks/:workflowId answers every case of the docs/webhooks.md table', () => {
  let sns: SnsEndpointDouble;
  let server: TestServer;
  let key: TestKey;
  let otherKey: TestKey;
  let workflowId: string;
  let signedWorkflowId: string;
  let disabledWorkflowId: string;
  let snsWorkflowId: string;
  /** Small limits (one request per key, three failed auths a minute, one body at once, 2 s for a body). */
  let limited: TestServer;
  let limitedKey: TestKey;
  let limitedSnsKey: TestKey;
  let limitedWorkflowId: string;
  let limitedSnsWorkflowId: string;
  /** Temporal at a port where nothing listens; its own database, which a row stops. */
  let outage: TestServer;
  let outageDatabase: RunningDatabase | undefined;
  let outageKey: TestKey;
  let outageWorkflowId: string;

  beforeAll(async () => {
    sns = await new SnsEndpointDouble().start();
    const dir = await mkdtemp(path.join(testStack().home, 'status-table-'));
    outageDatabase = await startDatabase({
      binary: await resolveDatabaseBinary(() => undefined),
      port: await findFreePort(),
      dataDir: path.join(dir, 'data'),
      logFile: path.join(dir, 'database.log'),
    });
    [server, limited, outage] = await Promise.all([
      startWebhookTestServer({
        plugins: [...PLUGINS_WITH_HMAC_ECHO, '@hookflow/triggers-sns'],
        env: { HOOKFLOW_WEBHOOK_MAX_BYTES: String(MAX_BYTES), HOOKFLOW_SNS_TRUSTED_ORIGINS: sns.origin },
      }),
      // No worker: its accepted runs need not complete.
      startWebhookTestServer({
        plugins: SNS_PLUGINS,
        worker: false,
        env: {
          HOOKFLOW_WEBHOOK_MAX_BYTES: String(MAX_BYTES),
          HOOKFLOW_WEBHOOK_RATE_LIMIT: '1',
          HOOKFLOW_WEBHOOK_RATE_BURST: '1',
          HOOKFLOW_WEBHOOK_AUTH_FAILURES: String(AUTH_FAILURES_PER_MINUTE),
          HOOKFLOW_WEBHOOK_MAX_CONCURRENT_BODIES: '1',
          HOOKFLOW_WEBHOOK_REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS),
          HOOKFLOW_SNS_TRUSTED_ORIGINS: sns.origin,
        },
      }),
      startWebhookTestServer({
        temporalAddress: `127.0.0.1:${await findFreePort()}`,
        worker: false,
        env: { MONGODB_URI: `${outageDatabase.uri}/${uniqueName('status-table-outage')}` },
      }),
    ]);
    [key, otherKey, limitedKey, limitedSnsKey, outageKey] = await Promise.all([
      createKey(server),
      createKey(server),
      createKey(limited),
      createKey(limited),
      createKey(outage),
    ]);
    workflowId = await createWorkflow(server, orderAlert(key.name, { inputSchema: GENERIC_SCHEMA }));
    signedWorkflowId = await createWorkflow(
      server,
      orderAlert(key.name, {
        trigger: { type: 'hmac-echo', apiKeyName: key.name, config: { secret: SECRET } },
        inputSchema: SIGNED_SCHEMA,
      }),
    );
    disabledWorkflowId = await createWorkflow(server, orderAlert(key.name), { enabled: false });
    snsWorkflowId = (await createSnsWorkflow(server, snsWorkflow(key.name, SNS_CONFIG))).id;
    limitedWorkflowId = await createWorkflow(limited, orderAlert(limitedKey.name, { inputSchema: GENERIC_SCHEMA }));
    limitedSnsWorkflowId = (await createSnsWorkflow(limited, snsWorkflow(limitedSnsKey.name, SNS_CONFIG))).id;
    outageWorkflowId = await createWorkflow(outage, orderAlert(outageKey.name, { inputSchema: GENERIC_SCHEMA }));
  });
  afterAll(async () => {
    await Promise.all([server?.close(), limited?.close(), outage?.close()]);
    await Promise.all([outageDatabase?.stop(), sns?.stop()]);
  });

  it('has a line for every row of docs/webhooks.md, and no line for a row it does not have', () => {
    const documented = documentedCases();
    expect(documented.length).toBeGreaterThanOrEqual(19);
    expect(new Set(table({ origin: 'http://unused' }).map((row) => row.row))).toEqual(new Set(documented));
  });

  describe('the kit and the server give the same answer', () => {
    // What Temporal knows on the server: the kit's record of started delivery keys, per workflow.
    const started = new Map<string, Set<string>>();
    /** Source addresses of the failed-auth rows: one per row, so each starts from a clean slate. */
    let nextSource = 1;

    /** The server a row is sent to, its workflow and the key bound to that workflow. */
    function target(row: Row): { server: TestServer; workflowId: string; boundKey: string } {
      const state = row.state;
      if (state && 'unreachable' in state) {
        return {
          server: outage,
          workflowId: state.unreachable === 'mongodb' ? NO_WORKFLOW : outageWorkflowId,
          boundKey: outageKey.key,
        };
      }
      if (state && 'limit' in state) {
        return row.trigger === 'amazon-sns'
          ? { server: limited, workflowId: limitedSnsWorkflowId, boundKey: limitedSnsKey.key }
          : { server: limited, workflowId: limitedWorkflowId, boundKey: limitedKey.key };
      }
      if (state && 'workflow' in state) {
        return {
          server,
          workflowId: state.workflow === 'missing' ? NO_WORKFLOW : disabledWorkflowId,
          boundKey: key.key,
        };
      }
      const id = { 'generic-webhook': workflowId, 'hmac-echo': signedWorkflowId, 'amazon-sns': snsWorkflowId };
      return { server, workflowId: id[row.trigger], boundKey: key.key };
    }

    function apiKeyOf(row: Row, request: TableRequest): string | undefined {
      const { boundKey } = target(row);
      return { bound: boundKey, other: otherKey.key, wrong: `${boundKey}x`, none: undefined }[request.key ?? 'bound'];
    }

    /** SNS carries the key in the URL's query (its subscription URL); the others in `x-api-key`. */
    function headersOf(row: Row, request: TableRequest): Record<string, string> {
      const apiKey = row.trigger === 'amazon-sns' ? undefined : apiKeyOf(row, request);
      return {
        'content-type': 'application/json',
        ...(apiKey !== undefined ? { 'x-api-key': apiKey } : {}),
        ...request.headers,
      };
    }

    function queryOf(row: Row, request: TableRequest): Record<string, string> {
      const apiKey = row.trigger === 'amazon-sns' ? apiKeyOf(row, request) : undefined;
      return apiKey !== undefined ? { 'x-api-key': apiKey } : {};
    }

    /** The kit's options for the server state of a row. */
    function stateOptions(state: HostState | undefined): Partial<TriggerTestOptions<unknown>> {
      if (!state) return {};
      if ('workflow' in state) return { workflowStatus: state.workflow };
      if ('unreachable' in state) return { unreachable: state.unreachable };
      switch (state.limit) {
        case 'key':
          // The server's bucket holds one token a second: one second until the next.
          return { rateLimited: { retryAfterSeconds: 1 } };
        case 'failed-auth':
          // The server's limiter gives back one attempt every 60 / AUTH_FAILURES_PER_MINUTE seconds.
          return { failedAuthLimited: { retryAfterSeconds: 60 / AUTH_FAILURES_PER_MINUTE } };
        case 'body-slots':
          return { bodySlotsFull: true };
        case 'request-timeout':
          return { bodyTimesOut: true, requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS };
      }
    }

    async function viaKit(row: Row, request: TableRequest): Promise<SenderView> {
      const { server: to, workflowId: id, boundKey } = target(row);
      // The very plugin objects the server loaded through HOOKFLOW_PLUGINS.
      const plugin = to.ctx.registry.trigger(row.trigger) as TriggerPlugin;
      const config = { 'generic-webhook': {}, 'hmac-echo': { secret: SECRET }, 'amazon-sns': SNS_CONFIG }[row.trigger];
      const inputSchema = { 'generic-webhook': GENERIC_SCHEMA, 'hmac-echo': SIGNED_SCHEMA, 'amazon-sns': undefined };
      const keys = started.get(id) ?? new Set<string>();
      started.set(id, keys);
      const answer = await runTrigger(
        plugin,
        {
          ...(request.method !== undefined ? { method: request.method } : {}),
          body: request.body ?? { orderId: 'A-1', amount: 150 },
          headers: headersOf(row, request),
          query: queryOf(row, request),
        },
        {
          apiKey: boundKey,
          config,
          ...(inputSchema[row.trigger] ? { inputSchema: inputSchema[row.trigger] } : {}),
          maxBodyBytes: MAX_BYTES,
          workflow: { id, name: 'table', version: 1 },
          startedDeliveryKeys: keys,
          settings: { snsTrustedOrigins: [sns.origin] },
          ...stateOptions(row.state),
        },
      );
      const body = 'json' in answer.body ? answer.body.json : answer.body.text;
      return senderView(
        answer.status,
        body,
        (name) => Object.entries(answer.headers).find(([header]) => header.toLowerCase() === name)?.[1],
      );
    }

    async function viaServer(row: Row, request: TableRequest): Promise<SenderView> {
      const { server: to, workflowId: id } = target(row);
      const query = new URLSearchParams(queryOf(row, request)).toString();
      const url = `${to.baseUrl}/webhooks/${id}${query ? `?${query}` : ''}`;
      const method = request.method ?? 'POST';
      const body = request.body ?? { orderId: 'A-1', amount: 150 };
      const response = await fetch(url, {
        method,
        headers: headersOf(row, request),
        ...(method === 'GET'
          ? {}
          : { body: typeof body === 'object' && !Buffer.isBuffer(body) ? JSON.stringify(body) : body }),
      });
      const answer = await readResponse(response);
      const json = response.headers.get('content-type')?.startsWith('application/json');
      return senderView(
        answer.status,
        json ? answer.body : answer.text,
        (name) => response.headers.get(name) ?? undefined,
      );
    }

    /** A body that never arrives: declared, a few bytes sent, then silence. */
    async function stalledViaServer(row: Row, request: TableRequest): Promise<SenderView> {
      const { server: to, workflowId: id } = target(row);
      const upload = stalledUpload(
        Number(new URL(to.baseUrl).port),
        `/webhooks/${id}`,
        headersOf(row, request),
        1000,
        10,
      );
      try {
        const answer = rawAnswer((await upload.response).text);
        return senderView(answer.status, answer.body, (name) => answer.headers.get(name));
      } finally {
        upload.abort();
      }
    }

    /** Brings the server into the state of the row for this request; returns what undoes it. */
    async function prepareServer(row: Row, request: TableRequest): Promise<() => void> {
      const { server: to, workflowId: id } = target(row);
      const state = row.state;
      if (state && 'unreachable' in state && state.unreachable === 'mongodb' && outageDatabase) {
        await outageDatabase.stop();
        outageDatabase = undefined;
      }
      if (!state || !('limit' in state)) return () => undefined;
      switch (state.limit) {
        case 'key':
          // Spends the one token of the key's bucket.
          expect((await viaServer(row, request)).status).toBe(202);
          return () => undefined;
        case 'failed-auth': {
          const source = `10.77.0.${nextSource++}`;
          request.headers = { ...request.headers, 'x-forwarded-for': source };
          const wrong: TableRequest = { ...request, key: 'wrong' };
          for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) expect((await viaServer(row, wrong)).status).toBe(401);
          return () => undefined;
        }
        case 'body-slots': {
          // Holds the one body slot while its body is awaited (up to the request timeout).
          const holder = stalledUpload(
            Number(new URL(to.baseUrl).port),
            `/webhooks/${id}`,
            headersOf(row, {}),
            1000,
            10,
          );
          await pause(300);
          return () => holder.abort();
        }
        case 'request-timeout':
          return () => undefined;
      }
    }

    it.for(
      table({ origin: 'http://127.0.0.1' }).map((row) => ({
        ...row,
        name: row.variant ? `${row.row} (${row.variant})` : row.row,
      })),
    )('$status: $name', async (templateRow) => {
      // Rows are built again with the SNS double's origin (known only once it started).
      const row = table(sns).find((r) => r.row === templateRow.row && r.variant === templateRow.variant)!;
      for (const request of row.requests) {
        if (row.first) {
          await viaKit(row, request);
          await viaServer(row, request);
        }
        const undo = await prepareServer(row, request);
        let answer: SenderView;
        try {
          answer =
            row.state && 'limit' in row.state && row.state.limit === 'request-timeout'
              ? await stalledViaServer(row, request)
              : await viaServer(row, request);
        } finally {
          undo();
        }
        const kit = withPerCallFieldsNamed(withGeneratedKeyNamed(await viaKit(row, request), request), row);
        answer = withPerCallFieldsNamed(withGeneratedKeyNamed(answer, request), row);
        expect(kit, `${request.method ?? 'POST'} ${JSON.stringify(request.headers ?? {})}`).toEqual(answer);
        expect(answer.status).toBe(row.status);
        if (row.code) expect(answer.body).toMatchObject({ error: { code: row.code } });
        if (row.answer) expect(answer.body).toMatchObject(row.answer);
        if (row.status === 429 || row.status === 503) expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
        if (row.status === 405) expect(answer.allow).toBe('POST');
      }
    });
  });

  describe('what only the server answers, and what it records', () => {
    it('404 workflow_not_found: unknown workflow, also for ids that cannot exist or cannot be decoded', async () => {
      for (const path of ['wf_000000000000000000000000', 'no such workflow', '%E0%A4%A', 'a'.repeat(300)]) {
        const response = await postWebhook(server, '', { key: key.key, path: encodeURI(path).replace('%25', '%') });
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ error: { code: 'workflow_not_found', message: expect.any(String) as string } });
      }
    });

    it('404 workflow_not_found: unknown workflows are logged but not put in any delivery log', async () => {
      await postWebhook(server, 'wf_ffffffffffffffffffffffff', { key: key.key });
      expect(server.logLines.some((l) => l.includes('wf_ffffffffffffffffffffffff') && l.includes('"status":404'))).toBe(
        true,
      );
      // The admin API has no log for an unknown workflow (404); nothing was stored under its id either.
      await flushWebhookDeliveries(server.ctx);
      expect(await server.ctx.store.deliveries.listDeliveries('wf_ffffffffffffffffffffffff')).toEqual([]);
    });

    it('401 unauthorized: one answer for a missing, wrong, revoked or unbound key; the log says which', async () => {
      const revoked = await createKey(server);
      const boundToRevoked = await createWorkflow(server, orderAlert(revoked.name));
      await revokeKey(server, revoked.id);
      const cases = [
        { workflow: workflowId, key: undefined, reason: 'no API key presented' },
        { workflow: workflowId, key: `${key.key}x`, reason: 'unknown or revoked API key' },
        { workflow: boundToRevoked, key: revoked.key, reason: 'unknown or revoked API key' },
        {
          workflow: workflowId,
          key: otherKey.key,
          reason: `API key "${otherKey.name}" is not the one bound to this workflow`,
        },
      ];
      const bodies = new Set<string>();
      for (const { workflow, key: presented } of cases) {
        const response = await postWebhook(server, workflow, presented === undefined ? {} : { key: presented });
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('unauthorized');
        bodies.add(response.text);
      }
      expect(bodies.size).toBe(1);
      const reasons = [...(await deliveriesOf(server, workflowId)), ...(await deliveriesOf(server, boundToRevoked))]
        .filter((d) => d.status === 401)
        .map((d) => d.reason);
      for (const { reason } of cases) expect(reasons).toContain(reason);
    });

    it('413 payload_too_large for a streamed body: no Content-Length to refuse up front, the reader stops', async () => {
      expect(sized(MAX_BYTES)).toHaveLength(MAX_BYTES);
      // Chunked: no Content-Length to refuse up front; the reader stops at the limit.
      const chunks = [sized(MAX_BYTES).slice(0, 3000), sized(MAX_BYTES).slice(3000), 'overflow'];
      const streamed = await fetch(`${server.baseUrl}/webhooks/${workflowId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key.key },
        body: new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
            controller.close();
          },
        }),
        duplex: 'half',
      });
      const answer = await readResponse(streamed);
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe('payload_too_large');
    });

    it('404 not_found beside the webhook route', async () => {
      for (const path of ['/webhooks', `/webhooks/${workflowId}/extra`]) {
        const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST' });
        expect(response.status).toBe(404);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    });

    it('records every refusal of an existing workflow in its delivery log, with status and code', async () => {
      const deliveries = await deliveriesOf(server, workflowId);
      const codes = new Set(deliveries.map((d) => d.errorCode).filter(Boolean));
      for (const code of ['unauthorized', 'invalid_payload', 'invalid_idempotency_key', 'unsupported_media_type']) {
        expect(codes).toContain(code);
      }
      expect(codes).toContain('payload_too_large');
      expect(codes).toContain('payload_invalid');
      for (const delivery of deliveries) {
        expect(delivery.outcome).toBe(
          delivery.status >= 400 ? 'rejected' : delivery.status === 202 ? 'accepted' : 'duplicate',
        );
      }
      const signed = await deliveriesOf(server, signedWorkflowId);
      expect(signed.map((d) => d.outcome)).toContain('handshake');
      expect(signed.filter((d) => d.status === 403).every((d) => d.errorCode === 'signature_invalid')).toBe(true);
    });
  });
});
