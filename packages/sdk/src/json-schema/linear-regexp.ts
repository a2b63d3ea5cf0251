import type { RegExpEngine } from 'ajv/dist/types';
import { RE2JS } from 're2js';

/**
 * The regular-expression engine of every user schema's `pattern` and `patternProperties`: RE2 (its pure
 * JavaScript port, so nothing native to build and nothing to load at run time), which matches in time
 * linear in the input. V8's own engine backtracks, so a pattern such as `^(a+)+$` against forty `a`s and
 * a `!` blocks the event loop for minutes, and the input is whatever a webhook sender posts.
 *
 * The price: no lookaround and no backreferences (the features that need backtracking); a schema using
 * them is refused when it is saved (`linearPatternProblem`).
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
    // Ajv keys its compiled patterns by `toString()`.
    return { test: (input: string) => compiled.test(input), toString: () => `/${pattern}/${flags}` };
  },
  // What Ajv would print for it in standalone code, which Hookflow does not generate.
  { code: 'linearRegExp' },
);

/** Why `pattern` cannot run on the linear-time engine, or undefined when it can. */
export function linearPatternProblem(pattern: string): string | undefined {
  try {
    // Compiling is linear; only matching backtracks. JSON Schema patterns are ECMAScript regexes (Ajv: `u`).
    new RegExp(pattern, 'u');
  } catch (error) {
    return `is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  try {
    RE2JS.compile(RE2JS.translateRegExp(pattern));
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `is not supported by the linear-time regex engine (no lookaround, no backreferences): ${reason}`;
  }
}
