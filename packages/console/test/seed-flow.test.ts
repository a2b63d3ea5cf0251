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

    const storage = await page.evaluate(() => ({
      local: Object.keys(localStorage).length,
      session: Object.keys(sessionStorage).length,
      cookies: document.cookie,
    }));
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
    const key = await clipboard(page);
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
    const webhookUrl = await clipboard(page);
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
    const { executionId } = (await response.json()) as { executionId: string };

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
});
