/**
 * Saved replies in Chromium over the web bridge, with the demo data:
 * - in a conversation with an order, Ctrl+Shift+E opens the saved replies, typing filters them, and Enter inserts the
 *   one picked with the buyer's name and order number filled in;
 * - saving a review request in Settings → Saved replies and signatures shows the R11 warning, and the list flags it.
 */
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';

const JAMES = 'James Smith';

test.beforeAll(async ({ demoEnv }) => {
  await demoEnv.server.call('settings.update', { ui: { language: 'en' } });
});

test("a saved reply picked in the composer fills in the buyer's name and order number", async ({ page, demoEnv }) => {
  await demoEnv.server.call('templates.save', {
    name: 'Delivery date',
    language: 'en',
    subject: 'Your order {orderId}',
    body: 'Dear {buyerName},\n\nwhich day suits you for the delivery of order {orderId}?',
  });
  await demoEnv.server.call('templates.save', { name: 'Address', language: 'en', body: 'Please check the address.' });
  const { rows } = await demoEnv.server.call('orders.list', { query: 'James' });
  const latest = rows.find((o: { buyerName: string | null }) => o.buyerName === JAMES)!.orderId;

  const inbox = new InboxPage(page);
  await inbox.open(demoEnv.server.url);
  await inbox.choose('all');
  await inbox.openConversation(JAMES);
  await inbox.conversation.getByTestId('new-message-button').click();
  const composer = inbox.composer();
  const body = inbox.body(composer);
  await expect(body).toBeFocused();

  await page.keyboard.press('Control+Shift+E');
  const picker = page.getByTestId('template-picker');
  await expect(picker.getByRole('option')).toHaveCount(2);
  await page.keyboard.type('deliv');
  await expect(picker.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(body).toHaveValue(
    new RegExp(`^Dear ${JAMES},\\n\\nwhich day suits you for the delivery of order ${latest}\\?`),
  );
  await expect(body).not.toHaveValue(/\{buyerName\}|\{orderId\}/);
  await expect(composer.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Your order ${latest}`);
  await expect(body).toBeFocused();
});

test('saving a review request in Settings shows the R11 warning and flags it in the list', async ({
  page,
  demoEnv,
}) => {
  await page.goto(demoEnv.server.url);
  await page.getByRole('button', { name: /^settings$/i }).click();
  const section = page.getByRole('dialog').getByTestId('templates');
  await section.getByRole('button', { name: 'New saved reply' }).click();
  await section.getByRole('textbox', { name: 'Name' }).fill('Review please');
  await section.getByLabel('Language').selectOption('de');
  await section
    .getByRole('textbox', { name: 'Text', exact: true })
    .fill('Hallo {buyerName}, wir würden uns sehr über eine positive Bewertung mit fünf Sternen freuen. Vielen Dank!');
  await section.getByRole('button', { name: 'Save', exact: true }).click();
  const warning = section.getByTestId('template-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('review or feedback request');
  // Words first, no rule id; R11 and R12 with their text behind "Why?".
  await expect(warning.locator('p').first()).not.toContainText('R11');
  await warning.getByText('Why?').click();
  await expect(warning.getByTestId('template-warning-why')).toContainText('R11');
  const row = section.getByRole('listitem').filter({ hasText: 'Review please' });
  await expect(row.getByTestId('template-flag')).toHaveText('Policy warning');
  // Still saved: the composer's list offers it.
  const saved = await demoEnv.server.call('templates.list', {});
  expect(saved.find((t: { name: string }) => t.name === 'Review please')?.warning?.category).toBe('review-request');
});
