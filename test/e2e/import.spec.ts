/**
 * Bring your old mail, in the browser over the web bridge: an mbox of 10,000 messages (made here) is chosen in the
 * Import old mail dialog, goes up in pieces, and its progress bar moves (two different values seen part-way, from
 * 'job.progress' over the bridge's event stream); the conversations appear in the inbox; the same file again adds
 * nothing. The import's rate is printed for the notes.
 */
import { mboxOf, testMail } from '../../src/main/core/ops/testing/mbox.js';
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';
import { ParleyEnv } from './support/parley-env.js';

const MESSAGES = 10_000;
const BUYERS = 400;
const SELLER_EMAIL = 'service@holzwerkstatt-berger.example'; // the demo shop's customer-service address

/** Buyers' questions and the shop's answers, threaded, dated today so they sort to the top of the inbox. */
function bigMbox(): Buffer {
  const now = Date.now();
  const mails: Buffer[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const buyer = i % BUYERS;
    const fromSeller = i % 4 === 3;
    const date = new Date(now - (MESSAGES - i) * 1000).toUTCString();
    mails.push(
      testMail({
        from: fromSeller
          ? `Holzwerkstatt Berger <${SELLER_EMAIL}>`
          : `History Buyer ${buyer} <history${buyer}@example.org>`,
        to: fromSeller ? `history${buyer}@example.org` : SELLER_EMAIL,
        subject: fromSeller ? `Re: Old question ${buyer}` : `Old question ${buyer}`,
        messageId: `hist-${i}@example.org`,
        inReplyTo: fromSeller ? `hist-${i - 1}@example.org` : undefined,
        date,
        body: `Message ${i} about the walnut board.\n\n>From the workshop, with thanks.`,
      }),
    );
  }
  return mboxOf(mails);
}

interface Seen {
  value: number;
  max: number;
}
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

test('an mbox of 10,000 messages imports with a moving progress bar, its conversations appear, and again adds nothing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const server = env!.server;
  const inbox = new InboxPage(page);
  await inbox.open(server.url);
  const bytes = bigMbox();

  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await page.evaluate(() => {
    const g = globalThis as unknown as ObserverGlobals;
    const seen: Seen[] = [];
    g.progressSeen = seen;
    new g.MutationObserver(() => {
      const bar = g.document.querySelector('[data-testid="import-progress"][data-phase="importing"] progress');
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

  const started = Date.now();
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'old-mail.mbox', mimeType: 'application/mbox', buffer: bytes });
  await expect(page.getByTestId('import-progress')).toBeVisible();
  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 90_000 });
  const seconds = (Date.now() - started) / 1000;
  await expect(result.getByTestId('import-imported')).toHaveText('10,000');
  await expect(result.getByTestId('import-refused')).toHaveText('0');
  console.log(
    `import.spec: ${MESSAGES} messages (${(bytes.length / 1e6).toFixed(1)} MB) uploaded and imported in ${seconds.toFixed(1)} s: ${Math.round(MESSAGES / seconds)} messages/s`,
  );

  const seen = await page.evaluate(() => (globalThis as unknown as ObserverGlobals).progressSeen ?? []);
  const partWay = seen.filter((s) => s.max === MESSAGES && s.value > 0 && s.value < s.max);
  expect(
    new Set(partWay.map((s) => s.value)).size,
    `the bar moved; it showed ${JSON.stringify(seen)}`,
  ).toBeGreaterThanOrEqual(2);
  const values = seen.map((s) => s.value);
  expect(values).toEqual([...values].sort((a, b) => a - b));

  // The conversations appear in the inbox, each buyer under the shop's alias for them.
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Close' }).last().click();
  await inbox.choose('all');
  await expect(inbox.row('History Buyer').first()).toBeVisible();
  const found = await server.call('inbox.search', { query: 'walnut board' });
  expect(JSON.stringify(found)).not.toContain('@example.org');

  // The same file again adds nothing.
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-another').click();
  await page
    .getByTestId('import-file-input')
    .setInputFiles({ name: 'old-mail.mbox', mimeType: 'application/mbox', buffer: bytes });
  await expect(result.getByTestId('import-imported')).toHaveText('0', { timeout: 90_000 });
  await expect(result.getByTestId('import-duplicates')).toHaveText('10,000');
});
