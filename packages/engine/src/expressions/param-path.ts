const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A param's location for people: `params.body.order`, `params.items[2]`, `params["x-api-key"]`.
 * Error messages use it; JSON Pointers are for machines.
 */
export function formatParamPath(segments: readonly (string | number)[], root = 'params'): string {
  let path = root;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
