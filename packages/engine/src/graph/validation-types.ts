import type { JsonSchema } from '@hookflow/sdk';
import type { SchemaProblem } from '@hookflow/sdk/json-schema';
import type { WorkflowDefinition } from './definition';

/** One thing wrong with a workflow definition; `path` is a JSON Pointer into it (`/nodes/2/params/url`). */
export type DefinitionProblem = SchemaProblem;

export type ValidationResult =
  { ok: true; definition: WorkflowDefinition } | { ok: false; problems: DefinitionProblem[] };

/**
 * What validation needs to know about the installation. Synchronous: the caller preloads what it needs
 * (e.g. API key names) so validation stays a pure function of the document and this catalog.
 */
export interface DefinitionCatalog {
  /** A loaded node type. Control types (`condition`, ...) are known without asking. */
  nodeType(type: string): { paramsSchema: JsonSchema; acceptsCredentials?: readonly string[] } | undefined;
  triggerType(type: string): { configSchema: JsonSchema } | undefined;
  apiKeyExists(name: string): boolean;
  /** The type of the stored credential named `name`, or undefined when there is none. */
  credentialType(name: string): string | undefined;
}
