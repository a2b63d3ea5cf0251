import type { JsonObject, WorkflowResource } from '../api/types';

/** The fields of a workflow definition; a resource's other fields (id, version, URLs, times, plugin fields) are state. */
export const DEFINITION_FIELDS = ['name', 'description', 'trigger', 'inputSchema', 'nodes', 'edges'] as const;

/** What the API answers in place of a write-only (secret) trigger config value. */
export const REDACTED = '[redacted]';

/** Path of a value inside a definition, as object keys and array indexes. */
export type ValuePath = (string | number)[];

/** The definition part of a workflow resource, in the canonical field order. */
export function definitionOf(resource: WorkflowResource): JsonObject {
  const definition: JsonObject = {};
  for (const field of DEFINITION_FIELDS) {
    if (resource[field] !== undefined) definition[field] = resource[field];
  }
  return definition;
}

/** A file's definition: everything but `enabled`, which is state the CLI sets separately. */
export function fileDefinition(body: JsonObject): JsonObject {
  const { enabled: _enabled, ...definition } = body;
  return definition;
}

/** Where the server shows a write-only value as `[redacted]`. */
export function redactedPaths(value: unknown, path: ValuePath = []): ValuePath[] {
  if (value === REDACTED) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => redactedPaths(item, [...path, index]));
  if (isObject(value)) return Object.entries(value).flatMap(([key, item]) => redactedPaths(item, [...path, key]));
  return [];
}

/**
 * The body to send for `file` over the stored `current`: a write-only value that the file leaves out (as
 * `export` writes it) is sent back as `[redacted]`, which tells the server to keep the stored secret.
 */
export function withKeptSecrets(file: JsonObject, current: JsonObject): JsonObject {
  const copy = structuredClone(file);
  for (const path of redactedPaths(current)) {
    const parent = valueAt(copy, path.slice(0, -1));
    const key = path[path.length - 1];
    if (key === undefined || !isObject(parent) || Object.hasOwn(parent, key)) continue;
    parent[key] = REDACTED;
  }
  return copy;
}

/** A copy without the values at `paths` (an object key is removed; the value was a secret placeholder). */
export function without(value: JsonObject, paths: readonly ValuePath[]): JsonObject {
  const copy = structuredClone(value);
  for (const path of paths) {
    const parent = valueAt(copy, path.slice(0, -1));
    const key = path[path.length - 1];
    if (isObject(parent) && typeof key === 'string') delete parent[key];
  }
  return copy;
}

/** Deep equality of JSON values; object key order does not matter, array order does. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isObject(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, item[key]]),
        )
      : item,
  );
}

export function valueAt(root: unknown, path: ValuePath): unknown {
  let current = root;
  for (const key of path) {
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `['trigger', 'config', 'secret']` → `trigger.config.secret`. */
export function dottedPath(path: ValuePath): string {
  return path
    .map((key) => (typeof key === 'number' ? `[${key}]` : key))
    .join('.')
    .replace(/\.\[/g, '[');
}
