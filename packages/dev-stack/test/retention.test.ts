import { Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { namespaceRetentionSeconds, parseRetention } from '@hookflow/engine';
import { testStack } from '../src/testing';

describe('namespace retention of the dev stack', () => {
  it('is 30 days, the duplicate window the docs promise (the Temporal dev server alone makes 24 h)', async () => {
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    try {
      expect(await namespaceRetentionSeconds(connection, testStack().temporalNamespace)).toBe(30 * 86_400);
    } finally {
      await connection.close();
    }
  });

  it('reads HOOKFLOW_DEV_RETENTION as hours or days, as the Temporal CLI does', () => {
    expect(parseRetention('720h')).toBe(30 * 86_400);
    expect(parseRetention('30d')).toBe(30 * 86_400);
    for (const bad of ['', '30', '0d', '1.5d', '30 days', '-1h']) expect(parseRetention(bad)).toBeUndefined();
  });
});
