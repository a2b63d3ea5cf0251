import jsonata from 'jsonata';
import { jsonataVariables, type ExpressionBindings } from './bindings';
import { ExpressionError } from './expression-error';
import { ExpressionLimitExceeded, guardEvaluation, resolveLimits, type ExpressionLimits } from './expression-limits';
import { jsonLengthUpTo, loadOriginalFunctions } from './guarded-functions';
import { LinearRegex, regexProblem } from './linear-regex';

/** Where an expression sits, for error messages, and optional tighter limits. */
export interface ExpressionContext {
  nodeId?: string;
  /** For people, e.g. `params.body.order`. Default `expression`. */
  path?: string;
  limits?: Partial<ExpressionLimits>;
}

/**
 * Parses and evaluates one JSONata expression with the run's bindings, under the runaway guard. Every
 * failure, parse or evaluation, becomes an `ExpressionError` naming node, param path and expression.
 */
export async function runExpression(
  source: string,
  bindings: ExpressionBindings,
  context: ExpressionContext,
): Promise<unknown> {
  const limits = resolveLimits(context.limits);
  try {
    if (source.trim() === '') throw new EmptyExpression();
    await loadOriginalFunctions();
    const expression = jsonata(source, {
      sequence: limits.maxSequenceLength,
      ...(limits.regexEngine === 'linear' ? { RegexEngine: LinearRegex as unknown as RegExpConstructor } : {}),
    });
    guardEvaluation(expression, limits);
    const result = (await expression.evaluate(bindings.trigger, jsonataVariables(bindings))) as unknown;
    // A value built from shared parts (one long string in every item) is small in memory and huge as JSON,
    // which is what leaves the workflow as activity input.
    if (jsonLengthUpTo(result, false, limits.maxValueLength) > limits.maxValueLength) {
      throw new ExpressionLimitExceeded(`the result is longer than ${limits.maxValueLength} as JSON`);
    }
    return result;
  } catch (error) {
    throw toExpressionError(error, source, context);
  }
}

/**
 * JSONata's complaint about `source`, or undefined when it parses and its regexes run on the linear-time
 * engine. For validation on save.
 */
export function expressionSyntaxError(source: string): string | undefined {
  if (source.trim() === '') return new EmptyExpression().message;
  let ast: unknown;
  try {
    ast = jsonata(source).ast();
  } catch (error) {
    return describeJsonataError(error).message;
  }
  for (const regex of regexLiterals(ast)) {
    const problem = regexProblem(regex);
    if (problem) return problem;
  }
  return undefined;
}

/** Every `/…/` literal in a parsed expression (the AST may share nodes, so each is visited once). */
function regexLiterals(node: unknown, found: RegExp[] = [], seen = new Set<object>()): RegExp[] {
  if (node instanceof RegExp) {
    found.push(node);
  } else if (typeof node === 'object' && node !== null && !seen.has(node)) {
    seen.add(node);
    for (const value of Object.values(node)) regexLiterals(value, found, seen);
  }
  return found;
}

class EmptyExpression extends Error {
  constructor() {
    super('the expression is empty');
  }
}

function toExpressionError(error: unknown, source: string, context: ExpressionContext): ExpressionError {
  if (error instanceof ExpressionError) return error;
  const { message, code } = describeJsonataError(error);
  return new ExpressionError({
    ...(context.nodeId === undefined ? {} : { nodeId: context.nodeId }),
    paramPath: context.path ?? 'expression',
    expression: source,
    reason: message,
    ...(code === undefined ? {} : { reasonCode: code }),
    cause: error,
  });
}

/**
 * jsonata throws plain objects `{code, message, position, token}`; `$eval` wraps inner failures in
 * `{code: 'D3121', error}`. The guard's own error may sit at the bottom of that chain.
 */
function describeJsonataError(error: unknown): { message: string; code?: string } {
  let current: unknown = error;
  for (let hops = 0; hops < 10 && isRecord(current); hops += 1) {
    if (current instanceof ExpressionLimitExceeded) return { message: current.message, code: 'limit_exceeded' };
    if (!('error' in current) || !isRecord(current.error)) break;
    current = current.error;
  }
  if (isRecord(error)) {
    const message = typeof error.message === 'string' && error.message !== '' ? error.message : String(error.code);
    const position = typeof error.position === 'number' ? ` (at position ${error.position})` : '';
    const code = typeof error.code === 'string' ? error.code : undefined;
    return code === undefined ? { message: message + position } : { message: message + position, code };
  }
  return { message: String(error) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
