import { DEFINITION_LIMITS } from './definition-schema';
import type { DefinitionProblem } from './validation-types';

/**
 * The 512 KiB limit (docs/workflows.md), on the UTF-8 JSON the document is stored as. Checked first, and alone:
 * there is no point spending work on the graph of a document that will be refused anyway.
 */
export function serializedSizeProblem(document: unknown): DefinitionProblem | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(document);
  } catch {
    return { path: '', message: 'is not a JSON document' };
  }
  const bytes = json === undefined ? 0 : new TextEncoder().encode(json).length;
  if (bytes <= DEFINITION_LIMITS.maxSerializedBytes) return undefined;
  return {
    path: '',
    message: `is ${bytes} bytes as JSON; at most ${DEFINITION_LIMITS.maxSerializedBytes} (512 KiB) are allowed`,
  };
}
