import { defineNode, NodeError } from '@hookflow/sdk';

export interface Params {
  text: string;
  /** Longest slug returned; default 80. */
  maxLength?: number;
}

export interface Output {
  slug: string;
}

/**
 * `{{type}}`: turns text into a URL slug. `params` arrive rendered (`{{ $trigger.title }}` is already text)
 * and checked against `paramsSchema`; the output becomes `$nodes.<id>.output`.
 */
export default defineNode<Params, Output>({
  type: '{{type}}',
  displayName: '{{displayName}}',
  description: 'Turns text into a URL slug. Output: {slug}. Fails without retry when nothing is left.',
  paramsSchema: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: {
      text: { type: 'string' },
      maxLength: { type: 'integer', minimum: 1 },
    },
  },
  async execute(params, ctx) {
    const slug = params.text
      .normalize('NFKD') // é → e + a combining accent, dropped next
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (slug === '') {
      // Trying again cannot help: fail the node at once instead of using up its retry policy.
      throw new NodeError('empty_slug', `node ${ctx.nodeId}: nothing to slugify`, { retryable: false });
    }
    return { slug: slug.slice(0, params.maxLength ?? 80).replace(/-$/, '') };
  },
});
