import { describe, expect, it } from 'vitest';
import { evaluateExpression, ExpressionError, expressionSyntaxError, renderParams } from '../../src/expressions';
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

describe('allocation is bounded, not only steps', () => {
  it('refuses $pad that would build a string over the value limit, before building it', async () => {
    const error = await failureOf("$pad('', 1e9)");
    expect(error.reasonCode).toBe('limit_exceeded');
    expect(error.message).toContain('$pad would be longer than 2097152');
  });

  it('stops twenty large pads that each fit but together do not (maxAllocation)', async () => {
    // Each value is under the one-value limit; together they pass the evaluation's total.
    const error = await failureOf("[1..20].$pad('', 2000000)");
    expect(error.reasonCode).toBe('limit_exceeded');
    expect(error.message).toContain('maxAllocation');
  });

  it('refuses $join and $string of one long string repeated, and such a result', async () => {
    const shared = "($s := $pad('', 100000); ";
    expect((await failureOf(`${shared}$join([1..1000].$s))`)).message).toContain('$join would be longer');
    expect((await failureOf(`${shared}$string([1..1000].$s))`)).message).toContain('$string would be longer');
    expect((await failureOf(`${shared}[1..1000].$s)`)).message).toContain('the result is longer than');
  });

  it('refuses $replace whose replacements would pass the value limit', async () => {
    const error = await failureOf("$replace($pad('', 10000, 'a'), 'a', $pad('', 1000))");
    expect(error.message).toContain('$replace would be longer');
    expect(await evaluateExpression("$replace('a-b-c', '-', '+')", bindings())).toBe('a+b+c');
    expect(await evaluateExpression("$replace('John Smith', /(\\w+)\\s(\\w+)/, '$2, $1')", bindings())).toBe(
      'Smith, John',
    );
  });

  it('leaves ordinary string work alone', async () => {
    expect(await evaluateExpression("$join(['a', 'b', 'c'], ', ')", bindings())).toBe('a, b, c');
    expect(await evaluateExpression("$pad('7', -3, '0')", bindings())).toBe('007');
    expect(await evaluateExpression('$string({"a": [1, 2]})', bindings())).toBe('{"a":[1,2]}');
    expect(await evaluateExpression('$string({"a": 1}, true)', bindings())).toBe('{\n  "a": 1\n}');
  });

  it('runs $distinct in linear time with JSONata deep equality', async () => {
    expect(await evaluateExpression('$count($distinct([1..200000]))', bindings())).toBe(200000);
    expect(
      await evaluateExpression('$distinct([{"a": 1, "b": [2]}, {"b": [2], "a": 1}, 1, "1", 1])', bindings()),
    ).toEqual([{ a: 1, b: [2] }, 1, '1']);
    expect(await evaluateExpression('$distinct($trigger.tags)', bindings({ tags: ['x', 'y', 'x'] }))).toEqual([
      'x',
      'y',
    ]);
  });
});

describe('regular expressions run in linear time', () => {
  it('answers a pattern that backtracks exponentially on a hostile input', async () => {
    const hostile = { s: `${'a'.repeat(100_000)}!` };
    expect(await evaluateExpression('$match($trigger.s, /^(a+)+$/)', bindings(hostile))).toBeUndefined();
    expect(await evaluateExpression('$contains($trigger.s, /(a|aa)+!/)', bindings(hostile))).toBe(true);
  });

  it('keeps JSONata regex behaviour: groups, flags, all matches, split and replace', async () => {
    expect(await evaluateExpression("$match('ab12cd345', /[0-9]+/).match", bindings())).toEqual(['12', '345']);
    expect(await evaluateExpression("$match('Key=Val', /(\\w+)=(\\w+)/).groups", bindings())).toEqual(['Key', 'Val']);
    expect(await evaluateExpression("$contains('HELLO', /hello/i)", bindings())).toBe(true);
    expect(await evaluateExpression("$split('a1b22c', /[0-9]+/)", bindings())).toEqual(['a', 'b', 'c']);
    expect(await evaluateExpression("$replace('a.b.c', /\\./, '/')", bindings())).toBe('a/b/c');
    expect(await evaluateExpression("$match('é😀x', /x/).index", bindings())).toBe(3);
  });

  it('refuses on save a regex that needs backtracking', () => {
    expect(expressionSyntaxError('$match($trigger.s, /a(?=b)/)')).toContain('not supported');
    expect(expressionSyntaxError('$contains($trigger.s, /(a)\\1/)')).toContain('not supported');
    expect(expressionSyntaxError('$match($trigger.s, /a+b/)')).toBeUndefined();
  });
});
