import {
  Background,
  Controls,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
} from '@xyflow/react';
import { useEffect, useMemo, type DragEvent } from 'react';
import type { NodeDefinition, NodeType, Problem, WorkflowDefinition } from '../api/types';
import { nodeLabel, nodeTypes as graphNodeTypes, type GraphFlowNode } from '../graph/GraphNode';
import type { Point } from '../graph/layout';
import { addEdge, defaultWhen, freeNodeId, removeEdge, removeNode } from './definition-edits';
import { NODE_TYPE_MIME } from './Palette';
import { nodeProblems } from './problems';

const FIT_VIEW = { padding: 0.2, maxZoom: 1 };

/** The graph: drag to move, connect handles to add an edge, Backspace deletes, drop palette items to add. */
export function Canvas({
  definition,
  positions,
  problems,
  selected,
  onSelect,
  onMove,
  onEdit,
  nodeTypes,
  onDropNode,
}: {
  definition: WorkflowDefinition;
  positions: Record<string, Point>;
  problems: Problem[];
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  onMove: (id: string, position: Point) => void;
  onEdit: (change: (current: WorkflowDefinition) => WorkflowDefinition) => void;
  nodeTypes: NodeType[];
  onDropNode: (node: NodeDefinition, position: Point) => void;
}) {
  const flow = useReactFlow();
  const count = definition.nodes.length;
  // Keep every node in view as nodes come and go.
  useEffect(() => {
    const frame = requestAnimationFrame(() => void flow.fitView(FIT_VIEW));
    return () => cancelAnimationFrame(frame);
  }, [count, flow]);
  const nodes: GraphFlowNode[] = useMemo(
    () =>
      definition.nodes.map((node, index) => {
        const data = { nodeId: node.id, type: node.type, problems: nodeProblems(problems, index).length };
        return {
          id: node.id,
          type: 'hookflow',
          position: positions[node.id] ?? { x: 0, y: 0 },
          data,
          selected: node.id === selected,
          ariaLabel: nodeLabel(data),
        };
      }),
    [definition.nodes, positions, problems, selected],
  );
  const edges: Edge[] = useMemo(
    () =>
      definition.edges.map((edge, index) => ({
        id: `e${index}`,
        source: edge.from,
        target: edge.to,
        label: edge.when ?? 'success',
        ariaLabel: `Edge ${edge.from} to ${edge.to}, ${edge.when ?? 'success'}`,
      })),
    [definition.edges],
  );

  function onNodesChange(changes: NodeChange<GraphFlowNode>[]) {
    for (const change of changes) {
      if (change.type === 'position' && change.position) onMove(change.id, change.position);
      if (change.type === 'select' && change.selected) onSelect(change.id);
      if (change.type === 'remove') onEdit((current) => removeNode(current, change.id));
    }
  }

  function onConnect(connection: Connection) {
    onEdit((current) =>
      addEdge(
        current,
        connection.source,
        connection.target,
        defaultWhen(current.nodes.find((node) => node.id === connection.source)),
      ),
    );
  }

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer.getData(NODE_TYPE_MIME);
    if (!type || !nodeTypes.some((known) => known.type === type)) return;
    event.preventDefault();
    const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    onDropNode({ id: freeNodeId(definition, type), type, params: {} }, position);
  }

  return (
    <section className="canvas" aria-label="Canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={graphNodeTypes}
        onNodesChange={onNodesChange}
        onEdgesDelete={(deleted) =>
          onEdit((current) =>
            deleted
              .map((edge) => Number(edge.id.slice(1)))
              .sort((a, b) => b - a)
              .reduce((next, index) => removeEdge(next, index), current),
          )
        }
        onConnect={onConnect}
        onPaneClick={() => onSelect(undefined)}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDrop={onDrop}
        fitView
        fitViewOptions={FIT_VIEW}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls />
      </ReactFlow>
    </section>
  );
}
