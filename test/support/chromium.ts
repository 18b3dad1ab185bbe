/**
 * Debian's Chromium, as Playwright drives it here (e2e tests and bench/ui share this). The build
 * machines cannot download Playwright's own browsers, so `npx playwright install` is never run:
 * we point Playwright at /usr/bin/chromium with flags that keep it quiet and offline.
 */
import fs from 'node:fs';

export const CHROMIUM_PATH = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // containers without user namespaces
  '--disable-gpu',
  '--disable-background-networking', // no update checks, no safe-browsing fetches: loopback only
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A clear reason when the browser is missing, instead of Playwright's download hint. */
export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set PARLEY_CHROMIUM); never run "npx playwright install" here`,
    );
  }
}
