import type jsonata from 'jsonata';
import { guardFunctions } from './guarded-functions';

/**
 * Bounds on one evaluation, so a pathological expression fails instead of hanging a workflow task or
 * exhausting memory. Counted in evaluation steps and in lengths, never in wall-clock time or bytes the
 * process happens to hold: Temporal replays must reach the same verdict on any machine.
 */
export interface ExpressionLimits {
  /** JSONata evaluation steps (AST node entries). 1,000,000 takes roughly half a second. */
  maxSteps: number;
  /** Nested evaluation depth; non-tail recursion grows it. */
  maxDepth: number;
  /** Longest sequence (`[1..n]`, path results) JSONata may build. */
  maxSequenceLength: number;
  /**
   * Longest string or array any sub-expression may produce, and the longest the result may be as JSON
   * (e.g. repeated `$s & $s` doubling, or an array holding one long string a million times).
   */
  maxValueLength: number;
  /**
   * What all the sub-expressions of one evaluation may produce together: the length of every string and
   * array that a function call, operator, constructor or path returns.
   * Without it, `[1..20].$pad('', 1e7)` keeps 200 MB alive although each value is under `maxValueLength`.
   */
  maxAllocation: number;
  /** `linear`: regexes run on RE2 (linear time); `native`: V8's backtracking engine (runs recorded before). */
  regexEngine: 'linear' | 'native';
}

export const DEFAULT_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = {
  maxSteps: 1_000_000,
  maxDepth: 1_000,
  maxSequenceLength: 1_000_000,
  maxValueLength: 2 * 1024 * 1024,
  maxAllocation: 32 * 1024 * 1024,
  regexEngine: 'linear',
};

/**
 * The limits of runs recorded before the allocation bounds existed. Their histories must replay to the same
 * result, so the interpreter evaluates with these where `patched()` says the run predates the change.
 */
export const LEGACY_EXPRESSION_LIMITS: Readonly<ExpressionLimits> = {
  ...DEFAULT_EXPRESSION_LIMITS,
  maxValueLength: 10 * 1024 * 1024,
  maxAllocation: Number.POSITIVE_INFINITY,
  regexEngine: 'native',
};

/** Defaults for whatever `overrides` leaves out (an explicit `undefined` included: it must never lift a limit). */
export function resolveLimits(overrides: Partial<ExpressionLimits> = {}): ExpressionLimits {
  return {
    maxSteps: overrides.maxSteps ?? DEFAULT_EXPRESSION_LIMITS.maxSteps,
    maxDepth: overrides.maxDepth ?? DEFAULT_EXPRESSION_LIMITS.maxDepth,
    maxSequenceLength: overrides.maxSequenceLength ?? DEFAULT_EXPRESSION_LIMITS.maxSequenceLength,
    maxValueLength: overrides.maxValueLength ?? DEFAULT_EXPRESSION_LIMITS.maxValueLength,
    maxAllocation: overrides.maxAllocation ?? DEFAULT_EXPRESSION_LIMITS.maxAllocation,
    regexEngine: overrides.regexEngine ?? DEFAULT_EXPRESSION_LIMITS.regexEngine,
  };
}

/** Thrown from the evaluation hooks; turned into an `ExpressionError` with reason code `limit_exceeded`. */
export class ExpressionLimitExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionLimitExceeded';
  }
}

/** The running totals of one evaluation, shared by the hooks and the guarded functions. */
export class EvaluationBudget {
  private allocated = 0;

  constructor(readonly limits: ExpressionLimits) {}

  /** Counts `length` more produced; fails once the evaluation's total passes `maxAllocation`. */
  allocate(length: number): void {
    this.allocated += length;
    if (this.allocated > this.limits.maxAllocation) {
      throw new ExpressionLimitExceeded(
        `produced more than ${this.limits.maxAllocation} characters and items in all (maxAllocation)`,
      );
    }
  }

  /** Fails before a function builds a value longer than `maxValueLength` (or than what is left). */
  assertCanProduce(length: number, what: string): void {
    if (length > this.limits.maxValueLength) {
      throw new ExpressionLimitExceeded(`${what} would be longer than ${this.limits.maxValueLength}`);
    }
    this.allocate(length);
  }

  assertValueLength(length: number): void {
    if (length > this.limits.maxValueLength) {
      throw new ExpressionLimitExceeded(`produced a value longer than ${this.limits.maxValueLength}`);
    }
  }
}

// jsonata looks these hooks up by symbol in the evaluation environment (see its timebox example).
const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');
const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

/**
 * AST node types whose result may be a value built there (a function's result, `&`, `[..]`, `{}`, a
 * mapped path), as opposed to one read from the input or a variable. Only these count towards
 * `maxAllocation`, so reading a long field many times costs nothing.
 */
const PRODUCING_NODES = new Set([
  'function',
  'partial',
  'apply',
  'binary',
  'unary',
  'path',
  'name',
  'sort',
  'transform',
  'descendant',
  'wildcard',
]);

/**
 * Installs step, depth and size guards on a compiled expression, and swaps the built-in functions that
 * can build a huge value from small arguments (`$pad`, `$join`, `$string`, ...) for checked ones. The
 * counters live in this closure, so the expression must be compiled afresh for each evaluation (parsing
 * is cheap next to evaluating).
 */
export function guardEvaluation(expression: jsonata.Expression, limits: ExpressionLimits): EvaluationBudget {
  const budget = new EvaluationBudget(limits);
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
    (node: unknown, _input: unknown, _env: unknown, result: unknown) => {
      depth -= 1;
      const length = shallowLength(result);
      if (length === 0) return;
      budget.assertValueLength(length);
      const type = (node as { type?: unknown } | null)?.type;
      // Strings come only from functions and `&`; paths and names return strings that already exist.
      if (
        typeof type === 'string' &&
        PRODUCING_NODES.has(type) &&
        (typeof result !== 'string' || isStringMaker(type))
      ) {
        budget.allocate(length);
      }
    },
  );
  guardFunctions(expression, budget);
  return budget;
}

function isStringMaker(type: string): boolean {
  return type === 'function' || type === 'partial' || type === 'apply' || type === 'binary';
}

/**
 * A string's or array's length, 0 for anything else. Objects are not counted: counting keys costs time in
 * proportion to them at every step, and an object's entries are strings and values counted where made.
 */
function shallowLength(value: unknown): number {
  return typeof value === 'string' || Array.isArray(value) ? value.length : 0;
}
