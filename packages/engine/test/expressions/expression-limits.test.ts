import { describe, expect, it } from 'vitest';
import { evaluateExpression, ExpressionError, renderParams } from '../../src/expressions';
import { bindings } from './bindings-fixture';

async function failureOf(
  expression: string,
  limits?: Parameters<typeof evaluateExpression>[2],
): Promise<ExpressionError> {
  const caught: unknown = await evaluateExpression(expression, bindings(), limits).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(ExpressionError);
  return caught as ExpressionError;
}

describe('runaway expressions fail instead of hanging', () => {
  it('an endless tail-recursive loop hits the step limit', async () => {
    const error = await failureOf('($loop := function($n){ $n < 0 ? 0 : $loop($n + 1) }; $loop(0))');
    expect(error.reasonCode).toBe('limit_exceeded');
    expect(error.message).toContain('exceeded 1000000 evaluation steps');
  });

  it('deep recursion hits the depth limit', async () => {
    const error = await failureOf('($f := function($n){ 1 + $f($n + 1) }; $f(0))');
    expect(error.reasonCode).toBe('limit_exceeded');
    expect(error.message).toContain('exceeded evaluation depth 1000');
  });

  it('a doubling string hits the value size limit', async () => {
    const error = await failureOf('$reduce([1..40], function($acc, $v){ $acc & $acc }, "x")');
    expect(error.message).toContain('produced a value longer than');
  });

  it('a huge range hits the sequence limit', async () => {
    const error = await failureOf('$count([1..5000000])');
    expect(error.reasonCode).toBe('D2015');
  });

  it('$eval cannot escape the guard', async () => {
    const error = await failureOf('$eval("($f := function($n){ $n < 0 ? 0 : $f($n + 1) }; $f(0))")');
    expect(error.message).toContain('evaluation steps');
  });

  it('is counted in steps, so the same expression always fails the same way', async () => {
    const limits = { limits: { maxSteps: 5_000 } };
    const expression = '$sum([1..5000].($ * 2))';
    const first = await failureOf(expression, limits);
    const second = await failureOf(expression, limits);
    expect(first.message).toBe(second.message);
    expect(await evaluateExpression('$sum([1..100].($ * 2))', bindings(), limits)).toBe(10100);
  });

  it('leaves ordinary work on a large payload alone', async () => {
    const items = Array.from({ length: 20_000 }, (_, index) => ({ price: index % 7, sku: `s${index}` }));
    const total = items.reduce((sum, item) => sum + item.price, 0);
    expect(await evaluateExpression('$sum($trigger.items.price)', bindings({ items }))).toBe(total);
  });

  it('applies to rendered params as well, naming the param', async () => {
    const failure = renderParams({ value: '{{ ($f := function($n){ $f($n + 1) }; $f(0)) }}' }, bindings(), {
      nodeId: 'spin',
      limits: { maxSteps: 10_000 },
    });
    await expect(failure).rejects.toThrow(
      /^node "spin": params\.value: cannot evaluate .*exceeded 10000 evaluation steps/,
    );
  });
});
