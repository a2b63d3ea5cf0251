import { describe, expect, it } from 'vitest';
import { runTrigger } from '@hookflow/sdk/testing';
import trigger from '../src/index';

// runTrigger sends a request through the same pipeline code as the Hookflow server and resolves its answer.
const apiKey = 'hf_test-key-bound-to-the-workflow';
const send = (body: object, options: { key?: string; config?: { eventTypes?: string[] } } = {}) =>
  runTrigger(
    trigger,
    { headers: { 'x-api-key': options.key ?? apiKey }, body },
    {
      apiKey,
      config: options.config ?? {},
    },
  );

describe('{{type}}', () => {
  it('starts a run with the event, keyed by its id', async () => {
    const result = await send({ id: 'evt-1', type: 'order.created', data: { orderId: 'A-1' } });
    expect(result).toMatchObject({
      status: 202,
      outcome: 'accepted',
      event: { deliveryKey: 'evt-1', payload: { type: 'order.created', data: { orderId: 'A-1' } } },
    });
  });

  it('refuses a wrong API key with 401', async () => {
    const result = await send({ id: 'evt-2', type: 'order.created' }, { key: 'hf_someone-else' });
    expect(result).toMatchObject({ status: 401, errorCode: 'unauthorized' });
    expect(result.event).toBeUndefined();
  });

  it('refuses a body without id and type with 400', async () => {
    const result = await send({ data: {} });
    expect(result).toMatchObject({ status: 400, errorCode: 'invalid_payload' });
  });

  it('answers 200 ignored, without a run, for a type the workflow does not want', async () => {
    const result = await send({ id: 'evt-3', type: 'order.deleted' }, { config: { eventTypes: ['order.created'] } });
    expect(result).toMatchObject({ status: 200, outcome: 'ignored', body: { json: { status: 'ignored' } } });
  });
});
