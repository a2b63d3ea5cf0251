import { describe, expect, it } from 'vitest';
import { ExpressionError, renderParams } from '../../src/expressions';
import { HookflowError } from '@hookflow/sdk';
import { bindings } from './bindings-fixture';

const render = (params: Record<string, unknown>, trigger?: unknown) =>
  renderParams(params, bindings(trigger), { nodeId: 'n' });

describe('renderParams', () => {
  it('gives the raw value for a string that is exactly one template', async () => {
    expect(
      await render({
        amount: '{{ $trigger.body.amount }}',
        items: ' {{ $trigger.body.items }} ',
        big: '{{ $trigger.body.amount > 100 }}',
        nothing: '{{ null }}',
        order: '{{ {"id": $trigger.body.orderId, "n": $count($trigger.body.items)} }}',
      }),
    ).toEqual({ amount: 250, items: [3, 4], big: true, nothing: null, order: { id: 'o-1', n: 2 } });
  });

  it('interpolates templates inside text: strings as-is, nothing as empty, the rest as JSON', async () => {
    expect(
      await render({
        message: 'order {{ $trigger.body.orderId }} of {{ $trigger.body.amount }}',
        list: 'items={{ $trigger.body.items }}; obj={{ {"a": 1} }}; null={{ null }}; ok={{ true }}',
        missing: 'x[{{ $trigger.nope }}]',
        two: '{{ 1 }}{{ 2 }}',
      }),
    ).toEqual({
      message: 'order o-1 of 250',
      list: 'items=[3,4]; obj={"a":1}; null=null; ok=true',
      missing: 'x[]',
      two: '12',
    });
  });

  it('renders nested objects and arrays, leaving non-template values alone', async () => {
    expect(
      await render({
        method: 'POST',
        retries: 3,
        enabled: false,
        empty: null,
        body: {
          order: '{{ $trigger.body.orderId }}',
          lines: ['{{ $trigger.body.items[0] }}', 'n={{ $trigger.body.items[1] }}', 7],
        },
      }),
    ).toEqual({
      method: 'POST',
      retries: 3,
      enabled: false,
      empty: null,
      body: { order: 'o-1', lines: [3, 'n=4', 7] },
    });
  });

  it('drops a key whose single template matches nothing, and uses null in arrays, like JSON', async () => {
    expect(await render({ gone: '{{ $trigger.nope }}', kept: 1, list: ['{{ $trigger.nope }}'] })).toEqual({
      kept: 1,
      list: [null],
    });
  });

  it('exposes $trigger, $nodes, $workflow and $execution, and the trigger as the context value', async () => {
    expect(
      await render({
        trigger: '{{ $trigger.body.orderId }}',
        context: '{{ body.orderId }}',
        node: '{{ $nodes.fetch.output.body.user.name }}',
        workflow: '{{ $workflow.name }} v{{ $workflow.version }} ({{ $workflow.id }})',
        execution: '{{ $execution.id }} at {{ $execution.startedAt }}',
      }),
    ).toEqual({
      trigger: 'o-1',
      context: 'o-1',
      node: 'Ada',
      workflow: 'order-alert v3 (wf_1)',
      execution: 'wf_1:delivery-9 at 2030-01-01T00:00:00.000Z',
    });
  });

  it('returns fresh JSON that shares nothing with the bindings or the params', async () => {
    const context = bindings();
    const params = { whole: '{{ $trigger.body }}', literal: { a: [1] } };
    const rendered = await renderParams(params, context, { nodeId: 'n' });
    (rendered.whole as { amount: number }).amount = 0;
    (rendered.literal as { a: number[] }).a.push(2);
    expect((context.trigger as { body: { amount: number } }).body.amount).toBe(250);
    expect(params.literal.a).toEqual([1]);
    expect(Object.getPrototypeOf(rendered.whole)).toBe(Object.prototype);
  });

  it('keeps user keys such as __proto__, $ref and dotted keys as plain keys', async () => {
    const params = JSON.parse('{"__proto__": {"x": "{{ 1 }}"}, "$ref": "#/a", "a.b": "{{ 2 }}"}') as Record<
      string,
      unknown
    >;
    const rendered = await render(params);
    expect(Object.keys(rendered)).toEqual(['__proto__', '$ref', 'a.b']);
    expect(Object.getOwnPropertyDescriptor(rendered, '__proto__')?.value).toEqual({ x: 1 });
    expect(rendered['a.b']).toBe(2);
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
  });

  it('fails with an ExpressionError naming node, param path and expression', async () => {
    const failure = renderParams({ body: { lines: ['ok', 'total {{ $trigger.body.amount + }}'] } }, bindings(), {
      nodeId: 'notify',
    });
    await expect(failure).rejects.toBeInstanceOf(ExpressionError);
    const error = (await failure.catch((caught: unknown) => caught)) as ExpressionError;
    expect(error).toBeInstanceOf(HookflowError);
    expect(error.code).toBe('expression_error');
    expect(error.nodeId).toBe('notify');
    expect(error.paramPath).toBe('params.body.lines[1]');
    expect(error.expression).toBe(' $trigger.body.amount + ');
    expect(error.message).toMatch(
      /^node "notify": params\.body\.lines\[1\]: cannot evaluate "\$trigger\.body\.amount \+": .+/,
    );
  });

  it('fails on evaluation errors too, with JSONata’s reason', async () => {
    await expect(render({ 'x-sum': '{{ $sum("a") }}' })).rejects.toThrow(
      /^node "n": params\["x-sum"\]: cannot evaluate "\$sum\("a"\)": .*sum/,
    );
  });

  it('refuses a function as a value', async () => {
    await expect(render({ f: '{{ $sum }}' })).rejects.toThrow('evaluates to a function, which is not a JSON value');
    await expect(render({ f: 'x {{ function($v){ $v } }}' })).rejects.toThrow(ExpressionError);
  });
});
