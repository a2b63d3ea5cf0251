import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../plugin/json-schema';
import { linearRegExp } from './linear-regexp';
import { toProblem, uniqueProblems } from './schema-problems';
import type { SchemaProblem } from './schema-problem';
import { patternProblems, untrustedInputProblems } from './schema-rules';
import { useLinearUniqueItems } from './unique-items';

/**
 * Compiles the JSON Schemas users and plugins write (`inputSchema`, `paramsSchema`, `configSchema`).
 *
 * - Dialect from `$schema`: draft 2020-12 (the default) or draft-07.
 * - `strict: false`: any keyword is allowed and unknown ones are ignored, as JSON Schema says.
 * - Each schema compiles in an Ajv instance of its own. A shared instance would keep every `$id` it has
 *   seen, so two workflows using the same `$id` would collide, one schema could `$ref` another user's,
 *   and memory would grow with every version ever saved. Only meta-schema validation is shared.
 * - Results (failures too) are cached by the schema's JSON text, in a bounded LRU: the same schemas come
 *   back on every save and every webhook. Schemas are treated as immutable once compiled.
 * - Whatever the purpose, `pattern`s run on a linear-time engine and `uniqueItems` is linear (a webhook's data
 *   reaches plugin params too): nothing a sender posts can make validation backtrack or go quadratic.
 */
export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; problems: SchemaProblem[] };

/**
 * - `document`: what admins and plugins write (params, config, credentials), checked on save: every error,
 *   with the failing schema on it (`verbose`), so that one save reports every problem.
 * - `untrusted-input`: an `inputSchema`, checked against whatever a webhook sender posts. Stops at the first
 *   error: with every error, a 1 MiB array of wrong items made 500 000 error objects (88 MB, 220 ms of
 *   blocked event loop per request). Refuses `uniqueItems` without `maxItems` (`untrustedInputProblems`).
 * - `rendered-params`: a node type's `paramsSchema`, checked on the worker against params rendered from
 *   trigger data. Stops at the first error, as `untrusted-input` does (the values are a sender's); refuses
 *   nothing of the schema, which is the plugin author's and was accepted when the plugin loaded.
 */
export type SchemaPurpose = 'document' | 'untrusted-input' | 'rendered-params';

const CACHE_LIMIT = 1000;
const cache = new Map<string, CompiledSchema>();
// Plugin schemas are the same object on every call: skip serializing them.
const bySchemaObject: Record<SchemaPurpose, WeakMap<JsonSchema, CompiledSchema>> = {
  document: new WeakMap(),
  'untrusted-input': new WeakMap(),
  'rendered-params': new WeakMap(),
};

type Dialect = 'draft2020' | 'draft7';

// A Map, not an object literal: `$schema` is user input and must not reach `constructor` or `__proto__`.
const DIALECT_BY_SCHEMA_URI = new Map<string, Dialect>([
  ['https://json-schema.org/draft/2020-12/schema', 'draft2020'],
  ['http://json-schema.org/draft-07/schema', 'draft7'],
  ['https://json-schema.org/draft-07/schema', 'draft7'],
]);

let metaValidators: Record<Dialect, Ajv> | undefined;

/** Compiles `schema` (cached) for `purpose`. Problems have JSON Pointers relative to the schema's root. */
export function compileUserSchema(schema: JsonSchema, purpose: SchemaPurpose = 'document'): CompiledSchema {
  const known = bySchemaObject[purpose].get(schema);
  if (known) return known;
  const compiled = compileByText(schema, purpose);
  bySchemaObject[purpose].set(schema, compiled);
  return compiled;
}

function compileByText(schema: JsonSchema, purpose: SchemaPurpose): CompiledSchema {
  const key = `${purpose} ${JSON.stringify(schema)}`;
  const cached = cache.get(key);
  if (cached) {
    // Re-insert to mark as most recently used.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const compiled = compileUncached(schema, purpose);
  cache.set(key, compiled);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return compiled;
}

function compileUncached(schema: JsonSchema, purpose: SchemaPurpose): CompiledSchema {
  const dialect = dialectOf(schema.$schema);
  if (dialect === undefined) {
    return failure(
      '/$schema',
      'unsupported $schema: use https://json-schema.org/draft/2020-12/schema or http://json-schema.org/draft-07/schema#',
    );
  }
  const meta = metaValidator(dialect);
  if (!meta.validateSchema(schema)) {
    return { ok: false, problems: uniqueProblems((meta.errors ?? []).map((error) => toProblem(error, ''))) };
  }
  const ruleProblems = [
    ...patternProblems(schema),
    ...(purpose === 'untrusted-input' ? untrustedInputProblems(schema) : []),
  ];
  if (ruleProblems.length > 0) return { ok: false, problems: ruleProblems };
  try {
    return { ok: true, validate: isolatedInstance(dialect, purpose).compile(schema) };
  } catch (error) {
    // Unresolvable `$ref`, invalid `pattern`, ...: Ajv names the problem but not where, so report the root.
    return failure('', error instanceof Error ? error.message : String(error));
  }
}

function dialectOf(schemaUri: unknown): Dialect | undefined {
  if (schemaUri === undefined) return 'draft2020';
  if (typeof schemaUri !== 'string') return undefined;
  return DIALECT_BY_SCHEMA_URI.get(schemaUri.replace(/#$/, ''));
}

function metaValidator(dialect: Dialect): Ajv {
  metaValidators ??= {
    draft2020: new Ajv2020({ strict: false, allErrors: true, logger: false }),
    draft7: new Ajv({ strict: false, allErrors: true, logger: false }),
  };
  return metaValidators[dialect];
}

function isolatedInstance(dialect: Dialect, purpose: SchemaPurpose): Ajv {
  // The schema was checked against its meta-schema already; skipping that here makes an instance cheap.
  // `verbose` puts the failing schema on each error, which `required-choices` reads.
  const everyError = purpose === 'document';
  const options = {
    strict: false,
    allErrors: everyError,
    verbose: everyError,
    logger: false,
    meta: false,
    validateSchema: false,
    code: { regExp: linearRegExp },
  } as const;
  const ajv = dialect === 'draft2020' ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  useLinearUniqueItems(ajv);
  return ajv;
}

function failure(path: string, message: string): CompiledSchema {
  return { ok: false, problems: [{ path, message }] };
}
