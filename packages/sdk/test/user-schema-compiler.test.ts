import { describe, expect, it } from 'vitest';
import { compileUserSchema, schemaProblems, type CompiledSchema } from '../src/json-schema';

function validator(compiled: CompiledSchema) {
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.validate;
}

describe('compileUserSchema', () => {
  it('compiles draft 2020-12 by default and draft-07 when $schema says so', () => {
    const tuple2020 = validator(compileUserSchema({ type: 'array', prefixItems: [{ type: 'string' }] }));
    expect(tuple2020([1])).toBe(false);
    const tuple07 = validator(
      compileUserSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'array',
        items: [{ type: 'string' }],
      }),
    );
    expect(tuple07([1])).toBe(false);
    expect(tuple07(['a'])).toBe(true);
  });

  it('refuses an unknown $schema', () => {
    expect(compileUserSchema({ $schema: 'http://json-schema.org/draft-04/schema#' })).toEqual({
      ok: false,
      problems: [{ path: '/$schema', message: expect.stringContaining('unsupported $schema') as string }],
    });
    expect(compileUserSchema({ $schema: 'constructor' }).ok).toBe(false);
  });

  it('ignores unknown keywords and formats instead of failing (strict: false)', () => {
    const validate = validator(compileUserSchema({ type: 'string', 'x-ui': { widget: 'text' }, format: 'made-up' }));
    expect(validate('anything')).toBe(true);
  });

  it('checks standard formats', () => {
    const validate = validator(compileUserSchema({ type: 'string', format: 'date-time' }));
    expect(validate('2030-01-01T00:00:00Z')).toBe(true);
    expect(validate('tomorrow')).toBe(false);
  });

  it('keeps schemas apart: the same $id twice, and no reference to another schema', () => {
    const first = validator(compileUserSchema({ $id: 'https://example.com/shared.json', type: 'string' }));
    const second = validator(compileUserSchema({ $id: 'https://example.com/shared.json', type: 'number' }));
    expect([first('a'), second('a'), second(1)]).toEqual([true, false, true]);
    expect(compileUserSchema({ $ref: 'https://example.com/shared.json' }).ok).toBe(false);
  });

  it('returns the cached validator for an equal schema', () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' } } };
    expect(validator(compileUserSchema(schema))).toBe(validator(compileUserSchema(structuredClone(schema))));
  });

  it('reports an invalid pattern', () => {
    expect(compileUserSchema({ type: 'string', pattern: '(' })).toEqual({
      ok: false,
      problems: [{ path: '/pattern', message: expect.stringContaining('Invalid regular expression') as string }],
    });
  });
});

describe('schemaProblems', () => {
  it('prefixes paths and reports every error', () => {
    const validate = validator(
      compileUserSchema({ type: 'object', required: ['a'], properties: { b: { type: 'integer' } } }),
    );
    expect(schemaProblems(validate, { b: 'x' }, { basePath: '/payload' })).toEqual([
      { path: '/payload/a', message: 'is required' },
      { path: '/payload/b', message: 'must be integer' },
    ]);
    expect(schemaProblems(validate, { a: 1 })).toEqual([]);
  });
});
