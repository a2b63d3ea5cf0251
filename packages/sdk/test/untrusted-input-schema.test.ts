import { describe, expect, it } from 'vitest';
import { compileUserSchema, type CompiledSchema } from '../src/json-schema';
import { assertInputMatches } from '../src/pipeline';
import { TriggerError } from '../src/errors';
import type { JsonSchema } from '../src/plugin/json-schema';

function validator(compiled: CompiledSchema) {
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.validate;
}

/** What `assertInputMatches` throws for `input`. */
function refusal(schema: JsonSchema, input: unknown): TriggerError {
  try {
    assertInputMatches(schema, input);
  } catch (error) {
    if (error instanceof TriggerError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

// A sender's 1 MiB body: half a million items of the wrong type.
const wrongItems = { items: new Array<number>(500_000).fill(0) };
const itemsOfStrings = { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } };

describe('inputSchema validation of untrusted input', () => {
  it('stops at the first error instead of building one per wrong item', () => {
    const validate = validator(compileUserSchema(itemsOfStrings, 'untrusted-input'));
    expect(validate(wrongItems)).toBe(false);
    expect(validate.errors).toHaveLength(1);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/items/0', keyword: 'type' });
    // No `verbose`: the error does not carry the (possibly huge) data and schema along.
    expect(validate.errors?.[0]).not.toHaveProperty('data');
  });

  it('answers 422 payload_invalid with a short list of details', () => {
    const error = refusal(itemsOfStrings, wrongItems);
    expect(error.status).toBe(422);
    expect(error.code).toBe('payload_invalid');
    expect(error.details).toEqual([
      { path: '/items/0', message: 'must be string', keyword: 'type', params: { type: 'string' } },
    ]);
  });

  it('lists a few details when several branches fail, never more than 50', () => {
    const branches = Array.from({ length: 80 }, (_, index) => ({ required: [`field${index}`] }));
    const error = refusal({ anyOf: branches }, {});
    expect(error.details?.length).toBe(50);
  });

  it('keeps reporting every error for documents (params, config): admins fix them all at once', () => {
    const validate = validator(compileUserSchema(itemsOfStrings));
    expect(validate({ items: [1, 2, 3] })).toBe(false);
    expect(validate.errors).toHaveLength(3);
  });

  it('refuses uniqueItems without maxItems in an inputSchema, at its path', () => {
    const schema = { type: 'object', properties: { tags: { type: 'array', uniqueItems: true } } };
    expect(compileUserSchema(schema, 'untrusted-input')).toEqual({
      ok: false,
      problems: [
        { path: '/properties/tags/uniqueItems', message: 'uniqueItems needs a maxItems beside it in an inputSchema' },
      ],
    });
    const bounded = { ...schema, properties: { tags: { type: 'array', uniqueItems: true, maxItems: 100 } } };
    expect(compileUserSchema(bounded, 'untrusted-input').ok).toBe(true);
    // Data that merely looks like the keyword is data, and a property may be named so.
    const lookalikes = { const: { uniqueItems: true }, properties: { uniqueItems: { type: 'boolean' } } };
    expect(compileUserSchema(lookalikes, 'untrusted-input').ok).toBe(true);
  });

  it('finds duplicates in linear time: objects equal whatever their key order', () => {
    const validate = validator(
      compileUserSchema({ type: 'array', uniqueItems: true, maxItems: 5000 }, 'untrusted-input'),
    );
    // Items that differ in their first element only: Ajv's pairwise comparison walks each to the end.
    const items: unknown[] = Array.from({ length: 2000 }, (_, index) => [index, ...new Array<number>(200).fill(0)]);
    expect(validate(items)).toBe(true);
    expect(validate([...items, { a: 1, b: [2, { c: 3 }] }, { b: [2, { c: 3 }], a: 1 }])).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'uniqueItems', params: { i: 2001, j: 2000 } });
    expect(validate([1, '1', [1], { 1: 1 }, null, true])).toBe(true);
  });

  it('matches patterns on a linear-time engine: a backtracking pattern answers at once', () => {
    const validate = validator(compileUserSchema({ type: 'string', pattern: '^(a+)+$' }, 'untrusted-input'));
    // V8's backtracking engine needs about 2^n steps for this; 100 000 would never finish.
    expect(validate('a'.repeat(100_000) + '!')).toBe(false);
    expect(validate('aaaa')).toBe(true);
  });

  it('refuses, on save, patterns that need backtracking (lookaround, backreferences), naming where', () => {
    const compiled = compileUserSchema({
      properties: { a: { type: 'string', pattern: '(x)\\1' } },
      patternProperties: { '^(?!internal)': { type: 'string' } },
    });
    expect(compiled.ok).toBe(false);
    expect(compiled.ok ? [] : compiled.problems.map((problem) => problem.path).sort()).toEqual([
      '/patternProperties/^(?!internal)',
      '/properties/a/pattern',
    ]);
  });

  it('keeps ECMAScript pattern syntax people write: classes, Unicode escapes, named groups, slashes', () => {
    const validate = validator(
      compileUserSchema({
        type: 'string',
        pattern: '^(?<scheme>https?)://[\\w.-]+/\\d{1,4}\\u00e9$',
      }),
    );
    expect(validate('https://shop.example/42é')).toBe(true);
    expect(validate('ftp://shop.example/42é')).toBe(false);
  });
});
