/**
 * Spell checking in the composer over the bridge, in Debian's Chromium: the Hunspell dictionaries shipped with the
 * app (German and English, loaded in a worker from the bridge, nothing from the network) mark a misspelled German
 * word, and its suggestions replace it. The demo data; the composer is closed without sending.
 */
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';

test.beforeAll(async ({ demoEnv }) => {
  await demoEnv.server.call('settings.update', { ui: { language: 'en' } });
});

test('a misspelled German word in the composer is marked and its suggestions replace it', async ({
  page,
  demoEnv,
  requests,
  shoot,
}) => {
  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await inbox.choose('all');
  await inbox.openConversation('Anna Müller');
  await inbox.conversation.getByTestId('new-message-button').click();
  const composer = page.getByTestId('composer');
  await expect(composer).toBeVisible();
  const body = composer.getByRole('textbox', { name: 'Message' });
  const text =
    'Guten Tag, die Lieferrung an Ihre Lieferadresse kommt morgen; bitte nennen Sie uns die Hausnummer. Thanks!';
  await body.fill(text);

  // Marked in the text and listed under it; German and English words that are right are not, compounds included.
  const misspelled = composer.getByTestId('misspelled-word');
  await expect(misspelled).toHaveText(['Lieferrung'], { timeout: 30_000 });
  await expect(composer.locator('.spell-mirror mark')).toHaveText(['Lieferrung']);

  // A right click on the marked word shows the suggestions (the mark lies over the word in the textarea).
  const mark = (await composer.locator('.spell-mirror mark').boundingBox())!;
  await page.mouse.click(mark.x + mark.width / 2, mark.y + mark.height / 2, { button: 'right' });
  const suggestions = page.getByTestId('spelling-suggestions');
  await expect(suggestions.getByRole('menuitem', { name: 'Lieferung', exact: true })).toBeVisible({ timeout: 30_000 });
  await shoot(page, 'spelling-suggestions');
  await suggestions.getByRole('menuitem', { name: 'Lieferung', exact: true }).click();
  await expect(body).toHaveValue(text.replace('Lieferrung', 'Lieferung'));
  await expect(misspelled).toHaveCount(0);
  // The dictionaries came from the bridge itself.
  expect(requests.filter((u) => /\.(aff|dic)$/.test(new URL(u).pathname)).length).toBeGreaterThanOrEqual(2);
});
