import { Document } from 'yaml';
import type { JsonObject } from '../api/types';

/**
 * A definition as YAML that reads back to exactly the same JSON: no line folding, no anchors, and strings that
 * look like other types quoted (YAML 1.2 core schema).
 */
export function toYaml(definition: JsonObject, headerComment?: string): string {
  const document = new Document(definition, { aliasDuplicateObjects: false });
  if (headerComment) document.commentBefore = headerComment;
  return document.toString({ lineWidth: 0, minContentWidth: 0 });
}
