/**
 * Orders, performance and the dispute record: Debian's Chromium against
 * `parley serve --http` with the demo data. The seller drops the marketplace's order report on
 * the window, finds a buyer's orders by alias (R3), confirms a shipment (R17: the automatic
 * confirmation reaches the smarthost), opens the performance view, and exports a conversation's
 * record, which `parley verify --export` accepts as it is and refuses with one byte changed. The
 * downloaded record is the seller's copy (no buyer's address, R5); the export for a dispute
 * authority is written by the backend into the data folder, never downloaded through the page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';
import { dropFile } from './support/page-actions.js';
import { JAMES } from './support/sellers-day-cast.js';

const PARLEY = path.resolve(import.meta.dirname, '../../bin/parley.js');
const NEW_ORDER = '302-4400123-5566778';
const TRACKING = '00340434161094099999';
const GERMAN_DATE_ORDER = '302-4400123-0000004';

/** A report as the marketplace writes it: its own column order, an unknown column, one bad date. */
function orderReport(): Buffer {
  const rows = [
    ['purchase-date', 'order-id', 'buyer-name', 'buyer-email', 'product-name', 'item-category', 'sales-channel'],
    [
      '2026-11-20T10:15:00+00:00',
      NEW_ORDER,
      JAMES.name,
      JAMES.address,
      'Walnut coasters (set of 6)',
      'standard',
      'Marketplace.de',
    ],
    [
      '2026-11-21T08:00:00+00:00',
      '302-4400123-0000002',
      'Sofia Rossi',
      'sofia.rossi@example.it',
      'Olive wood board',
      'handmade',
      'Marketplace.de',
    ],
    ['not a date', '302-4400123-0000003', 'Bad Row', 'bad.row@example.com', 'Something', 'standard', 'Marketplace.de'],
    // The German report's own date format.
    [
      '03.12.2026 14:30',
      GERMAN_DATE_ORDER,
      'Jonas Weber',
      'jonas.weber@example.de',
      'Brotbrett',
      'handmade',
      'Amazon.de',
    ],
  ];
  return Buffer.from(rows.map((r) => r.join('\t')).join('\n') + '\n');
}

test.beforeAll(async ({ demoEnv }) => {
  await demoEnv.server.call('settings.update', { ui: { language: 'en' } });
});

test('an order report dropped on the window is imported, its bad row listed with line and reason', async ({
  page,
  demoEnv,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await page.getByTestId('nav-orders').click();
  const view = page.getByTestId('orders-drop-zone');
  await dropFile(view, { name: 'order-report.txt', type: 'text/plain', bytes: orderReport() });
  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 15_000 });
  await expect(result).toContainText(/line 4/i);
  await expect(result).toContainText(/date/i);
  await shoot(page, 'orders-import');
  // The good rows are in: the backend's own word.
  const listed = await demoEnv.server.call('orders.list', { query: NEW_ORDER });
  expect(listed.rows.map((r) => r.orderId)).toEqual([NEW_ORDER]);
  expect((await demoEnv.server.call('orders.list', { query: GERMAN_DATE_ORDER })).total).toBe(1);
  // Dropping the same file again changes nothing.
  await dropFile(view, { name: 'order-report.txt', type: 'text/plain', bytes: orderReport() });
  await expect(result).toContainText(/unchanged/i, { timeout: 15_000 });
  expect((await demoEnv.server.call('orders.list', { query: 'Sofia' })).total).toBe(1);
});

test("a buyer's orders are found by alias, and confirming a shipment sends the automatic message (R3, R17)", async ({
  page,
  demoEnv,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  const james = (await demoEnv.server.call('inbox.list', { filter: 'all' })).rows.find(
    (r) => r.buyerName === JAMES.name,
  )!;
  await page.getByTestId('nav-orders').click();
  await page.getByTestId('orders-search').fill(james.alias);
  const rows = page.getByTestId('order-row');
  await expect(rows).toHaveCount(2); // the demo order and the imported one, both James's
  await expect(page.locator(`[data-testid="order-row"][data-order-id="${NEW_ORDER}"]`)).toHaveCount(1);
  await shoot(page, 'orders-by-alias');

  const before = demoEnv.smarthost.messages.length;
  await page.locator(`[data-testid="order-row"][data-order-id="${NEW_ORDER}"]`).getByTestId('ship-button').click();
  const dialog = page.getByTestId('ship-dialog');
  await dialog.getByLabel(/carrier/i).fill('DHL');
  await dialog.getByLabel(/tracking/i).fill(TRACKING);
  await shoot(dialog, 'ship-dialog');
  await dialog.getByRole('button', { name: /confirm/i }).click();
  await expect
    .poll(() => demoEnv.smarthost.messages.slice(before).filter((m) => m.to.includes(JAMES.address)).length, {
      timeout: 15_000,
    })
    .toBe(1);
  const sent = demoEnv.smarthost.messages.slice(before).find((m) => m.to.includes(JAMES.address))!;
  expect(sent.raw.toString()).toContain(TRACKING);
  const order = (await demoEnv.server.call('orders.list', { query: NEW_ORDER })).rows[0];
  expect(order.shippedAt).not.toBeNull();
});

test('the performance view opens with the 7, 30 and 90 day response shares and the daily limit (R16, R19)', async ({
  page,
  demoEnv,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await page.getByTestId('nav-performance').click();
  const view = page.getByTestId('performance-view');
  for (const days of [7, 30, 90])
    await expect(view.getByTestId(`performance-share-${days}`)).toBeVisible({ timeout: 10_000 });
  // The demo shop has few orders: its limit is 5 × (orders a day) + 600, shown with the formula.
  await expect(view.getByTestId('quota-meter')).toHaveAttribute('max', /^6\d\d$/);
  await expect(view).toContainText(/5 × [\d.,]+ \+ 600/);
  await shoot(page, 'performance');
});

test("a conversation's record exports as a zip that parley verify accepts, and refuses one byte changed (R21)", async ({
  page,
  demoEnv,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await inbox.choose('all');
  await inbox.openConversation(JAMES.name);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-record-button').first().click(),
  ]);
  await shoot(page, 'record-exported');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-export-'));
  try {
    const zip = path.join(dir, download.suggestedFilename());
    await download.saveAs(zip);
    expect(zip).toMatch(/\.zip$/);
    execFileSync(process.execPath, [PARLEY, 'verify', '--export', zip], { stdio: 'pipe' }); // throws on a non-zero exit

    // R5: the seller's copy names the buyer by alias only (the zip stores its files uncompressed).
    const shown = fs
      .readFileSync(zip)
      .toString('latin1')
      .replace(/&#0*64;?|&#x0*40;?|%40/gi, '@')
      .toLowerCase();
    expect(shown).not.toContain(JAMES.address);

    const tampered = path.join(dir, 'tampered.zip');
    const bytes = fs.readFileSync(zip);
    bytes[Math.floor(bytes.length / 3)] ^= 0x01;
    fs.writeFileSync(tampered, bytes);
    const refused = spawnSync(process.execPath, [PARLEY, 'verify', '--export', tampered], { encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`.length).toBeGreaterThan(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // The originals, for a dispute authority: asked first, written by the backend, only the path reaches the page.
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('authority-export-button').click();
  await expect(page.getByTestId('authority-export-confirm')).toContainText("the buyer's real e-mail address");
  await page.getByTestId('authority-export-go').click();
  const result = page.getByTestId('authority-export-result');
  await expect(result).toContainText(path.join(demoEnv.dataDir, 'exports'));
  const saved = /authority: (\S+?\.zip)/.exec((await result.textContent()) ?? '')![1];
  expect(fs.readFileSync(saved).toString('latin1').toLowerCase()).toContain(JAMES.address);
  execFileSync(process.execPath, [PARLEY, 'verify', '--export', saved], { stdio: 'pipe' });
  expect(downloads).toBe(0);
});
