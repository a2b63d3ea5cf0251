import type { DragEvent } from 'react';
import type { NodeDefinition, NodeType, WorkflowDefinition } from '../api/types';
import { nextFreePosition, type Point } from '../graph/layout';
import { freeNodeId } from './definition-edits';

/** The MIME type a palette item is dragged onto the canvas with. */
export const NODE_TYPE_MIME = 'application/x-hookflow-node-type';

/** Every node type the server knows: drag one onto the canvas, or press its button to add it. */
export function Palette({
  nodeTypes,
  definition,
  positions,
  onAdd,
}: {
  nodeTypes: NodeType[];
  definition: WorkflowDefinition;
  positions: Record<string, Point>;
  onAdd: (node: NodeDefinition, position: Point) => void;
}) {
  function onDragStart(event: DragEvent, type: string) {
    event.dataTransfer.setData(NODE_TYPE_MIME, type);
    event.dataTransfer.effectAllowed = 'copy';
  }
  return (
    <nav className="palette" aria-label="Node palette">
      <h2>Add a node</h2>
      <ul>
        {nodeTypes.map((type) => (
          <li key={type.type}>
            <button
              type="button"
              draggable
              title={type.description}
              onDragStart={(event) => onDragStart(event, type.type)}
              onClick={() =>
                onAdd(
                  { id: freeNodeId(definition, type.type), type: type.type, params: {} },
                  nextFreePosition(positions),
                )
              }
            >
              <span className="visually-hidden">Add </span>
              <strong>{type.displayName}</strong> <span className="node-type">{type.type}</span>
              <span className="visually-hidden"> node</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
