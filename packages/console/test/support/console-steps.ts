import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Steps a user takes in the console, by role and label only. */

export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export function clipboard(page: Page): Promise<string> {
  return page.evaluate<string>('navigator.clipboard.readText()');
}

/** Adds a node from the palette and fills its params form (labels are the param names). */
export async function addNode(page: Page, type: string, params: Record<string, string>): Promise<void> {
  // The palette button reads "Add <display name> <type> node".
  const escaped = type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('button', { name: new RegExp(`^Add .+ ${escaped} node$`) }).click();
  const panel = page.getByRole('complementary', { name: 'Properties' });
  for (const [name, value] of Object.entries(params))
    await panel.getByLabel(name, { exact: false }).first().fill(value);
  await panel.getByRole('button', { name: 'Done' }).click();
}

export async function addEdge(page: Page, from: string, to: string, when: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Add an edge' });
  await form.getByLabel('From').selectOption(from);
  await form.getByLabel('To').selectOption(to);
  await form.getByLabel('When').selectOption(when);
  await form.getByRole('button', { name: 'Add edge' }).click();
}

/** Waits until the execution page shows node `id` in `status`. */
export async function waitForNodeStatus(page: Page, id: string, status: string): Promise<void> {
  await expect
    .poll(() => page.getByRole('article', { name: `Node ${id}` }).textContent(), { timeout: 30_000 })
    .toContain(status);
}
