import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TriggerPlugin } from '@hookflow/sdk';
import { runTrigger } from '@hookflow/sdk/testing';
import { signBody } from './support/webhook-fixtures';

// What a plugin author writes: the plugin under test, driven by the SDK's test kit, no server.
const plugin = createRequire(__filename)(path.resolve('examples/hmac-echo-trigger')) as TriggerPlugin<{
  secret: string;
}>;
const config = { secret: 'kit-test-secret-0123456789' };
const apiKey = 'hf_kit-test-key';

function request(body: object, signature?: string) {
  const text = JSON.stringify(body);
  return {
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-api-key': apiKey,
      'x-signature': signature ?? signBody(config.secret, text),
    },
  };
}

describe('hmac-echo with the plugin test kit', () => {
  it('echoes a challenge through its confirmation hook', async () => {
    const result = await runTrigger(plugin, request({ type: 'challenge', challenge: 'abc' }), { config, apiKey });
    expect(result).toMatchObject({ status: 200, outcome: 'handshake', body: { json: { challenge: 'abc' } } });
  });

  it('turns a signed event into a run payload with its id as delivery key', async () => {
    const result = await runTrigger(plugin, request({ type: 'event', id: 'e-1', data: { n: 1 } }), { config, apiKey });
    expect(result).toMatchObject({ status: 202, event: { payload: { n: 1 }, deliveryKey: 'e-1' } });
  });

  it('needs both the key and the signature', async () => {
    const body = { type: 'event', id: 'e-1' };
    expect(await runTrigger(plugin, request(body, 'sha256=00'), { config, apiKey })).toMatchObject({
      status: 403,
      errorCode: 'signature_invalid',
    });
    expect(await runTrigger(plugin, request(body), { config, apiKey: 'hf_other' })).toMatchObject({
      status: 401,
      errorCode: 'unauthorized',
    });
  });

  it('refuses malformed events with its TriggerError 400', async () => {
    const result = await runTrigger(plugin, request({ type: 'event', id: 'has space' }), { config, apiKey });
    expect(result).toMatchObject({ status: 400, errorCode: 'invalid_payload' });
  });
});
