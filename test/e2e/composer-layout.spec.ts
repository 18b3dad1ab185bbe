/**
 * The composer in a small window: at 1024×700 (and larger) a reply or a new message keeps an editor a seller can write
 * in (at least 240 px tall) and Send stays in view without scrolling the page, in German and in English.
 */
import { expect, test } from './support/fixtures.js';
import { ParleyEnv } from './support/parley-env.js';

/** James wrote (a reply quotes him); Lukas opted out (a new message, with the policy check's warning beside it). */
const OPENINGS = [
  ['reply', 'James Smith', 'reply-button'],
  ['new', 'Lukas Weber', 'new-message-button'],
] as const;
const SIZES = [
  [1024, 700],
  [1440, 900],
  [1920, 1080],
] as const;
/** px: the least height of the editor a seller can still write a reply in. */
const EDITOR_MIN_PX = 240;

// An environment of its own: the drafts and the language set here must not leak into the other specs' demo.
let env: ParleyEnv | undefined;
test.beforeAll(async () => {
  env = await ParleyEnv.create({ demo: true });
});
test.afterAll(async () => {
  await env?.dispose();
});

for (const language of ['de', 'en'] as const) {
  test(`a reply and a new message at 1024×700 and larger keep a usable editor and Send in view (${language})`, async ({
    page,
    shoot,
  }) => {
    await env!.server.call('settings.update', { ui: { language } });
    for (const [[width, height], [kind, buyer, button]] of SIZES.flatMap((size) =>
      OPENINGS.map((o) => [size, o] as const),
    )) {
      await page.setViewportSize({ width, height });
      await page.goto('about:blank'); // a fresh load reads the UI language
      await page.goto(env!.server.url);
      await page.getByTestId('filter-all').click();
      await page.getByTestId('conversation-row').filter({ hasText: buyer }).first().click();
      await page.getByTestId(button).click();
      const editor = page.getByTestId('composer-editor');
      const send = page.getByTestId('composer-send');
      await expect(editor).toBeVisible();
      await expect(send).toBeInViewport({ ratio: 1 });
      const box = (await editor.boundingBox())!;
      expect(box.height, `${kind}: editor height at ${width}×${height}`).toBeGreaterThanOrEqual(EDITOR_MIN_PX);
      // The whole editor is on screen too, not scrolled half away above Send.
      await expect(editor).toBeInViewport({ ratio: 1 });
      // The page itself does not scroll: only panes inside it do.
      const pageScrolls = await page.evaluate(
        'document.scrollingElement.scrollHeight > document.scrollingElement.clientHeight',
      );
      expect(pageScrolls, `${kind}: the page scrolls at ${width}×${height}`).toBe(false);
      await shoot(page, `composer-layout-${kind}-${language}-${width}x${height}`);
      await page
        .getByTestId('composer')
        .getByRole('button', { name: /close|schließen/i })
        .click();
    }
  });
}
