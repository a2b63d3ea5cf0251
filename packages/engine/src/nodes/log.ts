import { defineNode } from '@hookflow/sdk';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Writes a line to the worker's log; handy for tracing a graph. */
export default defineNode<{ message: string; level?: Level }, { message: string }>({
  type: 'log',
  displayName: 'Log',
  description: "Writes the rendered message to the worker's log and outputs {message}.",
  paramsSchema: {
    type: 'object',
    required: ['message'],
    additionalProperties: false,
    properties: { message: { type: 'string' }, level: { enum: ['debug', 'info', 'warn', 'error'] } },
  },
  execute(params, ctx) {
    // The node's logger already carries executionId, nodeId and nodeType: repeating them duplicates the keys.
    ctx.logger[params.level ?? 'info'](params.message);
    return Promise.resolve({ message: params.message });
  },
});
