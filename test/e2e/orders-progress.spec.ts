/**
 * The order import's progress over the web bridge: Debian's Chromium against `parley serve --http`. A report big
 * enough for several chunks of the app's chunked import (IMPORT_CHUNK_ROWS) is dropped on the Orders view, and its
 * progress bar must be seen part-way (0 < value < max) before the result replaces it: 'job.progress' travelled from
 * the import through the bridge's event stream to the browser's client and into the view.
 */
import { IMPORT_CHUNK_ROWS } from '../../src/main/core/ops/orders-import.js';
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';
import { dropFile } from './support/page-actions.js';
import { ParleyEnv } from './support/parley-env.js';

const ROWS = IMPORT_CHUNK_ROWS * 10;
const BUYERS = 500; // each buyer's first order draws an alias; the rest of the rows only add orders

/** A report of `rows` orders, as the marketplace writes it (tab-separated, an unknown column). */
function bigReport(rows: number): Buffer {
  const lines = ['order-id\tpurchase-date\tbuyer-name\tbuyer-email\tproduct-name\titem-category\tsales-channel'];
  for (let i = 0; i < rows; i++) {
    const buyer = i % BUYERS;
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      [
        `305-${String(i).padStart(7, '0')}-${String(i % 97).padStart(7, '0')}`,
        `2020-10-${day}T09:30:00+00:00`,
        `Progress Buyer ${buyer}`,
        `progress.buyer${buyer}@example.com`,
        'Walnut coasters (set of 6)',
        'standard',
        'Marketplace.de',
      ].join('\t'),
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

interface Seen {
  value: number;
  max: number;
}

/** The page's globals the observer uses (the Node tsconfig has no DOM types). */
interface ObserverGlobals {
  document: { body: unknown; querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  progressSeen?: Seen[];
}

let env: ParleyEnv | undefined;
test.beforeAll(async () => {
  env = await ParleyEnv.create({ demo: true });
  await env.server.call('settings.update', { ui: { language: 'en' } });
});
test.afterAll(async () => {
  await env?.dispose();
});

test('an order report of several chunks shows its import progress moving in the browser (job.progress over the bridge)', async ({
  page,
  shoot,
}) => {
  const server = env!.server;
  const inbox = new InboxPage(page);
  await inbox.open(server.url);
  await page.getByTestId('nav-orders').click();
  const zone = page.getByTestId('orders-drop-zone');
  await expect(zone).toBeVisible();

  // Every value the bar takes, recorded in the page as React commits it: the import may be faster than any poll.
  await page.evaluate(() => {
    const g = globalThis as unknown as ObserverGlobals;
    const seen: Seen[] = [];
    g.progressSeen = seen;
    new g.MutationObserver(() => {
      const bar = g.document.querySelector('[data-testid="import-progress"] progress');
      const value = bar?.getAttribute('value');
      const max = bar?.getAttribute('max');
      if (value == null || max == null) return;
      const last = seen[seen.length - 1];
      if (!last || last.value !== Number(value) || last.max !== Number(max))
        seen.push({ value: Number(value), max: Number(max) });
    }).observe(g.document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['value', 'max'],
    });
  });

  await dropFile(zone, { name: 'big-order-report.txt', type: 'text/plain', bytes: bigReport(ROWS) });
  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByTestId('import-imported')).toHaveText(ROWS.toLocaleString('en-US'));
  await expect(result.getByTestId('import-failed')).toHaveText('0');
  await shoot(page, 'orders-import-big');

  const seen = await page.evaluate(() => (globalThis as unknown as ObserverGlobals).progressSeen ?? []);
  const partWay = seen.filter((s) => s.max === ROWS && s.value > 0 && s.value < s.max);
  expect(partWay.length, `the bar part-way; it showed ${JSON.stringify(seen)}`).toBeGreaterThan(0);
  // It only moved forwards.
  const values = seen.map((s) => s.value);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  expect((await server.call('orders.list', { query: '305-', limit: 1 })).total).toBe(ROWS);
});
