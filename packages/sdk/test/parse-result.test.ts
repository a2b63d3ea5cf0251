import { describe, expect, it } from 'vitest';
import { checkParseResult } from '../src/pipeline/parse-result';

describe('delivery keys a plugin returns', () => {
  it('takes 200 characters and refuses 201: `<workflowId>:<key>` must stay within Temporal ids of 255', () => {
    const event = (deliveryKey: string) => ({ kind: 'event', payload: {}, deliveryKey });
    expect(checkParseResult(event('k'.repeat(200)))).toMatchObject({ deliveryKey: 'k'.repeat(200) });
    expect(() => checkParseResult(event('k'.repeat(201)))).toThrow(/1-200 characters/);
  });
});
