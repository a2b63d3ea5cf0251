import { Background, Controls, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo } from 'react';
import type { NodeState, Workflow } from '../api/types';
import { nodeLabel, nodeTypes, type GraphFlowNode } from '../graph/GraphNode';
import { layoutGraph } from '../graph/layout';

/** The version's graph, each node coloured and labelled by its status in this run. Read-only. */
export function ExecutionGraph({ workflow, nodes }: { workflow: Workflow; nodes: Record<string, NodeState> }) {
  const { flowNodes, flowEdges } = useMemo(() => {
    const positions = layoutGraph(workflow.nodes, workflow.edges);
    const flowNodes: GraphFlowNode[] = workflow.nodes.map((node) => {
      const data = { nodeId: node.id, type: node.type, status: nodes[node.id]?.status ?? 'pending' };
      return {
        id: node.id,
        type: 'hookflow',
        position: positions[node.id]!,
        data,
        ariaLabel: nodeLabel(data),
        draggable: false,
        connectable: false,
      };
    });
    const flowEdges: Edge[] = workflow.edges.map((edge, index) => ({
      id: `e${index}`,
      source: edge.from,
      target: edge.to,
      label: edge.when ?? 'success',
    }));
    return { flowNodes, flowEdges };
  }, [workflow, nodes]);
  return (
    <section aria-labelledby="graph-heading">
      <h2 id="graph-heading">Graph</h2>
      <div className="canvas small-canvas">
        <ReactFlow
          nodes={flowNodes}
          edges={flowEdges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          nodesConnectable={false}
          nodesDraggable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </section>
  );
}
