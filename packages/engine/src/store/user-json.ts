/**
 * User JSON (node params, input schemas, trigger payloads) may hold any keys, `$ref` and dotted keys
 * included. FerretDB refuses such keys and MongoDB restricts them, so user JSON is stored as JSON text:
 * it round-trips exactly, key order included, on both.
 */
export function encodeUserJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

export function decodeUserJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}
