import type { ExpressionBindings } from './bindings';
import { ExpressionError } from './expression-error';
import type { ExpressionLimits } from './expression-limits';
import { interpolationText, NotJsonValue, toJsonValue } from './json-value';
import { formatParamPath } from './param-path';
import { runExpression } from './run-expression';
import { parseTemplate, singleTemplateSource } from './template-syntax';

export interface RenderContext {
  nodeId: string;
  limits?: Partial<ExpressionLimits>;
}

type Segments = readonly (string | number)[];

/**
 * Renders every `{{ }}` template in a node's params (docs/expressions.md), walking objects and arrays. A string that
 * is exactly one template becomes the raw value (a number, an object, ...); a template inside longer text
 * is replaced by its value as text. A raw `undefined` drops the key, as JSON would. Templates are
 * evaluated one after another in document order, so the first failure is always the same one.
 *
 * The result is fresh plain JSON: it never shares objects with `params` or `bindings`.
 */
export async function renderParams(
  params: Readonly<Record<string, unknown>>,
  bindings: ExpressionBindings,
  context: RenderContext,
): Promise<Record<string, unknown>> {
  return renderObject(params, bindings, context, []);
}

async function renderValue(
  value: unknown,
  bindings: ExpressionBindings,
  context: RenderContext,
  segments: Segments,
): Promise<unknown> {
  if (typeof value === 'string') return renderString(value, bindings, context, segments);
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) {
      items.push((await renderValue(item, bindings, context, [...segments, index])) ?? null);
    }
    return items;
  }
  if (typeof value === 'object' && value !== null) return renderObject(value, bindings, context, segments);
  return value;
}

async function renderObject(
  value: object,
  bindings: ExpressionBindings,
  context: RenderContext,
  segments: Segments,
): Promise<Record<string, unknown>> {
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    const rendered = await renderValue(item, bindings, context, [...segments, key]);
    if (rendered !== undefined) entries.push([key, rendered]);
  }
  return Object.fromEntries(entries);
}

async function renderString(
  text: string,
  bindings: ExpressionBindings,
  context: RenderContext,
  segments: Segments,
): Promise<unknown> {
  if (!text.includes('{{')) return text;
  const single = singleTemplateSource(text);
  if (single !== undefined) {
    return evaluateAsJson(single, bindings, context, segments, toJsonValue);
  }
  let rendered = '';
  for (const part of parseTemplate(text).parts) {
    rendered +=
      part.kind === 'text'
        ? part.text
        : await evaluateAsJson(part.source, bindings, context, segments, interpolationText);
  }
  return rendered;
}

async function evaluateAsJson<T>(
  source: string,
  bindings: ExpressionBindings,
  context: RenderContext,
  segments: Segments,
  convert: (value: unknown) => T,
): Promise<T> {
  const paramPath = formatParamPath(segments);
  const expressionContext = {
    nodeId: context.nodeId,
    path: paramPath,
    ...(context.limits && { limits: context.limits }),
  };
  const value = await runExpression(source, bindings, expressionContext);
  try {
    return convert(value);
  } catch (error) {
    if (!(error instanceof NotJsonValue)) throw error;
    throw new ExpressionError({ nodeId: context.nodeId, paramPath, expression: source, reason: error.message });
  }
}
