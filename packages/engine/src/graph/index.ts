export * from './definition';
export {
  DEFINITION_LIMITS,
  NODE_ID_PATTERN,
  WORKFLOW_NAME_PATTERN,
  workflowDefinitionSchema,
} from './definition-schema';
export * from './control-nodes';
export { indexGraph, type GraphIndex } from './graph-order';
export { compileUserSchema, type CompiledSchema } from './user-schema-compiler';
export { schemaProblems, type SchemaCheckOptions } from './schema-problems';
export { jsonPointer } from './json-pointer';
export { validateDefinition } from './validate-definition';
export type { DefinitionCatalog, DefinitionProblem, ValidationResult } from './validation-types';
