/**
 * A new seller's first hour, in German and in English, at 1024×700, 1440×900 and 1920×1080: each run starts on an
 * empty data directory with the browser's language set, meets the welcome, explores the demo data it offers, gets a
 * buyer message with a landscape PDF and opens it, replies, meets a blocked message and its fix button, exports a
 * conversation's record, imports an order report with German dates, looks at Performance, Settings' mail client
 * setup and the Outbox. Every step saves a screenshot (first-hour-<lang>-<w>x<h>-<step>) and scans the visible text
 * for the other language: the renderer's own en/de strings and a few function words, outside what people wrote.
 * The steps run one after another and each one reports on its own: a failing step is listed at the end and the walk
 * goes on, so one run tells the whole story.
 */
import type { Locator, Page, TestInfo } from '@playwright/test';
import type { Language } from '../../src/shared/domain.js';
import { expect, test } from './support/fixtures.js';
import {
  foreignWords,
  germanDateReport,
  landscapePdf,
  languageScan,
  stringPairs,
  visibleUiText,
  type LanguageScan,
} from './support/first-hour.js';
import { inkOf } from './support/page-actions.js';
import { ParleyEnv } from './support/parley-env.js';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

const LUKAS = 'Lukas Weber'; // the demo buyer who opted out of seller messages
const BUYER = {
  de: {
    from: { name: 'Sophie Wagner', address: 'sophie.wagner@example.de' },
    subject: 'Lieferschein im Querformat',
    text: 'Guten Tag,\n\nanbei der Lieferschein im Querformat. Passt die Lieferung am Freitag?\n\nSophie Wagner\n',
    reply: 'Guten Tag Frau Wagner,\n\nja, Freitag passt. Vielen Dank!\n\nHolzwerkstatt Berger',
    blocked: 'Guten Tag Herr Weber,\n\nin Ihrer Lieferadresse fehlt die Hausnummer.\n\nHolzwerkstatt Berger',
  },
  en: {
    from: { name: 'Sophie Wagner', address: 'sophie.wagner@example.com' },
    subject: 'Delivery note in landscape',
    text: 'Hello,\n\nhere is the delivery note in landscape. Is Friday fine for the delivery?\n\nSophie\n',
    reply: 'Hello Sophie,\n\nFriday is fine. Thank you!\n\nHolzwerkstatt Berger',
    blocked: 'Hello Mr Weber,\n\nyour delivery address lacks the house number.\n\nHolzwerkstatt Berger',
  },
} as const;

const ORDERS = [
  { orderId: '302-9911200-4455667', name: 'Sophie Wagner', email: 'sophie.wagner@example.de', product: 'Salatbesteck' },
  { orderId: '302-9911200-4455668', name: 'Jonas Keller', email: 'jonas.keller@example.de', product: 'Brotbrett' },
];

/** ms for what a fix of this round brings: a missing test id fails fast instead of eating the run's time. */
const QUICK = 5_000;

/** One step's outcome, for the summary at the end. */
interface Outcome {
  step: string;
  ok: boolean;
  error?: string;
}

for (const lang of ['de', 'en'] as const) {
  for (const size of SIZES) {
    const run = `${lang}-${size.width}x${size.height}`;
    test.describe(`first hour ${run}`, () => {
      test.use({ locale: lang === 'de' ? 'de-DE' : 'en-GB', viewport: size });

      test(`a new seller's first hour (${run})`, async ({ page, shoot }, testInfo) => {
        test.setTimeout(150_000);
        const env = await ParleyEnv.create({ demo: false });
        try {
          await walk(page, env, lang, run, shoot, testInfo);
        } finally {
          await env.dispose();
        }
      });
    });
  }
}

type Shoot = (target: Page | Locator, name: string) => Promise<string>;

/** Waits until `target` stays where it is for a moment (layout done). */
async function settled(target: Locator): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const box = JSON.stringify(await target.boundingBox());
        const same = box === last;
        last = box;
        return same;
      },
      { message: 'the element stays in place', intervals: [250], timeout: 10_000 },
    )
    .toBe(true);
}

async function walk(page: Page, env: ParleyEnv, lang: Language, run: string, shoot: Shoot, testInfo: TestInfo) {
  const buyer = BUYER[lang];
  const pairs = await stringPairs();
  /** The UI's own words for `key` of the strings file `source` (e.g. features/composer/strings.ts). */
  const say = (source: string, key: string) => {
    const pair = pairs.find((p) => p.source === source && p.key === key);
    if (!pair) throw new Error(`no string ${key} in ${source}`);
    return pair[lang];
  };
  const scan: LanguageScan = languageScan(pairs, lang);
  const typed: string[] = [buyer.reply, buyer.blocked];
  const outcomes: Outcome[] = [];

  /** What people wrote (subjects, bodies, names, products): the scan leaves it alone. */
  const written = async (): Promise<string[]> => {
    const out = [...typed];
    const status = await env.server.call('app.status', {});
    if (!status.seller) return out;
    out.push(status.seller.name);
    const { rows } = await env.server.call('inbox.list', { filter: 'all' });
    for (const row of rows) {
      const detail = await env.server.call('conversation.get', { id: row.id });
      out.push(row.buyerName ?? '');
      for (const m of detail.messages) out.push(m.subject, m.text, m.fromLabel);
    }
    for (const o of (await env.server.call('orders.list', {})).rows) out.push(o.productName ?? '', o.buyerName ?? '');
    return out.filter(Boolean);
  };

  const clean = (error: unknown) =>
    (error instanceof Error ? error.message : String(error))
      .replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '') // the terminal's colours
      .split('\n')
      .filter((l) => l.trim())
      .slice(0, 6)
      .join(' ⏎ ');

  /** The language scan of the screen as it is, an outcome of its own: a step's screen is scanned even if it failed. */
  const scanScreen = async (name: string) => {
    try {
      const foreign = foreignWords(await visibleUiText(page, await written()), scan);
      outcomes.push({
        step: `${name} (language)`,
        ok: foreign.length === 0,
        error: foreign.length ? `${lang === 'de' ? 'English' : 'German'} on screen: ${foreign.join('; ')}` : undefined,
      });
    } catch (error) {
      outcomes.push({ step: `${name} (language)`, ok: false, error: clean(error) });
    }
  };

  /** The screenshot and the language scan every step ends with. */
  const look = async (name: string, target: Page | Locator = page) => {
    await shoot(target, `first-hour-${run}-${name}`);
    await scanScreen(name);
  };

  const step = async (name: string, body: () => Promise<void>) => {
    try {
      await test.step(name, body);
      outcomes.push({ step: name, ok: true });
    } catch (error) {
      outcomes.push({ step: name, ok: false, error: clean(error) });
      await shoot(page, `first-hour-${run}-${name}-failed`).catch(() => {});
      await scanScreen(`${name}-failed`);
    }
  };

  /** A fresh page load on the bridge, the inbox's filters up. */
  const home = async () => {
    await page.goto('about:blank');
    await page.goto(env.server.url);
    await expect(page.getByTestId('filter-response-needed')).toBeVisible({ timeout: 20_000 });
  };

  const openConversation = async (name: string, filter = 'all') => {
    await page.getByTestId(`filter-${filter}`).click();
    await page.getByTestId('conversation-row').filter({ hasText: name }).first().click();
    await expect(page.getByTestId('message').first()).toBeVisible();
  };

  // 1. The welcome on an empty store, in the browser's language; its demo data is the inbox of the steps after.
  expect((await env.server.call('app.status', {})).firstRun).toBe(true);
  await step('1-welcome', async () => {
    await page.goto(env.server.url);
    await expect(page.getByRole('heading', { name: say('features/first-run/strings.ts', 'welcome') })).toBeVisible();
    const chooser = page.getByTestId('welcome-language');
    await expect(chooser).toBeVisible({ timeout: QUICK });
    const chosen = await chooser.evaluate((el) => {
      const select = (el.tagName === 'SELECT' ? el : el.querySelector('select')) as { value: string } | null;
      return select?.value ?? el.getAttribute('data-value');
    });
    expect(chosen, 'the welcome starts in the browser language').toBe(lang);
    await look('1-welcome');
  });
  await step('1-demo-inbox', async () => {
    if (!(await page.getByTestId('filter-response-needed').isVisible())) {
      // Step 1 tells whether the welcome came up in the browser's language; the walk goes on in the run's language.
      const language = page.getByRole('combobox', { name: /language|sprache/i });
      if ((await language.inputValue()) !== lang) await language.selectOption(lang);
      await page.getByRole('button', { name: say('features/first-run/strings.ts', 'demoStart') }).click();
    }
    await expect(page.getByTestId('filter-response-needed')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('conversation-row').first()).toBeVisible();
    await look('1-demo-inbox');
  });
  if ((await env.server.call('app.status', {})).firstRun) {
    // The welcome could not make the demo data: the rest of the walk has nothing to look at.
    throw new Error(`no demo data after the welcome: ${JSON.stringify(outcomes)}`);
  }

  // 2. A buyer's landscape PDF: the preview keeps the page's shape.
  const pdf = await landscapePdf(lang === 'de' ? 'Lieferschein' : 'Delivery note');
  await env.mailFromBuyer({
    from: buyer.from,
    subject: buyer.subject,
    text: buyer.text,
    attachments: [{ filename: 'lieferschein-quer.pdf', content: pdf.bytes, contentType: 'application/pdf' }],
  });
  await step('2-landscape-pdf', async () => {
    await home();
    await openConversation(buyer.from.name, 'response-needed');
    const message = page.getByTestId('message').filter({ hasText: 'lieferschein-quer.pdf' });
    await message.getByTestId('attachment-preview').first().click();
    const viewer = page.getByTestId('attachment-viewer');
    const canvas = viewer.getByTestId('pdf-preview-canvas').first();
    await expect(canvas).toBeVisible({ timeout: 15_000 });
    await expect
      .poll(async () => (await inkOf(viewer.getByTestId('pdf-viewer'))).ratio, { message: 'the page is drawn' })
      .toBeGreaterThan(0.001);
    const shape = await canvas.evaluate((c: unknown) => {
      const el = c as { width: number; height: number; getBoundingClientRect(): { width: number; height: number } };
      const box = el.getBoundingClientRect();
      return { drawn: el.width / el.height, shown: box.width / box.height };
    });
    const page_ = pdf.width / pdf.height;
    expect(
      Math.abs(shape.drawn / page_ - 1),
      `drawn ${shape.drawn.toFixed(3)} vs page ${page_.toFixed(3)}`,
    ).toBeLessThan(0.02);
    expect(
      Math.abs(shape.shown / page_ - 1),
      `shown ${shape.shown.toFixed(3)} vs page ${page_.toFixed(3)}`,
    ).toBeLessThan(0.02);
    await look('2-landscape-pdf');
  });

  // 3. A reply: the toast says what became of it.
  await step('3-reply', async () => {
    await home();
    await openConversation(buyer.from.name);
    await page.getByTestId('reply-button').click();
    await page.getByTestId('composer-editor').fill(buyer.reply);
    // As a seller would, click Send once the composer has settled: the live check has answered and the spelling
    // bar has appeared (a word it does not know moves Send down as it comes in).
    await expect(page.getByTestId('dryrun-verdict')).toBeVisible({ timeout: 15_000 });
    await settled(page.getByTestId('composer-send'));
    // Send is on screen without hunting for it, also in a small window.
    await expect(page.getByTestId('composer-send')).toBeInViewport();
    await page.getByTestId('composer-send').click();
    await expect(page.getByTestId('composer-editor'))
      .toBeHidden()
      .catch(async (error: Error) => {
        const said = await page.locator('[role="alert"], [role="alertdialog"]').allInnerTexts();
        throw new Error(`the composer stayed open after Send (on screen: ${said.join(' | ') || 'nothing'})`, {
          cause: error,
        });
      });
    const toast = page.getByTestId('sent-toast');
    await expect(toast).toBeVisible({ timeout: QUICK });
    const sent = page.getByTestId('message').filter({ hasText: buyer.reply.split('\n')[2] });
    await expect(sent).toHaveAttribute('data-state', 'delivered', { timeout: 15_000 });
    // Delivered is what the toast says (not "waiting for the smarthost" under a message shown Delivered).
    await expect(toast).toContainText(say('features/composer/strings.ts', 'sent.delivered'));
    await expect(toast).not.toContainText(say('features/composer/strings.ts', 'sent.queued'));
    await look('3-reply');
  });

  // 4. A message the policy blocks, and the button that fixes it.
  await step('4-blocked-send', async () => {
    await home();
    await openConversation(LUKAS);
    await page.getByTestId('new-message-button').click();
    const composer = page.getByTestId('composer');
    await composer
      .getByRole('combobox', { name: say('features/composer/strings.ts', 'topic') })
      .selectOption('address-problem');
    await page.getByTestId('composer-editor').fill(buyer.blocked);
    const verdict = composer.getByTestId('dryrun-verdict');
    await expect(verdict).toHaveClass(/verdict-block/, { timeout: 15_000 });
    const summary = composer.getByTestId('dry-run-summary');
    await expect(summary).toBeVisible({ timeout: QUICK });
    await expect(summary).toContainText(LUKAS.split(' ')[0]); // words about this buyer, not a rule id
    await expect(summary).not.toContainText(/\bR1\d/);
    await expect(composer.getByTestId('dry-run-why')).toBeVisible({ timeout: QUICK });
    await look('4-blocked');
    const fix = composer.getByTestId('dry-run-fix');
    await expect(fix).toHaveText(/\[(Wichtig|Important)\]/, { timeout: QUICK });
    await fix.click();
    await expect(verdict).toHaveClass(/verdict-deliver/, { timeout: 15_000 });
    // The [Wichtig] toggle says so too (the test id sits on the checkbox or on its row).
    const important = await composer.getByTestId('composer-important').evaluate((el: unknown) => {
      type Box = { checked?: boolean; querySelector(s: string): Box | null };
      const box = el as Box;
      return (box.checked ?? box.querySelector('input[type="checkbox"]')?.checked) === true;
    });
    expect(important, 'the [Wichtig] box is ticked').toBe(true);
    await look('4-fixed');
  });

  // 5. Export record: the action row keeps its height.
  await step('5-export-record', async () => {
    await home();
    await openConversation(buyer.from.name);
    const reply = page.getByTestId('reply-button');
    const compose = page.getByTestId('new-message-button');
    const before = [(await reply.boundingBox())!.height, (await compose.boundingBox())!.height];
    await page.getByTestId('export-record-button').click();
    await expect(page.getByTestId('export-result')).toBeVisible({ timeout: QUICK });
    const after = [(await reply.boundingBox())!.height, (await compose.boundingBox())!.height];
    expect(Math.abs(after[0] - before[0]), `Reply ${before[0]} → ${after[0]} px`).toBeLessThanOrEqual(1);
    expect(Math.abs(after[1] - before[1]), `New message ${before[1]} → ${after[1]} px`).toBeLessThanOrEqual(1);
    await look('5-export-record');
  });

  // 6. Orders: a report with German dates is imported.
  await step('6-orders-import', async () => {
    await home();
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-file-input').setInputFiles({
      name: 'bestellungen.txt',
      mimeType: 'text/plain',
      buffer: germanDateReport(ORDERS),
    });
    const result = page.getByTestId('import-result');
    await expect(result).toBeVisible({ timeout: 15_000 });
    await expect(result.getByTestId('import-imported')).toHaveText(String(ORDERS.length));
    await expect(result.getByTestId('import-failed')).toHaveText('0');
    const listed = await env.server.call('orders.list', { query: ORDERS[0].orderId });
    expect(listed.rows.map((r) => r.orderId)).toEqual([ORDERS[0].orderId]);
    // 03.12.2026 is the third of December (day first), not the twelfth of March.
    const day = new Date(listed.rows[0].purchasedAt);
    expect(day.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' })).toBe('2026-12-03');
    await look('6-orders-import');
  });

  // 7. Performance: the chart draws its points.
  await step('7-performance', async () => {
    await home();
    await page.getByTestId('nav-performance').click();
    await expect(page.getByTestId('performance-view')).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('chart-point').count(), { timeout: QUICK }).toBeGreaterThan(0);
    await look('7-performance');
  });

  // 8. Settings: a mail client can be set up from here; the Outbox holds what has not left, under a header.
  await step('8-settings', async () => {
    await home();
    await page.getByTestId('settings-button').click();
    const setup = page.getByRole('dialog').getByTestId('client-setup');
    await setup.scrollIntoViewIfNeeded({ timeout: QUICK });
    await expect(setup).toBeVisible();
    await look('8-settings');
  });
  await step('8-outbox', async () => {
    await home();
    await page.getByTestId('folder-outbox').click({ timeout: QUICK });
    await expect(page.getByTestId('outbox-header')).toBeVisible({ timeout: QUICK });
    const delivered = (await env.server.call('outbox.list', {})).filter((o) => o.state === 'delivered');
    expect(delivered.length, 'delivered mail exists (the Outbox must not list it)').toBeGreaterThan(0);
    for (const item of delivered) await expect(page.getByTestId(`outbox-${item.id}`)).toHaveCount(0);
    await look('8-outbox');
  });

  // The scan can fail: with the UI switched to the other language it finds plenty.
  await step('9-scan-control', async () => {
    await env.server.call('settings.update', { ui: { language: lang === 'de' ? 'en' : 'de' } });
    await home();
    const foreign = foreignWords(await visibleUiText(page, await written()), scan);
    expect(foreign.length, 'words of the other language found on its screen').toBeGreaterThan(3);
    await env.server.call('settings.update', { ui: { language: lang } });
  });

  const failed = outcomes.filter((o) => !o.ok);
  await testInfo.attach(`first-hour-${run}.json`, {
    body: JSON.stringify(outcomes, null, 2),
    contentType: 'application/json',
  });
  console.log(
    `first hour ${run}: ${outcomes.map((o) => `${o.step} ${o.ok ? 'ok' : 'FAILED'}`).join(', ')}` +
      failed.map((o) => `\n  ${o.step}: ${o.error}`).join(''),
  );
  expect(failed.map((o) => `${o.step}: ${o.error}`)).toEqual([]);
}
