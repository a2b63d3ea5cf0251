import { StoreError } from '../store-errors';

/**
 * The part of a workflow definition (docs/workflows.md) the store itself reads; everything else is stored exactly as
 * given. Callers pass definitions the graph module has already validated.
 */
export interface StorableWorkflowDefinition {
  name: string;
  description?: string;
  trigger?: { type?: string };
  /** Nodes may carry `credential` (a name); read by `definitionFacts`. */
  nodes?: readonly unknown[];
}

/** Fields of the workflow document derived from a definition. */
export interface DefinitionFacts {
  name: string;
  description: string | null;
  triggerType: string | null;
  /** The credentials its nodes reference, each once, sorted: what `usedBy` and deletion checks query. */
  credentialNames: string[];
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
    credentialNames: credentialNamesOf(definition.nodes),
  };
}

function credentialNamesOf(nodes: StorableWorkflowDefinition['nodes']): string[] {
  if (!Array.isArray(nodes)) return [];
  const names = new Set<string>();
  for (const node of nodes as unknown[]) {
    const credential: unknown =
      typeof node === 'object' && node !== null ? (node as { credential?: unknown }).credential : undefined;
    if (typeof credential === 'string' && credential !== '') names.add(credential);
  }
  return [...names].sort();
}
