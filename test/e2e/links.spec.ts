/**
 * Links in a message ask first, in Debian's Chromium over `parley serve --http`: a click on a link in an HTML mail
 * (inside the sandboxed frame) and in a plain-text mail shows the confirmation with the real target, warns when the
 * link text names another domain, and opens nothing by itself (no popup, no request outside the bridge: the page
 * fixture checks). Its own data directory, so the seller's-day tests keep their counts.
 */
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';
import { ParleyEnv } from './support/parley-env.js';

const GRETA = { name: 'Greta Link', address: 'greta.link@example.net' };
const HANS = { name: 'Hans Plain', address: 'hans.plain@example.org' };
const TRACKING = 'https://tracking.parcel.example/track?id=00340434161094042557';
const PHISH = 'https://paypal-login.attacker.example/verify?session=1';

let env: ParleyEnv | undefined;
test.beforeAll(async () => {
  env = await ParleyEnv.create({ demo: true });
  await env.server.call('settings.update', { ui: { language: 'en' } });
  await env.mailFromBuyer({
    from: GRETA,
    subject: 'Two links',
    text: 'Tracking and payment',
    html: `<p>My parcel: <a href="${TRACKING}">tracking page</a>.</p><p>Please pay here: <a href="${PHISH}">www.paypal.com</a></p>`,
  });
  await env.mailFromBuyer({
    from: HANS,
    subject: 'Plain link',
    text: `Hello, the parcel is here: ${TRACKING} - thanks!`,
  });
});
test.afterAll(async () => {
  await env?.dispose();
});

test('a link click in an HTML mail shows the real target and opens nothing by itself', async ({ page, shoot }) => {
  const popups: string[] = [];
  page.context().on('page', (p) => popups.push(p.url()));
  const inbox = new InboxPage(page);
  await inbox.open(env!.server.url);
  await inbox.choose('all');
  await inbox.openConversation(GRETA.name);
  const frame = inbox.conversation.frameLocator('[data-testid="html-frame"]').first();

  await frame.getByRole('link', { name: 'tracking page' }).click();
  const dialog = page.getByTestId('link-confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('link-target')).toHaveText(TRACKING);
  await expect(dialog.getByTestId('link-domain')).toHaveText('tracking.parcel.example');
  await expect(dialog.getByTestId('link-mismatch')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // The message is still shown after the click (the frame is put back).
  await expect(frame.getByRole('link', { name: 'www.paypal.com' })).toBeVisible();

  await frame.getByRole('link', { name: 'www.paypal.com' }).click();
  await expect(dialog.getByTestId('link-target')).toHaveText(PHISH);
  await expect(dialog.getByTestId('link-mismatch')).toContainText('names paypal.com, but the link leads to');
  await shoot(page, 'links-confirm-mismatch');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(popups).toEqual([]);
  expect(new URL(page.url()).origin).toBe(new URL(env!.server.url).origin); // the page itself never left
});

test('a link in a plain-text mail asks the same way', async ({ page }) => {
  const popups: string[] = [];
  page.context().on('page', (p) => popups.push(p.url()));
  const inbox = new InboxPage(page);
  await inbox.open(env!.server.url);
  await inbox.choose('all');
  await inbox.openConversation(HANS.name);
  await inbox.message('the parcel is here').getByRole('link', { name: TRACKING }).click();
  const dialog = page.getByTestId('link-confirm');
  await expect(dialog.getByTestId('link-target')).toHaveText(TRACKING);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(popups).toEqual([]);
});
