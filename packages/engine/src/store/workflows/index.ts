export * from './workflow-repository';
export type { StorableWorkflowDefinition } from './workflow-definition';
