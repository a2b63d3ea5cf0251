import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { credentialProblems } from './credential-checks';
import { cycleProblems } from './cycle-check';
import type { WorkflowDefinition } from './definition';
import { workflowDefinitionSchema } from './definition-schema';
import { serializedSizeProblem } from './definition-size';
import { readDefinitionView } from './definition-view';
import { edgeProblems } from './edge-checks';
import { inputSchemaProblems } from './input-schema-check';
import { duplicateNodeIdProblems, retryPolicyProblems } from './node-checks';
import { nodeParamsProblems } from './node-params-checks';
import { schemaProblems, uniqueProblems } from '@hookflow/sdk/json-schema';
import { triggerProblems } from './trigger-checks';
import type { DefinitionCatalog, ValidationResult } from './validation-types';

let documentValidator: ValidateFunction | undefined;

/**
 * Validates a workflow document on save (docs/workflows.md) and reports every problem at once, each with a JSON
 * Pointer into the document. Graph checks run even when the document schema fails, on whatever parts
 * are well-formed, so a user fixes everything in one round trip. Pure and synchronous; user JSON in the
 * returned definition is the caller's object, untouched.
 */
export function validateDefinition(document: unknown, catalog: DefinitionCatalog): ValidationResult {
  const tooBig = serializedSizeProblem(document);
  if (tooBig) return { ok: false, problems: [tooBig] };

  documentValidator ??= new Ajv2020({ allErrors: true }).compile(workflowDefinitionSchema);
  const view = readDefinitionView(document);
  const problems = uniqueProblems([
    ...schemaProblems(documentValidator, document),
    ...duplicateNodeIdProblems(view),
    ...retryPolicyProblems(view),
    ...edgeProblems(view),
    ...cycleProblems(view),
    ...nodeParamsProblems(view, catalog),
    ...credentialProblems(view, catalog),
    ...triggerProblems(view, catalog),
    ...inputSchemaProblems(view),
  ]);
  return problems.length === 0 ? { ok: true, definition: document as WorkflowDefinition } : { ok: false, problems };
}
