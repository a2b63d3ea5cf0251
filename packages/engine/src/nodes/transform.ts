import { defineNode } from '@hookflow/sdk';

/** Outputs its `value` param once rendered: the way to reshape data between nodes. */
export default defineNode<{ value: unknown }, unknown>({
  type: 'transform',
  displayName: 'Transform',
  description: 'Outputs the rendered `value` param (use {{ }} templates to reshape data).',
  paramsSchema: { type: 'object', required: ['value'], additionalProperties: false, properties: { value: {} } },
  execute: (params) => Promise.resolve(params.value),
});
