import { jsonPointer } from './json-pointer';

// Keywords whose value is a schema, an array of schemas, or a map of schemas (draft-07 and 2020-12). Only
// these are walked: the values of `const`, `enum`, `default`, `examples`, ... are data, whatever keys they hold.
const SCHEMA_KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'contentSchema',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const SCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
const SCHEMA_MAP_KEYWORDS = new Set([
  '$defs',
  'definitions',
  'dependencies',
  'dependentSchemas',
  'patternProperties',
  'properties',
]);

/** Calls `visit` with every schema object inside `schema` (itself included) and its JSON Pointer. */
export function forEachSubschema(
  schema: unknown,
  visit: (subschema: Record<string, unknown>, path: string) => void,
): void {
  walk(schema, [], visit);
}

function walk(
  schema: unknown,
  segments: (string | number)[],
  visit: (subschema: Record<string, unknown>, path: string) => void,
): void {
  if (!isObject(schema)) return;
  visit(schema, jsonPointer(segments));
  for (const [keyword, value] of Object.entries(schema)) {
    if (Array.isArray(value)) {
      if (SCHEMA_ARRAY_KEYWORDS.has(keyword)) {
        value.forEach((item, index) => walk(item, [...segments, keyword, index], visit));
      }
    } else if (SCHEMA_MAP_KEYWORDS.has(keyword)) {
      if (isObject(value)) {
        for (const [name, item] of Object.entries(value)) walk(item, [...segments, keyword, name], visit);
      }
    } else if (SCHEMA_KEYWORDS.has(keyword)) {
      walk(value, [...segments, keyword], visit);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
