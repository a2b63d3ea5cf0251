import type { EdgeDefinition, NodeDefinition } from '@hookflow/engine';

/**
 * What the bench sends, in one place: the workflow it creates (docs/workflows.md) and the webhook body. The bare-start
 * loop builds its run input from the same pieces, so both paths ask Temporal for the same thing.
 */

/** amount > 100: the condition takes its true edge, so every run executes all three nodes. */
export const WEBHOOK_BODY = JSON.stringify({ orderId: 'o-1001', amount: 150, currency: 'EUR' });

export const NODES: NodeDefinition[] = [
  { id: 'big', type: 'condition', params: { expression: '$trigger.body.amount > 100' } },
  {
    id: 'shape',
    type: 'transform',
    params: { value: { order: '{{ $trigger.body.orderId }}', cents: '{{ $trigger.body.amount * 100 }}' } },
  },
  { id: 'note', type: 'log', params: { message: 'big order {{ $nodes.shape.output.order }}', level: 'debug' } },
];

export const EDGES: EdgeDefinition[] = [
  { from: 'big', to: 'shape', when: 'true' },
  { from: 'shape', to: 'note' },
];

export function workflowBody(name: string, apiKeyName: string): unknown {
  return {
    name,
    description: 'npm run bench',
    trigger: { type: 'generic-webhook', apiKeyName, config: {} },
    inputSchema: {
      type: 'object',
      required: ['orderId', 'amount'],
      properties: { orderId: { type: 'string' }, amount: { type: 'number' } },
    },
    nodes: NODES,
    edges: EDGES,
  };
}
