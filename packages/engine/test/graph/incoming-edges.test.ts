import { describe, expect, it } from 'vitest';
import { incomingEdges, type EdgeDefinition, type NodeDefinition } from '../../src/graph';

const nodes = (...ids: string[]): NodeDefinition[] => ids.map((id) => ({ id, type: 'log', params: {} }));
const edge = (from: string, to: string, when?: EdgeDefinition['when']): EdgeDefinition =>
  when ? { from, to, when } : { from, to };

describe('incomingEdges', () => {
  it('gives every node its incoming edges in document order', () => {
    const edges = [edge('a', 'c'), edge('b', 'c'), edge('c', 'd', 'true'), edge('c', 'd', 'false')];
    const incoming = incomingEdges({ nodes: nodes('a', 'b', 'c', 'd'), edges });
    expect(incoming.get('a')).toEqual([]);
    expect(incoming.get('c')).toEqual([edges[0], edges[1]]);
    expect(incoming.get('d')).toEqual([edges[2], edges[3]]);
  });

  it('treats node ids such as "constructor" as plain keys', () => {
    const incoming = incomingEdges({
      nodes: nodes('constructor', 'toString'),
      edges: [edge('constructor', 'toString')],
    });
    expect(incoming.get('toString')).toEqual([edge('constructor', 'toString')]);
  });

  it('throws on what validation refuses: a cycle or an unknown node', () => {
    expect(() => incomingEdges({ nodes: nodes('a', 'b'), edges: [edge('a', 'b'), edge('b', 'a')] })).toThrow(/cycle/);
    expect(() =>
      incomingEdges({ nodes: nodes('a', 'b', 'c'), edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'b')] }),
    ).toThrow(/cycle/);
    expect(() => incomingEdges({ nodes: nodes('a'), edges: [edge('a', 'z')] })).toThrow(/unknown node/);
  });
});
