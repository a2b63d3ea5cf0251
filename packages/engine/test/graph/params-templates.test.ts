import { describe, expect, it } from 'vitest';
import { validateDefinition, type DefinitionCatalog } from '../../src/graph';
import type { JsonSchema } from '@hookflow/sdk';
import { catalog, documentWith, orderAlert } from './definition-fixtures';

/** A catalog with one extra node type `custom` of the given params schema. */
function withCustom(paramsSchema: JsonSchema): DefinitionCatalog {
  const base = catalog();
  return { ...base, nodeType: (type) => (type === 'custom' ? { paramsSchema } : base.nodeType(type)) };
}

function validateCustom(paramsSchema: JsonSchema, params: unknown) {
  return validateDefinition(documentWith([{ id: 'n', type: 'custom', params }]), withCustom(paramsSchema));
}

function pathsOf(result: ReturnType<typeof validateDefinition>): string[] {
  return result.ok ? [] : result.problems.map((problem) => problem.path);
}

describe('a {{ }} template stands in for any param value', () => {
  it('where a number, boolean, object or array is expected', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 1 },
        flag: { type: 'boolean' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
        when: { type: 'string', format: 'date-time' },
        mode: { enum: ['a', 'b'] },
      },
    };
    const params = {
      count: '{{ $trigger.count }}',
      flag: ' {{ $trigger.flag }} ',
      headers: '{{ $trigger.headers }}',
      tags: '{{ $trigger.tags }}',
      when: '{{ $trigger.at }}',
      mode: '{{ $trigger.mode }}',
    };
    expect(validateCustom(schema, params).ok).toBe(true);
  });

  it('inside arrays and nested objects', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { rows: { type: 'array', items: { type: 'object', properties: { n: { type: 'number' } } } } },
    };
    expect(validateCustom(schema, { rows: [{ n: 1 }, { n: '{{ $trigger.n }}' }, '{{ $trigger.row }}'] }).ok).toBe(true);
  });

  it('but a plain string is still checked, and so are the template’s neighbours', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['url'],
      properties: { count: { type: 'integer' }, other: { type: 'integer' }, url: { type: 'string' } },
    };
    expect(pathsOf(validateCustom(schema, { count: '{{ 1 }}', other: 'two' }))).toEqual([
      '/nodes/0/params/url',
      '/nodes/0/params/other',
    ]);
  });

  it('text with an unclosed {{ is not a template and is checked as is', () => {
    const schema: JsonSchema = { type: 'object', properties: { count: { type: 'integer' } } };
    expect(pathsOf(validateCustom(schema, { count: '{{ $trigger.count' }))).toEqual([
      '/nodes/0/params/count',
      '/nodes/0/params/count',
    ]);
  });

  it('satisfies an anyOf/oneOf branch that discriminates on the templated value', () => {
    const schema: JsonSchema = {
      type: 'object',
      oneOf: [
        { properties: { kind: { const: 'email' }, to: { type: 'string' } }, required: ['kind', 'to'] },
        { properties: { kind: { const: 'sms' }, phone: { type: 'string' } }, required: ['kind', 'phone'] },
      ],
    };
    expect(validateCustom(schema, { kind: '{{ $trigger.kind }}', to: 'a@b.c' }).ok).toBe(true);
    // No branch can pass whatever the template yields: `to` and `phone` are both missing.
    expect(pathsOf(validateCustom(schema, { kind: '{{ $trigger.kind }}' }))).toContain('/nodes/0/params');
  });

  it('satisfies an if/then whose then-branch fails only on the template', () => {
    const schema: JsonSchema = {
      type: 'object',
      if: { properties: { method: { const: 'POST' } } },
      then: { properties: { body: { type: 'object' } } },
    };
    expect(validateCustom(schema, { method: 'POST', body: '{{ $trigger }}' }).ok).toBe(true);
    expect(pathsOf(validateCustom(schema, { method: 'POST', body: 'plain' }))).toEqual([
      '/nodes/0/params/body',
      '/nodes/0/params',
    ]);
  });

  it('in the control nodes: delay seconds/until and wait timeout', () => {
    const document = documentWith([
      { id: 'd1', type: 'delay', params: { seconds: '{{ $trigger.wait }}' } },
      { id: 'd2', type: 'delay', params: { until: '{{ $trigger.remindAt }}' } },
      { id: 'w', type: 'wait', params: { event: 'approved', timeoutSeconds: '{{ $trigger.ttl }}' } },
    ]);
    expect(validateDefinition(document, catalog()).ok).toBe(true);
  });
});

describe('user JSON with any keys', () => {
  it('params holding $ref, $id and dotted keys are validated and returned untouched', () => {
    const params = {
      value: {
        $ref: '#/definitions/order',
        $id: 'urn:x',
        'a.b.c': { 'd.e': '{{ $trigger.x }}' },
        $where: 1,
        __proto__: { polluted: true },
      },
    };
    const document = documentWith([{ id: 'shape', type: 'transform', params }]);
    const copy = structuredClone(document);
    const result = validateDefinition(document, catalog());
    expect(result.ok).toBe(true);
    expect(document).toEqual(copy);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a params schema with $ref and dotted property names applies to params', () => {
    const schema: JsonSchema = {
      $defs: { port: { type: 'integer', maximum: 65535 } },
      type: 'object',
      properties: { 'server.port': { $ref: '#/$defs/port' } },
    };
    expect(validateCustom(schema, { 'server.port': 8080 }).ok).toBe(true);
    expect(pathsOf(validateCustom(schema, { 'server.port': 70000 }))).toEqual(['/nodes/0/params/server.port']);
    expect(validateCustom(schema, { 'server.port': '{{ $trigger.port }}' }).ok).toBe(true);
  });

  it('an inputSchema with $ref, $defs, $id and dotted keys is accepted untouched', () => {
    const inputSchema = {
      $id: 'https://example.com/order.json',
      $defs: { money: { type: 'number', minimum: 0 } },
      type: 'object',
      properties: { 'order.total': { $ref: '#/$defs/money' }, 'x-meta': { type: 'object' } },
    };
    const document = { ...orderAlert(), inputSchema };
    const copy = structuredClone(document);
    expect(validateDefinition(document, catalog()).ok).toBe(true);
    expect(document).toEqual(copy);
    // A second workflow may reuse the same $id with a different schema.
    const other = { ...orderAlert(), inputSchema: { ...inputSchema, required: ['order.total'] } };
    expect(validateDefinition(other, catalog()).ok).toBe(true);
  });
});
