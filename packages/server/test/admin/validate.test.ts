import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/test-server';
import {
  body,
  createApiKey,
  createWorkflow,
  expectError,
  SECRET_TRIGGER_TYPE,
  startAdminServer,
  workflowDefinition,
  type ItemsJson,
  type WorkflowSummaryJson,
} from './admin-fixtures';

interface ValidationJson {
  valid: boolean;
  problems: { path: string; message: string }[];
}

/** `POST /workflows/validate`: the checks of a save, every problem with its JSON Pointer, nothing saved. */
describe('admin API: workflow validation', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
    await createApiKey(server, 'shop');
  });
  afterAll(() => server.close());

  async function validate(definition: unknown, query = ''): Promise<ValidationJson> {
    const response = await server.admin(`/workflows/validate${query}`, { method: 'POST', json: definition });
    const json = await body<ValidationJson>(response);
    expect(response.status, JSON.stringify(json)).toBe(200);
    return json;
  }

  it('answers valid for a definition POST /workflows would save', async () => {
    expect(await validate(workflowDefinition('fine', 'shop'))).toEqual({ valid: true, problems: [] });
  });

  it('answers every problem with its path, and saves nothing', async () => {
    const verdict = await validate(
      workflowDefinition('broken', 'nobody', {
        nodes: [
          { id: 'check', type: 'condition', params: { expression: '{{ $trigger.body.total > 100 }}' } },
          { id: 'send', type: 'http.request', params: { method: 'POST' } },
        ],
        edges: [{ from: 'check', to: 'lgo', label: 'true' }],
      }),
    );
    expect(verdict.valid).toBe(false);
    const paths = verdict.problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['/trigger/apiKeyName', '/edges/0/to']));
    expect(paths.some((path) => path.startsWith('/nodes/1/params'))).toBe(true);
    for (const problem of verdict.problems) expect(problem.message).toEqual(expect.any(String));
    const listed = await body<ItemsJson<WorkflowSummaryJson>>(await server.admin('/workflows'));
    expect(listed.items.map((workflow) => workflow.name)).not.toContain('broken');
  });

  it('reports a shape error of the body itself as a problem', async () => {
    const verdict = await validate({ ...workflowDefinition('shape', 'shop'), enabled: 'yes' });
    expect(verdict).toEqual({ valid: false, problems: [{ path: '/enabled', message: 'must be a boolean' }] });
  });

  it('checks a body as a new version of ?workflowId: a redacted secret keeps the stored one', async () => {
    const definition = {
      name: 'secretive',
      trigger: { type: SECRET_TRIGGER_TYPE, apiKeyName: 'shop', config: { signingSecret: 'a-long-secret' } },
      nodes: [{ id: 'echo', type: 'transform', params: { value: '{{ $trigger }}' } }],
      edges: [],
    };
    const created = await createWorkflow(server, definition);
    const readBack = await body<Record<string, unknown>>(await server.admin(`/workflows/${created.id}`));
    // As a new workflow, the placeholder is not a secret...
    const asNew = await validate(readBack);
    expect(asNew.valid).toBe(false);
    expect(asNew.problems.map((problem) => problem.path)).toEqual(['/trigger/config/signingSecret']);
    // ...as the next version of the workflow it came from, it keeps the stored one.
    expect(await validate(readBack, `?workflowId=${created.id}`)).toEqual({ valid: true, problems: [] });
    await expectError(
      server.admin('/workflows/validate?workflowId=wf_unknown', { method: 'POST', json: readBack }),
      404,
      'workflow_not_found',
    );
  });

  it('refuses a body that is not a JSON object with 400', async () => {
    await expectError(server.admin('/workflows/validate', { method: 'POST', json: [1] }), 400, 'invalid_request');
    const wrongMethod = await server.admin('/workflows/validate');
    await expectError(wrongMethod, 405, 'method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});
