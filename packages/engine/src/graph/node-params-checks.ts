import { expressionSource } from '../expressions/evaluate-expression';
import { findTemplates, type TemplateLocation } from '../expressions/find-templates';
import { expressionSyntaxError } from '../expressions/run-expression';
import { singleTemplateSource } from '../expressions/template-syntax';
import { controlNodeType } from './control-nodes';
import type { DefinitionView, NodeView } from './definition-view';
import { compileUserSchema, jsonPointer, schemaProblems } from '@hookflow/sdk/json-schema';
import { invalidPluginSchemaProblem } from './plugin-schema-problem';
import { withoutTemplateExcusedErrors } from './template-tolerance';
import type { DefinitionCatalog, DefinitionProblem } from './validation-types';

/**
 * Per node: the type exists, params match its `paramsSchema` (a `{{ }}` template standing in for any
 * value), and every template, and a condition's expression, parses as JSONata.
 */
export function nodeParamsProblems(view: DefinitionView, catalog: DefinitionCatalog): DefinitionProblem[] {
  return view.nodes.flatMap((node) => {
    const templates = node.params ? findTemplates(node.params) : [];
    return [
      ...typeAndSchemaProblems(node, templates, catalog),
      ...templateSyntaxProblems(node, templates),
      ...conditionExpressionProblems(node),
    ];
  });
}

function typeAndSchemaProblems(
  node: NodeView,
  templates: readonly TemplateLocation[],
  catalog: DefinitionCatalog,
): DefinitionProblem[] {
  if (node.type === undefined) return [];
  const typePath = `/nodes/${node.index}/type`;
  // Control types are interpreted by the workflow, so they exist whatever plugins are loaded.
  const nodeType = controlNodeType(node.type) ?? catalog.nodeType(node.type);
  if (!nodeType) return [{ path: typePath, message: `unknown node type "${node.type}"` }];
  if (!node.params) return [];
  const compiled = compileUserSchema(nodeType.paramsSchema);
  if (!compiled.ok)
    return [invalidPluginSchemaProblem(typePath, `node type "${node.type}"`, 'paramsSchema', compiled.problems)];
  return schemaProblems(compiled.validate, node.params, {
    basePath: `/nodes/${node.index}/params`,
    excuse: (errors) =>
      withoutTemplateExcusedErrors(
        errors,
        templates.filter((found) => found.expressions.length > 0).map((found) => jsonPointer(found.segments)),
      ),
  });
}

function templateSyntaxProblems(node: NodeView, templates: readonly TemplateLocation[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const found of templates) {
    const path = `/nodes/${node.index}/params${jsonPointer(found.segments)}`;
    if (found.unclosedAt !== undefined) {
      problems.push({ path, message: `the "{{" at position ${found.unclosedAt} is never closed with "}}"` });
    }
    for (const expression of found.expressions) {
      const error = expressionSyntaxError(expression);
      if (error !== undefined)
        problems.push({ path, message: `template "{{${expression}}}" does not parse: ${error}` });
    }
  }
  return problems;
}

/** A condition's `expression` is one JSONata expression, with or without `{{ }}` around it. */
function conditionExpressionProblems(node: NodeView): DefinitionProblem[] {
  const expression = node.params?.expression;
  if (node.type !== 'condition' || typeof expression !== 'string' || expression.trim() === '') return [];
  const path = `/nodes/${node.index}/params/expression`;
  if (expression.includes('{{')) {
    // A single template is checked with the other templates; text around templates cannot be a condition.
    const singleOrUnclosed =
      singleTemplateSource(expression) !== undefined || findTemplates(expression)[0]?.unclosedAt !== undefined;
    return singleOrUnclosed
      ? []
      : [{ path, message: 'must be one JSONata expression, with or without {{ }} around it' }];
  }
  const error = expressionSyntaxError(expressionSource(expression));
  return error === undefined ? [] : [{ path, message: `does not parse as JSONata: ${error}` }];
}
