import type { Graph } from '../support/run-harness';

/**
 * Representative graphs whose histories are recorded as replay fixtures: together they exercise every
 * interpreter path (joins, routing, skips, error edges, fatal cancellation, retries, timers, signals).
 */
export const RECORDED_GRAPHS: Record<
  string,
  { graph: Graph; payload?: unknown; event?: { name: string; payload: unknown } }
> = {
  diamond: {
    payload: { n: 2 },
    graph: {
      nodes: [
        { id: 'a', type: 'transform', params: { value: '{{ $trigger.n }}' } },
        { id: 'b', type: 'transform', params: { value: '{{ $nodes.a.output + 1 }}' } },
        { id: 'c', type: 'log', params: { message: 'c saw {{ $nodes.a.output }}' } },
        { id: 'd', type: 'transform', params: { value: { b: '{{ $nodes.b.output }}', c: '{{ $nodes.c.output }}' } } },
      ],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'd' },
        { from: 'c', to: 'd' },
      ],
    },
  },
  'condition-skip': {
    payload: { amount: 500 },
    graph: {
      nodes: [
        { id: 'big', type: 'condition', params: { expression: '$trigger.amount > 100' } },
        { id: 'yes', type: 'transform', params: { value: 'big' } },
        { id: 'no', type: 'transform', params: { value: 'small' } },
        { id: 'afterNo', type: 'transform', params: { value: 'x' } },
      ],
      edges: [
        { from: 'big', to: 'yes', when: 'true' },
        { from: 'big', to: 'no', when: 'false' },
        { from: 'no', to: 'afterNo' },
      ],
    },
  },
  'error-edge': {
    graph: {
      nodes: [
        { id: 'call', type: 'test.broken', onError: 'continue', params: {} },
        { id: 'handle', type: 'transform', params: { value: 'handled' } },
      ],
      edges: [{ from: 'call', to: 'handle', when: 'error' }],
    },
  },
  'fatal-cancels-sibling': {
    graph: {
      nodes: [
        { id: 'slow', type: 'delay', params: { seconds: 60 } },
        { id: 'boom', type: 'test.broken', params: {} },
      ],
    },
  },
  retries: {
    graph: {
      nodes: [
        {
          id: 'flaky',
          type: 'test.flaky',
          retry: { maximumAttempts: 3, initialIntervalMs: 50 },
          params: { succeedOnAttempt: 2 },
        },
      ],
    },
  },
  'wait-event': {
    event: { name: 'go', payload: { ok: true } },
    graph: {
      nodes: [
        { id: 'gate', type: 'wait', params: { event: 'go', timeoutSeconds: 30 } },
        { id: 'after', type: 'transform', params: { value: '{{ $nodes.gate.output.payload.ok }}' } },
      ],
      edges: [{ from: 'gate', to: 'after' }],
    },
  },
  // Recorded after transform and log became local activities (their results are markers in the history).
  'local-nodes': {
    payload: { body: { orderId: 'o-1', amount: 150 } },
    graph: {
      nodes: [
        { id: 'big', type: 'condition', params: { expression: '$trigger.body.amount > 100' } },
        { id: 'shape', type: 'transform', params: { value: { order: '{{ $trigger.body.orderId }}' } } },
        { id: 'note', type: 'log', params: { message: 'order {{ $nodes.shape.output.order }}', level: 'debug' } },
      ],
      edges: [
        { from: 'big', to: 'shape', when: 'true' },
        { from: 'shape', to: 'note' },
      ],
    },
  },
  // Recorded after runs carried `interpreterRevision`: the same nodes, without patch markers.
  'revision-1': {
    payload: { body: { orderId: 'o-2', amount: 150 } },
    graph: {
      nodes: [
        { id: 'big', type: 'condition', params: { expression: '$trigger.body.amount > 100' } },
        { id: 'shape', type: 'transform', params: { value: { order: '{{ $trigger.body.orderId }}' } } },
        { id: 'note', type: 'log', params: { message: 'order {{ $nodes.shape.output.order }}', level: 'debug' } },
        { id: 'pause', type: 'delay', params: { seconds: 0.2 } },
        { id: 'after', type: 'transform', params: { value: '{{ $nodes.pause.output.until }}' } },
      ],
      edges: [
        { from: 'big', to: 'shape', when: 'true' },
        { from: 'shape', to: 'note' },
        { from: 'note', to: 'pause' },
        { from: 'pause', to: 'after' },
      ],
    },
  },
  'local-and-remote': {
    payload: { n: 2 },
    graph: {
      nodes: [
        { id: 'a', type: 'transform', params: { value: '{{ $trigger.n }}' } },
        {
          id: 'flaky',
          type: 'test.flaky',
          retry: { maximumAttempts: 3, initialIntervalMs: 50 },
          params: { succeedOnAttempt: 2 },
        },
        { id: 'c', type: 'log', params: { message: 'a is {{ $nodes.a.output }}' } },
        { id: 'bad', type: 'transform', onError: 'continue', params: { value: '{{ $nodes.a.output + }}' } },
        { id: 'handled', type: 'transform', params: { value: 'handled' } },
        { id: 'join', type: 'transform', params: { value: { c: '{{ $nodes.c.output.message }}' } } },
      ],
      edges: [
        { from: 'a', to: 'flaky' },
        { from: 'a', to: 'c' },
        { from: 'a', to: 'bad' },
        { from: 'bad', to: 'handled', when: 'error' },
        { from: 'flaky', to: 'join' },
        { from: 'c', to: 'join' },
      ],
    },
  },
  'wait-timeout-and-fail': {
    graph: {
      nodes: [
        { id: 'gate', type: 'wait', params: { event: 'never', timeoutSeconds: 1 }, onError: 'continue' },
        { id: 'pause', type: 'delay', params: { seconds: 0.2 } },
        { id: 'stop', type: 'fail', params: { message: 'stopped' } },
      ],
      edges: [
        { from: 'gate', to: 'pause', when: 'error' },
        { from: 'pause', to: 'stop' },
      ],
    },
  },
};
