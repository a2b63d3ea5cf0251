import type { ExpressionBindings } from './bindings';
import { ExpressionError } from './expression-error';
import { NotJsonValue, toJsonValue } from './json-value';
import { runExpression, type ExpressionContext } from './run-expression';
import { singleTemplateSource } from './template-syntax';

/**
 * The JSONata source of an expression written with or without `{{ }}` (a `condition` node's
 * `expression`): `$trigger.amount > 100` and `{{ $trigger.amount > 100 }}` are the same. Unambiguous,
 * because `{{ … }}` is never valid JSONata by itself.
 */
export function expressionSource(expression: string): string {
  return singleTemplateSource(expression) ?? expression;
}

/**
 * Evaluates one JSONata expression, written with or without `{{ }}`, and returns its value as fresh
 * plain JSON, `undefined` when it matches nothing.
 */
export async function evaluateExpression(
  expression: string,
  bindings: ExpressionBindings,
  context: ExpressionContext = {},
): Promise<unknown> {
  const source = expressionSource(expression);
  const value = await runExpression(source, bindings, context);
  try {
    return toJsonValue(value);
  } catch (error) {
    if (!(error instanceof NotJsonValue)) throw error;
    throw new ExpressionError({ ...errorPlace(context), expression: source, reason: error.message });
  }
}

/**
 * Evaluates a `condition` node's expression to the boolean that routes its `when` edges. No match
 * (`undefined`, e.g. a missing field) counts as false; any other non-boolean is an error rather than a
 * guess, because truthiness (`"false"`, `"0"`, `[]`) would silently route runs the wrong way.
 */
export async function evaluateCondition(
  expression: string,
  bindings: ExpressionBindings,
  context: ExpressionContext = {},
): Promise<boolean> {
  const place: ExpressionContext = { path: 'params.expression', ...context };
  const value = await evaluateExpression(expression, bindings, place);
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  throw new ExpressionError({
    ...errorPlace(place),
    expression: expressionSource(expression),
    reason: `must evaluate to true or false, got ${describeKind(value)}`,
  });
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function errorPlace(context: ExpressionContext): { nodeId?: string; paramPath: string } {
  const paramPath = context.path ?? 'expression';
  return context.nodeId === undefined ? { paramPath } : { nodeId: context.nodeId, paramPath };
}
