import {
  SnsEndpointDouble,
  signedConfirmation,
  signedNotification,
  TEST_TOPIC_ARN,
} from '@hookflow/triggers-sns/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSns } from '../../server/test/sns/support/sns-fixtures';
import type { TestServer } from '../../server/test/support/test-server';
import { checkPage, openBrowser, type ConsoleBrowser } from './support/browser';
import { startConsoleServer } from './support/console-server';
import { addNode, clipboard, signIn, waitForNodeStatus } from './support/console-steps';

/**
 * The SNS seed flow in Chromium: an SNS workflow, its endpoint copied from the trigger panel, a confirmation
 * signed by the test double, the subscription on the panel, then a notification and its execution.
 */
describe('console: the Amazon SNS flow in a browser', () => {
  let sns: SnsEndpointDouble;
  let server: TestServer;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    sns = await new SnsEndpointDouble().start();
    server = await startConsoleServer({ HOOKFLOW_SNS_TRUSTED_ORIGINS: sns.origin });
    browser = await openBrowser(server.baseUrl);
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sns?.stop();
  });

  it('creates an SNS workflow, shows the confirmed subscription, and runs a notification', async () => {
    await page.goto('/');
    await signIn(page, server.adminToken);
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Key name').fill('aws');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByRole('button', { name: 'Copy new api key' }).click();
    const key = await clipboard(page);

    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByLabel('Workflow name').fill('sns-orders');
    await page.getByLabel('Trigger type').selectOption('amazon-sns');
    await page.getByLabel('API key name').selectOption('aws');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByRole('heading', { name: 'sns-orders', level: 1 }).waitFor();

    // The endpoint to paste into AWS, with the key filled in while it is still on screen after creation.
    await page.getByRole('button', { name: 'Copy SNS endpoint' }).click();
    const endpoint = await clipboard(page);
    expect(endpoint).toMatch(new RegExp(`^${server.baseUrl}/webhooks/wf_[0-9a-f]+\\?x-api-key=`));
    expect(new URL(endpoint).searchParams.get('x-api-key')).toBe(key);

    await page.getByRole('link', { name: 'Open in builder' }).click();
    await addNode(page, 'transform', { value: '{{ $trigger.message.orderId }}' });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No problems.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
    await page.getByRole('link', { name: 'sns-orders' }).click();

    // SNS asks to confirm the subscription; Hookflow does, and the panel shows it without a reload.
    const confirmation = signedConfirmation('SubscriptionConfirmation', { origin: sns.origin, timestamp: new Date() });
    const confirmed = await postSns(endpoint, confirmation);
    expect(confirmed.status, confirmed.text).toBe(200);
    const subscription = page.getByRole('row', { name: new RegExp(TEST_TOPIC_ARN) });
    await expect.poll(() => subscription.textContent(), { timeout: 15_000 }).toContain('confirmed');
    await expect.poll(() => page.getByRole('region', { name: 'Trigger' }).textContent()).toContain(TEST_TOPIC_ARN);
    await checkPage(browser, 'workflow-sns');

    const notification = signedNotification(
      { origin: sns.origin, timestamp: new Date() },
      { Message: '{"orderId":"o-7","amount":150}', Subject: 'order placed' },
    );
    const accepted = await postSns(endpoint, notification);
    expect(accepted.status, accepted.text).toBe(202);

    await page.getByRole('link', { name: 'Deliveries' }).click();
    const row = page.getByRole('row', { name: /accepted/ });
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('link', { name: 'Open execution' }).click();
    await waitForNodeStatus(page, 'transform1', 'succeeded');
    expect(await page.getByLabel('Output of transform1').textContent()).toBe('"o-7"');
    expect(await page.getByLabel('Trigger payload JSON').textContent()).toContain(TEST_TOPIC_ARN);
    await checkPage(browser, 'execution-sns');
  });
});
