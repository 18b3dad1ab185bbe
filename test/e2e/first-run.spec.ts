/**
 * First run, end to end: an empty data directory, `parley serve --http` on it, and a
 * new seller who sets up a shop in the browser — tests the smarthost connection, creates the
 * shop, and sees the first buyer message arrive live over the relay it just started.
 */
import { expect, test } from './support/fixtures.js';
import { InboxPage } from './support/inbox-page.js';
import { ParleyEnv } from './support/parley-env.js';

test('a new seller sets up a shop and receives the first buyer message live', async ({ page, shoot }) => {
  const env = await ParleyEnv.create({ demo: false });
  try {
    expect((await env.server.call('app.status', {})).firstRun).toBe(true);
    await page.goto(env.server.url);
    await page.getByRole('combobox', { name: /language|sprache/i }).selectOption('en');
    await expect(page.getByRole('heading', { name: 'Welcome to Parley' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Explore with demo data' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Set up my shop' })).toBeVisible();
    await shoot(page, 'first-run');

    await page.getByRole('button', { name: 'Set up my shop' }).click();
    const form = page.getByRole('form', { name: 'Set up my shop' });
    await form.getByLabel(/shop name/i).fill('Drechslerei Vogel');
    await form.getByLabel(/customer-service address/i).fill('kontakt@drechslerei-vogel.example');
    await form.getByLabel(/smarthost url/i).fill(env.smarthost.url);
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByTestId('smarthost-test-result')).toContainText('Connected');
    await shoot(page, 'first-run-shop');
    await form.getByRole('button', { name: 'Create my shop' }).click();
    // Where buyer mail arrives: here the relay's SMTP port (intake.spec.ts connects a mailbox instead).
    await page.getByRole('button', { name: 'Skip for now' }).click();
    // The end: the login for the seller's own mail program, its password shown this once.
    const client = page.getByTestId('client-setup');
    await expect(client.getByTestId('client-setup-user')).toHaveText('drechslerei-vogel');
    await expect(client.getByTestId('client-setup-password')).toHaveText(/^[\w-]{20,}$/);
    await shoot(page, 'first-run-mail-client');
    await page.getByTestId('first-run-done').click();

    const inbox = new InboxPage(page);
    await expect(inbox.filters).toBeVisible({ timeout: 20_000 });
    await inbox.expectCount('response-needed', 0);
    const status = await env.server.call('app.status', {});
    expect(status.seller?.name).toBe('Drechslerei Vogel');
    expect(status.relayStatus.running).toBe(true);

    // A buyer writes to the new shop's relay address: it shows up without a reload (R20 default filter).
    await env.mailFromBuyer({
      from: { name: 'Greta Hartmann', address: 'greta.hartmann@example.de' },
      subject: 'Drechselt ihr auch Kerzenständer?',
      text: 'Hallo,\n\nmachen Sie auch Kerzenständer aus Kirschholz?\n\nGreta\n',
    });
    await inbox.expectCount('response-needed', 1);
    await expect(inbox.row('Greta Hartmann')).toHaveCount(1);
  } finally {
    await env.dispose();
  }
});
