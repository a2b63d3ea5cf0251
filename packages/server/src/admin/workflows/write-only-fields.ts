import type { JsonSchema } from '@hookflow/sdk';
import { isJsonObject } from '../../http/request-input';

/** What a secret (`writeOnly: true` in the trigger's `configSchema`) reads as in every response. */
export const REDACTED = '[redacted]';

/** Path of a value inside the config, as object keys and array indexes. */
export type ValuePath = (string | number)[];

/** Deep enough for any real config schema; stops runaway `$ref` cycles. */
const MAX_DEPTH = 32;

/**
 * Where `value` holds a field its schema marks `writeOnly: true`. The schema is walked alongside the value
 * (`properties`, `patternProperties`, `additionalProperties`, `items`, `prefixItems`, local `$ref`, and every
 * branch of `allOf`/`anyOf`/`oneOf`): a field counts as secret if any applicable subschema says so — when in
 * doubt, hide.
 */
export function writeOnlyPaths(schema: JsonSchema, value: unknown): ValuePath[] {
  const found: ValuePath[] = [];
  collect(schema, value, [], schema, 0, found);
  const unique = new Map(found.map((path) => [JSON.stringify(path), path]));
  return [...unique.values()];
}

function collect(
  schema: unknown,
  value: unknown,
  path: ValuePath,
  root: JsonSchema,
  depth: number,
  found: ValuePath[],
) {
  if (!isJsonObject(schema) || value === undefined || depth > MAX_DEPTH) return;
  if (schema.writeOnly === true) {
    found.push(path);
    return;
  }
  const next = (subschema: unknown, subvalue: unknown, subpath: ValuePath) =>
    collect(subschema, subvalue, subpath, root, depth + 1, found);

  if (typeof schema.$ref === 'string') next(resolveLocalRef(root, schema.$ref), value, path);
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) for (const branch of branches) next(branch, value, path);
  }

  if (isJsonObject(value)) {
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    const patterns = isJsonObject(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      const matching = patterns.filter(([pattern]) => safePattern(pattern)?.test(key)).map(([, sub]) => sub);
      if (Object.hasOwn(properties, key)) next(properties[key], child, childPath);
      for (const sub of matching) next(sub, child, childPath);
      if (!Object.hasOwn(properties, key) && matching.length === 0) next(schema.additionalProperties, child, childPath);
    }
  } else if (Array.isArray(value)) {
    // Draft 2020-12 tuples are `prefixItems` + `items`; draft-07 tuples are an `items` array + `additionalItems`.
    const tuple: unknown[] = Array.isArray(schema.prefixItems)
      ? (schema.prefixItems as unknown[])
      : Array.isArray(schema.items)
        ? (schema.items as unknown[])
        : [];
    const rest: unknown = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
    value.forEach((child: unknown, index) => {
      const itemSchema = index < tuple.length ? tuple[index] : rest;
      next(itemSchema, child, [...path, index]);
    });
  }
}

/** `#/$defs/x` and other JSON Pointers into the same schema; remote references are not followed. */
function resolveLocalRef(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer === '') return root;
  let current: unknown = root;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isJsonObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function safePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/** A copy of `config` with every write-only value replaced by `REDACTED`; key order is kept. */
export function redactWriteOnly(schema: JsonSchema, config: unknown): unknown {
  const paths = writeOnlyPaths(schema, config);
  if (paths.length === 0) return config;
  if (paths.some((path) => path.length === 0)) return REDACTED;
  const copy = JSON.parse(JSON.stringify(config)) as unknown;
  for (const path of paths) replaceAt(copy, path, REDACTED);
  return copy;
}

export interface KeptSecrets {
  config: unknown;
  /** Paths where `REDACTED` was sent but no stored secret exists to keep. */
  unmatched: ValuePath[];
}

/**
 * The config to save when a client sends back what it read: each write-only field holding `REDACTED` takes the
 * value stored at the same path of `stored` (the version being replaced, same trigger type). Other values,
 * new secrets included, are taken as sent.
 */
export function keepStoredSecrets(schema: JsonSchema, sent: unknown, stored: unknown): KeptSecrets {
  const placeholders = writeOnlyPaths(schema, sent).filter((path) => valueAt(sent, path) === REDACTED);
  if (placeholders.length === 0) return { config: sent, unmatched: [] };
  const copy = JSON.parse(JSON.stringify(sent)) as unknown;
  const unmatched: ValuePath[] = [];
  for (const path of placeholders) {
    const previous = valueAt(stored, path);
    if (previous === undefined || previous === REDACTED) unmatched.push(path);
    else replaceAt(copy, path, previous);
  }
  return { config: copy, unmatched };
}

function valueAt(root: unknown, path: ValuePath): unknown {
  let current = root;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(current) : !isJsonObject(current)) return undefined;
    const container = current as Record<string | number, unknown>;
    if (!Object.hasOwn(container, key)) return undefined;
    current = container[key];
  }
  return current;
}

function replaceAt(root: unknown, path: ValuePath, value: unknown): void {
  if (path.length === 0) return;
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (!isJsonObject(parent) && !Array.isArray(parent)) return;
  // defineProperty, not assignment: a user key named `__proto__` must stay a plain own property.
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
}
