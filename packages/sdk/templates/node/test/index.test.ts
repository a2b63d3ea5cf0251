import { describe, expect, it } from 'vitest';
import { runNode } from '@hookflow/sdk/testing';
import node from '../src/index';

// runNode checks params against paramsSchema, as the Hookflow worker does, then runs execute.
describe('{{type}}', () => {
  it('turns text into a slug', async () => {
    await expect(runNode(node, { text: 'Hello, World!' })).resolves.toEqual({ slug: 'hello-world' });
    await expect(runNode(node, { text: 'Crème brûlée', maxLength: 6 })).resolves.toEqual({ slug: 'creme' });
  });

  it('fails without retry when nothing is left to slugify', async () => {
    await expect(runNode(node, { text: '!!!' })).rejects.toMatchObject({ code: 'empty_slug', retryable: false });
  });

  it('refuses params that do not match its paramsSchema, as the worker would', async () => {
    await expect(runNode(node, { text: 42 } as never)).rejects.toMatchObject({ code: 'invalid_params', status: 400 });
  });
});
