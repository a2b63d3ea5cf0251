import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mongoose';
import { uniqueName } from '@hookflow/dev-stack/testing';
import { encodeUserJson, StoreError, WorkflowRepository } from '../../src/store';
import { dropTestDatabase, openTestDatabase } from './store-test-database';

interface TestDefinition {
  name: string;
  description?: string;
  trigger: { type: string; apiKeyName: string; config: Record<string, unknown> };
  inputSchema: Record<string, unknown>;
  nodes: { id: string; type: string; params: Record<string, unknown> }[];
  edges: { from: string; to: string; when?: string }[];
}

function definition(name: string, message = 'hello'): TestDefinition {
  return {
    name,
    trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} },
    inputSchema: {
      $ref: '#/definitions/order',
      definitions: { order: { type: 'object', required: ['orderId'] } },
      'x.dotted.key': { $id: 'urn:x', 'a.b': [1, 2.5, null, true] },
    },
    nodes: [{ id: 'note', type: 'log', params: { message, zeta: 1, alpha: 2 } }],
    edges: [],
  };
}

describe('workflow store', () => {
  let connection: Connection;
  let workflows: WorkflowRepository<TestDefinition>;

  beforeAll(async () => {
    connection = await openTestDatabase('workflows');
    workflows = new WorkflowRepository<TestDefinition>(connection);
  });

  afterAll(async () => {
    await dropTestDatabase(connection);
  });

  it('creates version 1 and reads the definition back exactly, key order, $ref and dotted keys included', async () => {
    const saved = definition(uniqueName('order-alert'));
    saved.description = 'alerts on big orders';
    const created = await workflows.createWorkflow(saved);

    expect(created).toMatchObject({ name: saved.name, description: 'alerts on big orders', version: 1, enabled: true });
    expect(created.id).toMatch(/^wf_[0-9a-f]{24}$/);
    const read = await workflows.getWorkflow(created.id);
    expect(read).toEqual(created);
    expect(JSON.stringify(read.definition)).toBe(JSON.stringify(saved));

    const raw = await connection.db!.collection('workflow_versions').findOne({ workflowId: created.id });
    expect(raw!.definition).toBe(encodeUserJson(saved));
  });

  it('saves every update as a new version and keeps older versions readable exactly', async () => {
    const first = definition(uniqueName('versioned'), 'first');
    const created = await workflows.createWorkflow(first);
    const second = { ...definition(first.name, 'second'), description: 'v2' };
    const updated = await workflows.updateWorkflow(created.id, second);

    expect(updated.version).toBe(2);
    expect(updated.description).toBe('v2');
    expect((await workflows.getWorkflow(created.id)).version).toBe(2);
    expect(JSON.stringify((await workflows.getWorkflow(created.id, 2)).definition)).toBe(JSON.stringify(second));
    const old = await workflows.getWorkflow(created.id, 1);
    expect(old.version).toBe(1);
    expect(old.description).toBeNull();
    expect(JSON.stringify(old.definition)).toBe(JSON.stringify(first));

    for (const missing of [0, 3, 1.5, -1]) {
      await expect(workflows.getWorkflow(created.id, missing)).rejects.toMatchObject({ code: 'workflow_not_found' });
    }
  });

  it('gives racing updates distinct versions, each readable, and loses none', async () => {
    const created = await workflows.createWorkflow(definition(uniqueName('racy')));
    const contenders = Array.from({ length: 6 }, (_, index) => definition(created.name, `update ${index}`));
    const results = await Promise.allSettled(contenders.map((next) => workflows.updateWorkflow(created.id, next)));

    const succeeded = results.flatMap((result, index) =>
      result.status === 'fulfilled' ? [{ version: result.value.version, index }] : [],
    );
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'workflow_update_conflict' });
    }
    expect(succeeded.length).toBeGreaterThan(0);
    const versions = succeeded.map((entry) => entry.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, index) => index + 2));

    for (const { version, index } of succeeded) {
      const read = await workflows.getWorkflow(created.id, version);
      expect(JSON.stringify(read.definition)).toBe(JSON.stringify(contenders[index]));
    }
    expect((await workflows.getWorkflow(created.id)).version).toBe(1 + succeeded.length);
  });

  it('refuses a name another workflow has (409 workflow_name_taken), on create and on rename', async () => {
    const name = uniqueName('taken');
    const first = await workflows.createWorkflow(definition(name));
    const error = await workflows.createWorkflow(definition(name)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'workflow_name_taken', status: 409 });

    const other = await workflows.createWorkflow(definition(uniqueName('other')));
    await expect(workflows.updateWorkflow(other.id, definition(name))).rejects.toMatchObject({
      code: 'workflow_name_taken',
    });
    expect((await workflows.getWorkflow(other.id)).version).toBe(1);
    // Keeping one's own name is no conflict.
    expect((await workflows.updateWorkflow(first.id, definition(name, 'again'))).version).toBe(2);
  });

  it('frees the old name when a workflow is renamed', async () => {
    const oldName = uniqueName('old-name');
    const created = await workflows.createWorkflow(definition(oldName));
    const renamed = await workflows.updateWorkflow(created.id, definition(uniqueName('new-name')));
    expect(renamed.name).not.toBe(oldName);
    expect((await workflows.getWorkflow(created.id, 1)).name).toBe(oldName);
    await expect(workflows.createWorkflow(definition(oldName))).resolves.toMatchObject({ name: oldName });
  });

  it('lets exactly one of several racing creations of a name win', async () => {
    const name = uniqueName('racing-create');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => workflows.createWorkflow(definition(name))),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((await workflows.listWorkflows()).filter((summary) => summary.name === name)).toHaveLength(1);
  });

  it('enables and disables a workflow; updates keep the setting', async () => {
    const created = await workflows.createWorkflow(definition(uniqueName('toggle')));
    const disabled = await workflows.setEnabled(created.id, false);
    expect(disabled.enabled).toBe(false);
    expect(disabled.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    expect((await workflows.getWorkflow(created.id)).enabled).toBe(false);
    expect((await workflows.listWorkflows()).find((summary) => summary.id === created.id)?.enabled).toBe(false);

    expect((await workflows.updateWorkflow(created.id, definition(created.name, 'still off'))).enabled).toBe(false);
    expect((await workflows.setEnabled(created.id, true)).enabled).toBe(true);

    const off = await workflows.createWorkflow(definition(uniqueName('born-off')), { enabled: false });
    expect(off.enabled).toBe(false);
  });

  it('loses neither a disable nor an update when the two race (FerretDB replaces whole documents)', async () => {
    const created = await workflows.createWorkflow(definition(uniqueName('toggle-race')));
    for (let round = 1; round <= 60; round++) {
      const enabled = round % 2 === 0;
      // The disable lands at a different moment of the update's writes each round.
      await Promise.all([
        sleep(round % 6).then(() => workflows.setEnabled(created.id, enabled)),
        workflows.updateWorkflow(created.id, definition(created.name, `round ${round}`)),
      ]);
      const current = await workflows.getWorkflow(created.id);
      expect({ round, enabled: current.enabled, version: current.version }).toEqual({
        round,
        enabled,
        version: round + 1,
      });
    }
  });

  it('deletes a workflow: not found afterwards, versions purged, name reusable', async () => {
    const name = uniqueName('doomed');
    const created = await workflows.createWorkflow(definition(name));
    await workflows.updateWorkflow(created.id, definition(name, 'v2'));
    await workflows.deleteWorkflow(created.id);

    for (const attempt of [
      () => workflows.getWorkflow(created.id),
      () => workflows.getWorkflow(created.id, 1),
      () => workflows.updateWorkflow(created.id, definition(name)),
      () => workflows.setEnabled(created.id, false),
      () => workflows.deleteWorkflow(created.id),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'workflow_not_found', status: 404 });
    }
    expect((await workflows.listWorkflows()).some((summary) => summary.id === created.id)).toBe(false);
    expect(await connection.db!.collection('workflow_versions').countDocuments({ workflowId: created.id })).toBe(0);

    const again = await workflows.createWorkflow(definition(name));
    expect(again.id).not.toBe(created.id);
    expect(again.version).toBe(1);
  });

  it('answers workflow_not_found for an unknown id', async () => {
    await expect(workflows.getWorkflow('wf_000000000000000000000000')).rejects.toMatchObject({
      code: 'workflow_not_found',
    });
  });

  it('lists summaries of current versions, by name', async () => {
    const name = uniqueName('listed');
    const created = await workflows.createWorkflow(definition(name));
    await workflows.updateWorkflow(created.id, { ...definition(name), description: 'second' });
    const summaries = await workflows.listWorkflows();

    expect(summaries.find((summary) => summary.id === created.id)).toEqual({
      id: created.id,
      name,
      description: 'second',
      version: 2,
      enabled: true,
      triggerType: 'generic-webhook',
      createdAt: created.createdAt,
      updatedAt: expect.any(Date) as Date,
    });
    const names = summaries.map((summary) => summary.name);
    expect(names).toEqual([...names].sort());
    expect(JSON.stringify(summaries)).not.toContain('nodes');
  });

  it('refuses a definition without a name (invalid_workflow)', async () => {
    await expect(workflows.createWorkflow({ ...definition('x'), name: '' })).rejects.toMatchObject({
      code: 'invalid_workflow',
      details: [{ path: '/name' }],
    });
  });

  it('takes over a version abandoned by a crashed update, then saves the new one after it', async () => {
    const created = await workflows.createWorkflow(definition(uniqueName('crashed')));
    const abandoned = definition(created.name, 'saved but never published');
    await connection.db!.collection('workflow_versions').insertOne({
      workflowId: created.id,
      version: 2,
      definition: encodeUserJson(abandoned),
      createdAt: new Date(Date.now() - 60_000),
    });
    expect((await workflows.getWorkflow(created.id)).version).toBe(1);

    const next = definition(created.name, 'after the crash');
    const updated = await workflows.updateWorkflow(created.id, next);
    expect(updated.version).toBe(3);
    expect(JSON.stringify((await workflows.getWorkflow(created.id, 2)).definition)).toBe(JSON.stringify(abandoned));
    expect(JSON.stringify((await workflows.getWorkflow(created.id)).definition)).toBe(JSON.stringify(next));
  });

  it('answers workflow_update_conflict while another update holds the next version too long', async () => {
    const impatient = new WorkflowRepository<TestDefinition>(connection, { maxUpdateAttempts: 2 });
    const created = await impatient.createWorkflow(definition(uniqueName('held')));
    await connection.db!.collection('workflow_versions').insertOne({
      workflowId: created.id,
      version: 2,
      definition: encodeUserJson(definition(created.name, 'in flight')),
      createdAt: new Date(),
    });
    await expect(impatient.updateWorkflow(created.id, definition(created.name))).rejects.toMatchObject({
      code: 'workflow_update_conflict',
      status: 409,
    });
    expect((await impatient.getWorkflow(created.id)).version).toBe(1);
  });
});
