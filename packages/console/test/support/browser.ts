import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`); HOOKFLOW_CHROMIUM points elsewhere. No browser download. */
const CHROMIUM = process.env.HOOKFLOW_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '../../test-output/screenshots');

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** CSP violations and page errors seen so far: every test expects none. */
  problems: string[];
  /** Saves `test-output/screenshots/<name>.png` (full page) for a person to look at. */
  screenshot(name: string): Promise<void>;
  /** axe-core on the current page: the serious and critical violations, as readable lines. */
  axe(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile (its own --user-data-dir, removed afterwards), clipboard allowed,
 * watching for CSP violations and uncaught page errors.
 */
export async function openBrowser(baseUrl: string): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set HOOKFLOW_CHROMIUM`);
  }
  const profile = await mkdtemp(path.join(tmpdir(), 'hookflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1400, height: 900 },
    baseURL: baseUrl,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(baseUrl).origin && url.protocol !== 'data:') {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return {
    context,
    page,
    problems,
    async screenshot(name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async axe() {
      // Evaluated through the DevTools protocol, which the page's CSP does not govern (an injected <script>
      // tag would be refused, as it should be).
      await page.evaluate(`${axeSource}\n;undefined`);
      const result = await page.evaluate<{ violations: AxeViolation[] }>('axe.run()');
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
              .map((node) => node.target.join(' '))
              .join(', ')}`,
        );
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Screenshot, then no serious/critical axe violation and no CSP violation on the page as it is now. */
export async function checkPage(browser: ConsoleBrowser, name: string): Promise<void> {
  await browser.screenshot(name);
  expect(await browser.axe(), `axe on ${name}`).toEqual([]);
  expect(browser.problems, `CSP and page errors on ${name}`).toEqual([]);
}
