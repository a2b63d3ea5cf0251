import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

export interface GraphNodeData extends Record<string, unknown> {
  nodeId: string;
  type: string;
  /** Execution view: the node's status; builder: undefined. */
  status?: string;
  /** Builder: how many validation problems the node has. */
  problems?: number;
  selected?: boolean;
}

export type GraphFlowNode = Node<GraphNodeData, 'hookflow'>;

/** One node on the canvas: its id, type, and its status or problem count in words (not only colour). */
export function GraphNode({ data }: NodeProps<GraphFlowNode>) {
  const state = data.status ? `status-${data.status}` : data.problems ? 'has-problems' : '';
  return (
    <div className={`graph-node ${state}`}>
      <Handle type="target" position={Position.Left} />
      <strong>{data.nodeId}</strong>
      <span className="node-type">{data.type}</span>
      {data.status ? <span className="node-status">{data.status}</span> : null}
      {data.problems ? (
        <span className="node-problems">
          {data.problems} {data.problems === 1 ? 'problem' : 'problems'}
        </span>
      ) : null}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

export const nodeTypes = { hookflow: GraphNode };

/** The accessible name of a node on the canvas. */
export function nodeLabel(data: GraphNodeData): string {
  const parts = [`Node ${data.nodeId}`, data.type];
  if (data.status) parts.push(data.status);
  if (data.problems) parts.push(`${data.problems} ${data.problems === 1 ? 'problem' : 'problems'}`);
  return parts.join(', ');
}
