import { describe, expect, it } from 'vitest';
import { indexGraph, type EdgeDefinition, type NodeDefinition } from '../../src/graph';

const nodes = (...ids: string[]): NodeDefinition[] => ids.map((id) => ({ id, type: 'log', params: {} }));
const edge = (from: string, to: string, when?: EdgeDefinition['when']): EdgeDefinition =>
  when ? { from, to, when } : { from, to };

describe('indexGraph', () => {
  it('gives roots, predecessors, successors and edges per node', () => {
    const edges = [edge('a', 'c'), edge('b', 'c'), edge('c', 'd', 'true'), edge('c', 'd', 'false')];
    const graph = indexGraph({ nodes: nodes('a', 'b', 'c', 'd'), edges });
    expect(graph.nodeIds).toEqual(['a', 'b', 'c', 'd']);
    expect(graph.roots).toEqual(['a', 'b']);
    expect(graph.predecessors.get('c')).toEqual(['a', 'b']);
    expect(graph.predecessors.get('d')).toEqual(['c']);
    expect(graph.successors.get('c')).toEqual(['d']);
    expect(graph.successors.get('d')).toEqual([]);
    expect(graph.incoming.get('d')).toEqual([edges[2], edges[3]]);
    expect(graph.outgoing.get('a')).toEqual([edges[0]]);
  });

  it('orders every node after its predecessors, ties in document order', () => {
    const graph = indexGraph({
      nodes: nodes('late', 'x', 'first', 'y', 'join'),
      edges: [edge('first', 'late'), edge('x', 'join'), edge('late', 'join'), edge('y', 'join')],
    });
    expect(graph.topologicalOrder).toEqual(['x', 'first', 'late', 'y', 'join']);
  });

  it('treats node ids such as "constructor" as plain keys', () => {
    const graph = indexGraph({ nodes: nodes('constructor', 'toString'), edges: [edge('constructor', 'toString')] });
    expect(graph.roots).toEqual(['constructor']);
    expect(graph.predecessors.get('toString')).toEqual(['constructor']);
  });

  it('throws on what validation refuses: a cycle or an unknown node', () => {
    expect(() => indexGraph({ nodes: nodes('a', 'b'), edges: [edge('a', 'b'), edge('b', 'a')] })).toThrow(/cycle/);
    expect(() => indexGraph({ nodes: nodes('a'), edges: [edge('a', 'z')] })).toThrow(/unknown node/);
  });
});
