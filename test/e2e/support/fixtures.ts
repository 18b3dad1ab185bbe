/**
 * Playwright fixtures of the end-to-end tests.
 * - `demoEnv` (one per worker): demo data, smarthost, trap, `parley serve --http`; disposed at the
 *   end whatever happened. Serial tests of one file share it, so they can play one day in order.
 * - `page` records every request and, after each test, fails it if any left for anything but a
 *   bridge of this run (the renderer must never reach the network: DESIGN.md, Renderer).
 * - `shoot` saves a screenshot under test-results/e2e/screenshots/ and attaches it to the report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { TRAP_INIT_SCRIPT } from './hostile.js';
import { ParleyEnv } from './parley-env.js';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-results/e2e/screenshots');

/** Schemes that never leave the machine. */
const LOCAL_SCHEMES = /^(data|blob|about|chrome-error|chrome-extension):/;

interface TestFixtures {
  /** Every URL the page (and its frames, workers) requested during the test. */
  requests: string[];
  shoot: (target: Page | Locator, name: string) => Promise<string>;
}

interface WorkerFixtures {
  demoEnv: ParleyEnv;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  demoEnv: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const env = await ParleyEnv.create({ demo: true });
      try {
        await use(env);
      } finally {
        await env.dispose();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],

  requests: async ({ context }, use) => {
    const urls: string[] = [];
    context.on('request', (r) => urls.push(r.url()));
    await use(urls);
  },

  page: async ({ page, requests }, use) => {
    await page.addInitScript(TRAP_INIT_SCRIPT);
    await use(page);
    const origins = new Set(ParleyEnv.bridgeOrigins);
    const outside = requests.filter((u) => !LOCAL_SCHEMES.test(u) && !origins.has(new URL(u).origin));
    expect(outside, `requests to anything but the bridge (${[...origins].join(', ')})`).toEqual([]);
  },

  // eslint-disable-next-line no-empty-pattern
  shoot: async ({}, use, testInfo) => {
    await use(async (target, name) => {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await target.screenshot({ path: file, animations: 'disabled' });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
      return file;
    });
  },
});

export { expect };
