import { describe, expect, it } from 'vitest';
import { compileUserSchema } from '@hookflow/sdk/json-schema';
import { CONTROL_NODE_TYPES, controlNodeType } from '../../src/graph';

describe('control node types', () => {
  it('are condition, delay, wait and fail, declared like node plugins', () => {
    expect(CONTROL_NODE_TYPES.map((control) => control.type)).toEqual(['condition', 'delay', 'wait', 'fail']);
    for (const control of CONTROL_NODE_TYPES) {
      expect(control).toMatchObject({
        kind: 'control',
        displayName: expect.any(String) as string,
        description: expect.any(String) as string,
      });
      expect(compileUserSchema(control.paramsSchema).ok).toBe(true);
    }
  });

  it('are found by type name, and nothing else is', () => {
    expect(controlNodeType('wait')?.displayName).toBe('Wait for event');
    expect(controlNodeType('http.request')).toBeUndefined();
    expect(controlNodeType('constructor')).toBeUndefined();
  });
});
