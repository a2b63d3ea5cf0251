import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateExpression, ExpressionError } from '../../src/expressions';
import { bindings } from './bindings-fixture';

describe('evaluateExpression', () => {
  it('evaluates JSONata with or without {{ }} around it', async () => {
    expect(await evaluateExpression('$trigger.body.amount * 2', bindings())).toBe(500);
    expect(await evaluateExpression('{{ $trigger.body.amount * 2 }}', bindings())).toBe(500);
    expect(await evaluateExpression('$nodes.fetch.output.status = 200 and $workflow.version = 3', bindings())).toBe(
      true,
    );
    expect(await evaluateExpression('$trigger.nope', bindings())).toBeUndefined();
  });

  it('names node, path and expression when it fails (docs/expressions.md)', async () => {
    const failure = evaluateExpression('$trigger.body.amount >', bindings(), {
      nodeId: 'big',
      path: 'params.expression',
    });
    await expect(failure).rejects.toBeInstanceOf(ExpressionError);
    await expect(failure).rejects.toThrow(
      /^node "big": params\.expression: cannot evaluate "\$trigger\.body\.amount >": \S/,
    );
  });

  it('cuts a very long expression in the message', async () => {
    const long = `${'1 + '.repeat(200)}`;
    const error = (await evaluateExpression(long, bindings()).catch((caught: unknown) => caught)) as ExpressionError;
    expect(error.message.length).toBeLessThan(400);
    expect(error.expression).toBe(long);
  });
});

describe('evaluateCondition', () => {
  it('routes on true and false', async () => {
    expect(await evaluateCondition('$trigger.body.amount > 100', bindings(), { nodeId: 'big' })).toBe(true);
    expect(await evaluateCondition('{{ $trigger.body.amount > 1000 }}', bindings(), { nodeId: 'big' })).toBe(false);
  });

  it('counts no match (a missing field) as false', async () => {
    expect(await evaluateCondition('$trigger.body.vip', bindings(), { nodeId: 'vip' })).toBe(false);
  });

  it('refuses other values instead of guessing', async () => {
    await expect(evaluateCondition('"false"', bindings(), { nodeId: 'c' })).rejects.toThrow(
      'node "c": params.expression: cannot evaluate ""false"": must evaluate to true or false, got a string',
    );
    await expect(evaluateCondition('$trigger.body.items', bindings(), { nodeId: 'c' })).rejects.toThrow('got an array');
  });
});
