import { StoreError } from '../store-errors';

/**
 * The part of a workflow definition (SPEC §4) the store itself reads; everything else is stored exactly as
 * given. Callers pass definitions the graph module has already validated.
 */
export interface StorableWorkflowDefinition {
  name: string;
  description?: string;
  trigger?: { type?: string };
}

/** Fields of the workflow document derived from a definition. */
export interface DefinitionFacts {
  name: string;
  description: string | null;
  triggerType: string | null;
}

/** Refuses what the store cannot index (a missing name); full validation is the graph module's job. */
export function definitionFacts(definition: StorableWorkflowDefinition): DefinitionFacts {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new StoreError('invalid_workflow', 'A workflow definition is a JSON object', {
      details: [{ path: '', message: 'must be an object' }],
    });
  }
  if (typeof definition.name !== 'string' || definition.name.length === 0) {
    throw new StoreError('invalid_workflow', 'A workflow definition needs a name', {
      details: [{ path: '/name', message: 'must be a non-empty string' }],
    });
  }
  const triggerType: unknown = definition.trigger?.type;
  return {
    name: definition.name,
    description: typeof definition.description === 'string' ? definition.description : null,
    triggerType: typeof triggerType === 'string' ? triggerType : null,
  };
}
