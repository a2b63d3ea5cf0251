import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../plugin/json-schema';
import { toProblem, uniqueProblems } from './schema-problems';
import type { SchemaProblem } from './schema-problem';

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
 */
export type CompiledSchema = { ok: true; validate: ValidateFunction } | { ok: false; problems: SchemaProblem[] };

const CACHE_LIMIT = 1000;
const cache = new Map<string, CompiledSchema>();
// Plugin schemas are the same object on every call: skip serializing them.
const bySchemaObject = new WeakMap<JsonSchema, CompiledSchema>();

type Dialect = 'draft2020' | 'draft7';

// A Map, not an object literal: `$schema` is user input and must not reach `constructor` or `__proto__`.
const DIALECT_BY_SCHEMA_URI = new Map<string, Dialect>([
  ['https://json-schema.org/draft/2020-12/schema', 'draft2020'],
  ['http://json-schema.org/draft-07/schema', 'draft7'],
  ['https://json-schema.org/draft-07/schema', 'draft7'],
]);

let metaValidators: Record<Dialect, Ajv> | undefined;

/** Compiles `schema` (cached). Problems have JSON Pointers relative to the schema's root. */
export function compileUserSchema(schema: JsonSchema): CompiledSchema {
  const known = bySchemaObject.get(schema);
  if (known) return known;
  const compiled = compileByText(schema);
  bySchemaObject.set(schema, compiled);
  return compiled;
}

function compileByText(schema: JsonSchema): CompiledSchema {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) {
    // Re-insert to mark as most recently used.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const compiled = compileUncached(schema);
  cache.set(key, compiled);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return compiled;
}

function compileUncached(schema: JsonSchema): CompiledSchema {
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
  try {
    return { ok: true, validate: isolatedInstance(dialect).compile(schema) };
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

function isolatedInstance(dialect: Dialect): Ajv {
  // The schema was checked against its meta-schema already; skipping that here makes an instance cheap.
  // `verbose` puts the failing schema on each error, which `required-choices` reads.
  const options = {
    strict: false,
    allErrors: true,
    verbose: true,
    logger: false,
    meta: false,
    validateSchema: false,
  } as const;
  const ajv = dialect === 'draft2020' ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  return ajv;
}

function failure(path: string, message: string): CompiledSchema {
  return { ok: false, problems: [{ path, message }] };
}
