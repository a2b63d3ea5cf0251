/**
 * JSONata results are not always plain JSON: sequences are arrays carrying extra flags, functions are
 * objects flagged `_jsonata_function`/`_jsonata_lambda` (lambdas even hold their circular environment),
 * and results may share objects with the bindings. Rendered params leave the workflow as activity input,
 * so they are copied into fresh, plain JSON here.
 */
export class NotJsonValue extends Error {
  constructor(what: string) {
    super(`evaluates to ${what}, which is not a JSON value`);
    this.name = 'NotJsonValue';
  }
}

/** A deep, plain copy; `undefined` stays `undefined` at the top and is dropped from objects like JSON does. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'function' || isJsonataFunction(value)) throw new NotJsonValue('a function');
  if (Array.isArray(value)) return value.map((item: unknown) => toJsonValue(item) ?? null);
  if (typeof value === 'object') {
    // fromEntries defines own properties, so a `__proto__` key stays a key and never becomes a prototype.
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) => {
        const copy = toJsonValue(item);
        return copy === undefined ? [] : [[key, copy]];
      }),
    );
  }
  throw new NotJsonValue(`a ${typeof value}`);
}

/** How a template's value reads inside a longer string: strings as-is, nothing as '', the rest as JSON. */
export function interpolationText(value: unknown): string {
  const json = toJsonValue(value);
  if (json === undefined) return '';
  return typeof json === 'string' ? json : JSON.stringify(json);
}

function isJsonataFunction(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const flags = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return flags._jsonata_function === true || flags._jsonata_lambda === true;
}
