import jsonata from 'jsonata';
import type { EvaluationBudget } from './expression-limits';

/**
 * Built-in JSONata functions that can build a value far larger than their arguments in one native call,
 * before the evaluation hooks see it: `$pad('', 1e9)` allocates a gigabyte, `$join` a separator a million
 * times, `$string` an array holding one long string many times, `$replace` a long replacement per match.
 * Each is replaced by a wrapper that works out the size first and refuses through the budget. `$distinct`
 * compares every pair of items, so it is replaced by a linear one with the same result.
 */
interface NativeFunction {
  _jsonata_function: true;
  implementation: (this: unknown, ...args: unknown[]) => unknown;
  signature: unknown;
}

type Originals = Record<'pad' | 'join' | 'string' | 'replace', NativeFunction>;

let originals: Originals | undefined;

/** JSONata's own function objects, read once (an evaluation is the only way to reach them). */
export async function loadOriginalFunctions(): Promise<void> {
  if (originals) return;
  const found = (await jsonata('{"pad": $pad, "join": $join, "string": $string, "replace": $replace}').evaluate(
    {},
  )) as Originals;
  originals = found;
}

export function guardFunctions(expression: jsonata.Expression, budget: EvaluationBudget): void {
  if (!originals) throw new Error('loadOriginalFunctions() must run before an evaluation');
  const { pad, join, string, replace } = originals;
  const bind = (name: string, original: NativeFunction, check: (args: unknown[]) => void) => {
    const guarded: NativeFunction = {
      _jsonata_function: true,
      signature: original.signature,
      implementation(...args: unknown[]) {
        check(args);
        return original.implementation.apply(this, args);
      },
    };
    expression.assign(name, guarded);
  };

  bind('pad', pad, ([str, width]) => {
    if (typeof str !== 'string' || typeof width !== 'number') return;
    budget.assertCanProduce(Math.max(str.length, Math.abs(Math.trunc(width))), '$pad');
  });
  bind('join', join, ([strs, separator]) => {
    if (!Array.isArray(strs)) return;
    const separatorLength = typeof separator === 'string' ? separator.length : 0;
    let total = Math.max(0, strs.length - 1) * separatorLength;
    for (const item of strs) total += typeof item === 'string' ? item.length : 0;
    budget.assertCanProduce(total, '$join');
  });
  bind('string', string, ([value, prettify]) => {
    const limit = budget.limits.maxValueLength;
    budget.assertCanProduce(Math.min(jsonLengthUpTo(value, prettify === true, limit), limit + 1), '$string');
  });
  expression.assign('replace', {
    _jsonata_function: true,
    signature: replace.signature,
    async implementation(this: unknown, ...args: unknown[]) {
      const [str, pattern, replacement, limit] = args;
      if (typeof str === 'string' && typeof replacement === 'string') {
        const bound = await replacedLengthBound(
          str,
          pattern,
          replacement,
          typeof limit === 'number' ? limit : undefined,
        );
        budget.assertCanProduce(bound, '$replace');
      }
      return replace.implementation.apply(this, args);
    },
  } satisfies NativeFunction);
  expression.assign('distinct', (items: unknown) => distinct(items));
}

/**
 * The longest `$replace(str, pattern, replacement)` can be: every `$n` in the replacement may stand for at
 * most the whole match. Counting the matches runs the pattern once more (linear on RE2).
 */
async function replacedLengthBound(
  str: string,
  pattern: unknown,
  replacement: string,
  limit: number | undefined,
): Promise<number> {
  const dollars = replacement.split('$').length - 1;
  let total = str.length;
  let count = 0;
  const atLimit = () => limit !== undefined && count >= limit;
  if (typeof pattern === 'string') {
    if (pattern === '') return total;
    for (let at = str.indexOf(pattern); at !== -1 && !atLimit(); at = str.indexOf(pattern, at + pattern.length)) {
      count += 1;
      total += replacement.length + dollars * pattern.length;
    }
    return total;
  }
  if (typeof pattern !== 'function' && !(typeof pattern === 'object' && pattern !== null)) return total;
  type Match = { match: string; next: () => Match | undefined | Promise<Match | undefined> } | undefined;
  const matcher = pattern as (input: string) => Match | Promise<Match>;
  if (typeof matcher !== 'function') return total;
  let match = await matcher(str);
  while (match && !atLimit()) {
    count += 1;
    total += replacement.length + dollars * match.match.length;
    // JSONata refuses an empty match it would loop on; leave that to its own replace.
    if (match.match === '') break;
    match = await match.next();
  }
  return total;
}

/** JSONata's `$distinct` (deep equality, first occurrence kept), with a Set instead of pairwise comparison. */
function distinct(items: unknown): unknown {
  if (!Array.isArray(items) || items.length <= 1) return items;
  const seen = new Set<string>();
  const kept: unknown[] = [];
  for (const item of items) {
    const key = canonicalKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
  }
  // A sequence stays a sequence, so a single result unwraps as JSONata's own would.
  if ((items as { sequence?: unknown }).sequence === true) Object.defineProperty(kept, 'sequence', { value: true });
  return kept;
}

function canonicalKey(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalKey((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  // The type first, so that 1 and "1" differ, as they do to JSONata's deep equality.
  return `${typeof value}:${String(value)}`;
}

/**
 * About how long `value` is as JSON (pretty-printed with two-space indents when asked), counting no further
 * than just past `limit`: a shared long string counts at each place it appears, as JSON.stringify would write it.
 */
export function jsonLengthUpTo(value: unknown, pretty: boolean, limit: number): number {
  let total = 0;
  const visit = (item: unknown, depth: number): void => {
    if (total > limit) return;
    if (isFunction(item)) return; // written as nothing, and a lambda holds its (circular) environment
    if (typeof item === 'string') {
      total += item.length + 2;
    } else if (Array.isArray(item)) {
      total += 2;
      for (const element of item) {
        total += 1 + (pretty ? 2 * depth + 3 : 0);
        visit(element, depth + 1);
        if (total > limit) return;
      }
    } else if (typeof item === 'object' && item !== null) {
      total += 2;
      for (const [key, element] of Object.entries(item)) {
        total += key.length + 4 + (pretty ? 2 * depth + 3 : 0);
        visit(element, depth + 1);
        if (total > limit) return;
      }
    } else {
      total += typeof item === 'number' ? String(item).length : 5;
    }
  };
  visit(value, 0);
  return total;
}

function isFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const flags = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return flags._jsonata_function === true || flags._jsonata_lambda === true;
}
