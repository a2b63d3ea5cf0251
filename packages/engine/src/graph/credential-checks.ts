import { controlNodeType } from './control-nodes';
import type { DefinitionView } from './definition-view';
import type { DefinitionCatalog, DefinitionProblem } from './validation-types';

/** A node's `credential` names a stored credential of a type its node type accepts. */
export function credentialProblems(view: DefinitionView, catalog: DefinitionCatalog): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const node of view.nodes) {
    if (node.credential === undefined || node.type === undefined) continue;
    const path = `/nodes/${node.index}/credential`;
    const control = controlNodeType(node.type) !== undefined;
    const nodeType = control ? undefined : catalog.nodeType(node.type);
    // An unknown node type is reported on /type already.
    if (!control && !nodeType) continue;
    const accepted = nodeType?.acceptsCredentials ?? [];
    if (accepted.length === 0) {
      problems.push({ path, message: `node type "${node.type}" takes no credential` });
      continue;
    }
    const type = catalog.credentialType(node.credential);
    if (type === undefined) {
      problems.push({ path, message: `no credential is named "${node.credential}"` });
    } else if (!accepted.includes(type)) {
      problems.push({
        path,
        message: `credential "${node.credential}" is of type "${type}"; node type "${node.type}" accepts ${accepted.map((t) => `"${t}"`).join(', ')}`,
      });
    }
  }
  return problems;
}
