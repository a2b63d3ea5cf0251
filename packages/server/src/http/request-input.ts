import { MAX_PAYLOAD_DEPTH, nestsDeeperThan } from '@hookflow/sdk/pipeline';
import { invalidRequest } from './invalid-request';

/**
 * Readers of request input (bodies, query strings) that refuse what is malformed with 400 `invalid_request`,
 * naming the field as a JSON Pointer (`/name`) or a query parameter (`?limit`).
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as a JSON object; a missing body counts as `{}` when `optional`. */
export function objectBody(body: unknown, options: { optional?: boolean } = {}): JsonObject {
  if (body === undefined && options.optional) return {};
  if (!isJsonObject(body)) throw invalidRequest('', 'the request body must be a JSON object');
  return body;
}

/** Refuses body fields other than `allowed`, so a typo is reported rather than ignored. */
export function onlyFields(body: JsonObject, allowed: readonly string[]): void {
  const unknown = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw invalidRequest(`/${unknown}`, 'is not an allowed property');
}

/**
 * Refuses a value nesting deeper than webhooks may (`MAX_PAYLOAD_DEPTH`): what an admin sends into a run
 * (manual-run and event payloads) goes through the same recursive steps after parsing, which a hostile
 * depth overflows.
 */
export function boundedNesting(value: unknown, path: string): unknown {
  if (nestsDeeperThan(value, MAX_PAYLOAD_DEPTH)) {
    throw invalidRequest(path, `nests deeper than ${MAX_PAYLOAD_DEPTH} levels`);
  }
  return value;
}

/** A single-valued query parameter (`?a=1&a=2` is refused), or undefined when absent. */
export function queryValue(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`?${name}`, 'must be given once, as a plain value');
  return value;
}

/** An integer query parameter within `[min, max]`, or `fallback` when absent. */
export function integerQuery(
  query: Record<string, unknown>,
  name: string,
  range: { min: number; max: number; fallback?: number },
): number | undefined {
  const text = queryValue(query, name);
  if (text === undefined) return range.fallback;
  const value = /^[0-9]{1,10}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw invalidRequest(`?${name}`, `must be an integer from ${range.min} to ${range.max}`);
  }
  return value;
}
