import type { EdgeDefinition, NodeDefinition } from '../api/types';

export interface Point {
  x: number;
  y: number;
}

const COLUMN = 240;
const ROW = 120;

/**
 * Positions for a graph the definition stores without any: left to right by longest path from a root, so every
 * edge points rightwards; nodes of one column top to bottom in definition order. Cycles (invalid anyway) stop
 * at the node count.
 */
export function layoutGraph(nodes: NodeDefinition[], edges: EdgeDefinition[]): Record<string, Point> {
  const column = new Map(nodes.map((node) => [node.id, 0]));
  for (let pass = 0; pass < nodes.length; pass++) {
    let changed = false;
    for (const edge of edges) {
      const from = column.get(edge.from);
      const to = column.get(edge.to);
      if (from !== undefined && to !== undefined && to < from + 1) {
        column.set(edge.to, from + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = new Map<number, number>();
  const positions: Record<string, Point> = {};
  for (const node of nodes) {
    const x = column.get(node.id) ?? 0;
    const y = rows.get(x) ?? 0;
    rows.set(x, y + 1);
    positions[node.id] = { x: x * COLUMN, y: y * ROW };
  }
  return positions;
}

/** A free spot for a new node: right of everything placed so far, so nodes added in turn read as a chain. */
export function nextFreePosition(positions: Record<string, Point>): Point {
  const values = Object.values(positions);
  if (values.length === 0) return { x: 0, y: 0 };
  return { x: Math.max(...values.map((point) => point.x)) + COLUMN, y: 0 };
}
