import type { ExpressionBindings } from '../../src/expressions';

export function bindings(
  trigger: unknown = { body: { orderId: 'o-1', amount: 250, items: [3, 4] } },
): ExpressionBindings {
  return {
    trigger,
    nodes: { fetch: { output: { status: 200, body: { user: { name: 'Ada' } } } } },
    workflow: { id: 'wf_1', name: 'order-alert', version: 3 },
    execution: { id: 'wf_1:delivery-9', startedAt: '2030-01-01T00:00:00.000Z' },
  };
}
