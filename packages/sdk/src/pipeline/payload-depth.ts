/**
 * Deepest nesting Hookflow runs with. JSON.parse copes with any depth, but the recursive steps after it
 * (schema validation, Temporal's JSON serialization, expressions) overflow the stack on a hostile payload.
 */
export const MAX_PAYLOAD_DEPTH = 100;

/** True when `value` nests objects/arrays deeper than `maxDepth`; iterative, so it never overflows itself. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > maxDepth) return true;
    const children: unknown[] = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth });
    }
  }
  return false;
}
