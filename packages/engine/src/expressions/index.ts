export type { ExpressionBindings } from './bindings';
export { ExpressionError, type ExpressionErrorInit } from './expression-error';
export { DEFAULT_EXPRESSION_LIMITS, LEGACY_EXPRESSION_LIMITS, type ExpressionLimits } from './expression-limits';
export { evaluateCondition, evaluateExpression, expressionSource } from './evaluate-expression';
export { findTemplates, type TemplateLocation } from './find-templates';
export { formatParamPath } from './param-path';
export { renderParams, type RenderContext } from './render-params';
export { expressionSyntaxError, type ExpressionContext } from './run-expression';
export {
  isTemplate,
  parseTemplate,
  singleTemplateSource,
  type ParsedTemplate,
  type TemplatePart,
} from './template-syntax';
