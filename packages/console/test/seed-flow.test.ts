import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/test/support/test-server';
import { checkPage, openBrowser, type ConsoleBrowser } from './support/browser';
import { startConsoleServer } from './support/console-server';
import { addEdge, addNode, clipboard, signIn, waitForNodeStatus } from './support/console-steps';

/**
 * The generic seed flow as a new user does it, in Chromium, selecting by role and label only: sign in, create
 * a key and copy it, create a workflow, build condition → transform → log, save, fire the webhook with the
 * copied key and URL, and read every node's status and output.
 */
describe('console: the generic seed flow in a browser', () => {
  let server: TestServer;
  let browser: ConsoleBrowser;
  let page: Page;
  /** What the flow produced, for the later steps. */
  let key: string;
  let webhookUrl: string;
  let executionId: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in with the admin token, keeping it out of script-readable storage', async () => {
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { name: 'Hookflow console' }).isVisible()).toBe(true);
    await checkPage(browser, 'sign-in');
    await signIn(page, server.adminToken);
    await page.getByRole('heading', { name: 'Workflows', level: 1 }).waitFor();

    // Page scripts are strings here: the tests compile for Node, without the DOM's types.
    const storage = await page.evaluate<{ local: number; session: number; cookies: string }>(
      '({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie })',
    );
    expect(storage).toEqual({ local: 0, session: 0, cookies: '' });
    const [cookie] = await browser.context.cookies();
    expect(cookie).toMatchObject({ name: 'hookflow_session', httpOnly: true, sameSite: 'Strict', path: '/api/v1' });
    expect(cookie!.value).not.toContain(server.adminToken);
  });

  it('creates an API key, shows it once and copies it; builds, saves and fires a workflow', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('shop');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('button', { name: 'Copy new api key' }).click();
    key = await clipboard(page);
    expect(key).toMatch(/^hf_/);
    expect(await page.getByRole('textbox', { name: 'New API key' }).inputValue()).toBe(key);
    await page.getByRole('row', { name: /shop/ }).waitFor();
    await checkPage(browser, 'api-keys');

    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByLabel('Workflow name').fill('orders');
    await page.getByLabel('Trigger type').selectOption('generic-webhook');
    await page.getByLabel('API key name').selectOption('shop');
    await checkPage(browser, 'workflows-create');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByRole('heading', { name: 'orders', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Copy webhook url' }).click();
    webhookUrl = await clipboard(page);
    expect(webhookUrl).toMatch(new RegExp(`^${server.baseUrl}/webhooks/wf_`));
    await checkPage(browser, 'workflow');

    await page.getByRole('link', { name: 'Open in builder' }).click();
    await addNode(page, 'condition', { expression: '$trigger.body.total > 100' });
    await addNode(page, 'transform', { value: 'order {{ $trigger.body.orderId }}' });
    await addNode(page, 'log', { message: 'big {{ $nodes.transform1.output }}' });
    await addEdge(page, 'condition1', 'transform1', 'true');
    await addEdge(page, 'transform1', 'log1', 'success');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No problems.' }).count()).toBe(1);
    // The JSON view is in step with the canvas.
    await page.getByText('Definition as JSON').click();
    const json = JSON.parse(await page.getByLabel('Definition JSON').inputValue()) as { edges: unknown[] };
    expect(json.edges).toEqual([
      { from: 'condition1', to: 'transform1', when: 'true' },
      { from: 'transform1', to: 'log1' },
    ]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
    await checkPage(browser, 'builder');

    // What a sender does: POST with the copied key to the copied URL.
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ orderId: 'A-1', total: 150 }),
    });
    expect(response.status).toBe(202);
    ({ executionId } = (await response.json()) as { executionId: string });

    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name: 'orders' }).waitFor();
    await checkPage(browser, 'workflows');
    await page.getByRole('link', { name: 'Executions' }).click();
    const row = page.getByRole('link', { name: executionId });
    await row.waitFor({ timeout: 30_000 });
    await checkPage(browser, 'executions');
    await row.click();
    for (const node of ['condition1', 'transform1', 'log1']) await waitForNodeStatus(page, node, 'succeeded');
    // The run closes: the page updates itself, and a closed run cannot be cancelled.
    await expect.poll(() => page.getByRole('button', { name: 'Cancel execution' }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByLabel('Output of transform1').textContent()).toBe('"order A-1"');
    expect(await page.getByLabel('Output of condition1').textContent()).toContain('"result": true');
    expect(await page.getByLabel('Output of log1').textContent()).toContain('big order A-1');
    expect(await page.getByLabel('Trigger payload JSON').textContent()).toContain('"orderId": "A-1"');
    expect(await page.getByRole('link', { name: 'Open in the Temporal UI' }).getAttribute('href')).toContain(
      encodeURIComponent(executionId),
    );
    await checkPage(browser, 'execution');
  });

  it('shows a refused delivery with its reason', async () => {
    const refused = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': `${key}-wrong` },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name: 'orders' }).click();
    await page.getByRole('link', { name: 'Deliveries' }).click();
    const row = page.getByRole('row', { name: /rejected/ });
    await row.waitFor({ timeout: 15_000 });
    const text = await row.textContent();
    expect(text).toContain('401');
    expect(text).toContain('unauthorized');
    expect(await page.getByRole('row', { name: /accepted/ }).count()).toBe(1);
    await checkPage(browser, 'deliveries');
  });

  it('stores a credential whose values are never shown again, and replaces them', async () => {
    const secret = 'sk_live_console_secret_123';
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.getByLabel('Credential name').fill('shop-api');
    await page.getByLabel('Credential type').selectOption('bearer');
    await page.getByLabel('token').fill(secret);
    await page.getByRole('button', { name: 'Create credential' }).click();
    const row = page.getByRole('row', { name: /shop-api/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('bearer');
    expect(await page.content()).not.toContain(secret);
    await row.getByRole('button', { name: 'Replace values of shop-api' }).click();
    await row.getByLabel('token').fill(`${secret}-rotated`);
    await row.getByRole('button', { name: 'Save new values' }).click();
    await row.getByRole('button', { name: 'Replace values of shop-api' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await checkPage(browser, 'credentials');
  });

  it('shows validation problems on the node and field they belong to', async () => {
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name: 'orders' }).click();
    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('link', { name: 'Back to the workflow' }).click();
    await page.getByRole('link', { name: 'Open in builder' }).click();
    await addNode(page, 'http.request', { url: 'ftp://example.com/x' });
    const node = page.getByRole('button', { name: 'Edit node http_request1' });
    await expect.poll(() => page.getByRole('listitem').filter({ has: node }).textContent()).toMatch(/[0-9]+ problems?/);
    // Only that node: the others stay clean, on the canvas and in the list.
    for (const clean of ['condition1', 'transform1', 'log1']) {
      expect(
        await page
          .getByRole('listitem')
          .filter({ has: page.getByRole('button', { name: `Edit node ${clean}` }) })
          .textContent(),
      ).not.toMatch(/problem/);
    }
    expect(await page.getByLabel(/^Node http_request1, http\.request, [0-9]+ problems?$/).count()).toBe(1);
    await node.click();
    // A node type that takes credentials offers the stored ones of the types it accepts.
    const credential = page.getByRole('complementary', { name: 'Properties' }).getByLabel('Credential');
    await expect.poll(() => credential.getByRole('option').allTextContents()).toContain('shop-api (bearer)');
    const problems = page.getByRole('group', { name: 'Problems of node http_request1' });
    await expect.poll(() => problems.textContent()).toContain('/nodes/3/params/url');
    // The field's own message sits under the URL field of the form.
    const panel = page.getByRole('complementary', { name: 'Properties' });
    expect(await panel.textContent()).toMatch(/url.*must match pattern/s);
    await checkPage(browser, 'builder-problems');
    await page.getByRole('button', { name: 'Delete node http_request1' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No problems.' }).count()).toBe(1);
  });

  it('re-runs an execution on the current version, and cancels a running one', async () => {
    await page.goto(`/executions/${encodeURIComponent(executionId)}`);
    await page.getByLabel('Re-run on').selectOption('current');
    await page.getByRole('button', { name: 'Re-run' }).click();
    await page.getByRole('link', { name: executionId }).waitFor();
    expect(page.url()).not.toContain(encodeURIComponent(executionId));
    for (const node of ['condition1', 'transform1', 'log1']) await waitForNodeStatus(page, node, 'succeeded');
    await checkPage(browser, 'execution-rerun');

    // A run that waits for an event: cancelled from its page, which follows it to the end.
    const waiting = await server.admin('/workflows', {
      method: 'POST',
      json: {
        name: 'approval',
        trigger: { type: 'generic-webhook', apiKeyName: 'shop', config: {} },
        nodes: [{ id: 'approve', type: 'wait', params: { event: 'approved', timeoutSeconds: 600 } }],
        edges: [],
      },
    });
    const { id } = (await waiting.json()) as { id: string };
    const started = await server.admin(`/workflows/${id}/runs`, { method: 'POST', json: { payload: {} } });
    const run = (await started.json()) as { executionId: string };
    await page.goto(`/executions/${encodeURIComponent(run.executionId)}`);
    await waitForNodeStatus(page, 'approve', 'waiting');
    await page.getByRole('button', { name: 'Cancel execution' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Cancel execution' }).isDisabled(), { timeout: 30_000 })
      .toBe(true);
    // The run itself ends cancelled (its node already shows the cancellation before that).
    await expect
      .poll(
        () =>
          page
            .getByRole('definition')
            .filter({ hasText: /^cancelled$/ })
            .count(),
        { timeout: 30_000 },
      )
      .toBe(1);
    await checkPage(browser, 'execution-cancelled');
  });

  it('refuses a cookie write without the CSRF header, and signs out', async () => {
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/v1/api-keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'forged' }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin token').waitFor();
    expect(await browser.context.cookies()).toEqual([]);
    await page.goto('/workflows');
    await page.getByLabel('Admin token').waitFor();
  });
});
