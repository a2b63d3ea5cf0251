import { describe, expect, it } from 'vitest';
import { DEFINITION_LIMITS, validateDefinition } from '../../src/graph';
import { catalog, documentWith } from './definition-fixtures';

const node = (id: string) => ({ id, type: 'log', params: { message: 'x' } });

describe('definition limits', () => {
  /** The first `count` edges of the complete DAG over n0..n(size-1), each from a lower to a higher index. */
  function forwardEdges(size: number, count: number): { from: string; to: string }[] {
    const edges: { from: string; to: string }[] = [];
    for (let from = 0; from < size; from += 1) {
      for (let to = from + 1; to < size; to += 1) {
        if (edges.length === count) return edges;
        edges.push({ from: `n${from}`, to: `n${to}` });
      }
    }
    return edges;
  }

  const nodesUpTo = (count: number) => Array.from({ length: count }, (_, index) => node(`n${index}`));

  it('accepts 500 nodes and 2000 edges', () => {
    const edges = forwardEdges(500, 2000);
    expect(edges).toHaveLength(2000);
    expect(validateDefinition(documentWith(nodesUpTo(500), edges), catalog()).ok).toBe(true);
  });

  it('refuses a 501st node', () => {
    expect(validateDefinition(documentWith(nodesUpTo(501)), catalog())).toEqual({
      ok: false,
      problems: [{ path: '/nodes', message: 'must NOT have more than 500 items' }],
    });
  });

  it('refuses a 2001st edge', () => {
    const edges = forwardEdges(100, 2001);
    expect(edges).toHaveLength(2001);
    expect(validateDefinition(documentWith(nodesUpTo(100), edges), catalog())).toEqual({
      ok: false,
      problems: [{ path: '/edges', message: 'must NOT have more than 2000 items' }],
    });
  });

  it('refuses a document over 512 KiB as JSON, counting UTF-8 bytes, and checks nothing else', () => {
    const fits = (text: string) =>
      validateDefinition(documentWith([{ id: 'a', type: 'nope', params: { text } }]), catalog());
    const base = JSON.stringify(documentWith([{ id: 'a', type: 'nope', params: { text: '' } }])).length;
    const room = DEFINITION_LIMITS.maxSerializedBytes - base;
    expect(fits('x'.repeat(room)).ok).toBe(false); // fits, but the node type is unknown
    expect(fits('x'.repeat(room))).toMatchObject({ problems: [{ path: '/nodes/0/type' }] });
    expect(fits('x'.repeat(room + 1))).toEqual({
      ok: false,
      problems: [
        {
          path: '',
          message: `is ${DEFINITION_LIMITS.maxSerializedBytes + 1} bytes as JSON; at most 524288 (512 KiB) are allowed`,
        },
      ],
    });
    // "é" is one UTF-16 unit but two UTF-8 bytes.
    expect(fits('é'.repeat(Math.ceil(room / 2) + 1))).toMatchObject({ problems: [{ path: '' }] });
  });
});
