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
  type WorkflowJson,
} from './admin-fixtures';

const SIGNING_SECRET = 'signing-secret-0f9e8d7c';
const UPSTREAM_TOKEN = 'upstream-token-1a2b3c4d';
const FALLBACK_TOKEN = 'fallback-token-5e6f7a8b';

function secretDefinition(name: string, config: Record<string, unknown>) {
  return { ...workflowDefinition(name, 'shop'), trigger: { type: SECRET_TRIGGER_TYPE, apiKeyName: 'shop', config } };
}

const fullConfig = {
  signingSecret: SIGNING_SECRET,
  region: 'eu',
  upstream: { user: 'bot', token: UPSTREAM_TOKEN },
  fallbacks: [{ user: 'spare', token: FALLBACK_TOKEN }, { user: 'tokenless' }],
};

const redactedConfig = {
  signingSecret: '[redacted]',
  region: 'eu',
  upstream: { user: 'bot', token: '[redacted]' },
  fallbacks: [{ user: 'spare', token: '[redacted]' }, { user: 'tokenless' }],
};

/** Trigger config fields marked `writeOnly` (secrets) never leave the server once saved. */
describe('admin API: write-only trigger config', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startAdminServer({ worker: false });
    await createApiKey(server, 'shop');
  });
  afterAll(() => server.close());

  async function storedConfig(id: string, version?: number): Promise<unknown> {
    const stored = await server.ctx.store.workflows.getWorkflow(id, version);
    return stored.definition.trigger.config;
  }

  it('redacts secrets in the creation answer, reads, old versions and listings, and stores them intact', async () => {
    const created = await createWorkflow(server, secretDefinition('secret-holder', fullConfig));
    expect(created.trigger.config).toEqual(redactedConfig);
    expect((await body<WorkflowJson>(await server.admin(`/workflows/${created.id}`))).trigger.config).toEqual(
      redactedConfig,
    );
    await server.admin(`/workflows/${created.id}`, { method: 'PATCH', json: { enabled: false } });
    for (const path of [`/workflows/${created.id}?version=1`, '/workflows', `/workflows/${created.id}`]) {
      const text = await (await server.admin(path)).text();
      for (const secret of [SIGNING_SECRET, UPSTREAM_TOKEN, FALLBACK_TOKEN]) expect(text).not.toContain(secret);
    }
    expect(await storedConfig(created.id)).toEqual(fullConfig);
  });

  it('keeps the stored secrets when a PUT sends the placeholders back, and takes new ones as sent', async () => {
    const created = await createWorkflow(server, secretDefinition('secret-kept', fullConfig));
    const kept = await server.admin(`/workflows/${created.id}`, {
      method: 'PUT',
      json: { ...created, description: 'edited' },
    });
    expect(kept.status).toBe(200);
    expect((await body<WorkflowJson>(kept)).trigger.config).toEqual(redactedConfig);
    expect(await storedConfig(created.id, 2)).toEqual(fullConfig);

    const rotated = { ...redactedConfig, signingSecret: 'rotated-secret-99' };
    const put = await server.admin(`/workflows/${created.id}`, {
      method: 'PUT',
      json: secretDefinition('secret-kept', rotated),
    });
    expect(put.status).toBe(200);
    expect(await storedConfig(created.id, 3)).toEqual({ ...fullConfig, signingSecret: 'rotated-secret-99' });
  });

  it('refuses a placeholder with no stored secret behind it (on create, or for a new field)', async () => {
    const onCreate = await expectError(
      server.admin('/workflows', {
        method: 'POST',
        json: secretDefinition('placeholder-only', { signingSecret: '[redacted]' }),
      }),
      400,
      'invalid_workflow',
    );
    expect(onCreate.details?.map((detail) => detail.path)).toEqual(['/trigger/config/signingSecret']);

    const created = await createWorkflow(
      server,
      secretDefinition('placeholder-new-field', { signingSecret: SIGNING_SECRET }),
    );
    const newField = await expectError(
      server.admin(`/workflows/${created.id}`, {
        method: 'PUT',
        json: secretDefinition('placeholder-new-field', {
          signingSecret: '[redacted]',
          upstream: { token: '[redacted]' },
        }),
      }),
      400,
      'invalid_workflow',
    );
    expect(newField.details?.map((detail) => detail.path)).toEqual(['/trigger/config/upstream/token']);
    expect(await storedConfig(created.id)).toEqual({ signingSecret: SIGNING_SECRET });
  });

  it('still validates the config after restoring secrets', async () => {
    const created = await createWorkflow(
      server,
      secretDefinition('secret-validated', { signingSecret: SIGNING_SECRET }),
    );
    const error = await expectError(
      server.admin(`/workflows/${created.id}`, {
        method: 'PUT',
        json: secretDefinition('secret-validated', { signingSecret: 'short' }),
      }),
      400,
      'invalid_workflow',
    );
    expect(error.details?.map((detail) => detail.path)).toEqual(['/trigger/config/signingSecret']);
    // The refusal does not echo the refused secret either.
    expect(JSON.stringify(error)).not.toContain(SIGNING_SECRET);
  });

  it('never writes a secret to the log', () => {
    const log = server.logLines.join('\n');
    for (const secret of [SIGNING_SECRET, UPSTREAM_TOKEN, FALLBACK_TOKEN]) expect(log).not.toContain(secret);
  });
});
