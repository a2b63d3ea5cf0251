import type { EdgeDefinition, EdgeWhen, NodeDefinition, Workflow, WorkflowDefinition } from '../api/types';

/** Pure edits of a definition, each returning a new one; the builder's every change goes through these. */

/** The definition part of a workflow resource (what a save sends). */
export function definitionOf(workflow: Workflow): WorkflowDefinition {
  return {
    name: workflow.name,
    ...(workflow.description !== undefined ? { description: workflow.description } : {}),
    trigger: workflow.trigger,
    ...(workflow.inputSchema !== undefined ? { inputSchema: workflow.inputSchema } : {}),
    nodes: workflow.nodes,
    edges: workflow.edges,
  };
}

/** `http.request` → `http_request1`, the first free one: ids must match `^[A-Za-z][A-Za-z0-9_-]{0,63}$`. */
export function freeNodeId(definition: WorkflowDefinition, type: string): string {
  const base = type.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z]+/, '') || 'node';
  const taken = new Set(definition.nodes.map((node) => node.id));
  for (let n = 1; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

export function addNode(definition: WorkflowDefinition, node: NodeDefinition): WorkflowDefinition {
  return { ...definition, nodes: [...definition.nodes, node] };
}

/** Replaces node `id`; a new id is carried over to its edges. */
export function replaceNode(definition: WorkflowDefinition, id: string, node: NodeDefinition): WorkflowDefinition {
  const rename = (end: string) => (end === id ? node.id : end);
  return {
    ...definition,
    nodes: definition.nodes.map((existing) => (existing.id === id ? node : existing)),
    edges:
      node.id === id
        ? definition.edges
        : definition.edges.map((e) => ({ ...e, from: rename(e.from), to: rename(e.to) })),
  };
}

export function removeNode(definition: WorkflowDefinition, id: string): WorkflowDefinition {
  return {
    ...definition,
    nodes: definition.nodes.filter((node) => node.id !== id),
    edges: definition.edges.filter((edge) => edge.from !== id && edge.to !== id),
  };
}

/** Adds an edge unless the same one exists; `success` is stored as no `when` (the default). */
export function addEdge(definition: WorkflowDefinition, from: string, to: string, when: EdgeWhen): WorkflowDefinition {
  const edge: EdgeDefinition = when === 'success' ? { from, to } : { from, to, when };
  const same = definition.edges.some((e) => e.from === from && e.to === to && (e.when ?? 'success') === when);
  return same ? definition : { ...definition, edges: [...definition.edges, edge] };
}

export function setEdgeWhen(definition: WorkflowDefinition, index: number, when: EdgeWhen): WorkflowDefinition {
  return {
    ...definition,
    edges: definition.edges.map((edge, i) => {
      if (i !== index) return edge;
      const { when: _old, ...rest } = edge;
      return when === 'success' ? rest : { ...rest, when };
    }),
  };
}

export function removeEdge(definition: WorkflowDefinition, index: number): WorkflowDefinition {
  return { ...definition, edges: definition.edges.filter((_edge, i) => i !== index) };
}

/** The label a new edge from `node` gets: a condition's first branch is `true`. */
export function defaultWhen(node: NodeDefinition | undefined): EdgeWhen {
  return node?.type === 'condition' ? 'true' : 'success';
}
