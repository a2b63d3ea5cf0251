/**
 * A forgiving read of a document that may not match the schema yet, so that graph checks can run on
 * whatever is well-formed and every problem is reported in one answer. Malformed parts are simply
 * absent here; the document schema reports them.
 */
export interface NodeView {
  index: number;
  id?: string;
  type?: string;
  params?: Record<string, unknown>;
  onError?: unknown;
  retry?: Record<string, unknown>;
  credential?: string;
}

export interface EdgeView {
  index: number;
  from?: string;
  to?: string;
  when?: unknown;
}

export interface DefinitionView {
  nodes: NodeView[];
  edges: EdgeView[];
  trigger?: { type?: string; apiKeyName?: string; config?: Record<string, unknown> };
  inputSchema?: Record<string, unknown>;
}

export function readDefinitionView(document: unknown): DefinitionView {
  const root = asRecord(document);
  const trigger = asRecord(root?.trigger);
  const view: DefinitionView = {
    nodes: asArray(root?.nodes).map((raw, index) => readNode(raw, index)),
    edges: asArray(root?.edges).map((raw, index) => readEdge(raw, index)),
  };
  if (trigger) {
    view.trigger = {
      type: asString(trigger.type),
      apiKeyName: asString(trigger.apiKeyName),
      config: asRecord(trigger.config),
    };
  }
  const inputSchema = asRecord(root?.inputSchema);
  if (inputSchema) view.inputSchema = inputSchema;
  return view;
}

function readNode(raw: unknown, index: number): NodeView {
  const node = asRecord(raw);
  return {
    index,
    id: asString(node?.id),
    type: asString(node?.type),
    params: asRecord(node?.params),
    onError: node?.onError,
    retry: asRecord(node?.retry),
    credential: asString(node?.credential),
  };
}

function readEdge(raw: unknown, index: number): EdgeView {
  const edge = asRecord(raw);
  return { index, from: asString(edge?.from), to: asString(edge?.to), when: edge?.when };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
