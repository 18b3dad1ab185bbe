/**
 * End-to-end tests (test/e2e): Debian's Chromium against `parley serve --http` and the built
 * renderer (out/renderer; `npm test` builds it first, the fixtures fail clearly when it is
 * missing). One worker, no retries: the tests start real relays and a shared smarthost, and a
 * flaky pass would hide a real outbox bug. The global timeout bounds the whole e2e run (about six minutes).
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.js';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 90_000, // ms per test: the outbox test restarts serve and waits for retries
  globalTimeout: 9 * 60_000, // ms: the whole e2e run
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] // .ci/run sums it up
    : [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    colorScheme: 'light',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
});
