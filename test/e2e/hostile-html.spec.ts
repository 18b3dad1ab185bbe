/**
 * Hostile HTML once the seller allows remote content (R14), in Debian's Chromium over `parley serve --http`: the
 * dangling-markup URLs, the quote in a URL and the SVG filter, clip path and mask reach nothing, scripts still run
 * nowhere, while the ordinary images and the font of the same message do load (the controls). And a frameset-only
 * HTML mail shows its text alternative instead of an empty frame. The bulk of the hostile set runs through the
 * sanitizer in vitest (sanitize-hostile.test.ts); this is its sample in the real browser. Its own data directory:
 * the seller's-day tests count the conversations of theirs.
 */
import { expect, test } from './support/fixtures.js';
import { danglingHtml, framesetHtml, HOSTILE_SENTENCE, TRAP_INIT_SCRIPT } from './support/hostile.js';
import { InboxPage } from './support/inbox-page.js';
import { ParleyEnv } from './support/parley-env.js';

const DANA = { name: 'Dana Roe', address: 'dana.roe@example.net' };
const DANA_SUBJECT = 'Payment question (HTML)';
const FIONA = { name: 'Fiona Frame', address: 'fiona.frame@example.org' };
const FIONA_TEXT = 'Hello, the parcel for order 302-4400112-9000001 has not arrived yet. Can you check?';
/** The controls: what allowed remote content must load from the message. */
const CONTROLS = ['/ok-image', '/ok-inline-background', '/ok-sheet-background'];

let env: ParleyEnv | undefined;
test.beforeAll(async () => {
  env = await ParleyEnv.create({ demo: true });
  await env.server.call('settings.update', { ui: { language: 'en' } });
  await env.mailFromBuyer({
    from: DANA,
    subject: DANA_SUBJECT,
    text: HOSTILE_SENTENCE,
    html: danglingHtml(env.trap.origin),
  });
  await env.mailFromBuyer({
    from: FIONA,
    subject: 'Where is my parcel?',
    text: FIONA_TEXT,
    html: framesetHtml(env.trap.origin),
  });
});
test.afterAll(async () => {
  await env?.dispose();
});

test('with remote content allowed, dangling-markup URLs and SVG filters reach nothing and no script runs', async ({
  browser,
  shoot,
}) => {
  // Its own browser context: the controls reach the trap on purpose, which the page fixture would call a leak.
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(TRAP_INIT_SCRIPT);
    const inbox = new InboxPage(page);
    await inbox.open(env!.server.url);
    await inbox.openConversation(DANA.name);
    const message = inbox.message(DANA_SUBJECT);
    const frame = message.locator('iframe').first();
    await expect(frame.contentFrame().getByText(HOSTILE_SENTENCE)).toBeVisible();
    expect(env!.trap.hits).toEqual([]); // blocked: the frame is there and has reached nothing

    await message.getByRole('button', { name: /show remote content/i }).click();
    await expect(frame.contentFrame().getByText('End of message.')).toBeVisible();
    // The controls arrive: remote content really is allowed now, and the frame's loads have started …
    await expect.poll(() => CONTROLS.filter((c) => !env!.trap.hits.includes(c))).toEqual([]);
    // … and the frame's document has finished loading, subresources included.
    const content = await (await frame.elementHandle())!.contentFrame();
    await content!.waitForLoadState('load');
    await shoot(message, 'hostile-html-remote-allowed');

    const reached = env!.trap.hits.filter((path) => !path.startsWith('/ok-'));
    expect(reached, 'requests beyond the images and fonts of the message').toEqual([]);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned: string[] }).__pwned)).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a frameset-only HTML mail shows its text alternative, not an empty frame', async ({ page }) => {
  const inbox = new InboxPage(page);
  await inbox.open(env!.server.url);
  await inbox.openConversation(FIONA.name);
  const message = inbox.message(FIONA_TEXT);
  await expect(message.getByTestId('message-text')).toHaveText(FIONA_TEXT);
  // Not just the text standing in while the HTML loads: the HTML has arrived, and no frame replaced the text.
  await expect(message.getByTestId('message-text')).not.toHaveClass(/message-text-pending/);
  await expect(message.locator('iframe')).toHaveCount(0);
});
