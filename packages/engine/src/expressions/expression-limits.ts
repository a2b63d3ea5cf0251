import type jsonata from 'jsonata';

/**
 * Bounds on one evaluation, so a pathological expression fails instead of hanging a workflow task or
 * exhausting memory. Counted in evaluation steps, never in wall-clock time: Temporal replays must reach
 * the same verdict on any machine.
 */
export interface ExpressionLimits {
  /** JSONata evaluation steps (AST node entries). 1,000,000 takes roughly half a second. */
  maxSteps: number;
  /** Nested evaluation depth; non-tail recursion grows it. */
  maxDepth: number;
  /** Longest sequence (`[1..n]`, path results) JSONata may build. */
  maxSequenceLength: number;
  /** Longest string or array any sub-expression may produce (e.g. repeated `$s & $s` doubling). */
  maxValueLength: number;
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = {
  maxSteps: 1_000_000,
  maxDepth: 1_000,
  maxSequenceLength: 1_000_000,
  maxValueLength: 10 * 1024 * 1024,
};

/** Defaults for whatever `overrides` leaves out (an explicit `undefined` included: it must never lift a limit). */
export function resolveLimits(overrides: Partial<ExpressionLimits> = {}): ExpressionLimits {
  return {
    maxSteps: overrides.maxSteps ?? DEFAULT_EXPRESSION_LIMITS.maxSteps,
    maxDepth: overrides.maxDepth ?? DEFAULT_EXPRESSION_LIMITS.maxDepth,
    maxSequenceLength: overrides.maxSequenceLength ?? DEFAULT_EXPRESSION_LIMITS.maxSequenceLength,
    maxValueLength: overrides.maxValueLength ?? DEFAULT_EXPRESSION_LIMITS.maxValueLength,
  };
}

/** Thrown from the evaluation hooks; turned into an `ExpressionError` with reason code `limit_exceeded`. */
export class ExpressionLimitExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionLimitExceeded';
  }
}

// jsonata looks these hooks up by symbol in the evaluation environment (see its timebox example).
const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');
const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

/**
 * Installs step, depth and size guards on a compiled expression. The counters live in this closure, so
 * the expression must be compiled afresh for each evaluation (parsing is cheap next to evaluating).
 */
export function guardEvaluation(expression: jsonata.Expression, limits: ExpressionLimits): void {
  let steps = 0;
  let depth = 0;
  // The typings only allow string names, but jsonata binds any key and its hooks are symbols.
  expression.assign(ENTRY_HOOK as unknown as string, () => {
    steps += 1;
    depth += 1;
    if (steps > limits.maxSteps) {
      throw new ExpressionLimitExceeded(`exceeded ${limits.maxSteps} evaluation steps (runaway expression?)`);
    }
    if (depth > limits.maxDepth) {
      throw new ExpressionLimitExceeded(`exceeded evaluation depth ${limits.maxDepth} (runaway recursion?)`);
    }
  });
  expression.assign(
    EXIT_HOOK as unknown as string,
    (_node: unknown, _input: unknown, _env: unknown, result: unknown) => {
      depth -= 1;
      if ((typeof result === 'string' || Array.isArray(result)) && result.length > limits.maxValueLength) {
        throw new ExpressionLimitExceeded(`produced a value longer than ${limits.maxValueLength}`);
      }
    },
  );
}
