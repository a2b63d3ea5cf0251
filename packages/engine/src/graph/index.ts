export * from './definition';
export {
  DEFINITION_LIMITS,
  NODE_ID_PATTERN,
  WORKFLOW_NAME_PATTERN,
  workflowDefinitionSchema,
} from './definition-schema';
export * from './control-nodes';
export { incomingEdges } from './incoming-edges';
export { validateDefinition } from './validate-definition';
export type { DefinitionCatalog, DefinitionProblem, ValidationResult } from './validation-types';
