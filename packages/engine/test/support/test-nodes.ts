import { defineNode, NodeError } from '@hookflow/sdk';

/**
 * Node types that exist only in tests, to drive the interpreter into the cases of docs/workflows.md.
 * `test.flaky` fails (retryably) until its attempt reaches `succeedOnAttempt`.
 */
export const flakyNode = defineNode<{ succeedOnAttempt: number }, { attempt: number }>({
  type: 'test.flaky',
  displayName: 'Flaky',
  description: 'Fails until the given attempt.',
  paramsSchema: {
    type: 'object',
    required: ['succeedOnAttempt'],
    properties: { succeedOnAttempt: { type: 'integer' } },
  },
  execute(params, ctx) {
    if (ctx.attempt < params.succeedOnAttempt) {
      return Promise.reject(new NodeError('flaky', `attempt ${ctx.attempt} failed`, { retryable: true }));
    }
    return Promise.resolve({ attempt: ctx.attempt });
  },
});

/** Fails without retry, like a 4xx. */
export const brokenNode = defineNode<{ message?: string }, never>({
  type: 'test.broken',
  displayName: 'Broken',
  description: 'Always fails, not retryable.',
  paramsSchema: { type: 'object', properties: { message: { type: 'string' } } },
  execute(params) {
    return Promise.reject(new NodeError('broken', params.message ?? 'broken on purpose', { retryable: false }));
  },
});

/** Counts its tags: params an expression renders from trigger data. */
export const tagsNode = defineNode<{ tags: string[] }, { count: number }>({
  type: 'test.tags',
  displayName: 'Tags',
  description: 'Counts a list of strings.',
  paramsSchema: {
    type: 'object',
    required: ['tags'],
    properties: { tags: { type: 'array', items: { type: 'string' } } },
  },
  execute(params) {
    return Promise.resolve({ count: params.tags.length });
  },
});

export const testNodes = [flakyNode, brokenNode, tagsNode];
